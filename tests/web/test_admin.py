"""The admin: Dutch model names, codes shown with their labels, and a response deleted only
one at a time with a reason that is logged."""

from __future__ import annotations

from typing import Any

from django.test import Client
from surveyhelp import save

from barometer.classification import classification
from barometer.web.models import Response, ResponseDeletion


def test_model_names_are_dutch(admin_client: Client, wave: Any) -> None:
    html = admin_client.get("/admin/").content.decode()
    for name in ["Veldwerkrondes", "Organisaties", "Ingevulde vragenlijsten",
                 "Uitnodigingen en herinneringen", "Verwijderde vragenlijsten"]:  # fmt: skip
        assert name in html, name
    for english in [">Waves<", ">Organisations<", ">Responses<", ">Message logs<"]:
        assert english not in html


def test_codes_show_their_labels(admin_client: Client, wave: Any) -> None:
    html = admin_client.get("/admin/web/organisation/").content.decode()
    cls = classification()
    label = cls.cluster_label("gemeenten_onderdelen", "nl")
    assert label != "gemeenten_onderdelen" and label in html
    assert cls.sector_label("waterschappen", "nl") in html
    assert ">gemeenten_onderdelen<" not in html
    filtered = admin_client.get("/admin/web/organisation/?cluster=watermanagement")
    assert "Waterschap Drie" in filtered.content.decode()
    assert "Gemeente Aadorp" not in filtered.content.decode()


def test_responses_have_no_bulk_delete(admin_client: Client, client: Client, link: str) -> None:
    assert save(client, link, "organisation", {"a1_size": "lt100"}).status_code == 303
    pk = Response.objects.get().pk
    listing = admin_client.get("/admin/web/response/").content.decode()
    assert 'name="action"' not in listing and "delete_selected" not in listing
    admin_client.post(
        "/admin/web/response/", {"action": "delete_selected", "_selected_action": [pk]}
    )
    assert Response.objects.filter(pk=pk).exists()


def test_one_response_is_deleted_with_a_logged_reason(
    admin_client: Client, client: Client, link: str, admin_user: Any
) -> None:
    assert save(client, link, "organisation", {"a1_size": "lt100"}).status_code == 303
    pk = Response.objects.get().pk
    url = f"/admin/web/response/{pk}/delete/"
    form = admin_client.get(url)
    assert form.status_code == 200 and 'for="id_reason"' in form.content.decode()
    refused = admin_client.post(url, {"reason": "  "})
    assert refused.status_code == 400 and Response.objects.filter(pk=pk).exists()
    assert not ResponseDeletion.objects.exists()
    done = admin_client.post(url, {"reason": "Dubbel ingevuld door de gemeente"})
    assert done.status_code == 302 and not Response.objects.filter(pk=pk).exists()
    entry = ResponseDeletion.objects.get()
    assert (entry.wave, entry.org_id, entry.status) == ("w1", "G1", "partial")
    assert entry.reason == "Dubbel ingevuld door de gemeente"
    assert entry.deleted_by == admin_user.username and entry.answers_count == 1
    assert "G1" in admin_client.get("/admin/web/responsedeletion/").content.decode()
    assert admin_client.post(f"/admin/web/responsedeletion/{entry.pk}/delete/").status_code == 403
