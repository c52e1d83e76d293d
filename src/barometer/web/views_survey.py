"""The respondent's pages. Thin: the page flow and validation are :mod:`barometer.fieldwork.survey`.

Every page save checks the version the page was rendered with (optimistic locking): the
response is written only if it is still at that version (one compare-and-set statement,
:func:`barometer.web.store.save`), so a stale page is told so and shown the current answers
instead of overwriting them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from barometer.fieldwork import survey
from barometer.fieldwork.reminders import COMPLETED, PARTIAL
from barometer.fieldwork.tokens import hash_token, looks_like_token
from barometer.questionnaire import Group, Questionnaire, default
from barometer.questionnaire.xlsform import for_wave
from barometer.web import context, store
from barometer.web.context import current_contact
from barometer.web.i18n import LANG_NAMES, LANGS, errors_title, texts
from barometer.web.models import Organisation, Response, Wave
from barometer.web.security import (
    client_ip,
    first_window,
    is_throttled,
    record_failure,
    retry_after,
)

LANG_COOKIE = "lang"
REVIEW_FLAG = "review"  # on a page opened with "Change" from the review page


def questionnaire(wave: Wave | None = None) -> Questionnaire:
    """The questionnaire as ``wave`` asks it (its parameters, without left-out items)."""
    if wave is None:
        return default()
    values = tuple(sorted((str(k), str(v)) for k, v in (wave.parameters or {}).items()))
    return for_wave(values, tuple(sorted(wave.leave_out.split())))


@dataclass(frozen=True)
class Respondent:
    token: str
    org: Organisation
    response: Response | None  # as read with the token (None: not started)
    lang: str

    def url(self, name: str, *args: str) -> str:
        return reverse(name, args=[self.token, *args])


def _lang(request: HttpRequest, fallback: str = "nl") -> str:
    lang = request.COOKIES.get(LANG_COOKIE, "")
    return lang if lang in LANGS else (fallback if fallback in LANGS else "nl")


def _context(request: HttpRequest, lang: str, title: str, **extra: Any) -> dict[str, Any]:
    switch = [
        {"code": code, "name": LANG_NAMES[code], "url": f"{request.path}?lang={code}"}
        for code in LANGS
        if code != lang
    ]
    return {"lang": lang, "t": texts(lang), "title": title, "switch": switch, **extra}


def message(request: HttpRequest, key: str, status: int, lang: str | None = None) -> HttpResponse:
    lang = lang or _lang(request)
    t = texts(lang)
    who = current_contact() if key == "invalid" else ""
    ctx = _context(
        request,
        lang,
        t[f"{key}_title"],
        heading=t[f"{key}_title"],
        text=t[key],
        contact=t["contact_line"].format(contact=who) if who else "",
    )
    response = render(request, "message.html", ctx, status=status)
    if status == 429:
        response.headers["Retry-After"] = str(retry_after())
    return response


def see_other(url: str) -> HttpResponse:
    """303 See Other: the answer to a POST that saved, so reloading does not post again."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def respondent(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Resolve the token in the URL to an organisation, throttling failed guesses per IP.

    Only failures are throttled: a valid token is always let in, however many bad links
    came from the same address (behind a proxy without BAROMETER_PROXY_COUNT, every
    respondent shares one address). Tokens are 256-bit random, so the throttle limits
    noise, not the odds of a guess."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, token: str, *args: Any, **kwargs: Any) -> HttpResponse:
        lang = request.GET.get("lang", "")
        if request.method == "GET" and lang in LANGS:
            response = redirect(request.path)
            response.set_cookie(
                LANG_COOKIE,
                lang,
                max_age=365 * 24 * 3600,
                httponly=True,
                samesite="Lax",
                secure=settings.HTTPS,
            )
            return response
        ip = client_ip(request)
        found = None
        if looks_like_token(token):
            found = store.find(hash_token(token), ip, first_window())
        if found is None:
            if is_throttled(ip):
                return message(request, "throttled", 429)
            record_failure(ip)
            return message(request, "invalid", 404)
        org = found.organisation
        if not org.wave.is_open():
            done = found.response is not None and found.response.status == COMPLETED
            if not (done and getattr(view, "after_close", False)):  # the copy stays available
                return message(request, "closed", 410, _lang(request, org.language))
        lang = _lang(request, org.language)
        return view(request, Respondent(token, org, found.response, lang), *args, **kwargs)

    return wrapper


def _response(r: Respondent) -> Response:
    """The response as read with the token; created on the first visit."""
    if r.response is not None:
        return r.response
    return Response.objects.get_or_create(organisation=r.org)[0]


def _version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def after_close(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view a completed respondent may still open after the wave closes."""
    view.after_close = True  # type: ignore[attr-defined]
    return view


@respondent
@after_close
def entry(request: HttpRequest, r: Respondent) -> HttpResponse:
    """The personal link: continue where the respondent left off, on any device."""
    response = _response(r)
    if response.status == COMPLETED:
        return redirect(r.url("survey-done"))
    if response.current_page == "review":
        return redirect(r.url("survey-review"))
    pages = survey.page_names(questionnaire(r.org.wave), response.answers)
    target = response.current_page if response.current_page in pages else pages[0]
    return redirect(r.url("survey-page", target))


@respondent
def page(request: HttpRequest, r: Respondent, name: str) -> HttpResponse:
    q = questionnaire(r.org.wave)
    try:
        group = q.group(name)
    except KeyError:
        raise Http404("no such page") from None
    if request.method == "POST":
        return _save(request, r, group)
    response = _response(r)
    if response.status == COMPLETED:
        return redirect(r.url("survey-done"))
    if name not in survey.page_names(q, response.answers):
        return redirect(r.url("survey-entry"))
    errors = (
        survey.page_errors(q, group, response.answers, r.lang) if "check" in request.GET else None
    )
    return _render_page(
        request,
        r,
        group,
        response.answers,
        response.version,
        errors=errors,
        to_review=REVIEW_FLAG in request.GET,
    )


def _save(request: HttpRequest, r: Respondent, group: Group) -> HttpResponse:
    q = questionnaire(r.org.wave)
    version = _version(request)
    if version is None:
        return HttpResponseBadRequest("version missing")
    form = {key: request.POST.getlist(key) for key in request.POST}
    shown_field = request.POST.get("shown")
    shown = set(shown_field.split()) if shown_field is not None else None
    backwards = request.POST.get("action") == "previous"
    to_review = request.POST.get("return") == "review"
    response = _response(r)
    if response.status == COMPLETED:
        return redirect(r.url("survey-done"))
    if group.name not in survey.page_names(q, response.answers):
        return redirect(r.url("survey-entry"))
    if version != response.version:
        return _conflict(request, r, group, response)
    outcome = survey.save_page(q, group, response.answers, form, r.lang, shown)
    target: str | None = None
    if backwards and not outcome.blocking_backwards and not outcome.cleaned:
        target = survey.previous_page(q, outcome.answers, group.name) or group.name
    elif not backwards and outcome.complete and to_review:  # "Change" from the review page
        target = survey.first_problem(q, outcome.answers, r.lang) or "review"
    elif not backwards and outcome.complete:
        target = survey.next_page(q, outcome.answers, group.name) or "review"
    saved = store.save(
        response,
        answers=outcome.answers,
        status=PARTIAL,
        current_page=target or group.name,
        page=group.name,
        now=timezone.now(),
    )
    if not saved:  # another window saved since this request read the response
        response = Response.objects.get(pk=response.pk)
        if response.status == COMPLETED:
            return redirect(r.url("survey-done"))
        return _conflict(request, r, group, response)
    if target == "review":
        return see_other(r.url("survey-review"))
    if target is not None:
        again = f"?{REVIEW_FLAG}=1" if to_review and not backwards else ""
        return see_other(r.url("survey-page", target) + again)
    display = {**outcome.answers, **{k: v for k, v in form.items() if k in outcome.raw}}
    return _render_page(
        request,
        r,
        group,
        display,
        response.version,
        errors=outcome.errors,
        raw=outcome.raw,
        revealed=bool(outcome.revealed),
        cleaned=[q.item(name).label(r.lang) for name in outcome.cleaned],
        to_review=to_review,
    )


def _conflict(request: HttpRequest, r: Respondent, group: Group, current: Response) -> HttpResponse:
    """409: the page was shown with an older version; show the answers as stored now."""
    return _render_page(
        request, r, group, current.answers, current.version, conflict=True, status=409
    )


def _render_page(
    request: HttpRequest,
    r: Respondent,
    group: Group,
    answers: dict[str, Any],
    version: int,
    *,
    errors: dict[str, str] | None = None,
    raw: dict[str, str] | None = None,
    conflict: bool = False,
    revealed: bool = False,
    cleaned: list[str] | None = None,
    to_review: bool = False,
    status: int = 200,
) -> HttpResponse:
    q = questionnaire(r.org.wave)
    view = survey.page_view(q, group, _multi(q, answers), r.lang, errors=errors, raw=raw)
    t = texts(r.lang)
    position = t["page_of"].format(n=view.number, total=view.total)
    prefix = f"{t['error_prefix']} " if view.errors or conflict else ""
    ctx = _context(
        request,
        r.lang,
        f"{prefix}{view.title} ({position})",
        page=view,
        position=position,
        version=version,
        conflict=conflict,
        revealed=revealed,
        cleaned=cleaned or [],
        to_review=to_review,
        errors_title=errors_title(r.lang, len(view.errors)),
        has_previous=view.previous is not None,
    )
    if version == 0 and view.previous is None:  # nothing saved yet: the first page welcomes
        ctx["welcome"] = context.welcome(r.org, r.lang)
    ctx["for_org"] = t["for_org"].format(org=r.org.name)
    return render(request, "page.html", ctx, status=status)


def _multi(q: Questionnaire, answers: dict[str, Any]) -> dict[str, Any]:
    """Posted lists of one value back to strings for single-choice items (re-render)."""
    out = dict(answers)
    for item in q.answerable():
        value = out.get(item.name)
        if item.type != "select_multiple" and isinstance(value, list):
            out[item.name] = value[0] if value else None
    return out


@respondent
def review_page(request: HttpRequest, r: Respondent) -> HttpResponse:
    response = _response(r)
    if response.status == COMPLETED:
        return redirect(r.url("survey-done"))
    return _render_review(request, r, response)


def _render_review(
    request: HttpRequest,
    r: Respondent,
    response: Response,
    status: int = 200,
    conflict: bool = False,
) -> HttpResponse:
    t = texts(r.lang)
    q = questionnaire(r.org.wave)
    sections = survey.review(q, response.answers, r.lang, t["not_answered"])
    kept = len(response.answers) - len(survey.final_answers(q, response.answers))
    ctx = _context(
        request,
        r.lang,
        (f"{t['error_prefix']} " if conflict else "") + t["review_title"],
        sections=[
            (
                s,
                r.url("survey-page", s.name) + f"?{REVIEW_FLAG}=1",
                t["change_page"].format(title=s.title),
            )
            for s in sections
        ],
        kept_hidden=t["kept_hidden"].format(n=kept) if kept else "",
        version=response.version,
        conflict=conflict,
        submit_url=r.url("survey-submit"),
    )
    return render(request, "review.html", ctx, status=status)


@require_POST
@respondent
def submit(request: HttpRequest, r: Respondent) -> HttpResponse:
    q = questionnaire(r.org.wave)
    version = _version(request)
    if version is None:
        return HttpResponseBadRequest("version missing")
    response = _response(r)
    if response.status == COMPLETED:
        return redirect(r.url("survey-done"))
    if version != response.version:
        return _render_review(request, r, response, status=409, conflict=True)
    problem = survey.first_problem(q, response.answers, r.lang)
    if problem is not None:
        Response.objects.filter(pk=response.pk, version=version).update(current_page=problem)
        return see_other(r.url("survey-page", problem) + "?check=1")
    now = timezone.now()
    submitted = store.save(
        response,
        answers=survey.final_answers(q, response.answers),  # hidden answers cleared now
        status=COMPLETED,
        current_page="review",
        page="submit",
        now=now,
        submitted_at=now,
    )
    if not submitted:  # another window saved since this request read the response
        response = Response.objects.get(pk=response.pk)
        if response.status == COMPLETED:
            return redirect(r.url("survey-done"))
        return _render_review(request, r, response, status=409, conflict=True)
    return see_other(r.url("survey-done"))


@respondent
@after_close
def done(request: HttpRequest, r: Respondent) -> HttpResponse:
    """Thanks, and a read-only copy of the submitted answers."""
    response = Response.objects.filter(organisation=r.org).first()
    if response is None or response.status != COMPLETED or response.submitted_at is None:
        return redirect(r.url("survey-entry"))
    t = texts(r.lang)
    when = timezone.localtime(response.submitted_at).strftime("%d-%m-%Y %H:%M")
    sections = survey.review(questionnaire(r.org.wave), response.answers, r.lang, t["not_answered"])
    intro = t["done_intro"].format(when=when)
    ctx = _context(
        request,
        r.lang,
        t["done_title"],
        sections=sections,
        intro=intro,
        next_steps=context.next_steps(r.org, response.answers, r.lang),
        pdf_url=r.url("survey-copy"),
        for_org=t["for_org"].format(org=r.org.name),
    )
    return render(request, "done.html", ctx)


@respondent
@after_close
def copy_pdf(request: HttpRequest, r: Respondent) -> HttpResponse:
    """The submitted answers as a PDF; available after the wave closes too."""
    response = Response.objects.filter(organisation=r.org).first()
    if response is None or response.status != COMPLETED or response.submitted_at is None:
        return redirect(r.url("survey-entry"))
    t = texts(r.lang)
    when = timezone.localtime(response.submitted_at).strftime("%d-%m-%Y %H:%M")
    sections = survey.review(questionnaire(r.org.wave), response.answers, r.lang, t["not_answered"])
    html = render_to_string(
        "copy.html",
        {
            "lang": r.lang,
            "t": t,
            "org": r.org.name,
            "wave": r.org.wave.title or r.org.wave.name,
            "intro": t["done_intro"].format(when=when).split(".")[0] + ".",
            "sections": sections,
        },
        request=request,
    )
    pdf = HttpResponse(context.answers_pdf(html), content_type="application/pdf")
    pdf.headers["Content-Disposition"] = 'attachment; filename="answers.pdf"'
    return pdf


@respondent
def optout(request: HttpRequest, r: Respondent) -> HttpResponse:
    """Opt out of further e-mail (a form, so that link scanners cannot opt out)."""
    t = texts(r.lang)
    if request.method == "POST":
        Organisation.objects.filter(pk=r.org.pk, opted_out_at__isnull=True).update(
            opted_out_at=timezone.now()
        )
        ctx = _context(
            request, r.lang, t["optout_title"], heading=t["optout_title"], text=t["optout_done"]
        )
        return render(request, "message.html", ctx)
    ctx = _context(
        request,
        r.lang,
        t["optout_title"],
        intro=t["optout_intro"].format(org=r.org.name),
        survey_url=r.url("survey-entry"),
    )
    return render(request, "optout.html", ctx)
