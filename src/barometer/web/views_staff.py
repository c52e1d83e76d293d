"""Staff pages: the live response monitor, and a trivial health check."""

from __future__ import annotations

from django.contrib.auth.decorators import user_passes_test
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from barometer.fieldwork.status import COLUMNS, DEFINITIONS, HEADINGS, format_rate
from barometer.web.models import Wave
from barometer.web.operations import wave_status

staff_required = user_passes_test(lambda u: u.is_active and u.is_staff)


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    waves = Wave.objects.all()
    return render(request, "web/staff_home.html", {"waves": waves, "title": "Fieldwork"})


@staff_required
def monitor(request: HttpRequest, wave: str) -> HttpResponse:
    """Tabel 1, live: the state of every organisation by sector and by cluster."""
    w = get_object_or_404(Wave, name=wave)
    lang = "en" if request.GET.get("lang") == "en" else "nl"
    tables = [wave_status(w.name, by=by, lang=lang) for by in ("sector", "cluster")]
    head = HEADINGS[lang]
    rendered = [
        {
            "caption": head[table.by],
            "by": head[table.by],
            "rows": [
                [row.label, *(row.counts[c] for c in COLUMNS), format_rate(row.rate, lang)]
                for row in table.rows
            ],
            "total": [
                table.total.label,
                *(table.total.counts[c] for c in COLUMNS),
                format_rate(table.total.rate, lang),
            ],
        }
        for table in tables
    ]
    ctx = {
        "wave": w,
        "tables": rendered,
        "columns": [head[c] for c in COLUMNS] + [head["rate"]],
        "definitions": [(head[c], DEFINITIONS[lang][c]) for c in (*COLUMNS, "rate")],
        "title": f"{'Responsmonitor' if lang == 'nl' else 'Response monitor'} {w.name}",
        "lang": lang,
    }
    if request.GET.get("format") == "json":
        return JsonResponse({"wave": w.name, "tables": rendered, "columns": ctx["columns"]})
    return render(request, "web/monitor.html", ctx)


def healthz(request: HttpRequest) -> HttpResponse:
    """One database round trip through the full stack (also the benchmark's ceiling)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")
