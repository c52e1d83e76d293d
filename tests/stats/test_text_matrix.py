"""Sparse term matrices of the concept clusters: the same numbers as the dense formulas."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from barometer.dataset.synthetic.texts import description
from barometer.stats.text import concept_clusters
from barometer.stats.text_matrix import (
    cluster_mass,
    cooccurrence,
    distinct_texts,
    document_frequency,
    term_counts,
)
from barometer.stats.text_prep import encode_lemmas, preprocess


@pytest.fixture(scope="module")
def texts() -> list[str]:
    rng = np.random.default_rng(7)
    themes = rng.choice(["digital_data", "homework_meetings", "practice"], size=240)
    out = [description(rng, str(t)) for t in themes]
    return out + out[:60] + ["", "de het een", "Thuiswerken."] * 3  # repeats and empties


def _dense_counts(texts: list[str], vocabulary: tuple[str, ...]) -> np.ndarray:
    column = {t: j for j, t in enumerate(vocabulary)}
    counts = np.zeros((len(texts), len(vocabulary)))
    for i, text in enumerate(texts):
        for term in preprocess(text):
            if term in column:
                counts[i, column[term]] += 1
    return counts


def test_encode_lemmas_equals_preprocess(texts: list[str]) -> None:
    lemmas, text_of, code = encode_lemmas(texts)
    assert np.all(np.diff(text_of) >= 0)
    for i, text in enumerate(texts):
        assert [lemmas[c] for c in code[text_of == i]] == preprocess(text)
    assert len(set(lemmas)) == len(lemmas)


def test_distinct_texts(texts: list[str]) -> None:
    d = distinct_texts(texts)
    assert [d.texts[k] for k in d.inverse] == texts
    assert len(set(d.texts)) == len(d.texts) < len(texts)
    assert d.copies.sum() == len(texts)
    assert d.copies[d.inverse[-1]] == 3  # "Thuiswerken." three times


def test_matrices_equal_the_dense_formulas(texts: list[str]) -> None:
    d = distinct_texts(texts)
    lemmas, text_of, code = encode_lemmas(d.texts)
    counts = term_counts(text_of, code, (len(d.texts), len(lemmas)))
    vocabulary = tuple(lemmas)
    dense = _dense_counts(texts, vocabulary)
    assert np.array_equal(counts.toarray()[d.inverse], dense)
    present = (dense > 0).astype(float)
    assert np.array_equal(document_frequency(counts, d.copies), present.sum(axis=0))
    assert np.array_equal(cooccurrence(counts, d.copies), present.T @ present)

    rng = np.random.default_rng(1)
    idf = np.log((1.0 + len(texts)) / (1.0 + present.sum(axis=0))) + 1.0
    for k in (2, 3):
        labels = rng.integers(0, k, size=len(vocabulary))
        mass = cluster_mass(counts, idf, labels, k)[d.inverse]
        tfidf = dense * idf
        expected = np.stack([tfidf[:, labels == c].sum(axis=1) for c in range(k)], axis=1)
        assert np.array_equal(np.argmax(mass, axis=1), np.argmax(expected, axis=1))
        np.testing.assert_allclose(mass, expected, rtol=1e-12)


def test_cluster_mass_ties_are_summed_like_numpy() -> None:
    # Three terms against three others with the same idf values in another order: the
    # sums are equal in exact arithmetic, so only the order of addition can split them.
    idf = np.array([0.1, 0.2, 0.3, 0.3, 0.2, 0.1, 0.7])
    labels = np.array([0, 0, 0, 1, 1, 1, 1])
    counts = sparse.csr_array(np.array([[1, 1, 1, 1, 1, 1, 0], [0, 0, 0, 0, 0, 0, 1]]))
    mass = cluster_mass(counts, idf, labels, 2)
    dense = counts.toarray() * idf
    assert np.array_equal(mass[0], [dense[0, :3].sum(), dense[0, 3:].sum()])
    assert mass[1].tolist() == [0.0, 0.7]


def test_document_terms_of_the_result(texts: list[str]) -> None:
    result = concept_clusters(texts, n_clusters=2)
    x = result.document_terms
    assert isinstance(x, sparse.csr_array)
    assert x.shape == (len(texts), len(result.vocabulary))
    assert np.array_equal(x.toarray(), _dense_counts(texts, result.vocabulary))
    binary = (x > 0).astype(np.int64)
    assert np.array_equal((binary.T @ binary).toarray(), result.cooccurrence)
    freq = dict(zip(result.vocabulary, x.sum(axis=0).tolist(), strict=True))
    assert all(freq[t.term] == t.frequency for c in result.clusters for t in c.terms)
    # identical answers: the same row and the same cluster
    assert np.array_equal(result.assignment[:60], result.assignment[240:300])
    assert (x[:60] != x[240:300]).nnz == 0
    empty = [i for i, t in enumerate(texts) if t in ("", "de het een")]
    assert len(empty) == 6 and np.all(result.assignment[empty] == -1)
    assert np.all(x[empty].toarray() == 0)
