"""Scrubbing identifying details from open answers (DESIGN section 8), in linear time.

Contact data (e-mail addresses, URLs, Dutch phone numbers) are found with one regular
expression. Organisation and person names are not turned into a regular expression (an
alternation of a million frame names takes minutes to compile and to run); each answer is
split once into *atoms* (runs of word characters, and single other characters that are not
white space) and the names are looked up in a trie keyed by their folded atoms, so the
work grows with the length of the answers and the number of names, not their product.
Before the trie is built, a name is dropped when one of its letter-and-digit pieces occurs
in none of the answers: it cannot match, and a frame of a million names then costs a few
vectorised passes instead of a Python loop per name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["PLACEHOLDERS", "NameScrubber", "fold", "scrub_text", "scrub_texts"]

_EMAIL = r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"
_URL = r"(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]]"
# Dutch numbers have ten digits nationally (0 + 9); internationally +31 or 0031, an
# optional "(0)", then 9 digits. Digits may be separated by a space, dot or hyphen, and
# an area code may stand in brackets: 06-12345678, 020 123 45 67, (020) 1234567,
# +31 6 1234 5678, +31 (0)20-1234567. Service numbers: 0800-1234, 0900-1234567.
_PHONE = (
    r"(?<![\w+])(?:"
    r"(?:\+|00)31[\s.\-]*(?:\(0\)[\s.\-]*)?\d(?:[\s.\-]?\d){8}"
    r"|0(?:[\s.\-]?\d){9}"
    + "".join(rf"|\(0\d{{{n - 1}}}\)[\s.\-]?\d(?:[\s.\-]?\d){{{9 - n}}}" for n in (2, 3, 4))
    + r"|0[89]00[\s.\-]?\d{4}(?:\d{3})?"
    r")(?!\d)"
)

#: Placeholders :func:`scrub_text` puts in place of what it removes.
PLACEHOLDERS: dict[str, str] = {
    "email": "[e-mail]",
    "url": "[url]",
    "phone": "[telefoon]",
    "org": "[organisatie]",
    "person": "[naam]",
}

_PLACEHOLDER = "|".join(re.escape(p) for p in PLACEHOLDERS.values())
# At one position: a placeholder already there (kept), e-mail, URL, phone number.
_CONTACT = (("keep", _PLACEHOLDER), ("email", _EMAIL), ("url", _URL), ("phone", _PHONE))
_ATOM = re.compile(r"\w+|[^\w\s]")
_PIECE = re.compile(r"[a-z0-9_]+")


def _fold_char(c: str) -> str:
    if not (c.isalnum() or c == "_"):
        return c  # punctuation and white space stay as they are
    base = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
    return (base or c).lower()


class _FoldTable(dict[int, str]):
    """``str.translate`` table that folds each character the first time it is seen."""

    def __missing__(self, code: int) -> str:
        value = self[code] = _fold_char(chr(code))
        return value


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """``text`` lower-cased, with letters and digits stripped of diacritics.

    Character by character (compatibility decomposition, combining marks dropped, lower
    case); punctuation and white space are left as they are. Names are compared folded,
    so matching ignores case and diacritics.

    Examples
    --------
    >>> fold("Súdwest-Fryslân, ÉÉN Café")
    'sudwest-fryslan, een cafe'
    """
    return text.lower() if text.isascii() else text.translate(_FOLD)


def _is_word(c: str) -> bool:  # what ``\w`` matches
    return c.isalnum() or c == "_"


@lru_cache(maxsize=16)
def _contact_pattern(kinds: tuple[str, ...]) -> re.Pattern[str]:
    parts = [f"(?P<{kind}>{pattern})" for kind, pattern in _CONTACT if kind in kinds]
    return re.compile("|".join(parts), re.IGNORECASE)


def _contact(text: str, low: str) -> re.Pattern[str] | None:
    """The contact pattern with only the alternatives that can match in ``text`` (each
    needs a character the text must contain), or None: the same matches, found faster."""
    kinds = tuple(
        kind
        for kind, needed in (
            ("keep", "[" in text),
            ("email", "@" in text),
            ("url", "www." in low or "http" in low),
            ("phone", "0" in text or "+" in text),
        )
        if needed
    )
    return _contact_pattern(kinds) if kinds else None


class _Node:
    __slots__ = ("children", "org", "person")

    def __init__(self) -> None:
        self.children: dict[Any, _Node] = {}
        self.org = False
        self.person = False


_SMALL = 2000  # fewer strings than this are handled in plain Python (no set-up cost)


def _strings(values: Iterable[str]) -> list[str] | pa.Array:
    """A short list of the strings as a list (None and NaN left out), else an Arrow array."""
    if not hasattr(values, "dtype"):  # a list, tuple, set, dict or generator
        values = list(values)
        if len(values) < _SMALL:
            return [v for v in values if isinstance(v, str)]
    return _name_array(values)


def _name_array(names: Iterable[str]) -> pa.Array:
    arr = pa.array(names, type=pa.large_string(), from_pandas=True)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return pc.drop_null(arr)


_PIECE_BYTE = np.zeros(256, dtype=bool)
_PIECE_BYTE[np.frombuffer(b"abcdefghijklmnopqrstuvwxyz0123456789_", dtype=np.uint8)] = True


def _runs(strings: pa.Array) -> tuple[pa.Array, np.ndarray, np.ndarray, np.ndarray]:
    """Lower-case ASCII ``strings`` cut into runs of piece characters and runs of other
    characters (never across two strings), vectorised over the UTF-8 bytes.

    Returns the runs, whether each is a piece, the byte offset where each starts, and the
    byte offsets of the strings.
    """
    n = len(strings)
    offsets = np.frombuffer(strings.buffers()[1], dtype=np.int64)
    offsets = offsets[strings.offset : strings.offset + n + 1]
    data = np.frombuffer(strings.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
    offsets = offsets - offsets[0]
    inside = _PIECE_BYTE[data]
    first = np.empty(len(data), dtype=bool)
    first[:1] = True
    np.not_equal(inside[1:], inside[:-1], out=first[1:])
    first[offsets[:-1][offsets[:-1] < len(data)]] = True  # a run starts with every string
    bounds = np.flatnonzero(first)
    runs = pa.LargeStringArray.from_buffers(
        len(bounds), pa.py_buffer(np.append(bounds, len(data)).astype(np.int64)), pa.py_buffer(data)
    )
    return runs, inside[bounds], bounds, offsets


def _ascii_chunks(strings: pa.Array, chunk: int = 1 << 18) -> Iterator[tuple[int, pa.Array]]:
    """(position, lower-cased slice) of the strings, in slices of bounded size."""
    lower = pc.ascii_lower(strings)
    for start in range(0, len(lower), chunk):
        yield start, lower.slice(start, chunk)


def _text_pieces(texts: list[str] | pa.Array) -> frozenset[str]:
    """Every maximal run of ``[a-z0-9_]`` in the folded texts."""
    found: set[str] = set()
    if isinstance(texts, list):
        for text in texts:
            found.update(_PIECE.findall(fold(text)))
        return frozenset(found)
    arr = texts
    ascii_ = pc.string_is_ascii(arr).to_numpy(zero_copy_only=False)
    for _start, chunk in _ascii_chunks(pc.filter(arr, ascii_)):
        runs, piece, _bounds, _offsets = _runs(chunk)
        found.update(pc.unique(pc.filter(runs, piece)).to_pylist())
    for text in pc.filter(arr, ~ascii_).to_pylist():
        found.update(_PIECE.findall(fold(text)))
    return frozenset(found)


def _absent(names: pa.Array, known: pa.Array) -> np.ndarray:
    """For each lower-case ASCII name, whether one of its pieces is not in ``known``."""
    out = np.zeros(len(names), dtype=bool)
    runs, piece, bounds, offsets = _runs(names)
    found = pc.is_in(runs, value_set=known).to_numpy(zero_copy_only=False)
    missing = bounds[piece & ~found]
    out[np.searchsorted(offsets, missing, side="right") - 1] = True
    return out


def _pylist(values: list[str] | pa.Array) -> list[str]:
    return values if isinstance(values, list) else values.to_pylist()


def _possible(arr: list[str] | pa.Array, pieces: frozenset[str] | None) -> list[str]:
    """The names that can occur in texts whose folded pieces are ``pieces`` (all if None).

    A name can only match if every maximal run of ``[a-z0-9_]`` in its folded form is
    such a run in the folded text (folding works character by character and leaves the
    characters around a match, which are not word characters, as they are). ASCII names
    are checked vectorised (their folded form is their lower case), the others one by one.
    """
    if pieces is None:
        return [name for name in _pylist(arr) if name.strip()]
    if isinstance(arr, list):
        return [n for n in arr if n.strip() and all(p in pieces for p in _PIECE.findall(fold(n)))]
    ascii_ = pc.string_is_ascii(arr).to_numpy(zero_copy_only=False)
    known = pa.array(list(pieces), pa.large_string())
    names = pc.filter(arr, ascii_)
    keep = np.ones(len(names), dtype=bool)
    for start, chunk in _ascii_chunks(names):
        keep[start : start + len(chunk)] = ~_absent(chunk, known)
    out = [name for name in pc.filter(names, keep).to_pylist() if name.strip()]
    for name in pc.filter(arr, ~ascii_).to_pylist():
        if name.strip() and all(p in pieces for p in _PIECE.findall(fold(name))):
            out.append(name)
    return out


class NameScrubber:
    """Scrubs e-mail addresses, URLs, phone numbers and the given names from answers.

    Build it once for many answers; :func:`scrub_texts` does that.

    Parameters
    ----------
    org_names, person_names : iterable of str
        Organisation and person names (a list, or a pandas Series: a frame column).
    texts : iterable of str, optional
        The answers that will be scrubbed. When given, names that cannot occur in any of
        them are left out of the index (a large frame then costs little). Scrubbing other
        texts with such a scrubber may miss names.
    """

    def __init__(
        self,
        org_names: Iterable[str] = (),
        person_names: Iterable[str] = (),
        *,
        texts: Iterable[str] | None = None,
    ) -> None:
        orgs, persons = _strings(org_names), _strings(person_names)
        pieces = None
        if texts is not None and (len(orgs) or len(persons)):
            pieces = _text_pieces(_strings(texts))
        self._root = _Node()
        for name in _possible(orgs, pieces):
            self._add(name, "org")
        for name in _possible(persons, pieces):
            self._add(name, "person")

    def _add(self, name: str, kind: str) -> None:
        node, first = self._root, True
        for word in name.split():
            for k, atom in enumerate(_ATOM.findall(word)):
                key: Any = fold(atom) if first else (k == 0, fold(atom))
                node = node.children.setdefault(key, _Node())
                first = False
        setattr(node, kind, True)

    @property
    def n_names(self) -> int:
        """Distinct names (folded) in the index."""

        def count(node: _Node) -> int:
            return int(node.org or node.person) + sum(count(c) for c in node.children.values())

        return count(self._root) - int(self._root.org or self._root.person)

    def _names(self, text: str, low: str | None) -> list[tuple[int, int, str]]:
        """(start, end, kind) of the name to replace at each atom where one starts: the
        longest organisation name, else the longest person name."""
        roots = self._root.children
        if not roots:
            return []
        if low is not None:  # ASCII: folding is lower case and keeps every position
            if roots.keys().isdisjoint(_ATOM.findall(low)):
                return []
            atoms = [(m.start(), m.end(), m.group()) for m in _ATOM.finditer(low)]
        else:
            atoms = [(m.start(), m.end(), fold(m.group())) for m in _ATOM.finditer(text)]
        out = []
        size = len(text)
        for i, (start, end, folded) in enumerate(atoms):
            node = roots.get(folded)
            if node is None or (start > 0 and _is_word(text[start - 1])):
                continue
            org = person = -1
            j = i
            while True:
                if (node.org or node.person) and (end == size or not _is_word(text[end])):
                    if node.org:
                        org = end
                    if node.person:
                        person = end
                j += 1
                if j == len(atoms):
                    break
                nxt = node.children.get((atoms[j][0] > end, atoms[j][2]))
                if nxt is None:
                    break
                node, end = nxt, atoms[j][1]
            if org >= 0:
                out.append((start, org, "org"))
            elif person >= 0:
                out.append((start, person, "person"))
        return out

    def __call__(self, text: str) -> str:
        """``text`` scrubbed (see :func:`scrub_text`)."""
        ascii_ = text.isascii()
        low = text.lower()
        names = self._names(text, low if ascii_ else None)
        pattern = _contact(text, low)
        if pattern is None and not names:
            return text
        parts: list[str] = []
        pos = last = k = 0
        contact = pattern.search(text) if pattern is not None else None
        while True:
            while k < len(names) and names[k][0] < pos:
                k += 1
            if contact is not None and contact.start() < pos:
                contact = pattern.search(text, pos) if pattern is not None else None
            if contact is None and k == len(names):
                break
            if contact is not None and (k == len(names) or contact.start() <= names[k][0]):
                start, pos, kind = contact.start(), contact.end(), str(contact.lastgroup)
            else:
                start, pos, kind = names[k]
            parts.append(text[last:start])
            parts.append(text[start:pos] if kind == "keep" else PLACEHOLDERS[kind])
            last = pos
        parts.append(text[last:])
        return "".join(parts)


def scrub_text(
    text: str, *, org_names: Iterable[str] = (), person_names: Iterable[str] = ()
) -> str:
    """Remove identifying details from an open answer before it is shown anywhere.

    Replaces e-mail addresses with ``[e-mail]``, URLs (``http(s)://`` or ``www.``) with
    ``[url]``, Dutch phone numbers with ``[telefoon]``, and the given organisation and
    person names (whole words, ignoring case and diacritics, any white space inside a
    name) with ``[organisatie]`` and ``[naam]``.

    Parameters
    ----------
    text : str
        One open answer.
    org_names : iterable of str
        Organisation names, e.g. every name in the frame.
    person_names : iterable of str
        Person names, e.g. the contact persons of the fieldwork.

    Returns
    -------
    str
        The scrubbed text.

    Notes
    -----
    One pass from left to right: at each position the first of e-mail, URL, phone,
    organisation name, person name that matches there is replaced, and scanning goes on
    after it, so an e-mail address or URL that contains a name is replaced as a whole.
    Of the names that match at one position the longest wins. A name matches only as a
    whole: not preceded or followed by a letter, digit or underscore. Placeholders
    already in the text are left alone, so scrubbing twice changes nothing. For many
    answers use :func:`scrub_texts`, which builds the name index once.

    Examples
    --------
    >>> scrub_text("Bel Jan de Vries (06-12345678) van Gemeente Nieuwstad",
    ...            org_names=["Gemeente Nieuwstad"], person_names=["Jan de Vries"])
    'Bel [naam] ([telefoon]) van [organisatie]'
    """
    return NameScrubber(org_names, person_names, texts=(text,))(text)


def scrub_texts(
    texts: Sequence[str], *, org_names: Iterable[str] = (), person_names: Iterable[str] = ()
) -> list[str]:
    """:func:`scrub_text` on every text, with the name index built once.

    Identical texts are scrubbed once. Time and memory grow linearly with the total
    length of the texts plus the number of names.

    Examples
    --------
    >>> scrub_texts(["Met Gemeente Nieuwstad", "", "Met gemeente nieuwstad"],
    ...             org_names=["Gemeente Nieuwstad", "Oudstad"])
    ['Met [organisatie]', '', 'Met [organisatie]']
    """
    distinct = dict.fromkeys(texts)
    scrub = NameScrubber(org_names, person_names, texts=distinct)
    done = {t: scrub(t) for t in distinct}
    return [done[t] for t in texts]
