"""The disclosure policy as data: its settings, their checks and the sentences that state it.

One tuple of :class:`Setting` feeds :func:`load_policy`, docs/disclosure.md and the report's
methods section, so the rule that is applied, the rule that is documented and the rule that
is printed are the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from barometer.errors import DisclosureError, ErrorCode

__all__ = ["SETTINGS", "DisclosurePolicy", "Setting", "describe_policy", "load_policy"]


@dataclass(frozen=True)
class Setting:
    """One setting of the policy: its name, default and a one-line explanation."""

    name: str
    default: int
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "min_n",
        5,
        "Fewest organisations any published base (a percentage, mean, box, term, benchmark, "
        "feedback comparison) may rest on. At least 2.",
    ),
    Setting(
        "cell_min",
        5,
        "Fewest organisations in a published count that crosses an identifying variable "
        "(sector, cluster, size class or any other frame variable). A count of 0 is allowed. "
        "At least min_n.",
    ),
    Setting(
        "group_min",
        10,
        "A group of an identifying variable with fewer organisations than this is 'small': "
        "it may not be shown with 0% or 100% on an answer (group disclosure). At least min_n.",
    ),
    Setting(
        "term_min",
        5,
        "Fewest different organisations that must have used a term before it appears in a "
        "word cloud or term table. At least min_n.",
    ),
)


@dataclass(frozen=True)
class DisclosurePolicy:
    """The confidentiality rules every published number and text must keep.

    Quotes are never a setting: a quote is printed only after a person approved it.
    """

    min_n: int = 5
    cell_min: int = 5
    group_min: int = 10
    term_min: int = 5

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise DisclosureError(
                    ErrorCode.DISCLOSURE_POLICY,
                    column=f.name,
                    value=value,
                    detail="must be a whole number",
                )
        if self.min_n < 2:
            raise DisclosureError(
                ErrorCode.DISCLOSURE_POLICY,
                column="min_n",
                value=self.min_n,
                detail="must be at least 2 (a base of 1 is one organisation's answer)",
            )
        for name in ("cell_min", "group_min", "term_min"):
            value = getattr(self, name)
            if value < self.min_n:
                raise DisclosureError(
                    ErrorCode.DISCLOSURE_POLICY,
                    column=name,
                    value=value,
                    detail=f"must be at least min_n ({self.min_n})",
                )


def load_policy(source: Path | Mapping[str, Any] | None = None) -> DisclosurePolicy:
    """The policy from a YAML file or a mapping of settings; defaults where not given.

    Parameters
    ----------
    source : path, mapping or None
        A YAML file holding a mapping ``setting: value``, or such a mapping; ``None`` gives
        the defaults of :data:`SETTINGS`.

    Raises
    ------
    DisclosureError
        An unknown setting, a value that is not a whole number, ``min_n < 2`` or a threshold
        below ``min_n``; the message names the file, the setting and the value.
    """
    where = ""
    values: Any
    if source is None:
        values = {}
    elif isinstance(source, Path):
        where = f"{source}: "
        try:
            values = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise DisclosureError(
                ErrorCode.DISCLOSURE_POLICY, column="(file)", value=str(source), detail=str(exc)
            ) from None
    else:
        values = source
    if not isinstance(values, Mapping):
        raise DisclosureError(
            ErrorCode.DISCLOSURE_POLICY,
            column="(file)",
            value=str(source),
            detail="must hold a mapping of settings",
        )
    known = {s.name: s.default for s in SETTINGS}
    unknown = sorted(str(k) for k in values if k not in known)
    if unknown:
        raise DisclosureError(
            ErrorCode.DISCLOSURE_POLICY,
            column=unknown[0],
            value=values[unknown[0]],
            detail=f"{where}unknown setting (known: {', '.join(known)})",
        )
    try:
        return DisclosurePolicy(**{**known, **dict(values)})
    except DisclosureError as exc:
        if not where:
            raise
        raise DisclosureError(
            ErrorCode.DISCLOSURE_POLICY,
            column=exc.problem.column,
            value=exc.problem.value,
            detail=f"{where}{exc.problem.message.rsplit(': ', 1)[-1]}",
        ) from None


_SENTENCES = {
    "nl": (
        "Vertrouwelijkheid: geen getoond percentage, gemiddelde, aantal of vergelijkingscijfer "
        "berust op minder dan {min_n} organisaties.",
        "Aantallen per sector, cluster of omvangsklasse worden alleen getoond vanaf "
        "{cell_min} organisaties (0 mag).",
        "Een groep van minder dan {group_min} organisaties wordt nooit getoond met 0% of 100% "
        "op een antwoord.",
        "Twee gepubliceerde groepen die op 1 tot {min_n_minus} organisaties na gelijk zijn, "
        "worden samengevoegd of weggelaten, zodat hun verschil niets prijsgeeft.",
        "Een aantal dat om die reden niet getoond wordt, staat er als x (in de CSV een lege "
        "cel); zo nodig worden ook andere aantallen verborgen, zodat het niet uit getoonde "
        "totalen, ook die in andere tabellen, is terug te rekenen tot op minder dan {min_n}.",
        "Een woord uit de open antwoorden verschijnt pas als ten minste {term_min} "
        "verschillende organisaties het gebruikten; een citaat alleen als een medewerker het "
        "na controle heeft goedgekeurd.",
    ),
    "en": (
        "Confidentiality: no percentage, mean, count or comparison figure shown rests on fewer "
        "than {min_n} organisations.",
        "Counts by sector, cluster or size class are shown only from {cell_min} organisations "
        "(0 is allowed).",
        "A group of fewer than {group_min} organisations is never shown with 0% or 100% on an "
        "answer.",
        "Two published groups that differ by 1 to {min_n_minus} organisations are merged or "
        "left out, so that their difference reveals nothing.",
        "A count not shown for these reasons is printed as x (an empty cell in the CSV); where "
        "needed other counts are hidden too, so that it cannot be computed to within fewer "
        "than {min_n} from totals shown, in the same table or another.",
        "A word from the open answers appears only if at least {term_min} different "
        "organisations used it; a quote only after a member of staff reviewed and approved it.",
    ),
}


def describe_policy(policy: DisclosurePolicy, lang: str = "nl") -> tuple[str, ...]:
    """The policy as a few sentences for a report's methods section (``nl`` or ``en``).

    Examples
    --------
    >>> describe_policy(DisclosurePolicy(), "en")[0][:40]
    'Confidentiality: no percentage, mean, co'
    """
    values = {
        "min_n": policy.min_n,
        "cell_min": policy.cell_min,
        "group_min": policy.group_min,
        "term_min": policy.term_min,
        "min_n_minus": policy.min_n - 1,
    }
    return tuple(s.format(**values) for s in _SENTENCES["en" if lang == "en" else "nl"])
