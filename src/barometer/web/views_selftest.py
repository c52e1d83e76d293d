"""The public innovation-climate self-test: one page of statements, the result at once.

Nothing is stored unless the visitor asks: the answers travel in the POST and the result
lives only in the response. "Save my result" stores the answers under the SHA-256 digest of
a random token (the link holds the token) until it expires. Scoring is
:func:`barometer.explorer.selftest.score_selftest` (the report's scale functions) against
the published snapshot; nothing is computed from microdata.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST
from markupsafe import Markup, escape

from barometer.explorer.chart import number
from barometer.explorer.selftest import SelfTestResult, read_answers, score_selftest
from barometer.fieldwork.tokens import hash_token, looks_like_token, new_token
from barometer.web.i18n_public import public_texts
from barometer.web.models_explorer import SavedSelfTest
from barometer.web.views_explorer import latest_per_wave, snapshot_meta, snapshots
from barometer.web.views_survey import see_other

PATHS = {"nl": "/zelftest/", "en": "/en/self-test/"}
SAVE_DAYS = 30


def _waves() -> list[tuple[int, str, str]]:
    """(snapshot id, wave, label) of the latest version of every wave with a self-test."""
    out = []
    for s in latest_per_wave(snapshots()):
        if snapshot_meta(s.id).get("selftest"):
            out.append((s.id, s.wave, s.label))
    return out


def _version_line(meta: dict[str, Any], lang: str) -> str:
    published = str(meta.get("published", ""))
    if lang == "nl" and len(published) == 10:
        published = "-".join(reversed(published.split("-")))
    line = public_texts(lang)["version"]
    return line.format(wave=meta["wave"], version=meta["version"], date=published)


def _context(request: HttpRequest, lang: str, **extra: Any) -> dict[str, Any]:
    t = public_texts(lang)
    if "meta" in extra:
        extra["version_line"] = _version_line(extra["meta"], lang)
    other = "en" if lang == "nl" else "nl"
    names = {"nl": "Nederlands", "en": "English"}
    return {
        "lang": lang,
        "t": t,
        "title": t["selftest_title"],
        "wide": True,
        "switch": [{"code": other, "name": names[other], "url": PATHS[other]}],
        "paths": PATHS[lang],
        "save_days": SAVE_DAYS,
        **extra,
    }


def _choose(
    form: Any, waves: list[tuple[int, str, str]] | None = None
) -> tuple[int, str, dict[str, Any]] | None:
    waves = _waves() if waves is None else waves
    if not waves:
        return None
    wanted = str(form.get("wave", ""))
    chosen = next((w for w in waves if w[1] == wanted), waves[0])
    meta = snapshot_meta(chosen[0])
    return chosen[0], chosen[2], meta


def _page(
    request: HttpRequest,
    lang: str,
    form: Any,
    *,
    show: bool,
    status: int = 200,
    saved: str = "",
) -> HttpResponse:
    t = public_texts(lang)
    waves = _waves()
    chosen = _choose(form, waves)
    if chosen is None:
        ctx = _context(request, lang, heading=t["selftest_title"], text=t["no_waves"])
        return render(request, "message.html", ctx, status=404)
    _, label, meta = chosen
    st = meta["selftest"]
    answers, bad = read_answers(form, st) if show else ({}, {})
    sector = str(form.get("sector", ""))
    sectors = [g for g in meta["groups"]["sector"] if g["code"] in st["sectors"]]
    if sector and sector not in st["sectors"]:
        sector = ""
    result = score_selftest(answers, st, sector) if show and not bad else None
    errors = {name: t["error_value"] for name in bad}
    ctx = _context(
        request,
        lang,
        meta=meta,
        st=st,
        label=label,
        wave=meta["wave"],
        waves=waves,
        answers={k: str(v) for k, v in answers.items()},
        raw={k: str(form.get(k, "")) for k in bad},
        errors=errors,
        errors_title=t["errors_title"].format(
            verb=("is" if len(errors) == 1 else "zijn")
            if lang == "nl"
            else ("is" if len(errors) == 1 else "are"),
            n=len(errors),
            noun=("probleem" if len(errors) == 1 else "problemen")
            if lang == "nl"
            else ("problem" if len(errors) == 1 else "problems"),
        ),
        sector=sector,
        sectors=sectors,
        result=result,
        lines=_lines(result, meta, sector, lang) if result else [],
        saved=saved,
        num=lambda x, d=2: number(x, lang, d),
    )
    if errors:
        ctx["title"] = f"{t['error_prefix']} {t['selftest_title']}"
    ctx["form_html"] = _form_html(request, ctx, chosen[0])
    return render(request, "selftest.html", ctx, status=400 if errors else status)


CSRF_MARK = "<!--csrf-->"
_FORMS: dict[tuple[Any, ...], str] = {}


def _form_html(request: HttpRequest, ctx: dict[str, Any], snapshot_id: int) -> Markup:
    """The statements form. Without errors it is rendered once per published version,
    wave list and language, and the visitor's answers, sector group and CSRF field are
    then marked in it (the same markup as rendering it with them)."""
    from django.middleware.csrf import get_token
    from django.template.loader import get_template

    csrf = Markup(
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(get_token(request))}">'
    )
    template = get_template("selftest_form.html")
    if ctx["errors"]:
        return Markup(template.render({**ctx, "csrf": csrf}))
    key = (snapshot_id, ctx["lang"], ctx["wave"], tuple(w[0] for w in ctx["waves"]))
    html = _FORMS.get(key)
    if html is None:
        blank = {**ctx, "answers": {}, "sector": "", "csrf": Markup(CSRF_MARK)}
        html = _FORMS[key] = template.render(blank)
    for name, value in ctx["answers"].items():
        radio = f'id="{name}-{value}" name="{name}" value="{value}">'
        html = html.replace(radio, radio[:-1] + " checked>", 1)
    if ctx["sector"]:
        head, _, tail = html.partition('id="f-sector"')
        option = f'<option value="{escape(ctx["sector"])}">'
        html = head + 'id="f-sector"' + tail.replace(option, option[:-1] + " selected>", 1)
    return Markup(html.replace(CSRF_MARK, str(csrf), 1))


def _lines(result: SelfTestResult, meta: dict[str, Any], sector: str, lang: str) -> list[str]:
    t = public_texts(lang)
    st = meta["selftest"]
    if result.score is None:
        return [t["no_score"].format(k=st["min_answered"], m=len(st["kept"]))]
    lines = [
        t["score"].format(score=number(result.score, lang, 2)),
        t["group_line"].format(group=t[result.group or "medium"]),
    ]
    if result.percentile is not None:
        lines.append(
            t["percentile"].format(p=round(result.percentile), wave=meta["wave"], n=result.n)
        )
    if sector:
        name = next((g["label"][lang] for g in meta["groups"]["sector"] if g["code"] == sector), "")
        if result.sector_percentile is not None:
            lines.append(
                t["percentile_sector"].format(
                    sector=name, p=round(result.sector_percentile), n=result.sector_n
                )
            )
        else:
            lines.append(t["no_sector_dist"])
    return lines


def selftest(request: HttpRequest, lang: str = "nl") -> HttpResponse:
    if request.method == "POST":
        return _page(request, lang, request.POST, show=True)
    return _page(request, lang, request.GET, show=False)


@require_POST
def selftest_pdf(request: HttpRequest, lang: str = "nl") -> HttpResponse:
    chosen = _choose(request.POST)
    if chosen is None:
        return _page(request, lang, request.POST, show=False)
    _, label, meta = chosen
    st = meta["selftest"]
    answers, bad = read_answers(request.POST, st)
    if bad:
        return _page(request, lang, request.POST, show=True)
    sector = str(request.POST.get("sector", ""))
    sector = sector if sector in st["sectors"] else ""
    result = score_selftest(answers, st, sector)
    html = render_to_string(
        "selftest_pdf.html",
        _context(
            request,
            lang,
            meta=meta,
            st=st,
            label=label,
            result=result,
            lines=_lines(result, meta, sector, lang),
            num=lambda x, d=2: number(x, lang, d),
        ),
        request=request,
    )
    from barometer.web.context import answers_pdf

    response = HttpResponse(answers_pdf(html), content_type="application/pdf")
    name = f"selftest-{meta['wave']}-v{meta['version']}.pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def selftest_save(request: HttpRequest, lang: str = "nl") -> HttpResponse:
    chosen = _choose(request.POST)
    if chosen is None:
        return _page(request, lang, request.POST, show=False)
    snapshot_id, _, meta = chosen
    answers, bad = read_answers(request.POST, meta["selftest"])
    if bad:
        return _page(request, lang, request.POST, show=True)
    token = new_token()
    now = timezone.now()
    SavedSelfTest.objects.create(
        token_hash=hash_token(token),
        snapshot_id=snapshot_id,
        answers=answers,
        sector=str(request.POST.get("sector", ""))[:64],
        created_at=now,
        expires_at=now + timedelta(days=SAVE_DAYS),
    )
    return see_other(f"{PATHS[lang]}r/{token}/")


def selftest_saved(request: HttpRequest, token: str, lang: str = "nl") -> HttpResponse:
    t = public_texts(lang)
    found = None
    if looks_like_token(token):
        found = (
            SavedSelfTest.objects.filter(
                token_hash=hash_token(token), expires_at__gt=timezone.now()
            )
            .select_related("snapshot")
            .first()
        )
    if found is None:
        ctx = _context(
            request, lang, heading=t["expired_title"], text=t["expired"].format(days=SAVE_DAYS)
        )
        return render(request, "message.html", ctx, status=404)
    form = {k: str(v) for k, v in found.answers.items()}
    form.update(wave=found.snapshot.wave, sector=found.sector)
    fmt = "%d-%m-%Y" if lang == "nl" else "%Y-%m-%d"
    until = timezone.localtime(found.expires_at).strftime(fmt)
    return _page(request, lang, form, show=True, saved=t["saved"].format(date=until))
