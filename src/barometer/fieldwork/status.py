"""The response monitor: Tabel 1 of the report, live, by sector or by cluster.

Columns: organisations in the frame, invited, and the mutually exclusive stages of those who
opened the link (started: opened, nothing saved; partial: saved at least one page;
completed: submitted), then bounced and opted out. Invited counts every organisation that
was sent an invitation *or* handed a personal link by ``barometer link``. The response rate
is completed / invited, as Tabel 1 printed it (Ingevuld / Verstuurd).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from barometer.fieldwork.reminders import COMPLETED, PARTIAL, STARTED

COLUMNS = ("frame", "invited", "started", "partial", "completed", "bounced", "opted_out")
HEADINGS = {
    "nl": {
        "frame": "Kader",
        "invited": "Uitgenodigd",
        "started": "Begonnen",
        "partial": "Deels",
        "completed": "Ingevuld",
        "bounced": "Onbestelbaar",
        "opted_out": "Afgemeld",
        "rate": "Respons",
        "sector": "Sector",
        "cluster": "Cluster",
        "total": "Totaal",
    },
    "en": {
        "frame": "Frame",
        "invited": "Invited",
        "started": "Started",
        "partial": "Partial",
        "completed": "Completed",
        "bounced": "Bounced",
        "opted_out": "Opted out",
        "rate": "Response",
        "sector": "Sector",
        "cluster": "Cluster",
        "total": "Total",
    },
}


#: What each column counts, shown on the monitor page.
DEFINITIONS = {
    "nl": {
        "frame": "organisaties in het steekproefkader van deze ronde",
        "invited": "uitnodiging verstuurd, of een persoonlijke link uitgegeven met barometer link",
        "started": "link geopend, nog geen pagina opgeslagen",
        "partial": "minstens één pagina opgeslagen, nog niet verstuurd",
        "completed": "vragenlijst verstuurd",
        "bounced": "e-mailadres onbestelbaar; krijgt geen e-mail meer",
        "opted_out": "heeft zich afgemeld voor e-mail",
        "rate": "Ingevuld gedeeld door Uitgenodigd",
    },
    "en": {
        "frame": "organisations in this wave's sampling frame",
        "invited": "sent an invitation, or handed a personal link by barometer link",
        "started": "opened the link, no page saved yet",
        "partial": "saved at least one page, not yet submitted",
        "completed": "submitted the questionnaire",
        "bounced": "e-mail address bounced; gets no more e-mail",
        "opted_out": "opted out of e-mail",
        "rate": "Completed divided by Invited",
    },
}


@dataclass(frozen=True)
class OrgStatus:
    sector: str
    cluster: str
    invited: bool
    stage: str  # none, started, partial, completed
    bounced: bool = False
    opted_out: bool = False


@dataclass(frozen=True)
class StatusRow:
    key: str
    label: str
    counts: dict[str, int]

    @property
    def rate(self) -> float | None:
        """Completed as a share of invited (None when nobody was invited)."""
        invited = self.counts["invited"]
        return self.counts["completed"] / invited if invited else None


@dataclass(frozen=True)
class StatusTable:
    by: str
    rows: tuple[StatusRow, ...]
    total: StatusRow


def _count(orgs: list[OrgStatus]) -> dict[str, int]:
    return {
        "frame": len(orgs),
        "invited": sum(o.invited for o in orgs),
        "started": sum(o.stage == STARTED for o in orgs),
        "partial": sum(o.stage == PARTIAL for o in orgs),
        "completed": sum(o.stage == COMPLETED for o in orgs),
        "bounced": sum(o.bounced for o in orgs),
        "opted_out": sum(o.opted_out for o in orgs),
    }


def tabulate(
    orgs: Iterable[OrgStatus],
    by: str = "sector",
    label: Callable[[str], str] = str,
    lang: str = "nl",
) -> StatusTable:
    """Counts per ``by`` (``sector`` or ``cluster``) with a total row; rows sorted by label."""
    if by not in ("sector", "cluster"):
        raise ValueError(f"by must be 'sector' or 'cluster', not {by!r}")
    orgs = list(orgs)
    groups: dict[str, list[OrgStatus]] = {}
    for o in orgs:
        groups.setdefault(getattr(o, by) or "", []).append(o)
    rows = sorted(
        (
            StatusRow(key, label(key) if key else "-", _count(members))
            for key, members in groups.items()
        ),
        key=lambda r: r.label.lower(),
    )
    total = StatusRow("", HEADINGS.get(lang, HEADINGS["en"])["total"], _count(orgs))
    return StatusTable(by, tuple(rows), total)


def format_rate(rate: float | None, lang: str = "nl") -> str:
    if rate is None:
        return "-"
    text = f"{100 * rate:.1f}%"
    return text.replace(".", ",") if lang == "nl" else text


def render_text(table: StatusTable, lang: str = "nl") -> str:
    """The table as aligned plain text (``barometer status``)."""
    head = HEADINGS.get(lang, HEADINGS["en"])
    header = [head[table.by], *(head[c] for c in COLUMNS), head["rate"]]
    body = [
        [r.label, *(str(r.counts[c]) for c in COLUMNS), format_rate(r.rate, lang)]
        for r in (*table.rows, table.total)
    ]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]

    def fmt(line: list[str]) -> str:
        first = line[0].ljust(widths[0])
        rest = (cell.rjust(w) for cell, w in zip(line[1:], widths[1:], strict=True))
        return "  ".join([first, *rest]).rstrip()

    rule = "-" * len(fmt(header))
    return "\n".join([fmt(header), rule, *(fmt(b) for b in body[:-1]), rule, fmt(body[-1])])
