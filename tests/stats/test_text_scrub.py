"""Scrubbing names and contact data from open answers: the linear name index.

The name matching is checked against a reference built the way scrubbing used to work: one
regular expression with every name as an alternative (longest first, case-insensitive,
``\\s+`` between the words of a name, not inside a word).
"""

from __future__ import annotations

import random
import re

import numpy as np
import pandas as pd
import pytest

from barometer.stats.text_scrub import NameScrubber, fold, scrub_text, scrub_texts

ORG = "[organisatie]"
PERSON = "[naam]"


def _reference(text: str, org_names: list[str], person_names: list[str]) -> str:
    """Scrubbing as one regular expression over every name (quadratic, but independent)."""
    from barometer.stats.text_scrub import _EMAIL, _PHONE, _PLACEHOLDER, _URL, PLACEHOLDERS

    def names(ns: list[str]) -> str | None:
        cleaned = {" ".join(n.split()) for n in ns if n.strip()}
        if not cleaned:
            return None
        parts = [r"\s+".join(re.escape(w) for w in n.split())
                 for n in sorted(cleaned, key=lambda n: (-len(n), n))]  # fmt: skip
        return r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)"

    alternatives = [f"(?P<keep>{_PLACEHOLDER})", f"(?P<email>{_EMAIL})", f"(?P<url>{_URL})",
                    f"(?P<phone>{_PHONE})"]  # fmt: skip
    for kind, ns in (("org", org_names), ("person", person_names)):
        pattern = names(ns)
        if pattern is not None:
            alternatives.append(f"(?P<{kind}>{pattern})")
    regex = re.compile("|".join(alternatives), re.IGNORECASE)
    return regex.sub(
        lambda m: m.group(0) if m.lastgroup == "keep" else PLACEHOLDERS[str(m.lastgroup)], text
    )


@pytest.mark.parametrize(
    ("text", "orgs", "persons", "expected"),
    [
        # multi-word names, any white space inside
        ("Met Gemeente\tNieuw  Stad\ngestart", ["Gemeente Nieuw Stad"], [], f"Met {ORG}\ngestart"),
        ("Met Gemeente Nieuw", ["Gemeente Nieuw Stad"], [], "Met Gemeente Nieuw"),
        # overlapping names: the longest wins, at the leftmost position
        ("Gemeente Nieuwstad en Nieuwstad", ["Nieuwstad", "Gemeente Nieuwstad"], [],
         f"{ORG} en {ORG}"),
        ("Jan de Vries en Jan", [], ["Jan", "Jan de Vries"], f"{PERSON} en {PERSON}"),
        ("Jan de Vries Bank", ["Vries Bank"], ["Jan de Vries"], f"{PERSON} Bank"),
        ("De Vries Bank", ["Vries Bank"], ["De Vries"], f"{PERSON} Bank"),
        # at one position an organisation goes before a (even longer) person name
        ("Jan de Vries", ["Jan"], ["Jan de Vries"], f"{ORG} de Vries"),
        # at the start and end of an answer, or the whole answer
        ("Nieuwstad", ["Nieuwstad"], [], ORG),
        ("Nieuwstad werkt samen met Oudstad", ["Nieuwstad", "Oudstad"], [], f"{ORG} werkt samen met {ORG}"),
        # punctuation around a name; whole words only
        ("(Nieuwstad), Nieuwstad. Nieuwstad-Oost 'Nieuwstad'", ["Nieuwstad"], [],
         f"({ORG}), {ORG}. {ORG}-Oost '{ORG}'"),
        ("Nieuwstadse Nieuwstad2 _Nieuwstad Nieuwstad_", ["Nieuwstad"], [],
         "Nieuwstadse Nieuwstad2 _Nieuwstad Nieuwstad_"),
        # punctuation inside a name
        ("In 's-Hertogenbosch en x's-Hertogenbosch", ["'s-Hertogenbosch"], [],
         f"In {ORG} en x's-Hertogenbosch"),
        ("Bij A.B. (A+B) en A.B.C", ["A.B.", "(A+B)"], [], f"Bij {ORG} {ORG} en A.B.C"),
        # case and diacritics are ignored
        ("SÚDWEST-FRYSLÂN en Sudwest-Fryslan", ["Súdwest-Fryslân"], [], f"{ORG} en {ORG}"),
        ("José Müller en jose muller", [], ["Jose Muller"], f"{PERSON} en {PERSON}"),
        # contact data first where they start first; an address with a name goes whole
        ("Mail jan.devries@nieuwstad.nl of www.nieuwstad.nl", ["Nieuwstad"], ["Jan"],
         "Mail [e-mail] of [url]"),
        ("Jan de Vries@x.nl", [], ["Jan de Vries"], f"{PERSON}@x.nl"),
        ("Bel Jan op 06-12345678 of +31 6 1234 5678", [], ["Jan"],
         f"Bel {PERSON} op [telefoon] of [telefoon]"),
        # placeholders stay, so scrubbing twice changes nothing
        (f"{PERSON} van {ORG}", ["organisatie"], ["naam"], f"{PERSON} van {ORG}"),
        # no names, empty names
        ("Niets te doen", [], [], "Niets te doen"),
        ("Niets te doen", ["", "  "], [" "], "Niets te doen"),
        ("", ["Nieuwstad"], ["Jan"], ""),
    ],
)  # fmt: skip
def test_scrub_names(text: str, orgs: list[str], persons: list[str], expected: str) -> None:
    assert scrub_text(text, org_names=orgs, person_names=persons) == expected
    assert scrub_texts([text, text], org_names=orgs, person_names=persons) == [expected] * 2
    # names as frame columns take the vectorised way of filtering the names
    columns = {
        "org_names": pd.Series(orgs, dtype=object),
        "person_names": pd.Series(persons, dtype=object),
    }
    assert scrub_texts([text], **columns) == [expected]


def test_fold() -> None:
    assert fold("Súdwest-Fryslân ÉÉN café") == "sudwest-fryslan een cafe"
    assert fold("İstanbul ﬁets") == "istanbul fiets"
    assert fold("a.b, (c)") == "a.b, (c)"  # punctuation and spaces unchanged


WORDS = ["Jan", "de", "Vries", "Gemeente", "Nieuwstad", "Noord-Beek", "'s-Hertogenbosch",
         "(A+B)", "A.B.", "x_y", "Jansen", "van", "Café", "35", "Zuid"]  # fmt: skip
EXTRA = ["jan@x.nl", "06-12345678", "www.nieuwstad.nl", "HTTP://X.NL/a", "+31 6 1234 5678",
         "[naam]", "[organisatie]", "2020", "Nieuwstadse", "0800-1234", "(020) 1234567"]  # fmt: skip
SEPS = [" ", "  ", "", "-", ",", ".", "(", ")", "@", "\n", "'", "+", "_", "[", "]", "\t", "\xa0"]


def test_same_as_one_regular_expression() -> None:
    rnd = random.Random(2021)

    def name() -> str:
        return rnd.choice([" ", "  "]).join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 3)))

    def word() -> str:
        w = rnd.choice(WORDS + EXTRA)
        return w.upper() if rnd.random() < 0.2 else w.lower() if rnd.random() < 0.2 else w

    differ = []
    for _ in range(3000):
        orgs = [name() for _ in range(rnd.randint(0, 4))]
        persons = [name() for _ in range(rnd.randint(0, 4))]
        text = "".join(word() + rnd.choice(SEPS) for _ in range(rnd.randint(1, 12)))
        got = scrub_text(text, org_names=orgs, person_names=persons)
        if got != _reference(text, orgs, persons):
            differ.append((text, orgs, persons))
    assert differ == []


def test_scrub_texts_keeps_order_and_takes_a_frame_column() -> None:
    frame = pd.DataFrame(
        {"name": ["Gemeente Nieuwstad", None, "", "Waterschap Laagland"],
         "contact_name": ["Jan de Vries", np.nan, "Piet", "  "]}
    )  # fmt: skip
    texts = ["Met Gemeente Nieuwstad", "", "Piet en JAN DE VRIES", "Met Gemeente Nieuwstad", "x"]
    out = scrub_texts(texts, org_names=frame["name"], person_names=frame["contact_name"])
    assert out == [f"Met {ORG}", "", f"{PERSON} en {PERSON}", f"Met {ORG}", "x"]
    lists = [scrub_text(t, org_names=["Gemeente Nieuwstad", "Waterschap Laagland"],
                        person_names=["Jan de Vries", "Piet"]) for t in texts]  # fmt: skip
    assert out == lists
    assert scrub_texts([], org_names=frame["name"]) == []


def test_index_holds_only_names_that_can_occur() -> None:
    names = [f"Gemeente Plaats {i}" for i in range(50_000)] + ["Café Zuid", "Cafe Noord"]
    texts = ["Samen met Gemeente Plaats 17 en café zuid.", "Ook gemeente plaats 170!"]
    scrub = NameScrubber(names, ["Jan Klaassen", "Piet"], texts=texts)
    assert scrub.n_names == 3  # "... 17", "... 170" and "Café Zuid"
    assert [scrub(t) for t in texts] == [f"Samen met {ORG} en {ORG}.", f"Ook {ORG}!"]
    assert NameScrubber(names).n_names == len(names)  # no texts: every name is kept
