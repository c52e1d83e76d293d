"""The response monitor's table (Tabel 1, live)."""

from __future__ import annotations

from barometer.fieldwork.status import OrgStatus, format_rate, render_text, tabulate


def orgs() -> list[OrgStatus]:
    return [
        OrgStatus("gemeenten", "c1", invited=True, stage="completed"),
        OrgStatus("gemeenten", "c1", invited=True, stage="partial"),
        OrgStatus("gemeenten", "c2", invited=True, stage="none", bounced=True),
        OrgStatus("zbo", "c2", invited=True, stage="started"),
        OrgStatus("zbo", "c2", invited=False, stage="none", opted_out=True),
    ]


def test_counts_by_sector_with_total_and_rate() -> None:
    table = tabulate(orgs(), by="sector", label=str.upper)
    assert [r.label for r in table.rows] == ["GEMEENTEN", "ZBO"]
    g = table.rows[0].counts
    assert g == {
        "frame": 3,
        "invited": 3,
        "started": 0,
        "partial": 1,
        "completed": 1,
        "bounced": 1,
        "opted_out": 0,
    }
    assert table.total.counts["frame"] == 5 and table.total.counts["opted_out"] == 1
    assert table.rows[0].rate == 1 / 3
    assert table.total.rate == 1 / 4


def test_by_cluster_and_text_rendering() -> None:
    table = tabulate(orgs(), by="cluster", lang="en")
    text = render_text(table, "en")
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["Cluster", "Frame", "Invited"]
    assert lines[-1].startswith("Total") and lines[-1].endswith("25.0%")
    assert format_rate(0.266, "nl") == "26,6%" and format_rate(None) == "-"
