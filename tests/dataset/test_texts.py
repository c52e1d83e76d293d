"""The synthetic open-answer generator: deterministic, varied, themed, free of contact data."""

from __future__ import annotations

import re

import numpy as np
import pytest

from barometer.dataset.synthetic.texts import THEMES, description

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.\w+")
PHONE = re.compile(r"(?:\+31|0031|\b0)[\s.-]?\d(?:[\s.-]?\d){7,8}\b")
URL = re.compile(r"https?://|www\.")

VOCABULARY = {
    "digital_data": ("digita", "data", "dashboard", "chatbot", "zaak", "formulier", "gegevens"),
    "homework_meetings": ("thuis", "overleg", "vergader", "zoom", "skype", "webex", "teams",
                          "videobel", "laptop", "online", "hybride", "werken op afstand"),
    "practice": ("inwoner", "bewoner", "samenwerking", "pilot", "kennisdeling", "wijk", "lean",
                 "agile", "sociaal", "participatie", "partner", "regio", "aanpak", "werkwijze"),
}  # fmt: skip


def corpus(seed: int, theme: str, n: int) -> list[str]:
    rng = np.random.default_rng(seed)
    return [description(rng, theme) for _ in range(n)]


def test_themes_interface() -> None:
    assert THEMES == ("digital_data", "homework_meetings", "practice")


@pytest.mark.parametrize("theme", THEMES)
def test_same_seed_same_texts(theme: str) -> None:
    assert corpus(11, theme, 50) == corpus(11, theme, 50)
    assert corpus(11, theme, 50) != corpus(12, theme, 50)


@pytest.mark.parametrize("theme", THEMES)
def test_variety(theme: str) -> None:
    texts = corpus(3, theme, 300)
    assert len(set(texts)) > 250
    n_sentences = [t.count(". ") + 1 for t in texts]
    assert min(n_sentences) == 1 and max(n_sentences) >= 4
    lengths = [len(t.split()) for t in texts]
    assert min(lengths) <= 3 and max(lengths) >= 30


def test_mixed_corpus_is_not_repetitive() -> None:
    rng = np.random.default_rng(5)
    texts = [description(rng, t) for t in rng.choice(THEMES, 1000)]
    assert len(set(texts)) > 900
    words = {w for t in texts for w in re.findall(r"\w+", t.lower())}
    assert len(words) > 600


@pytest.mark.parametrize("theme", THEMES)
def test_no_contact_data(theme: str) -> None:
    for text in corpus(8, theme, 500):
        assert not EMAIL.search(text), text
        assert not PHONE.search(text), text
        assert not URL.search(text), text


@pytest.mark.parametrize("theme", THEMES)
def test_each_theme_uses_its_vocabulary(theme: str) -> None:
    texts = [t.lower() for t in corpus(21, theme, 300)]
    own = sum(any(w in t for w in VOCABULARY[theme]) for t in texts)
    assert own / len(texts) > 0.9
    # Theme words are used in their own theme far more than in the others.
    for other in THEMES:
        if other != theme:
            hits = sum(any(w in t for w in VOCABULARY[other]) for t in texts)
            assert hits < own


def test_typed_answer_roughness() -> None:
    texts = corpus(2, "digital_data", 400)
    assert any(t == t.lower() for t in texts)
    assert any(not t.endswith(".") for t in texts)
    assert all(t == t.strip() and "  " not in t and " ." not in t for t in texts)


def test_unknown_theme() -> None:
    with pytest.raises(ValueError, match="unknown theme"):
        description(np.random.default_rng(0), "sport")


def test_grammar_data_is_consistent() -> None:
    """Every ``{slot}`` in demo_texts.yaml names a fragment list of its theme."""
    from barometer.dataset.synthetic.texts import _SLOT, _grammars

    for theme, grammar in _grammars().items():
        assert {"core", "extra", "slot"} <= set(grammar), theme
        used = {"core", "extra", "slot"}
        for fragments in grammar.values():
            assert fragments and all(isinstance(f, str) for f in fragments)
            for fragment in fragments:
                used |= set(_SLOT.findall(fragment))
        assert used <= set(grammar), (theme, used - set(grammar))
