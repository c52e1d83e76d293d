"""Does the synthetic 2025 wave meet what is published about 2025? One check per claim.

The published facts (``ibo-published-waves.yaml``, :func:`barometer.published.published_wave`)
are the number of organisations and the whole-percent share that innovated; both are
computed here from the answers alone (innovated = ``yes`` to the innovation question, of
every respondent, "don't know" included in the base, as for 2021). The demo's own design
targets are checked too: the panel share (about 60 %), one merger and one split in the
links, and the questionnaire version.
"""

from __future__ import annotations

from barometer.dataset.indicators import indicator_values, indicators
from barometer.dataset.synthetic.calibrate_base import ClaimCheck, interval
from barometer.dataset.synthetic.wave2025 import PANEL_SHARE, DemoPanel
from barometer.published import published_wave

__all__ = ["check_2025"]


def _innovated_pct(panel: DemoPanel) -> float:
    ds = panel.wave_2025.dataset
    q = ds.questionnaire
    ind = next(i for i in indicators(q) if i.key == "c1_innovated=yes")
    x = indicator_values(ds.data, q, ind)
    return 100 * float(x.mean())


def check_2025(panel: DemoPanel) -> list[ClaimCheck]:
    """Every check of the 2025 demo wave (see the module)."""
    pub = published_wave("2025")
    assert pub is not None
    ds = panel.wave_2025.dataset
    n = len(ds.data)
    pct = _innovated_pct(panel)
    low, high, _ = interval(pub.innovated_pct, "exact")
    share = len(panel.panel_ids) / n
    kinds = panel.links.groupby("kind")["to_org_id"].nunique().to_dict()
    src = pub.source_text()
    return [
        ClaimCheck("2025.completed", str(pub.completed), str(n), n == pub.completed, note=src),
        ClaimCheck(
            "2025.innovated_pct",
            f"{low:.1f}..{high:.1f} (rounds to {pub.innovated_pct})",
            f"{pct:.1f}",
            low <= pct < high,
            base=f"all respondents (n = {n})",
            note=src,
        ),
        ClaimCheck(
            "demo.panel_share",
            f"{PANEL_SHARE - 0.05:.2f}..{PANEL_SHARE + 0.05:.2f}",
            f"{share:.3f}",
            abs(share - PANEL_SHARE) <= 0.05,
            note="synthetic design target",
        ),
        ClaimCheck(
            "demo.links",
            ">= 1 merger and >= 1 split",
            str(kinds),
            kinds.get("merger", 0) >= 1 and kinds.get("split", 0) >= 1,
            note="synthetic design target",
        ),
        ClaimCheck(
            "demo.questionnaire",
            "2025.1.0",
            ds.questionnaire.version,
            ds.questionnaire.version == "2025.1.0",
        ),
    ]
