"""Charts drawn in a helper process while the report computes its statistics.

Turning a Vega-Lite spec into SVG with vl-convert takes most of a chart's time and holds
the interpreter lock, so ``build_report`` hands the specs to one helper process (the other
core) and goes on with the next figure. The helper imports only vl-convert and warms it up
as soon as it starts, while the weights and derived variables are computed.

Inside :func:`chart_pool`, :func:`convert` returns a :class:`Pending` SVG at once; outside
it converts in this process. If the helper cannot start, dies or does not answer, the
charts it has not returned are converted in this process: the report never depends on it.
"""

from __future__ import annotations

import itertools
import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import IO, Any

import vl_convert as vlc

__all__ = ["ChartError", "ChartPool", "Pending", "chart_pool", "convert"]

WARM_UP: dict[str, Any] = {
    "data": {"values": [{"a": "x", "b": 1.0}]},
    "mark": "bar",
    "encoding": {
        "y": {"field": "a", "type": "nominal"},
        "x": {"field": "b", "type": "quantitative"},
    },
}
"""A tiny chart the helper converts first: vl-convert's engine starts on first use."""

WORKER = """
import json, sys, time
import vl_convert as vlc
vlc.vegalite_to_svg(json.loads(sys.argv[1]))
for line in sys.stdin:
    job = json.loads(line)
    start = time.perf_counter()
    try:
        answer = {"svg": vlc.vegalite_to_svg(job["spec"])}
    except Exception as exc:
        answer = {"error": type(exc).__name__, "message": str(exc)}
    answer.update(key=job["key"], seconds=time.perf_counter() - start)
    sys.stdout.write(json.dumps(answer) + "\\n")
    sys.stdout.flush()
"""
"""The helper: one JSON job per line in (key, spec), one JSON answer per line out."""

WAIT_SECONDS = 60.0
"""How long to wait for the helper's answer before converting here instead."""


class ChartError(ValueError):
    """vl-convert failed on a spec in the helper: its message, as raised there."""


def _plain(value: Any) -> Any:
    """JSON for numpy scalars in a spec (``json.dumps(default=...)``)."""
    item = getattr(value, "item", None)
    if callable(item):
        return item()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


@dataclass(eq=False)
class Pending:
    """An SVG the helper is drawing. :meth:`result` waits for it (or draws it here)."""

    spec: dict[str, Any]
    pool: ChartPool | None = None
    done: threading.Event = field(default_factory=threading.Event)
    svg: str | None = None
    error: ChartError | None = None
    seconds: float = 0.0

    def set(self, answer: dict[str, Any]) -> None:
        if "svg" in answer:
            self.svg = str(answer["svg"])
        else:
            self.error = ChartError(str(answer.get("message") or answer.get("error")))
        self.seconds = float(answer.get("seconds", 0.0))
        self.done.set()

    def result(self) -> str:
        """The SVG; raises what vl-convert raised for this spec."""
        if self.pool is not None and not self.done.wait(WAIT_SECONDS):
            self.pool.abandon()
        if not self.done.is_set() or (self.svg is None and self.error is None):
            start = time.perf_counter()
            self.svg = vlc.vegalite_to_svg(self.spec)  # the helper is gone: draw it here
            self.seconds = time.perf_counter() - start
            self.done.set()
        if self.error is not None:
            raise self.error
        assert self.svg is not None
        return self.svg


class ChartPool:
    """One helper process with vl-convert, fed and read by two threads of this process."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._pending: dict[int, Pending] = {}
        self._keys = itertools.count()
        self._lock = threading.Lock()
        self._closed = False
        try:
            self._proc: subprocess.Popen[bytes] | None = subprocess.Popen(
                [sys.executable, "-c", WORKER, json.dumps(WARM_UP)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            )  # fmt: skip
        except OSError:
            self._proc = None
            return
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._writer = threading.Thread(target=self._write, args=(self._proc.stdin,), daemon=True)
        self._reader = threading.Thread(target=self._read, args=(self._proc.stdout,), daemon=True)
        self._writer.start()
        self._reader.start()

    def submit(self, spec: dict[str, Any]) -> Pending:
        """Queue ``spec`` for the helper (or, without a helper, leave it to ``result``)."""
        with self._lock:
            alive = self._proc is not None and not self._closed
            pending = Pending(spec, self if alive else None)
            if alive:
                key = next(self._keys)
                self._pending[key] = pending
        if alive:
            try:
                line = json.dumps({"key": key, "spec": spec}, default=_plain) + "\n"
            except (TypeError, ValueError):  # not JSON: draw it here
                with self._lock:
                    del self._pending[key]
                pending.pool = None
                return pending
            self._jobs.put(line.encode("utf-8"))
        return pending

    def _write(self, stdin: IO[bytes]) -> None:
        try:
            while (line := self._jobs.get()) is not None:
                stdin.write(line)
                stdin.flush()
        except OSError:  # the helper died; its unanswered charts are drawn here
            self._release()
        finally:
            with suppress(OSError):
                stdin.close()

    def _read(self, stdout: IO[bytes]) -> None:
        try:
            for line in stdout:
                answer = json.loads(line)
                with self._lock:
                    pending = self._pending.pop(int(answer["key"]), None)
                if pending is not None:
                    pending.set(answer)
        except (OSError, ValueError, KeyError):
            pass
        finally:
            with suppress(OSError):
                stdout.close()
        self._release()  # end of output: whatever is left is drawn here

    def _release(self) -> None:
        with self._lock:
            self._closed = True
            left, self._pending = list(self._pending.values()), {}
        for pending in left:
            pending.pool = None
            pending.done.set()

    def abandon(self) -> None:
        """Stop waiting for the helper: kill it; its charts are drawn here."""
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
        self._release()

    def close(self) -> None:
        """Let the helper finish its queue and exit (kill it if it does not)."""
        if self._proc is None:
            return
        self._jobs.put(None)
        try:
            self._proc.wait(timeout=WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._reader.join()
        self._writer.join()
        self._release()


_ACTIVE: ContextVar[ChartPool | None] = ContextVar("chart_pool", default=None)


@contextmanager
def chart_pool() -> Iterator[ChartPool]:
    """Convert the specs of :func:`convert` in a helper process while inside this block."""
    pool = ChartPool()
    token = _ACTIVE.set(pool)
    try:
        yield pool
    except BaseException:
        pool.abandon()  # nobody will wait for the charts
        raise
    finally:
        _ACTIVE.reset(token)
        pool.close()


def convert(spec: dict[str, Any]) -> str | Pending:
    """The SVG of a Vega-Lite ``spec``: pending in the helper inside :func:`chart_pool`,
    else drawn now."""
    pool = _ACTIVE.get()
    if pool is None:
        return vlc.vegalite_to_svg(spec)
    return pool.submit(spec)
