"""Sparse term matrices of open answers for :func:`barometer.stats.text.concept_clusters`.

Identical answers (frequent in synthetic data, and in short answers such as "Thuiswerken")
are prepared once and carry their number of copies as a weight; every matrix is sparse
(CSR), so memory grows with the number of (answer, term) pairs, not answers × terms.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

__all__ = [
    "Distinct",
    "cluster_mass",
    "cooccurrence",
    "distinct_texts",
    "document_frequency",
    "term_counts",
]


@dataclass(frozen=True)
class Distinct:
    """The distinct texts of a list, and how to get back to the list.

    Attributes
    ----------
    texts : list of str
        Each distinct text once, in order of first occurrence.
    inverse : numpy.ndarray
        For each text of the list, the position of its text in ``texts``.
    copies : numpy.ndarray
        For each distinct text, how often it occurs in the list.
    """

    texts: list[str]
    inverse: np.ndarray
    copies: np.ndarray


def distinct_texts(texts: Sequence[str]) -> Distinct:
    """Deduplicate ``texts``.

    Examples
    --------
    >>> d = distinct_texts(["a", "b", "a"])
    >>> d.texts, d.inverse.tolist(), d.copies.tolist()
    (['a', 'b'], [0, 1, 0], [2, 1])
    """
    values = np.empty(len(texts), dtype=object)
    values[:] = list(texts)
    inverse, uniques = pd.factorize(values, sort=False)
    inverse = np.asarray(inverse, dtype=np.intp)
    return Distinct(list(uniques), inverse, np.bincount(inverse, minlength=len(uniques)))


def document_frequency(counts: sparse.csr_array, copies: np.ndarray) -> np.ndarray:
    """For each column of ``counts``, the number of texts it occurs in (the text of row
    ``i`` counts ``copies[i]`` times).

    Examples
    --------
    >>> c = term_counts(np.array([0, 0, 1]), np.array([1, 1, 0]), (2, 2))
    >>> document_frequency(c, np.array([3, 1])).tolist()
    [1, 3]
    """
    weights = np.repeat(np.asarray(copies, dtype=np.int64), np.diff(counts.indptr))
    nonzero = counts.data != 0
    return np.bincount(
        counts.indices[nonzero], weights=weights[nonzero], minlength=counts.shape[1]
    ).astype(np.int64)


def term_counts(text: np.ndarray, column: np.ndarray, shape: tuple[int, int]) -> sparse.csr_array:
    """Texts × terms counts (int64 CSR) of tokens at ``(text, column)``; column -1 is left out.

    Examples
    --------
    >>> term_counts(np.array([0, 0, 0, 1]), np.array([1, 0, 1, -1]), (2, 2)).toarray().tolist()
    [[1, 2], [0, 0]]
    """
    keep = column >= 0
    data = np.ones(int(keep.sum()), dtype=np.int64)
    out = sparse.csr_array((data, (text[keep], column[keep])), shape=shape)
    out.sum_duplicates()
    return out


def _row_weights(matrix: sparse.csr_array, weights: np.ndarray) -> sparse.csr_array:
    return sparse.csr_array(
        (np.repeat(weights, np.diff(matrix.indptr)), matrix.indices, matrix.indptr),
        shape=matrix.shape,
    )


def cooccurrence(counts: sparse.csr_array, copies: np.ndarray) -> np.ndarray:
    """Terms × terms: in how many documents both terms occur (dense int64).

    ``counts`` holds distinct documents, ``copies`` how often each occurs; the result is
    :math:`B^T B` of the binary matrix :math:`B` of all documents.

    Examples
    --------
    >>> c = term_counts(np.array([0, 0, 0, 1]), np.array([0, 1, 1, 1]), (2, 2))
    >>> cooccurrence(c, np.array([3, 1])).tolist()
    [[3, 3], [3, 4]]
    """
    binary = _row_weights(counts, np.ones(counts.shape[0], dtype=np.int64))
    weighted = _row_weights(counts, np.asarray(copies, dtype=np.int64))
    return np.asarray((binary.T @ weighted).toarray(), dtype=np.int64)


def cluster_mass(
    counts: sparse.csr_array, idf: np.ndarray, labels: np.ndarray, n_clusters: int
) -> np.ndarray:
    """Documents × clusters: the sum of count × idf over each cluster's terms.

    Sparse, but the same floating-point numbers as summing the dense rows
    ``(counts * idf)[:, labels == k]`` with numpy: rows whose two largest sums lie so close
    that the order of addition could swap them are summed again that way, so the cluster
    an answer goes to never depends on the method.

    Examples
    --------
    >>> c = term_counts(np.array([0, 0, 1]), np.array([0, 1, 2]), (2, 3))
    >>> cluster_mass(c, np.array([1.0, 2.0, 4.0]), np.array([0, 0, 1]), 2).tolist()
    [[3.0, 0.0], [0.0, 4.0]]
    """
    p = len(idf)
    member = sparse.csr_array(
        (np.asarray(idf, dtype=float), (np.arange(p), np.asarray(labels))), shape=(p, n_clusters)
    )
    mass = np.asarray((counts @ member).toarray(), dtype=float)
    if n_clusters < 2 or mass.shape[0] == 0:
        return mass
    top2 = -np.partition(-mass, 1, axis=1)[:, :2]
    close = np.flatnonzero((top2[:, 0] > 0) & (top2[:, 0] - top2[:, 1] <= 1e-9 * top2[:, 0]))
    for start in range(0, len(close), 4096):
        rows = close[start : start + 4096]
        dense = counts[rows].toarray() * idf
        mass[rows] = np.stack(
            [dense[:, labels == k].sum(axis=1) for k in range(n_clusters)], axis=1
        )
    return mass
