"""Security headers, the client address behind proxies, and the token-guess throttle."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.http import HttpRequest, HttpResponse

from barometer.web.models import Throttle

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)
# Django's admin sets a few inline style attributes.
ADMIN_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class SecurityHeadersMiddleware:
    """Content-Security-Policy, Permissions-Policy, and no caching of respondent pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _warned:
            warn_untrusted_forwarding(request)
        response = self.get_response(request)
        policy = ADMIN_CSP if request.path.startswith("/admin/") else CSP
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        if not request.path.startswith("/static/"):
            # Answers and links must not stay in shared or browser caches.
            response.headers["Cache-Control"] = "no-store"
        return response


logger = logging.getLogger("barometer.web.security")
FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP")
_warned = False


def warn_untrusted_forwarding(request: HttpRequest) -> bool:
    """Log once per process when a request carries forwarding headers while no trusted proxy
    is configured (BAROMETER_PROXY_COUNT=0): every client then has the proxy's address, so
    all respondents share one throttle. Returns whether it warned now."""
    global _warned
    if _warned or settings.BAROMETER["PROXY_COUNT"] > 0:
        return False
    headers = [h for h in FORWARDING_HEADERS if h in request.META]
    if not headers:
        return False
    _warned = True
    names = ", ".join(h.removeprefix("HTTP_").replace("_", "-").title() for h in headers)
    logger.warning(
        "requests arrive with forwarding headers (%s) but BAROMETER_PROXY_COUNT is 0: the "
        "client address is taken to be the proxy's. Behind a reverse proxy set "
        "BAROMETER_PROXY_COUNT to the number of proxies (docs/deployment.md).",
        names,
    )
    return True


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or X-Forwarded-For as the trusted proxies set it."""
    count = settings.BAROMETER["PROXY_COUNT"]
    if count > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= count:
            return hops[-count][:64]
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


def _window(now: float) -> tuple[int, int]:
    length = max(1, settings.BAROMETER["THROTTLE_WINDOW"])
    return int(now // length), settings.BAROMETER["THROTTLE_LIMIT"]


def is_throttled(key: str, now: float | None = None) -> bool:
    """Whether ``key`` failed too often in this window and the one before."""
    now = time.time() if now is None else now
    _, limit = _window(now)
    since = first_window(now)
    total = Throttle.objects.filter(key=key, window__gte=since).aggregate(n=Sum("count"))["n"]
    return (total or 0) >= limit


def first_window(now: float | None = None) -> int:
    """The oldest throttle window that still counts: failures from this window on are added
    up (the survey's token look-up does that in the same query, :func:`barometer.web.store.find`).
    """
    window, _ = _window(time.time() if now is None else now)
    return window - 1


def limit() -> int:
    return int(settings.BAROMETER["THROTTLE_LIMIT"])


def record_failure(key: str, now: float | None = None) -> None:
    """Count one failed look-up for ``key`` (shared by all workers through the database)."""
    window, _ = _window(time.time() if now is None else now)
    with transaction.atomic():
        if Throttle.objects.filter(key=key, window=window).update(count=F("count") + 1):
            return
    try:
        with transaction.atomic():
            Throttle.objects.create(key=key, window=window, count=1)
    except IntegrityError:  # another worker created it first
        with transaction.atomic():
            Throttle.objects.filter(key=key, window=window).update(count=F("count") + 1)
    Throttle.objects.filter(window__lt=window - 1).delete()


def retry_after() -> int:
    return max(1, settings.BAROMETER["THROTTLE_WINDOW"])
