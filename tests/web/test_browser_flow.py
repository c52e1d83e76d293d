"""The questionnaire as a respondent meets it in a real browser (Debian's chromium via
Playwright, gunicorn, PostgreSQL when TEST_DATABASE_URL is set, else SQLite):

- skip logic shows and hides questions in the page, with no reload: every "Save and
  continue" goes to the next section at the first click, and the page number and the
  progress bar never go backwards;
- batteries render as grids that axe finds no fault in at 1280 and 320 px;
- "Change" on the review page returns to the review page; a change that hides answered
  questions is announced first, and changing it back restores the hidden answers.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright
from serverutil import Server, backend_url, prepare_wave, responses
from surveyhelp import INNOVATED

pytestmark = pytest.mark.external

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Axe()
BACKEND = "postgresql" if os.environ.get("TEST_DATABASE_URL") else "sqlite"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    tmp = tmp_path_factory.mktemp(BACKEND)
    for url in backend_url(BACKEND, tmp):
        server = Server(url, tmp, workers=2)
        links = prepare_wave(url, tmp, 3, "http://placeholder")
        server.start()
        try:
            yield server, [link.replace("http://placeholder", server.url) for link in links]
        finally:
            server.stop()


def accessible(page: Page) -> None:
    results = AXE.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def progress(page: Page) -> tuple[int, int, float]:
    text = page.locator("#progress-text").inner_text()
    match = re.fullmatch(r"Pagina (\d+) van (\d+)", text)
    assert match, text
    value = float(page.evaluate("document.querySelector('progress').position"))
    return int(match.group(1)), int(match.group(2)), value


def answer(page: Page, answers: dict[str, Any]) -> None:
    """Answer in questionnaire order; a question must be visible when its turn comes."""
    for name, value in answers.items():
        if isinstance(value, list):
            for v in value:
                page.check(f"input[name='{name}'][value='{v}']")
        elif page.locator(f"textarea[name='{name}']").count():
            page.fill(f"textarea[name='{name}']", value)
        else:
            page.check(f"input[name='{name}'][value='{value}']")


def visible(page: Page, name: str) -> bool:
    return page.locator(f"[data-q='{name}']").is_visible()


def test_innovator_without_reloads_and_a_change_of_mind(browser: Browser, site: Any) -> None:
    server, links = site
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    loads: list[str] = []
    page.on("load", lambda p: loads.append(p.url))
    page.goto(links[0])
    seen: list[tuple[int, int, float]] = []
    for name, answers in INNOVATED.items():
        assert page.url.endswith(f"/page/{name}/"), page.url
        seen.append(progress(page))
        page.evaluate("window.sameDocument = true")
        if name == "innovation":
            assert not visible(page, "c2_count")
            page.check("input[name='c1_innovated'][value='yes']")
            assert visible(page, "c2_count")  # shown at once ...
            assert page.evaluate("window.sameDocument === true")  # ... without a reload
        if name == "recent":
            assert not visible(page, "d9_collab_phases")
            assert not visible(page, "d10_dissemination_how")
        if name in ("factors", "climate"):
            assert page.locator(".grid .grid-row").count() == (17 if name == "factors" else 15)
            accessible(page)
            page.set_viewport_size({"width": 320, "height": 640})
            accessible(page)
            page.set_viewport_size({"width": 1280, "height": 800})
        answer(page, answers)
        assert page.evaluate("window.sameDocument === true")
        before = len(loads)
        page.click("button[value='next']")  # one click: no "questions were added" round
        page.wait_for_load_state()
        assert len(loads) == before + 1
        assert page.locator("#error-summary").count() == 0, page.url
        assert page.locator(".notice[role='status']:not([hidden])").count() == 0
    assert page.url.endswith("/review/")
    assert [n for n, _, _ in seen] == sorted(n for n, _, _ in seen)
    assert len({t for _, t, _ in seen}) == 1  # the total never changes
    positions = [v for _, _, v in seen]
    assert positions == sorted(positions) and positions[0] < positions[-1]
    description = INNOVATED["recent"]["d1_description"]
    assert description in page.locator("main").inner_text()

    # A change of mind on the review page: "Change" the innovation section to "No".
    page.click("#sec-innovation ~ p a")
    assert re.search(r"/page/innovation/\?review=1$", page.url)
    warning = page.locator("#hides-warning")
    assert not warning.is_visible()
    page.check("input[name='c1_innovated'][value='no']")
    assert not visible(page, "c2_count")
    assert warning.is_visible()  # said before anything is saved
    assert re.search(r"vervallen \d+ vragen", warning.inner_text())
    accessible(page)
    page.check("input[name='c1_innovated'][value='yes']")
    assert not warning.is_visible()  # back as it was: nothing to warn about
    page.check("input[name='c1_innovated'][value='no']")
    page.click("button[value='next']")
    page.wait_for_url("**/review/")  # straight back to the review page
    main = page.locator("main").inner_text()
    assert description not in main and "Factoren" not in main
    assert "eerder beantwoorde vragen niet meer" in main
    stored = responses(server.database_url)["E000"][0]
    assert stored["d1_description"] == description  # kept, not destroyed

    # ... and back to "Yes": everything returns.
    page.click("#sec-innovation ~ p a")
    page.check("input[name='c1_innovated'][value='yes']")
    assert page.is_checked(f"input[name='c2_count'][value='{INNOVATED['innovation']['c2_count']}']")
    page.click("button[value='next']")
    page.wait_for_url("**/review/")
    main = page.locator("main").inner_text()
    assert description in main and "Factoren" in main
    assert "niet meer" not in main
    page.click("button[type='submit']")
    page.wait_for_url("**/done/")
    answers, _, status, _ = responses(server.database_url)["E000"]
    expected = {k: v for p in INNOVATED.values() for k, v in p.items()}
    assert status == "completed" and answers == expected
    page.close()


def test_hidden_answers_are_cleared_at_submission(browser: Browser, site: Any) -> None:
    server, links = site
    page = browser.new_page()
    page.goto(links[1])
    for answers in INNOVATED.values():
        answer(page, answers)
        page.click("button[value='next']")
        page.wait_for_load_state()
    page.click("#sec-innovation ~ p a")
    page.check("input[name='c1_innovated'][value='no']")
    page.click("button[value='next']")
    page.wait_for_url("**/review/")
    assert "d1_description" in responses(server.database_url)["E001"][0]
    page.click("button[type='submit']")
    page.wait_for_url("**/done/")
    answers, _, status, _ = responses(server.database_url)["E001"]
    assert status == "completed"
    assert answers["c1_innovated"] == "no"
    assert not set(answers) & set(INNOVATED["recent"]) and "c2_count" not in answers
    assert "f1_interview" not in answers
    page.close()
