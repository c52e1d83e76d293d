"""What each rule of the disclosure policy costs a report: how many cells it hides.

    python tools/disclosure_costs.py                      # the demo wave (as `make demo`)
    python tools/disclosure_costs.py responses.csv frame.csv [--policy policy.yaml]

Builds the report (unweighted, as `make demo` does), the weighting table of the weighted
report and every organisation's feedback report in memory, and counts per rule:

- min_n: figure rows (percentage and interval) hidden because their base is below min_n,
  and whole figures replaced by a message;
- cell_min: box-plot outlier counts hidden (1 to cell_min - 1), weighting cells hidden first;
- group_min: feedback comparison cells hidden only because they show 0% or 100% in a group
  below group_min (counted as the difference with group_min = min_n);
- secondary suppression: further weighting cells hidden so no hidden cell can be computed
  (count and weight, linked to Tabel 1's sector totals);
- merges: sector and cluster categories that do not stand alone (below cell_min), and
  clusters merged by the differencing rule;
- term_min: terms left out of the term tables (among each cluster's top 15);
- quotes: candidate quotes not printed because nobody approved them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pandas as pd


def _feedback_hidden(dataset, frame, min_n: int, group_min: int) -> int:
    from barometer.disclosure.scan_read import read_html
    from barometer.report.feedback.build import build_feedback, render_feedback
    from barometer.report.feedback.compute import feedback_context

    ctx = feedback_context(dataset, frame=frame, min_n=min_n, group_min=group_min)
    hidden = 0
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        for org in dataset.data["org_id"].astype(str):
            report = build_feedback(dataset, org, frame=frame, min_n=min_n, context=ctx)
            page.write_text(render_feedback(report), encoding="utf-8")
            for table in read_html(page, Path(tmp)).tables:
                cols = [j for j, c in enumerate(table.columns) if ":" in c]
                hidden += sum(1 for r in table.rows for j in cols if j < len(r) and r[j] == "–")
    return hidden


def costs(responses: Path, frame_path: Path, policy_path: Path | None) -> dict[str, int]:
    from barometer.dataset.io import read_dataset
    from barometer.disclosure.policy import load_policy
    from barometer.disclosure.quotes import candidate_quotes
    from barometer.pipeline import _frame_table
    from barometer.report import build_report
    from barometer.report.figures.core import make_context, make_weights
    from barometer.report.render.weighting import protect_cells

    policy = load_policy(policy_path)
    dataset = read_dataset(responses)
    frame = _frame_table(frame_path)
    report = build_report(dataset, frame=frame, weighted=False, policy=policy)
    out = dict.fromkeys(("min_n rows", "min_n figures", "cell_min outliers",
                         "cell_min weighting cells", "secondary weighting cells",
                         "merged sectors", "merged clusters", "differencing clusters",
                         "group_min feedback cells", "term_min terms", "quotes not approved"),
                        0)  # fmt: skip
    for fig in report.figures():
        data = fig.data
        if data.message is not None:
            out["min_n figures"] += 1
        table = data.table
        if table is not None and {"pct", "base"} <= set(table.columns):
            base = pd.to_numeric(table["base"], errors="coerce")
            out["min_n rows"] += int((table["pct"].isna() & (base < policy.min_n)).sum())
        if table is not None and "n_outliers" in table.columns:
            out["cell_min outliers"] += int(table["n_outliers"].isna().sum())
        result = data.detail if fig.id.startswith("img02") else None
        for cluster in getattr(result, "clusters", ()):
            top = cluster.terms[:15]
            out["term_min terms"] += sum(1 for t in top if t.doc_frequency < policy.term_min)
    ctx = make_context(dataset, min_n=policy.min_n, frame=frame, cell_min=policy.cell_min)
    pub = ctx.publication
    remainder = {"overig", "__other_clusters__"}
    out["merged sectors"] = len([m for m in pub.sector.merged_members() if m not in remainder])
    out["differencing clusters"] = len(pub.cluster.differencing)
    out["merged clusters"] = len([m for m in pub.cluster.merged_members()
                                  if m not in remainder]) - out["differencing clusters"]  # fmt: skip
    weights, _ = make_weights(dataset.data, frame, min_cell=5, publication=pub)
    wctx = make_context(dataset, min_n=policy.min_n, frame=frame, weights=weights,
                        cell_min=policy.cell_min)  # fmt: skip
    done = protect_cells(wctx, weights)
    out["cell_min weighting cells"] = sum(1 for r in done.reasons.values() if r == "primary")
    out["secondary weighting cells"] = sum(1 for r in done.reasons.values() if r == "secondary")
    strict = _feedback_hidden(dataset, frame, policy.min_n, policy.group_min)
    loose = _feedback_hidden(dataset, frame, policy.min_n, policy.min_n)
    out["group_min feedback cells"] = strict - loose
    out["quotes not approved"] = len(candidate_quotes(dataset.data, frame))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("responses", nargs="?", type=Path)
    parser.add_argument("frame", nargs="?", type=Path)
    parser.add_argument("--policy", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.responses is None:
            from barometer.pipeline import run_demo

            result = run_demo(Path(tmp) / "demo")
            args.responses, args.frame = result.datasets["csv"], result.frame
        if args.frame is None:
            parser.error("give the frame too: responses.csv frame.csv")
        found = costs(args.responses, args.frame, args.policy)
    width = max(map(len, found))
    for rule, n in found.items():
        print(f"{rule:<{width}}  {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
