"""The public results explorer: published snapshots only, no login, no microdata.

Every answer is read from :class:`~barometer.web.models_explorer.PublishedTable` (one
row per indicator × breakdown × filter, computed by ``barometer publish``); nothing is
recomputed per request. The state lives in the GET parameters (``wave``, ``v``,
``indicator``, ``breakdown``, ``filter``), so URLs can be shared and the back button works.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from barometer.explorer.chart import draw_chart, number
from barometer.explorer.present import csv_text, reason_text, table_rows
from barometer.explorer.snapshot import BREAKDOWNS, FILTERS
from barometer.web.i18n_public import public_texts
from barometer.web.models_explorer import PublishedTable, PublishedWave

PATHS = {"nl": "/resultaten/", "en": "/en/results/"}
FILES = {
    "nl": {"csv": "cijfers.csv", "svg": "grafiek.svg", "png": "grafiek.png"},
    "en": {"csv": "figures.csv", "svg": "chart.svg", "png": "chart.png"},
}


@dataclass(frozen=True)
class Snap:
    id: int
    wave: str
    version: int
    published_at: Any

    @property
    def label(self) -> str:
        return f"{self.wave} v{self.version}"


@functools.lru_cache(maxsize=64)
def snapshot_meta(snapshot_id: int) -> dict[str, Any]:
    """A snapshot's meta (a published version never changes: cached per process)."""
    meta: dict[str, Any] = PublishedWave.objects.values_list("meta", flat=True).get(pk=snapshot_id)
    return meta


def snapshots() -> list[Snap]:
    """Every published version, newest wave first, newest version first."""
    rows = PublishedWave.objects.order_by("-published_at", "-version").values_list(
        "id", "wave", "version", "published_at"
    )
    return [Snap(*r) for r in rows]


def latest_per_wave(snaps: list[Snap]) -> list[Snap]:
    seen: dict[str, Snap] = {}
    for s in snaps:
        if s.wave not in seen or s.version > seen[s.wave].version:
            seen[s.wave] = s
    return list(seen.values())


class NotFound(Exception):  # a page to show, not an error of ours
    def __init__(self, what: str) -> None:
        self.what = what


@dataclass
class Selection:
    snap: Snap
    meta: dict[str, Any]
    indicator: dict[str, Any]
    breakdown: str
    filter: str
    table: dict[str, Any]

    def query(self, pin: bool = False) -> str:
        params = {
            "wave": self.snap.wave,
            "indicator": self.indicator["id"],
            "breakdown": self.breakdown,
        }
        if self.filter:
            params["filter"] = self.filter
        if pin:
            params["v"] = str(self.snap.version)
        return urlencode(params)


def _select(request: HttpRequest, t: dict[str, str], snaps: list[Snap]) -> Selection:
    if not snaps:
        raise NotFound(t["no_waves"])
    get = request.GET
    wave = get.get("wave") or latest_per_wave(snaps)[0].wave
    versions = [s for s in snaps if s.wave == wave]
    if not versions:
        raise NotFound(f"{t['wave']} {wave!r}")
    version = get.get("v", "")
    if version:
        versions = [s for s in versions if str(s.version) == version]
        if not versions:
            raise NotFound(f"{t['wave']} {wave}, versie/version {version!r}")
    snap = max(versions, key=lambda s: s.version)
    meta = snapshot_meta(snap.id)
    ids = {i["id"]: i for i in meta["indicators"]}
    indicator_id = get.get("indicator") or meta["indicators"][0]["id"]
    if indicator_id not in ids:
        raise NotFound(f"{t['indicator']} {indicator_id!r}")
    breakdown = get.get("breakdown") or "none"
    if breakdown not in BREAKDOWNS or (breakdown != "none" and breakdown not in meta["groups"]):
        raise NotFound(f"{t['breakdown']} {breakdown!r}")
    filt = get.get("filter", "")
    if filt:
        var, _, code = filt.partition(":")
        codes = [g["code"] for g in meta["groups"].get(var, [])]
        if var not in FILTERS or code not in codes or var == breakdown:
            raise NotFound(f"{t['filter']} {filt!r}")
    row = (
        PublishedTable.objects.filter(
            snapshot_id=snap.id, indicator=indicator_id, breakdown=breakdown, filter=filt
        )
        .values_list("data", flat=True)
        .first()
    )
    if row is None:
        raise NotFound(f"{indicator_id} × {breakdown} × {filt or '-'}")
    return Selection(snap, meta, ids[indicator_id], breakdown, filt, row)


def _not_found(
    request: HttpRequest, lang: str, t: dict[str, str], what: str, every: list[Snap]
) -> HttpResponse:
    snaps = latest_per_wave(every)
    links = []
    if snaps:
        meta = snapshot_meta(snaps[0].id)
        for ind in meta["indicators"]:
            q = urlencode({"wave": snaps[0].wave, "indicator": ind["id"]})
            links.append((f"{PATHS[lang]}?{q}", f"{ind['number'][lang]}: {ind['title'][lang]}"))
    ctx = _base(request, lang, t, t["not_found_title"])
    ctx.update(
        what=t["not_found"].format(what=what),
        links=links,
        waves=[(f"{PATHS[lang]}?{urlencode({'wave': s.wave})}", s.label) for s in snaps],
    )
    return render(request, "explorer_404.html", ctx, status=404)


def _base(request: HttpRequest, lang: str, t: dict[str, str], title: str) -> dict[str, Any]:
    other = "en" if lang == "nl" else "nl"
    query = request.META.get("QUERY_STRING", "")
    url = PATHS[other] + (f"?{query}" if query else "")
    names = {"nl": "Nederlands", "en": "English"}
    return {
        "lang": lang,
        "t": t,
        "title": title,
        "switch": [{"code": other, "name": names[other], "url": url}],
    }


def _chart(sel: Selection, lang: str, t: dict[str, str]) -> str:
    ind = sel.indicator
    rows = table_rows(ind, sel.table, sel.meta["groups"], sel.breakdown, lang, sel.meta["policy"])
    title = f"{ind['number'][lang]}: {ind['title'][lang]}"
    desc = _describe(sel, lang, t)
    footer = t["version"].format(**_version(sel.snap, lang))
    return draw_chart(
        [r.chart(sel.breakdown != "none") for r in rows],
        title=title,
        desc=desc,
        lang=lang,
        kind=ind["kind"],
        footer=footer,
    )


def _describe(sel: Selection, lang: str, t: dict[str, str]) -> str:
    parts = [t["base"].format(base=sel.indicator["base"][lang])]
    if sel.breakdown != "none":
        parts.append(f"{t['breakdown']}: {_breakdown_label(sel.breakdown, lang)}.")
    if sel.filter:
        parts.append(f"{t['filter']}: {_filter_label(sel.meta, sel.filter, lang)}.")
    return " ".join(parts)


def _breakdown_label(code: str, lang: str) -> str:
    from barometer.explorer.snapshot import LABELS

    return str(LABELS["breakdown"][code][lang])


def _filter_label(meta: dict[str, Any], filt: str, lang: str) -> str:
    var, _, code = filt.partition(":")
    for g in meta["groups"].get(var, []):
        if g["code"] == code:
            return f"{_breakdown_label(var, lang)}: {g['label'][lang]}"
    return filt


def _version(snap: Snap, lang: str) -> dict[str, Any]:
    date = timezone.localtime(snap.published_at).strftime(
        "%d-%m-%Y" if lang == "nl" else "%Y-%m-%d"
    )
    return {"wave": snap.wave, "version": snap.version, "date": date}


def _trend(
    sel: Selection, lang: str, snaps: list[Snap]
) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Columns (waves) and rows (category, value per wave) where two or more waves
    publish this indicator with this breakdown and filter."""
    others = [s for s in latest_per_wave(snaps) if s.wave != sel.snap.wave]
    found: list[tuple[Snap, dict[str, Any], dict[str, Any]]] = [
        (sel.snap, sel.indicator, sel.table)
    ]
    for s in others:
        meta = snapshot_meta(s.id)
        ind = next((i for i in meta["indicators"] if i["id"] == sel.indicator["id"]), None)
        data = (
            PublishedTable.objects.filter(
                snapshot_id=s.id,
                indicator=sel.indicator["id"],
                breakdown=sel.breakdown,
                filter=sel.filter,
            )
            .values_list("data", flat=True)
            .first()
        )
        if ind is not None and data is not None:
            found.append((s, ind, data))
    if len(found) < 2:
        return [], []
    found.sort(key=lambda x: x[0].wave)
    values: dict[str, dict[str, str]] = {}
    for s, ind, data in found:
        meta = snapshot_meta(s.id)
        for r in table_rows(ind, data, meta["groups"], sel.breakdown, lang, meta["policy"]):
            key = " – ".join(x for x in (r.group, r.category, r.series) if x)
            cell = (
                "–" if r.value is None else number(r.value, lang, 2 if ind["kind"] == "mean" else 1)
            )
            values.setdefault(key, {})[s.wave] = cell
    waves = [s.wave for s, _, _ in found]
    return waves, [(k, [v.get(w, "–") for w in waves]) for k, v in values.items()]


CACHE_BYTES = 48 * 1024 * 1024
"""Memory per worker for pages and downloads rendered before (least recently used go)."""
_RENDERED: OrderedDict[tuple[Any, ...], HttpResponse] = OrderedDict()
_SIZE = [0]


def cached(view: Any) -> Any:
    """Serve a page or download rendered before for the same published versions and the
    same URL (a published version never changes); render and keep it otherwise. The one
    query per request is the list of published versions, so a new version shows at once."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, lang: str = "nl", **kw: Any) -> HttpResponse:
        snaps = snapshots()
        key = (tuple(s.id for s in snaps), request.path, request.META.get("QUERY_STRING", ""))
        kept = _RENDERED.get(key) if request.method == "GET" else None
        if kept is not None:
            _RENDERED.move_to_end(key)
            response = HttpResponse(kept.content, status=kept.status_code)
            for name, value in kept.headers.items():
                response.headers[name] = value
            return response
        response = view(request, lang, snaps=snaps, **kw)
        size = len(response.content)
        if request.method == "GET" and size <= CACHE_BYTES // 16 and key not in _RENDERED:
            _RENDERED[key] = response
            _SIZE[0] += size
            while _SIZE[0] > CACHE_BYTES:
                _, old = _RENDERED.popitem(last=False)
                _SIZE[0] -= len(old.content)
        return response

    return wrapper


@cached
def explorer(request: HttpRequest, lang: str = "nl", *, snaps: list[Snap]) -> HttpResponse:
    t = public_texts(lang)
    try:
        sel = _select(request, t, snaps)
    except NotFound as exc:
        return _not_found(request, lang, t, exc.what, snaps)
    ind, meta = sel.indicator, sel.meta
    rows = table_rows(ind, sel.table, meta["groups"], sel.breakdown, lang, meta["policy"])
    policy = meta["policy"]
    reasons = ", ".join(
        reason_text(r, lang, policy).split(": ", 1)[-1] for r in sel.table["reasons"]
    )
    suppressed = sel.table["status"] == "suppressed"
    waves = latest_per_wave(snaps)
    trend_waves, trend_rows = _trend(sel, lang, snaps)
    files = FILES[lang]
    filters = [("", t["filter_none"])] + [
        (f"{var}:{g['code']}", f"{_breakdown_label(var, lang)}: {g['label'][lang]}")
        for var in FILTERS
        for g in meta["groups"].get(var, [])
    ]
    decimals = 2 if ind["kind"] == "mean" else 1
    cells = [[_fmt(v, lang, decimals) for v in (r.value, r.ci_low, r.ci_high)] for r in rows]
    ctx = _base(request, lang, t, f"{ind['number'][lang]}: {ind['title'][lang]}")
    ctx.update(
        sel=sel,
        ind=ind,
        rows=list(zip(rows, cells, strict=True)),
        chart="" if suppressed else _chart(sel, lang, t),
        suppressed=t["suppressed"].format(reasons=reasons) if suppressed else "",
        with_group=sel.breakdown != "none",
        with_series=any(r["series"] for r in ind["rows"]),
        waves=[(s.wave, s.label) for s in waves],
        indicators=[
            (i["id"], f"{i['number'][lang]}: {i['title'][lang]}") for i in meta["indicators"]
        ],
        breakdowns=[
            (b, _breakdown_label(b, lang)) for b in BREAKDOWNS if b == "none" or b in meta["groups"]
        ],
        filters=filters,
        version=t["version"].format(**_version(sel.snap, lang)),
        base=t["base"].format(base=ind["base"][lang]),
        method=t["method_mean" if ind["kind"] == "mean" else "method_pct"],
        rule=t["rule"].format(**policy, cell_min_1=policy["cell_min"] - 1),
        downloads={k: f"{PATHS[lang]}{name}?{sel.query(pin=True)}" for k, name in files.items()},
        permalink=f"{PATHS[lang]}?{sel.query(pin=True)}",
        trend_waves=trend_waves,
        trend_rows=trend_rows,
        filter_label=_filter_label(meta, sel.filter, lang) if sel.filter else "",
        breakdown_label=_breakdown_label(sel.breakdown, lang),
        wide=True,
    )
    return render(request, "explorer.html", ctx)


def _fmt(value: float | None, lang: str, decimals: int) -> str:
    return "–" if value is None else number(value, lang, decimals)


def _download_name(sel: Selection, ext: str) -> str:
    parts = [sel.snap.wave, f"v{sel.snap.version}", sel.indicator["id"], sel.breakdown]
    if sel.filter:
        parts.append(sel.filter.replace(":", "-"))
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in "_".join(parts))
    return f"{safe}.{ext}"


@cached
def download(
    request: HttpRequest, lang: str = "nl", kind: str = "csv", *, snaps: list[Snap]
) -> HttpResponse:
    t = public_texts(lang)
    try:
        sel = _select(request, t, snaps)
    except NotFound as exc:
        return _not_found(request, lang, t, exc.what, snaps)
    if kind == "csv":
        ind = sel.indicator
        rows = table_rows(
            ind, sel.table, sel.meta["groups"], sel.breakdown, lang, sel.meta["policy"]
        )
        body: bytes = csv_text(
            rows, sel.breakdown, ind["kind"], sel.snap.label, any(r["series"] for r in ind["rows"])
        ).encode()
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    else:
        svg = _chart(sel, lang, t)
        if kind == "svg":
            response = HttpResponse(svg.encode(), content_type="image/svg+xml")
        else:
            import vl_convert as vlc

            response = HttpResponse(vlc.svg_to_png(svg, scale=2), content_type="image/png")
    name = _download_name(sel, kind)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
