"""Local text mining: preparation, scrubbing, concept clusters and word clouds."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from barometer.dataset.synthetic.texts import THEMES, description
from barometer.errors import ErrorCode, StatsError
from barometer.stats.text import (
    ConceptClusters,
    concept_clusters,
    render_wordcloud,
    scrub_text,
    word_frequencies,
)
from barometer.stats.text_prep import lemmatize, preprocess, stop_words, tokenize

# The generating themes of the test corpus: a mix like the one the 2021 report suggests.
MIX = {"digital_data": 0.45, "homework_meetings": 0.30, "practice": 0.25}
DIGITAL_TERMS = {"digitaal", "data", "digitalisering", "dashboard", "gegevens"}
HOME_TERMS = {"thuiswerken", "thuis", "overleg", "zoom", "videobellen", "vergaderen"}
# The documents of the two big themes must land in their own cluster this often.
MIN_PURITY = 0.90
MIN_ARI = 0.80


@pytest.fixture(scope="module")
def corpus() -> tuple[list[str], np.ndarray]:
    rng = np.random.default_rng(2021)
    themes = rng.choice(list(MIX), size=350, p=list(MIX.values()))
    return [description(rng, str(t)) for t in themes], themes


@pytest.fixture(scope="module")
def result(corpus: tuple[list[str], np.ndarray]) -> ConceptClusters:
    return concept_clusters(corpus[0], n_clusters=2, min_df=3)


# --- preparation ----------------------------------------------------------------------


def test_tokenize() -> None:
    assert tokenize("Thuiswerken via MS Teams, sinds 2020 (e-formulieren)!") == [
        "thuiswerken", "via", "ms", "teams", "sinds", "e-formulieren",
    ]  # fmt: skip


def test_lemmatize() -> None:
    assert lemmatize("vergaderingen") == "vergadering"
    assert lemmatize("digitale") == "digitaal"
    assert lemmatize("medewerkers") == "medewerker"
    assert lemmatize("ingevoerd") == "invoeren"  # separable verb, underscore dropped
    # Overrides keep the meaning the answers have.
    assert lemmatize("data") == "data"
    assert lemmatize("gegevens") == "gegevens"
    assert lemmatize("zoom") == "zoom"


def test_stop_words() -> None:
    stop = stop_words()
    assert {"de", "het", "een", "we", "onze", "via", "zodat"} <= stop
    assert {"organisatie", "innovatie", "gemeente"} <= stop
    assert "organisatie" not in stop_words(domain=False)
    assert "dashboard" not in stop and "dashboard" in stop_words(extra=["Dashboard"])


def test_preprocess_sentences() -> None:
    assert preprocess("Wij hebben digitale formulieren ingevoerd voor de burgers.") == [
        "digitaal", "formulier", "invoeren", "burger",
    ]  # fmt: skip
    assert preprocess("Door corona vergaderen alle medewerkers via Zoom.") == [
        "corona", "vergaderen", "medewerker", "zoom",
    ]  # fmt: skip
    assert preprocess("De innovatie van onze organisatie: een dashboard met data") == [
        "dashboard", "data",
    ]  # fmt: skip
    assert preprocess("") == []


# --- scrubbing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail naar info@nieuwstad.nl of j.jansen+innovatie@mail.example.org.",
         "Mail naar [e-mail] of [e-mail]."),
        ("Zie https://www.nieuwstad.nl/innovatie?id=3, of www.example.nl.",
         "Zie [url], of [url]."),
        ("Bel 06-12345678 of 0612345678", "Bel [telefoon] of [telefoon]"),
        ("Bel (06-12345678) of 06 1234 5678.", "Bel ([telefoon]) of [telefoon]."),
        ("Bel +31 6 1234 5678 of 0031612345678", "Bel [telefoon] of [telefoon]"),
        ("Tel. 020-1234567, 010 123 45 67 of (020) 1234567.",
         "Tel. [telefoon], [telefoon] of [telefoon]."),
        ("+31 (0)20-1234567 en 0800-1234", "[telefoon] en [telefoon]"),
        ("In 2020 deden 1234 medewerkers mee, 75-100 procent.",
         "In 2020 deden 1234 medewerkers mee, 75-100 procent."),
    ],
)  # fmt: skip
def test_scrub_contact_data(text: str, expected: str) -> None:
    assert scrub_text(text) == expected


def test_scrub_names() -> None:
    text = (
        "GEMEENTE NIEUWSTAD en het Waterschap Laagland werkten samen; Jan  de Vries "
        "(jan.devries@nieuwstad.nl) leidde het. Nieuwstadse bewoners en jansen waren blij."
    )
    out = scrub_text(
        text,
        org_names=["Gemeente Nieuwstad", "Nieuwstad", "Waterschap Laagland", " "],
        person_names=["Jan de Vries", "Jansen"],
    )
    assert out == (
        "[organisatie] en het [organisatie] werkten samen; [naam] "
        "([e-mail]) leidde het. Nieuwstadse bewoners en [naam] waren blij."
    )


def test_scrub_is_idempotent_and_regex_safe() -> None:
    once = scrub_text("Naam: 's-Hertogenbosch (A+B)", org_names=["'s-Hertogenbosch", "(A+B)"],
                      person_names=["Naam"])  # fmt: skip
    assert once == "[naam]: [organisatie] [organisatie]"
    assert scrub_text(once, org_names=["organisatie"], person_names=["naam"]) == once


# --- concept clusters -----------------------------------------------------------------


def test_two_concept_groups(result: ConceptClusters) -> None:
    tops = [{t.term for t in c.top_terms(10)} for c in result.clusters]
    digital = [k for k, top in enumerate(tops) if top & DIGITAL_TERMS]
    home = [k for k, top in enumerate(tops) if top & HOME_TERMS]
    assert len(digital) == 1 and len(home) == 1 and digital != home
    for c in result.clusters:
        assert c.label_hint == ", ".join(t.term for t in c.terms[:3])
        weights = [t.weight for t in c.terms]
        assert weights == sorted(weights, reverse=True)
        assert sum(weights) == pytest.approx(1.0)
        assert all(t.frequency >= t.doc_frequency >= result.min_df for t in c.terms)


def test_assignment_agrees_with_theme(
    corpus: tuple[list[str], np.ndarray], result: ConceptClusters
) -> None:
    themes = corpus[1]
    a = result.assignment
    big = (themes != "practice") & (a >= 0)
    assert big.sum() >= 0.98 * (themes != "practice").sum()
    purity = sum(max(Counter(themes[big][a[big] == k]).values()) for k in (0, 1)) / big.sum()
    assert purity >= MIN_PURITY
    assert adjusted_rand_score(themes[big], a[big]) >= MIN_ARI
    # Each big theme has its own cluster.
    majority = {t: Counter(a[themes == t]).most_common(1)[0][0] for t in THEMES[:2]}
    assert majority["digital_data"] != majority["homework_meetings"]


def test_result_structure(corpus: tuple[list[str], np.ndarray], result: ConceptClusters) -> None:
    texts = corpus[0]
    p = len(result.vocabulary)
    assert result.n_texts == len(texts) == len(result.assignment)
    assert list(result.vocabulary) == sorted(result.vocabulary)
    assert result.cooccurrence.shape == result.association.shape == (p, p)
    assert np.array_equal(result.cooccurrence, result.cooccurrence.T)
    assert np.all(np.diag(result.association) == 0)
    assert np.all((result.association >= 0) & (result.association <= 1 + 1e-12))
    assert sorted(t.term for c in result.clusters for t in c.terms) == list(result.vocabulary)
    for c in result.clusters:
        assert c.documents == tuple(np.flatnonzero(result.assignment == c.index))
        assert {result.term_cluster[result.vocabulary.index(t.term)] for t in c.terms} == {c.index}
    sizes = [c.n_documents for c in result.clusters]
    assert sizes == sorted(sizes, reverse=True)
    assert sum(sizes) == result.n_documents == int((result.assignment >= 0).sum())
    # Co-occurrence counts answers containing both terms.
    i, j = result.vocabulary.index("data"), result.vocabulary.index("dashboard")
    both = sum(1 for t in texts if {"data", "dashboard"} <= set(preprocess(t)))
    assert result.cooccurrence[i, j] == both


def test_deterministic(corpus: tuple[list[str], np.ndarray], result: ConceptClusters) -> None:
    again = concept_clusters(corpus[0], n_clusters=2, min_df=3)
    assert np.array_equal(again.assignment, result.assignment)
    assert [c.terms for c in again.clusters] == [c.terms for c in result.clusters]


def test_max_terms_keeps_the_most_frequent(
    corpus: tuple[list[str], np.ndarray], result: ConceptClusters
) -> None:
    capped = concept_clusters(corpus[0], n_clusters=2, min_df=3, max_terms=20)
    assert len(result.vocabulary) > 20 == len(capped.vocabulary)
    df = {t.term: t.doc_frequency for c in result.clusters for t in c.terms}
    ranked = sorted(df, key=lambda t: (-df[t], t))
    assert set(capped.vocabulary) == set(ranked[:20])
    assert list(capped.vocabulary) == sorted(capped.vocabulary)


def test_empty_texts_are_unassigned(corpus: tuple[list[str], np.ndarray]) -> None:
    texts = [*corpus[0][:100], "", None, float("nan"), "de het een"]
    r = concept_clusters(texts, n_clusters=2)  # type: ignore[arg-type]
    assert r.n_texts == 104
    assert list(r.assignment[-4:]) == [-1, -1, -1, -1]


def test_names_never_become_terms(corpus: tuple[list[str], np.ndarray]) -> None:
    texts = [
        f"{t} Groeten van Gemeente Nieuwstad, Piet Klaassen." if i % 3 == 0 else t
        for i, t in enumerate(corpus[0][:120])
    ]
    plain = concept_clusters(texts, n_clusters=2)
    assert {"nieuwstad", "piet", "klaassen"} <= set(plain.vocabulary)
    scrubbed = concept_clusters(
        texts, n_clusters=2, org_names=["Gemeente Nieuwstad"], person_names=["Piet Klaassen"]
    )
    assert not {"nieuwstad", "piet", "klaassen", "naam"} & set(scrubbed.vocabulary)


def test_three_clusters_find_practice(corpus: tuple[list[str], np.ndarray]) -> None:
    texts, themes = corpus
    r = concept_clusters(texts, n_clusters=3)
    majority = {t: Counter(r.assignment[themes == t]).most_common(1)[0][0] for t in THEMES}
    assert len(set(majority.values())) == 3


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "kwargs", "code", "match"),
    [
        ([], {}, ErrorCode.STATS_TOO_FEW, "no texts"),
        (["", "  ", None], {}, ErrorCode.STATS_ALL_MISSING, "all 3 texts are empty"),
        (["de het een", "en of"], {}, ErrorCode.STATS_ALL_MISSING, "stop word"),
        (["digitaal dashboard"] * 9, {}, ErrorCode.STATS_TOO_FEW, "at least 10"),
        (["digitaal dashboard data"] * 19, {"n_clusters": 4}, ErrorCode.STATS_TOO_FEW,
         "at least 20"),
        (["digitaal dashboard"] * 30, {"max_df": 1.0}, ErrorCode.STATS_TOO_FEW, "only 2 terms"),
        (["digitaal dashboard data chatbot"] * 4 + [f"woord{c}" for c in "abcdefghij"],
         {"max_df": 1.0}, ErrorCode.STATS_TOO_FEW, "4 texts contain a term"),
        ("digitaal dashboard", {}, ErrorCode.STATS_INPUT, "sequence of strings"),
        (["ok", 3], {}, ErrorCode.STATS_INPUT, "text 1 is int"),
        (["x"], {"n_clusters": 1}, ErrorCode.STATS_INPUT, "n_clusters"),
        (["x"], {"min_df": 0}, ErrorCode.STATS_INPUT, "min_df"),
        (["x"], {"max_df": 0.0}, ErrorCode.STATS_INPUT, "max_df"),
        (["x"], {"max_terms": 3}, ErrorCode.STATS_INPUT, "max_terms"),
    ],
)  # fmt: skip
def test_bad_input(texts: object, kwargs: dict, code: ErrorCode, match: str) -> None:
    with pytest.raises(StatsError, match=match) as info:
        concept_clusters(texts, **kwargs)  # type: ignore[arg-type]
    assert info.value.problem.code is code


# --- word clouds ----------------------------------------------------------------------


def test_word_frequencies(result: ConceptClusters) -> None:
    cluster = result.clusters[0]
    freqs = word_frequencies(cluster, top=5)
    assert list(freqs) == [t.term for t in cluster.terms[:5]]
    assert freqs[cluster.terms[0].term] == cluster.terms[0].frequency
    weights = word_frequencies(cluster, by="weight", top=None)
    assert len(weights) == len(cluster.terms)
    assert sum(weights.values()) == pytest.approx(1.0)
    with pytest.raises(StatsError, match="by must be"):
        word_frequencies(cluster, by="tfidf")


def test_render_wordcloud(result: ConceptClusters) -> None:
    freqs = word_frequencies(result.clusters[1], top=30)
    svg = render_wordcloud(freqs, width=300, height=200)
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert root.get("width") == "300" and root.get("height") == "200"
    words = {el.text for el in root.iter() if el.tag.endswith("text")}
    assert words and words <= set(freqs)
    assert render_wordcloud(freqs, width=300, height=200) == svg


def test_render_wordcloud_escapes_and_rejects() -> None:
    svg = render_wordcloud({"r&d": 3.0, "<tag>": 2.0, "leeg": 0.0}, width=200, height=120)
    words = {el.text for el in ET.fromstring(svg).iter() if el.tag.endswith("text")}
    assert words == {"r&d", "<tag>"}
    with pytest.raises(StatsError, match="positive size"):
        render_wordcloud({"a": 0.0, "": 3.0})
    with pytest.raises(StatsError, match="width and height"):
        render_wordcloud({"a": 1.0}, width=0)
