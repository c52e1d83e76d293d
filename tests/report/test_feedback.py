"""Per-organisation feedback reports: own answers, sector figures without the organisation
itself, fallbacks for small sectors, and no trace of any other organisation."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from barometer.dataset import Dataset
from barometer.report.feedback.build import (
    FeedbackContext,
    FeedbackError,
    FeedbackReport,
    build_feedback,
    feedback_context,
    render_feedback,
    requested_org_ids,
    write_all_feedback,
    write_feedback,
    write_feedback_pdf,
)
from barometer.report.feedback.compute import cell
from barometer.stats.scale import scale_score

STATEMENTS = (
    "e01_collab_other", "e02_apply_elsewhere", "e03_ideas_valued", "e04_citizen_perspective",
    "e05_learn_mistakes", "e06_time", "e07_management_support", "e08_experiment",
    "e09_evaluate", "e10_employees_involved", "e11_vision", "e12_resources",
    "e13_share_knowledge", "e14_werk_safety", "e15_werk_improve",
)  # fmt: skip
AGREE = ("strongly_disagree", "disagree", "neutral", "agree", "strongly_agree")
Build = Callable[..., Dataset]
Org = Callable[..., dict[str, Any]]


@pytest.fixture(scope="module")
def org(answers: Org) -> Org:
    """``org(innovated="yes", level=4, **changes)``: complete answers (conftest's
    ``make_answers``) with every climate statement at ``level`` (1-5)."""

    def make(innovated: str = "yes", level: int = 4, **changes: Any) -> dict[str, Any]:
        climate = {s: AGREE[level - 1] for s in STATEMENTS}
        return answers(innovated, **{**climate, **changes})

    return make


# e03 in gemeenten (org000-org006): 5, 4, 2, 3, 4, dont_know, 1
E03 = ["strongly_agree", "agree", "disagree", "neutral", "agree", "dont_know", "strongly_disagree"]
# c1 in gemeenten: yes, yes, no, yes, dont_know, yes, yes
C1 = ["yes", "yes", "no", "yes", "dont_know", "yes", "yes"]
SECTORS = ["gemeenten"] * 7 + ["waterschappen"] * 5 + ["provincies"] * 3 + ["hoge_colleges"] * 3


@pytest.fixture(scope="module")
def small(build: Build, org: Org) -> Dataset:
    """18 organisations: 7 gemeenten, 5 waterschappen, 3 provincies, 3 hoge colleges.

    The waterschappen (5) are shown on their own in the main report, but each has only 4
    other waterschappen; provincies and hoge colleges merge into the remainder (6).
    """
    rows = [
        org(C1[i], level=3 + i % 3, e03_ideas_valued=E03[i], f2_feedback_report="yes" if i in (0, 3) else "no")
        for i in range(7)
    ]  # fmt: skip
    rows += [org("yes", level=2 + i % 4, f2_feedback_report="no") for i in range(5)]
    rows += [
        org("no", level=3 + i % 2, f2_feedback_report="yes" if i == 2 else "no") for i in range(6)
    ]
    return build(rows, sectors=SECTORS)


@pytest.fixture(scope="module")
def small_frame(small: Dataset) -> pd.DataFrame:
    ids = list(small.data["org_id"])
    return pd.DataFrame({
        "org_id": ids, "sector": SECTORS, "name": [f"Organisatie Noordwaard {i}" for i in range(len(ids))],
        "contact_name": [f"Jan Pietersen{i}" for i in range(len(ids))],
    })  # fmt: skip


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --------------------------------------------------------------------------- hand data
def test_own_values_are_the_organisations(small: Dataset) -> None:
    r = build_feedback(small, "org000")
    assert r.org_id == "org000" and r.group_kind == "sector" and r.group_n == 7
    assert r.block("innovated").rows[0].own == "Ja"
    statements = {row.key: row for row in r.block("statements").rows}
    assert statements["e03_ideas_valued"].own == "Helemaal eens"
    assert statements["e04_citizen_perspective"].own == "Neutraal"  # level 3
    # the fixed 2021 scale (e03..e15) is used: the analysis needs more organisations
    answers = [5] + [3] * 12
    assert r.own_score == pytest.approx(np.mean(answers))
    assert r.own_group == "limited"
    assert r.missing == ()


def test_group_figures_are_the_published_group_aggregate(small: Dataset) -> None:
    r = build_feedback(small, "org000")
    e03 = next(row for row in r.block("statements").rows if row.key == "e03_ideas_valued")
    # the 7 gemeenten, org000 included (as in the main report): 5, 4, 2, 3, 4, dk, 1
    assert e03.group is not None
    assert (e03.group.pct, e03.group.n) == (pytest.approx(100 * 3 / 7), 7)
    # all 18: 3 of 7 gemeenten + 11 others at level 2-5 answering every statement
    levels = [2 + i % 4 for i in range(5)] + [3 + i % 2 for i in range(6)]
    agree_rest = sum(v >= 4 for v in levels)
    assert (e03.overall.pct, e03.overall.n) == (pytest.approx(100 * (3 + agree_rest) / 18), 18)
    innovated = r.block("innovated").rows[0]
    # gemeenten: yes, yes, no, yes, dont_know, yes, yes -> 5 of 7
    assert innovated.group is not None
    assert (innovated.group.pct, innovated.group.n) == (pytest.approx(100 * 5 / 7), 7)
    # org003 sees exactly the same group figure: nothing moves with its own answers
    e03_3 = next(
        row for row in build_feedback(small, "org003").block("statements").rows
        if row.key == "e03_ideas_valued"
    )  # fmt: skip
    assert e03_3.group == e03.group and e03_3.overall == e03.overall


def test_innovator_figures_below_min_n_are_hidden(small: Dataset) -> None:
    r = build_feedback(small, "org000")
    # other innovators in gemeenten: org001, org003, org005, org006 -> 4 < 5
    for key in ("spectrum", "factors", "results"):
        block = r.block(key)
        assert all(row.group is not None and not row.group.shown for row in block.rows)
        assert all(row.overall.shown for row in block.rows)
        assert any("niet getoond" in note for note in block.notes)
    html = render_feedback(r)
    assert "–" in html


def test_a_published_sector_of_five_is_the_group(small: Dataset) -> None:
    r = build_feedback(small, "org007")  # waterschappen: 5, published on its own in Tabel 1
    assert r.group_kind == "sector" and r.group_label == "Waterschappen" and r.group_n == 5
    innovated = r.block("innovated").rows[0]
    # all 5 innovated: 100% in a group of 5 (< group_min = 10) says it of each: hidden
    assert innovated.group is not None and not innovated.group.shown
    html = _text(render_feedback(r))
    assert "Waterschappen" in html and "(5 organisaties)" in html


def test_small_sector_uses_the_remainder_group(small: Dataset) -> None:
    r = build_feedback(small, "org012")  # provincies (3) + hoge colleges (3) -> remainder
    assert r.group_kind == "remainder" and r.group_n == 6
    assert r.group_label == "Overige sectoren (Provincies, Hoge Colleges van Staat)" or (
        r.group_label == "Overige sectoren (Hoge Colleges van Staat, Provincies)"
    )
    assert "samengevoegde groep" in r.group_line and "Provincies" in r.group_line
    row = r.block("innovated").rows[0]
    assert row.own == "Nee"
    # nobody in the group innovated: 0% in a group of 6 is group disclosure, not shown
    assert row.group is not None and not row.group.shown


def test_the_label_names_what_the_group_holds(build: Build, org: Org) -> None:
    """A remainder that also holds a small Rechtswezen sector says so (issue 10)."""
    sectors = ["gemeenten"] * 8 + ["provincies"] * 3 + ["hoge_colleges"] * 2 + ["rechtswezen"] * 2
    ds = build([org("yes") for _ in sectors], sectors=sectors)
    r = build_feedback(ds, "org013")
    assert r.group_kind == "remainder" and r.group_n == 7
    assert r.group_label is not None and "Rechtswezen" in r.group_label
    assert "Provincies" in r.group_label and "Hoge Colleges" in r.group_label


def test_group_hidden_when_the_rest_of_the_overall_base_is_small(build: Build, org: Org) -> None:
    # 10 gemeenten, all innovators; 6 waterschappen of which 2 innovated
    rows = [org("yes") for _ in range(10)] + [org("yes")] * 2 + [org("no")] * 4
    ds = build(rows, sectors=["gemeenten"] * 10 + ["waterschappen"] * 6)
    r = build_feedback(ds, "org000")
    factor = r.block("factors").rows[0]
    # 10 gemeenten innovators, 12 overall: the 2 outside would be exposed
    assert factor.overall.shown and factor.overall.n == 12
    assert factor.group is not None and not factor.group.shown
    statement = r.block("statements").rows[0]  # 10 in the group, 6 outside: fine
    assert statement.group is not None and statement.group.n == 10


def test_cell_rule() -> None:
    x = np.array([1.0, 0, 1, np.nan, 1, 0, 1, 1, 0, 1])
    everyone = np.ones(10, dtype=bool)
    assert cell(x, everyone, everyone, 5).n == 9
    assert not cell(x, np.arange(10) < 4, everyone, 5).shown  # group of 4
    assert not cell(x, np.arange(10) < 7, everyone, 5).shown  # 3 answering outside
    c = cell(x, np.arange(10) < 5, everyone, 5)
    assert c.n is None  # group 4 answering (one NaN)


def test_unknown_org_id_is_named(small: Dataset) -> None:
    with pytest.raises(FeedbackError, match="'nope-42' is not in the dataset"):
        build_feedback(small, "nope-42")
    with pytest.raises(FeedbackError, match="lang"):
        build_feedback(small, "org000", lang="de")


def test_hardly_any_answers_still_gets_a_report(build: Build, org: Org) -> None:
    rows = [org("yes") for _ in range(8)] + [{"a1_size": "lt100"}]
    ds = build(rows)
    r = build_feedback(ds, "org008")
    assert r.own_score is None and r.block("innovated").rows[0].own == "Geen antwoord"
    text = " ".join(r.missing)
    for phrase in ("innoveerde is niet beantwoord", "geen klimaatscore", "15 van de 15",
                   "geen WERK-zone"):  # fmt: skip
        assert phrase in text
    html = _text(render_feedback(r))
    assert "Wat ontbreekt" in html and "Uw organisatie heeft geen klimaatscore" in html


def test_open_answer_is_escaped_and_scrubbed(build: Build, org: Org) -> None:
    nasty = "<script>alert('x')</script> met Organisatie Noordwaard 3, mail a@b.nl"
    rows = [org("yes", d1_description=nasty)] + [org("yes") for _ in range(7)]
    ds = build(rows)
    frame = pd.DataFrame({"org_id": [f"org{i:03d}" for i in range(8)],
                          "name": [f"Organisatie Noordwaard {i}" for i in range(8)]})  # fmt: skip
    html = render_feedback(build_feedback(ds, "org000", frame=frame))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "Organisatie Noordwaard 3" not in html and "a@b.nl" not in html
    assert "[organisatie]" in html and "[e-mail]" in html
    assert "Voor Organisatie Noordwaard 0" in html


def test_both_languages_render(small: Dataset, small_frame: pd.DataFrame) -> None:
    ctx = feedback_context(small, frame=small_frame)
    nl = render_feedback(build_feedback(small, "org012", context=ctx))
    en = render_feedback(build_feedback(small, "org012", lang="en", context=ctx))
    assert '<html lang="nl">' in nl and "Terugkoppelrapport" in nl and "Uw organisatie" in nl
    assert '<html lang="en">' in en and "Feedback report" in en and "Your organisation" in en
    assert "Other sectors" in en and "Innovation climate" in en
    assert "Nee" in nl and ">No<" in en
    for html in (nl, en):
        svg = re.search(r"<svg.*?</svg>", html, re.S)
        assert svg and 'role="img"' in svg.group(0) and "<title" in svg.group(0)


def _assert_no_other_org(html: str, org_id: str, frame: pd.DataFrame) -> None:
    """Scan the text for every other organisation's id (as a word) and name."""
    low = html.lower()
    words = set(re.findall(r"[\w-]+", low))
    own = frame.loc[frame["org_id"] == org_id]
    own_name = str(own["name"].iloc[0]).lower() if len(own) else ""
    for other_id, name in zip(frame["org_id"], frame["name"], strict=True):
        if other_id == org_id:
            continue
        assert str(other_id).lower() not in words, other_id
        if str(name).lower() not in own_name:  # a name inside one's own name is not another's
            assert str(name).lower() not in low, name


def test_write_all_writes_exactly_the_requested(
    small: Dataset, small_frame: pd.DataFrame, tmp_path: Path
) -> None:
    assert requested_org_ids(small) == ["org000", "org003", "org014"]
    batch = write_all_feedback(small, tmp_path / "fb", frame=small_frame)
    written = sorted(p.name for p in (tmp_path / "fb").iterdir())
    assert written == ["index.csv", "org000.html", "org003.html", "org014.html"]
    with batch.index.open(encoding="utf-8") as fh:
        index = list(csv.DictReader(fh))
    assert index == [{"org_id": i, "file": f"{i}.html"} for i in ("org000", "org003", "org014")]
    for org_id, path in batch.files.items():
        _assert_no_other_org(path.read_text("utf-8"), org_id, small_frame)
    everyone = write_all_feedback(small, tmp_path / "all", only_requested=False, lang="en")
    assert len(everyone.files) == 18
    assert not list((tmp_path / "all").glob(".*"))  # no temporary files left


def test_write_feedback_is_atomic_and_safe(small: Dataset, tmp_path: Path) -> None:
    r = build_feedback(small, "org000")
    path = write_feedback(r, tmp_path)
    assert path == tmp_path / "org000.html" and path.read_text("utf-8").startswith("<!DOCTYPE")
    odd = replace(r, org_id="../x/y")
    assert write_feedback(odd, tmp_path).parent == tmp_path
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_x_y.html", "org000.html"]


# --------------------------------------------------------------------------- synthetic wave
@dataclass(frozen=True)
class Wave:
    """The synthetic wave, with one description that names another organisation."""

    dataset: Dataset
    frame: pd.DataFrame
    context: FeedbackContext
    author: str
    other: pd.Series


@pytest.fixture(scope="module")
def wave() -> Wave:
    mod = pytest.importorskip("barometer.dataset.synthetic.wave")
    demo = mod.make_wave(seed=2021)
    data, frame = demo.dataset.data.copy(), demo.frame
    i = int(np.flatnonzero(data["d1_description"].astype(str) != "")[0])
    other = frame[frame["org_id"] != data.loc[i, "org_id"]].iloc[5]
    data.loc[i, "d1_description"] = (
        f"Samen met {other['name']} ({other['org_id']}); contact {other['contact_name']}, "
        f"{other['contact_email']}, 06-12345678"
    )
    ds = Dataset(data, demo.dataset.codebook, demo.dataset.questionnaire)
    return Wave(ds, frame, feedback_context(ds, frame=frame), str(data.loc[i, "org_id"]), other)


def test_synthetic_wave(wave: Wave) -> None:
    ds, frame, ctx = wave.dataset, wave.frame, wave.context
    # the wave's scale analysis keeps e03..e15 (e01 and e02 are dropped)
    assert ctx.scale_problem is None and ctx.scale_items == STATEMENTS[2:]
    official = scale_score(ds.data, keep=list(STATEMENTS[2:]))
    data = ds.data.reset_index(drop=True)
    picks = [data.index[data["sector"] == s][0] for s in dict.fromkeys(data["sector"])]
    reports: list[FeedbackReport] = []
    for i in picks:
        org_id = str(data.loc[i, "org_id"])
        r = build_feedback(ds, org_id, frame=frame, context=ctx)
        reports.append(r)
        assert r.org_name == frame.set_index("org_id").loc[org_id, "name"]
        score = official.iloc[i]
        assert (r.own_score is None) == bool(np.isnan(score))
        if r.own_score is not None:
            assert r.own_score == pytest.approx(score)
        sector = data.loc[i, "sector"]
        expected = {"provincies": "remainder", "hoge_colleges": "remainder"}.get(sector, "sector")
        assert r.group_kind == expected
        if expected == "sector":  # hand computation of one statement, the whole sector
            others = data[data["sector"] == sector]
            e05 = others["e05_learn_mistakes"]
            base = e05.isin([1, 2, 3, 4, 5, -8])
            row = next(x for x in r.block("statements").rows if x.key == "e05_learn_mistakes")
            assert row.group is not None and row.group.n == int(base.sum())
            assert row.group.pct == pytest.approx(100 * e05[base].isin([4, 5]).mean())
    for r in reports[:3]:
        _assert_no_other_org(render_feedback(r), r.org_id, frame)
    en = render_feedback(build_feedback(ds, reports[0].org_id, lang="en", context=ctx))
    _assert_no_other_org(en, reports[0].org_id, frame)


def test_synthetic_open_answer_naming_another_org(wave: Wave) -> None:
    html = render_feedback(build_feedback(wave.dataset, wave.author, context=wave.context))
    other = wave.other
    assert str(other["name"]) not in html and str(other["contact_name"]) not in html
    assert str(other["contact_email"]) not in html and "06-12345678" not in html
    assert str(other["org_id"]) not in html  # ids are scrubbed like names
    assert "[organisatie]" in html and "[naam]" in html and "[telefoon]" in html
    _assert_no_other_org(html, wave.author, wave.frame)


@pytest.mark.slow
def test_pdf(small: Dataset, tmp_path: Path) -> None:
    path = write_feedback_pdf(build_feedback(small, "org000"), tmp_path)
    assert path.name == "org000.pdf" and path.read_bytes().startswith(b"%PDF")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        assert re.search(r"^Tagged:\s+yes", info, re.MULTILINE)


def test_docstring_examples() -> None:
    import doctest

    from barometer.report.feedback import compute as feedback_compute

    assert doctest.testmod(feedback_compute).failed == 0
