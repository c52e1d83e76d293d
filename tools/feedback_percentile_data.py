"""Write the climate scores and comparison groups of the synthetic 2021 wave, the input of
``tests/report/reference/feedback_percentile.R`` (the feedback report's percentile pin).

    python tools/feedback_percentile_data.py > tests/report/reference/feedback_percentile_scores.csv

One row per organisation: ``org_id``, ``group`` (its published comparison group, empty when
it has none) and ``score`` (its climate score, 17 significant digits; empty when it has
none), exactly as :func:`barometer.report.feedback.compute.feedback_context` computes them.
"""

from __future__ import annotations

import csv
import sys


def main() -> int:
    from barometer.dataset.synthetic.wave import make_wave
    from barometer.report.feedback.compute import comparison_group, feedback_context

    wave = make_wave(seed=2021)
    ctx = feedback_context(wave.dataset, frame=wave.frame)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["org_id", "group", "score"])
    for row, (org, score) in enumerate(zip(ctx.data["org_id"], ctx.data["climate_score"],
                                           strict=True)):  # fmt: skip
        group = comparison_group(ctx, row)
        code = group.code if group.kind in ("sector", "remainder") else ""
        out.writerow([org, code, "" if score != score else f"{score:.17g}"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
