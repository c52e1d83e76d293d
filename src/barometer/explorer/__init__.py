"""The public results explorer and the innovation self-test, apart from the web layer.

:func:`~barometer.explorer.snapshot.build_snapshot` computes a wave's published aggregates
once (every indicator by every published breakdown and filter, each cell checked against
the disclosure policy) as plain data that ``barometer publish`` stores; the web pages only
read that snapshot. :mod:`barometer.explorer.selftest` scores a self-test with the
report's own scale functions; :mod:`barometer.explorer.chart` draws the explorer's SVG.
No Django here.
"""

from barometer.explorer.snapshot import INDICATOR_COMPUTES, Snapshot, build_snapshot

__all__ = ["INDICATOR_COMPUTES", "Snapshot", "build_snapshot"]
