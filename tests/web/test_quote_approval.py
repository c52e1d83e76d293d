"""Staff approve and reject candidate quotes in the admin; the approvals file it gives is
the one ``barometer report --approvals`` reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from barometer.disclosure.quotes import quote_id, read_approvals


@pytest.fixture
def quotes(wave: Any) -> list[Any]:
    from barometer.web.models import QuoteApproval

    texts = ["Een dashboard voor de wijkteams.", "<script>alert(1)</script> chatbot",
             "Thuiswerken met vaste overlegdagen."]  # fmt: skip
    rows = [(quote_id(f"ORG{i}", "d1_description", t), "d1_description", t)
            for i, t in enumerate(texts)]  # fmt: skip
    assert QuoteApproval.load_candidates(wave, rows) == 3
    assert QuoteApproval.load_candidates(wave, rows) == 0  # known ones are not added twice
    return list(QuoteApproval.objects.filter(wave=wave).order_by("text"))


def test_the_quote_admin_needs_a_login(client: Client, quotes: list[Any]) -> None:
    response = client.get("/admin/web/quoteapproval/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_staff_approve_and_reject_and_download_the_approvals(
    admin_client: Client, quotes: list[Any], tmp_path: Path
) -> None:
    from barometer.web.models import QuoteApproval

    page = admin_client.get("/admin/web/quoteapproval/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    first, second, third = quotes
    url = "/admin/web/quoteapproval/"
    done = admin_client.post(url, {"action": "approve", "_selected_action": [first.pk, third.pk]})
    assert done.status_code == 302
    admin_client.post(url, {"action": "reject", "_selected_action": [second.pk]})
    statuses = dict(QuoteApproval.objects.values_list("quote_id", "status"))
    assert statuses == {first.quote_id: "approved", second.quote_id: "rejected",
                        third.quote_id: "approved"}  # fmt: skip
    assert QuoteApproval.objects.get(pk=first.pk).decided_by == "admin"
    response = admin_client.post(url, {"action": "download_approvals",
                                       "_selected_action": [first.pk]})  # fmt: skip
    assert response["Content-Disposition"].startswith("attachment;")
    path = tmp_path / "approvals.yaml"
    path.write_bytes(response.content)
    assert read_approvals(path).approved == frozenset({first.quote_id, third.quote_id})


def test_nobody_adds_a_quote_by_hand(admin_client: Client, quotes: list[Any]) -> None:
    assert admin_client.get("/admin/web/quoteapproval/add/").status_code == 403
