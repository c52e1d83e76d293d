"""The one rule for text that comes in: from the web survey and from an imported dataset.

Text is stored as Unicode NFC, with ``\\r\\n`` and ``\\r`` as ``\\n``, and without control
characters other than tab and newline (Unicode category Cc: C0, DEL and C1), without lone
surrogates, and at most :data:`MAX_LENGTH` characters long. Such characters cannot be
stored everywhere (PostgreSQL refuses NUL in ``jsonb``; an .xlsx cell refuses most of C0),
and nobody types them on purpose.

- The web survey *cleans* a posted answer with :func:`clean` and tells the respondent when
  something was removed (:attr:`Cleaned.changed`).
- Reading a dataset *checks* every text cell with :func:`problem` and refuses the file,
  naming each cell (the analyst decides what the text should be). NFC is applied silently
  on both paths: it changes no character a reader can see.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = ["KEPT_CONTROLS", "MAX_LENGTH", "Cleaned", "clean", "normal", "problem", "visible"]

#: Characters kept of any one answer (the survey's text fields say so; docs/data-files.md).
MAX_LENGTH = 10_000
#: The control characters a text may hold.
KEPT_CONTROLS = frozenset("\t\n")


@dataclass(frozen=True)
class Cleaned:
    text: str
    removed: int  # control characters (and lone surrogates) taken out
    truncated: bool  # cut to MAX_LENGTH

    @property
    def changed(self) -> bool:
        """Whether the respondent should be told: something they sent was not kept."""
        return bool(self.removed) or self.truncated


def _unwanted(ch: str) -> bool:
    if ch in KEPT_CONTROLS:
        return False
    return unicodedata.category(ch) in ("Cc", "Cs")


def normal(text: str) -> str:
    """``text`` with line breaks as ``\\n``, in NFC: what changes nothing a reader sees."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean(text: str, max_length: int = MAX_LENGTH) -> Cleaned:
    """``text`` by the rule: line breaks as ``\\n``, controls removed, NFC, cut to length."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(ch for ch in text if not _unwanted(ch))
    removed = len(text) - len(kept)
    kept = unicodedata.normalize("NFC", kept)
    truncated = len(kept) > max_length
    return Cleaned(kept[:max_length] if truncated else kept, removed, truncated)


def visible(text: str) -> str:
    """``text`` with its unwanted characters written as ``\\x00``-style escapes (messages)."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii") if _unwanted(ch) or ch == "\r" else ch
        for ch in text
    )


def problem(text: str, max_length: int = MAX_LENGTH) -> str | None:
    """What breaks the rule in ``text`` (None: nothing), for a validation message.

    Pass the text through :func:`normal` first: a ``\\r`` of a line break is no problem.
    """
    bad = sorted({ch for ch in text if _unwanted(ch)})
    if bad:
        codes = ", ".join(f"U+{ord(ch):04X}" for ch in bad)
        return f"it holds control characters ({codes}); only tab and line breaks are allowed"
    if len(text) > max_length:
        return f"it is {len(text):,} characters long; at most {max_length:,} are allowed"
    return None
