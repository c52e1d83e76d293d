"""Charts drawn by the helper process: the same SVG as drawn here, errors reported as here,
and a helper that dies or cannot start leaves the charts to this process."""

from __future__ import annotations

from typing import Any

import pytest
import vl_convert as vlc

from barometer.report import Report, build_report, render_html
from barometer.report.charts import pool as pool_module
from barometer.report.charts.draw import PendingChart, make_chart
from barometer.report.charts.pool import ChartError, ChartPool, Pending, chart_pool, convert


def spec(n: int) -> dict[str, Any]:
    return {
        "data": {"values": [{"a": f"item {i}", "b": float(i * n)} for i in range(4)]},
        "mark": "bar",
        "encoding": {
            "y": {"field": "a", "type": "nominal"},
            "x": {"field": "b", "type": "quantitative"},
        },
    }


BROKEN: dict[str, Any] = {"mark": "bar", "encoding": {"x": {"field": "a", "type": "bogus"}}}


def test_the_helper_draws_what_this_process_draws() -> None:
    with chart_pool() as pool:
        pending = [convert(spec(n)) for n in range(1, 6)]
        assert all(isinstance(p, Pending) for p in pending)
        svgs = [p.result() for p in pending if isinstance(p, Pending)]
    assert svgs == [vlc.vegalite_to_svg(spec(n)) for n in range(1, 6)]
    assert pool._proc is not None and pool._proc.returncode == 0  # it has exited
    assert isinstance(convert(spec(1)), str)  # outside the block: drawn here


def test_an_error_in_the_helper_is_raised_as_here() -> None:
    with pytest.raises(ValueError) as here:
        vlc.vegalite_to_svg(BROKEN)
    with chart_pool():
        broken, fine = convert(BROKEN), convert(spec(2))
        assert isinstance(broken, Pending) and isinstance(fine, Pending)
        with pytest.raises(ChartError) as there:
            broken.result()
        assert fine.result().startswith("<svg")
    assert str(there.value) == str(here.value)


def test_charts_of_a_dead_helper_are_drawn_here() -> None:
    with chart_pool() as pool:
        assert pool._proc is not None
        pool._proc.kill()
        pool._proc.wait()
        pending = [convert(spec(n)) for n in range(1, 4)]
        svgs = [p.result() if isinstance(p, Pending) else p for p in pending]
    assert svgs == [vlc.vegalite_to_svg(spec(n)) for n in range(1, 4)]


def test_a_helper_that_cannot_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool_module, "sys", type("S", (), {"executable": "/nonexistent/python"}))
    pool = ChartPool()
    pending = pool.submit(spec(3))
    assert pending.result() == vlc.vegalite_to_svg(spec(3))
    pool.close()


def test_a_helper_that_does_not_answer_is_abandoned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool_module, "WORKER", "import sys, time\nsys.stdin.read()\ntime.sleep(60)")
    monkeypatch.setattr(pool_module, "WAIT_SECONDS", 0.5)
    with chart_pool() as pool:
        pending = convert(spec(4))
        assert isinstance(pending, Pending)
        assert pending.result() == vlc.vegalite_to_svg(spec(4))
    assert pool._proc is not None and pool._proc.returncode not in (0, None)  # killed


def test_an_error_inside_the_block_stops_the_helper() -> None:
    with pytest.raises(RuntimeError), chart_pool() as pool:
        convert(spec(5))
        raise RuntimeError("stop")
    assert pool._proc is not None and pool._proc.poll() is not None


def test_report_charts_are_the_ones_drawn_here(hand_report: Report) -> None:
    fig = hand_report.figure("fig04_origin")
    assert fig.chart is not None
    here = make_chart(fig.data, f"{fig.number}. {fig.title}")
    assert not isinstance(here, PendingChart) and here is not None
    assert fig.chart.svg == here.svg and fig.chart.alt == here.alt
    assert {k for k in hand_report.timings if k.endswith(":svg")}  # drawn by the helper


def test_a_chart_that_fails_in_the_helper_keeps_the_table(
    hand: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pool_module.ChartPool.submit

    def broken(self: ChartPool, spec: dict[str, Any]) -> Pending:
        return real(self, BROKEN if "stack" in str(spec) else spec)

    monkeypatch.setattr(pool_module.ChartPool, "submit", broken)
    report = build_report(hand)
    fig13 = report.figure("fig13_factors")
    assert fig13.chart is None and fig13.chart_message is not None
    assert "Vega-Lite to SVG conversion failed" in fig13.chart_message
    assert any(p.startswith(f"{fig13.number}:") for p in report.problems)
    assert 'id="fig13_factors-table"' in render_html(report)
    assert report.figure("fig04_origin").chart is not None
