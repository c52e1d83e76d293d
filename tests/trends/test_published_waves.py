"""The published facts of the waves after 2021 are project data, with their sources."""

from __future__ import annotations

from barometer.published import published_wave, published_waves


def test_2025_facts_and_sources() -> None:
    w = published_wave("2025")
    assert w is not None
    assert (w.completed, w.innovated_pct) == (347, 76)
    assert any("2025-12-11" in s and "Rijksinnovatiecommunity" in s for s in w.sources)
    assert any("2025-11-07" in s and "webinar" in s.lower() for s in w.sources)
    assert {t["key"] for t in w.themes} == {"leadership_vision", "diverse_teams", "dedicated_units"}


def test_2021_matches_the_2021_reference() -> None:
    from barometer.dataset.synthetic.calibrate import published_reference

    ref = published_reference()["study"]
    w = published_waves()["2021"]
    assert w.completed == ref["completed"]
    assert w.innovated_pct == round(100 * ref["innovated"] / ref["completed"])
    assert published_wave("2019") is None
