"""The respondent's survey through Django's test client: flow, validation, resume, locking."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from surveyhelp import INNOVATED, NOT_INNOVATED, complete, issue, save, version_of

from barometer.web.models import PageSave, Response


def html(response: Any) -> str:
    return response.content.decode()


def hidden_question(text: str, name: str) -> bool:
    """Whether the question's element is in the page with the ``hidden`` attribute."""
    match = re.search(rf'<[^>]*data-q="{name}"[^>]*>', text)
    assert match, f"{name} is not in the page"
    return re.search(r"\shidden[\s>]", match.group(0)) is not None


def test_complete_with_skip_logic_review_submit_and_read_only_copy(
    client: Client, link: str
) -> None:
    first = client.get(link)
    assert first.status_code == 302 and first["Location"].endswith("/page/organisation/")
    complete(client, link, {k: v for k, v in NOT_INNOVATED.items() if k != "closing"})
    response = Response.objects.get()
    assert response.current_page == "closing"  # "recent" and "factors" were skipped
    closing = client.get(f"{link}page/closing/")
    assert hidden_question(html(closing), "f1_interview")  # only asked of innovators
    after = save(client, link, "closing", NOT_INNOVATED["closing"])
    assert after["Location"].endswith("/review/")
    review = client.get(f"{link}review/")
    text = html(review)
    assert "Controleer uw antwoorden" in text and "100 tot 250 medewerkers" in text
    assert "Factoren" not in text
    submitted = client.post(f"{link}submit/", {"version": version_of(text)})
    assert submitted.status_code == 303 and submitted["Location"].endswith("/done/")
    done = client.get(f"{link}done/")
    assert done.status_code == 200 and "Bedankt" in html(done) and "100 tot 250" in html(done)
    assert "<form" not in html(done).split("<main", 1)[1]  # read-only
    # After submission the answers cannot change.
    assert client.get(link)["Location"].endswith("/done/")
    late = client.post(f"{link}page/organisation/", {"a1_size": "lt100", "version": 99})
    assert late.status_code == 302
    response.refresh_from_db()
    assert response.status == "completed" and response.answers["a1_size"] == "100_249"
    assert response.answers == {k: v for page in NOT_INNOVATED.values() for k, v in page.items()}
    versions = list(PageSave.objects.values_list("version", flat=True).order_by("version"))
    assert versions == list(range(1, len(versions) + 1))


def test_innovators_get_the_long_path(client: Client, link: str) -> None:
    complete(client, link, INNOVATED)
    answers = Response.objects.get().answers
    assert answers["d9_collab_phases"] == ["development"] and answers["f1_interview"] == "no"


def test_errors_next_to_fields_and_announced(client: Client, link: str) -> None:
    response = save(client, link, "covid", {"b1_production": "less"})
    assert response.status_code == 200
    text = html(response)
    assert "<title>Fout:" in text
    assert 'id="error-summary" role="alert" tabindex="-1"' in text
    assert 'href="#q-b2_homework_share-1"' in text
    assert 'aria-invalid="true" aria-describedby="q-b2_homework_share-error"' in text
    assert 'id="q-b2_homework_share-error"' in text and "Deze vraag is verplicht." in text
    assert 'value="less" checked' in text  # the valid answer was kept ...
    assert Response.objects.get().answers == {"b1_production": "less"}  # ... and saved


def test_new_questions_on_the_same_page_are_announced_not_flagged(
    client: Client, link: str
) -> None:
    page = client.get(f"{link}page/innovation/")
    assert hidden_question(html(page), "c2_count")  # in the page for the script, hidden
    data = {"c1_innovated": "yes", "version": version_of(html(page)), "shown": "c1_innovated"}
    response = client.post(f"{link}page/innovation/", data)  # as a browser without script
    text = html(response)
    assert response.status_code == 200 and 'class="notice" role="status">' in text
    assert not hidden_question(text, "c2_count") and 'data-q="c2_count"' in text
    assert "error-summary" not in text


def test_going_back_saves_without_requiring_answers(client: Client, link: str) -> None:
    save(client, link, "organisation", {"a1_size": "lt100"})
    back = save(client, link, "covid", {"b1_production": "more"}, action="previous")
    assert back.status_code == 303 and back["Location"].endswith("/page/organisation/")
    assert Response.objects.get().answers["b1_production"] == "more"


def test_resume_on_another_device_with_the_same_or_a_newer_link(client: Client, link: str) -> None:
    save(client, link, "organisation", {"a1_size": "lt100"})
    save(client, link, "covid", NOT_INNOVATED["covid"])
    other = Client()
    assert other.get(link)["Location"].endswith("/page/innovation/")
    reminder_link = issue("G1")
    assert other.get(reminder_link)["Location"].endswith("/page/innovation/")
    page = other.get(f"{reminder_link}page/organisation/")
    assert 'value="lt100" checked' in html(page)


def test_concurrent_edit_is_refused_and_offers_the_current_answers(link: str) -> None:
    a, b = Client(), Client()
    version = version_of(html(a.get(f"{link}page/organisation/")))
    assert version_of(html(b.get(f"{link}page/organisation/"))) == version
    assert save(a, link, "organisation", {"a1_size": "lt100"}, version).status_code == 303
    stale = save(b, link, "organisation", {"a1_size": "500plus"}, version)
    text = html(stale)
    assert stale.status_code == 409
    assert "Uw antwoorden zijn niet opgeslagen" in text and 'role="alert"' in text
    assert 'value="lt100" checked' in text and 'value="500plus" checked' not in text
    assert Response.objects.get().answers == {"a1_size": "lt100"}
    again = save(b, link, "organisation", {"a1_size": "500plus"}, version_of(text))
    assert again.status_code == 303
    assert Response.objects.get().answers == {"a1_size": "500plus"}


def test_submit_with_missing_answers_goes_to_the_first_problem(client: Client, link: str) -> None:
    save(client, link, "organisation", {"a1_size": "lt100"})
    review = client.get(f"{link}review/")
    response = client.post(f"{link}submit/", {"version": version_of(html(review))})
    assert response.status_code == 303 and response["Location"].endswith("/page/covid/?check=1")
    checked = client.get(response["Location"])
    assert "error-summary" in html(checked)
    assert Response.objects.get().status == "partial"
    stale = client.post(f"{link}submit/", {"version": 0})
    assert stale.status_code == 409 and "niet opgeslagen" in html(stale)


def test_language_switch(client: Client, link: str) -> None:
    switched = client.get(f"{link}page/organisation/?lang=en")
    assert switched.status_code == 302 and switched["Location"].endswith("/page/organisation/")
    cookie = switched.cookies["lang"]
    assert cookie.value == "en" and cookie["httponly"] and cookie["samesite"] == "Lax"
    page = html(client.get(f"{link}page/organisation/"))
    assert '<html lang="en">' in page and "How many employees" in page
    assert 'hreflang="nl"' in page
    page = html(client.get(f"{link}page/organisation/?lang=nl", follow=True))
    assert '<html lang="nl">' in page and "Hoeveel medewerkers" in page


def test_opt_out_needs_a_form_post(client: Client, link: str) -> None:
    from barometer.web.models import Organisation

    form = client.get(f"{link}optout/")
    assert form.status_code == 200 and "Gemeente Aadorp" in html(form)
    assert Organisation.objects.get(org_id="G1").opted_out_at is None
    client.post(f"{link}optout/")
    assert Organisation.objects.get(org_id="G1").opted_out_at is not None


def test_a_save_that_lands_between_read_and_write_is_not_overwritten(
    client: Client, link: str, monkeypatch: Any
) -> None:
    """The compare-and-set: another window saves after this request read the response."""
    from barometer.web import store

    real_save = store.save

    def other_window_first(response: Response, **kw: Any) -> bool:
        Response.objects.filter(pk=response.pk).update(
            answers={"a1_size": "lt100"}, version=response.version + 1
        )
        return real_save(response, **kw)

    page = client.get(f"{link}page/organisation/")
    monkeypatch.setattr(store, "save", other_window_first)
    stale = save(client, link, "organisation", {"a1_size": "500plus"}, version_of(html(page)))
    assert stale.status_code == 409 and 'value="lt100" checked' in html(stale)
    assert Response.objects.get().answers == {"a1_size": "lt100"}
    assert not PageSave.objects.exists()  # nothing logged for the refused save
    monkeypatch.setattr(store, "save", real_save)
    complete(client, link, NOT_INNOVATED)
    review = client.get(f"{link}review/")
    monkeypatch.setattr(store, "save", other_window_first)
    refused = client.post(f"{link}submit/", {"version": version_of(html(review))})
    assert refused.status_code == 409 and Response.objects.get().status == "partial"


def test_a_page_save_is_one_statement_on_postgresql(client: Client, link: str) -> None:
    """Token look-up and save are prepared statements; a save is one (UPDATE + INSERT)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = client.get(f"{link}page/organisation/")
    with CaptureQueriesContext(connection) as queries:
        saved = save(client, link, "organisation", {"a1_size": "lt100"}, version_of(html(page)))
    assert saved.status_code == 303
    assert PageSave.objects.get().version == Response.objects.get().version == 1
    if connection.vendor == "postgresql":
        assert len(queries) == 0  # both statements bypass Django's cursor: prepared
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            prepared = " ".join(row[0] for row in cursor.fetchall())
        assert "web_accesstoken" in prepared and "WITH saved AS (UPDATE" in prepared
