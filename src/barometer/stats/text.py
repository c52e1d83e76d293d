"""Concept clusters in Dutch open answers, and word clouds of them (local text mining).

The 2021 report showed (Afbeelding 2) two groups of concepts in the descriptions of the
most recent innovation, "Digitaal & Data" and "Thuiswerken & Overleg", found with a
commercial service. :func:`concept_clusters` finds such groups locally: the answers are
lemmatised and cleaned (:mod:`barometer.stats.text_prep`), a term co-occurrence matrix is
built over the answers, and the terms are partitioned by spectral clustering of their
association graph. :func:`word_frequencies` and :func:`render_wordcloud` turn one cluster
into an SVG word cloud. Nothing leaves the machine: no network, no model download.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.cluster import SpectralClustering

from barometer.errors import ErrorCode, StatsError
from barometer.stats.text_cloud import render_wordcloud, word_frequencies
from barometer.stats.text_matrix import (
    cluster_mass,
    cooccurrence,
    distinct_texts,
    document_frequency,
    term_counts,
)
from barometer.stats.text_prep import (
    PLACEHOLDERS,
    encode_lemmas,
    scrub_text,
    scrub_texts,
    stop_words,
)

__all__ = [
    "MIN_DOCS_PER_CLUSTER",
    "ClusterTerm",
    "ConceptCluster",
    "ConceptClusters",
    "concept_clusters",
    "render_wordcloud",
    "scrub_text",
    "scrub_texts",
    "word_frequencies",
]

#: At least this many answers with a kept term per requested cluster.
MIN_DOCS_PER_CLUSTER = 5


@dataclass(frozen=True)
class ClusterTerm:
    """One term (lemma) of a concept cluster.

    Attributes
    ----------
    term : str
        The lemma.
    frequency : int
        Occurrences in all analysed answers.
    doc_frequency : int
        Answers that contain it.
    weight : float
        Its share of the cluster's internal association: the sum of its association with
        the other terms of the cluster, divided by the same sum over all terms of the
        cluster (the weights of a cluster add up to 1). Central terms weigh most.
    """

    term: str
    frequency: int
    doc_frequency: int
    weight: float


@dataclass(frozen=True, eq=False)
class ConceptCluster:
    """One group of associated terms, and the answers assigned to it.

    Attributes
    ----------
    index : int
        0-based; clusters are numbered by number of answers, largest first.
    terms : tuple of ClusterTerm
        All terms of the cluster, by weight (highest first), ties by term.
    documents : tuple of int
        Positions (in the ``texts`` given) of the answers assigned to this cluster.
    label_hint : str
        Its three heaviest terms joined by ", ", a start for a human-chosen label.
    """

    index: int
    terms: tuple[ClusterTerm, ...]
    documents: tuple[int, ...]
    label_hint: str

    @property
    def n_documents(self) -> int:
        """Number of answers assigned to the cluster."""
        return len(self.documents)

    def top_terms(self, n: int = 10) -> tuple[ClusterTerm, ...]:
        """The ``n`` heaviest terms."""
        return self.terms[:n]


@dataclass(frozen=True, eq=False)
class ConceptClusters:
    """Result of :func:`concept_clusters`.

    Attributes
    ----------
    clusters : tuple of ConceptCluster
        The concept clusters, largest (most answers) first.
    assignment : numpy.ndarray
        For each text given, the index of its cluster, or -1 if it kept no term (empty, or
        only stop words and rare words).
    vocabulary : tuple of str
        The analysed terms, sorted.
    term_cluster : numpy.ndarray
        For each term of ``vocabulary``, the index of its cluster.
    cooccurrence : numpy.ndarray
        Terms × terms: the number of answers that contain both terms; the diagonal holds
        each term's document frequency.
    association : numpy.ndarray
        Terms × terms: the cosine (Ochiai) association the clustering used, 0 on the
        diagonal.
    document_terms : scipy.sparse.csr_array
        Texts × terms (``vocabulary``): how often each term occurs in each text, as the
        analysis counted it (sparse, integer).
    n_texts : int
        Texts given.
    n_documents : int
        Texts that contain at least one term of ``vocabulary`` (the analysed answers).
    min_df : int
        The document-frequency threshold used.
    """

    clusters: tuple[ConceptCluster, ...]
    assignment: np.ndarray
    vocabulary: tuple[str, ...]
    term_cluster: np.ndarray
    cooccurrence: np.ndarray
    association: np.ndarray
    document_terms: sparse.csr_array
    n_texts: int
    n_documents: int
    min_df: int


def _as_texts(texts: Iterable[object]) -> list[str]:
    if isinstance(texts, str | bytes):
        raise StatsError(ErrorCode.STATS_INPUT, detail="texts must be a sequence of strings")
    out = []
    for i, t in enumerate(texts):
        if t is None or (isinstance(t, float) and math.isnan(t)):
            out.append("")
        elif isinstance(t, str):
            out.append(t)
        else:
            raise StatsError(
                ErrorCode.STATS_INPUT, detail=f"text {i} is {type(t).__name__}, not a string"
            )
    return out


def _collection(names: Iterable[str]) -> Collection[str]:
    return names if isinstance(names, Collection) else list(names)


def _check_parameters(n_clusters: int, min_df: int, max_df: float, max_terms: int) -> None:
    if isinstance(n_clusters, bool) or not isinstance(n_clusters, int) or n_clusters < 2:
        raise StatsError(
            ErrorCode.STATS_INPUT, detail=f"n_clusters must be an integer >= 2, got {n_clusters!r}"
        )
    if isinstance(max_terms, bool) or not isinstance(max_terms, int) or max_terms < 2 * n_clusters:
        raise StatsError(
            ErrorCode.STATS_INPUT,
            detail=f"max_terms must be an integer >= 2 * n_clusters, got {max_terms!r}",
        )
    if isinstance(min_df, bool) or not isinstance(min_df, int) or min_df < 1:
        raise StatsError(
            ErrorCode.STATS_INPUT, detail=f"min_df must be an integer >= 1, got {min_df!r}"
        )
    if not 0.0 < max_df <= 1.0:
        raise StatsError(ErrorCode.STATS_INPUT, detail=f"max_df must be in (0, 1], got {max_df!r}")


def concept_clusters(
    texts: Sequence[str | None],
    *,
    n_clusters: int = 2,
    min_df: int = 3,
    max_df: float = 0.5,
    max_terms: int = 2000,
    org_names: Iterable[str] = (),
    person_names: Iterable[str] = (),
    extra_stop_words: Iterable[str] = (),
    random_state: int = 0,
) -> ConceptClusters:
    """Groups of associated concepts in open answers, with each answer assigned to one.

    Parameters
    ----------
    texts : sequence of str
        The open answers, one per organisation. ``None`` and NaN count as empty.
    n_clusters : int
        Number of concept clusters (at least 2).
    min_df : int
        Keep a term only if at least this many answers contain it.
    max_df : float
        Drop a term that more than this share of the answers contains (it ties every
        concept to every other).
    max_terms : int
        Keep at most this many terms, those that most answers contain (ties: the
        alphabetically first). The spectral step works on a dense terms × terms matrix,
        so this bounds its memory (2,000 terms: 32 MB a matrix) and time however large
        the vocabulary of a big wave is; the demo wave has a few hundred terms.
    org_names, person_names : iterable of str
        Names scrubbed from the answers first (:func:`scrub_texts`), so that no name can
        become a term of a published word cloud; a list or a frame column.
    extra_stop_words : iterable of str
        More words to drop, on top of the ``stop-words`` Dutch list and the documented
        extra and domain lists of :mod:`barometer.stats.text_prep`.
    random_state : int
        Seed of the eigen-solver's start vector; fixed for a reproducible result.

    Returns
    -------
    ConceptClusters
        The clusters (terms with frequency and weight, assigned answers, label hint), the
        assignment of every text, the vocabulary, the co-occurrence and association
        matrices.

    Raises
    ------
    barometer.errors.StatsError
        No texts; all texts empty or without a kept term; fewer than
        ``MIN_DOCS_PER_CLUSTER * n_clusters`` answers with a kept term; fewer than
        ``2 * n_clusters`` terms left after ``min_df`` and ``max_df``; a parameter out
        of range; a text that is not a string.

    Notes
    -----
    1. Each answer is tokenised, lower-cased, lemmatised with ``simplemma`` and cleaned of
       stop words (:func:`barometer.stats.text_prep.preprocess`). Terms are kept with
       ``min_df <= df <= max_df * n``.
    2. With :math:`B` the binary answers × terms matrix, the co-occurrence matrix is
       :math:`C = B^T B`, and the association of two terms is the cosine (Ochiai)
       coefficient :math:`A_{ij} = C_{ij} / \\sqrt{C_{ii} C_{jj}}`. Unlike raw counts
       it does not let the most frequent terms attract everything, and unlike pointwise
       mutual information it does not reward pairs of rare terms that met once or twice.
    3. The terms are partitioned by spectral clustering (normalised cut) of the graph with
       weights :math:`A`, regularised by adding :math:`\\tau / p` to every weight, with
       :math:`p` terms and :math:`\\tau` the mean degree (Amini et al. 2013), so that the
       graph is connected and a few terms that only occur together (a fixed phrase, a
       single-word answer) cannot form a cluster of their own. Labels come from
       scikit-learn's ``assign_labels="cluster_qr"``, which has no random restarts.
       Spectral clustering of the co-occurrence graph was chosen over NMF of TF-IDF
       because it works on exactly the concept network that Afbeelding 2 draws, gives each
       term to one cluster, and does not depend on a random initialisation.
    4. Each answer goes to the cluster whose terms carry the largest part of its TF-IDF
       weight (term count × smoothed idf :math:`\\ln((1 + n) / (1 + df)) + 1`), ties to
       the larger cluster.
    5. Clusters are numbered by number of answers, largest first; a term's weight is its
       share of the association within its cluster (:class:`ClusterTerm`).
    6. Computation: names are scrubbed with one index for all answers
       (:func:`~barometer.stats.text_prep.scrub_texts`); identical answers are prepared
       once and weighted by their number; the answers × terms counts, :math:`C` and the
       TF-IDF masses are sparse products (:mod:`barometer.stats.text_matrix`). Time and
       memory grow linearly with the answers; only the :math:`p \\times p` association
       matrix the clustering needs is dense.

    References
    ----------
    .. [1] Shi, J., & Malik, J. (2000). Normalized cuts and image segmentation. IEEE
       PAMI, 22(8), 888-905.
    .. [2] Amini, A. A., Chen, A., Bickel, P. J., & Levina, E. (2013). Pseudo-likelihood
       methods for community detection in large sparse networks. Annals of Statistics,
       41(4), 2097-2122.
    .. [3] Damle, A., Minden, V., & Ying, L. (2019). Simple, direct and efficient
       multi-way spectral clustering. Information and Inference, 8(1), 181-203.

    Examples
    --------
    >>> import numpy as np
    >>> from barometer.dataset.synthetic.texts import description
    >>> rng = np.random.default_rng(1)
    >>> texts = [description(rng, t) for t in ["digital_data", "homework_meetings"] * 60]
    >>> result = concept_clusters(texts, n_clusters=2)
    >>> len(result.clusters), len(result.assignment)
    (2, 120)
    """
    raw = _as_texts(texts)
    _check_parameters(n_clusters, min_df, max_df, max_terms)
    if not raw:
        raise StatsError(ErrorCode.STATS_TOO_FEW, detail="no texts were given")
    if all(not t.strip() for t in raw):
        raise StatsError(ErrorCode.STATS_ALL_MISSING, detail=f"all {len(raw)} texts are empty")

    orgs, persons = _collection(org_names), _collection(person_names)
    stop = stop_words(extra=extra_stop_words)
    if len(orgs) or len(persons):
        raw = scrub_texts(raw, org_names=orgs, person_names=persons)
        stop = stop | {w for p in PLACEHOLDERS.values() for w in p.strip("[]").split()}
    distinct = distinct_texts(raw)
    copies = distinct.copies
    lemmas, text_of, code = encode_lemmas(distinct.texts, stop=stop)
    has_lemma = np.zeros(len(distinct.texts), dtype=bool)
    has_lemma[text_of] = True

    n_docs = int(copies[has_lemma].sum())
    if n_docs == 0:
        raise StatsError(
            ErrorCode.STATS_ALL_MISSING,
            detail=f"none of the {len(raw)} texts has a word that is not a stop word",
        )
    need = MIN_DOCS_PER_CLUSTER * n_clusters
    if n_docs < need:
        raise StatsError(
            ErrorCode.STATS_TOO_FEW,
            detail=(
                f"{n_docs} texts with words for {n_clusters} clusters; at least {need} "
                f"({MIN_DOCS_PER_CLUSTER} per cluster) are needed"
            ),
        )

    # Distinct answers × lemmas counts (sparse); each distinct answer stands for `copies`.
    all_counts = term_counts(text_of, code, (len(distinct.texts), len(lemmas)))
    df = document_frequency(all_counts, copies)
    eligible = np.flatnonzero((df >= min_df) & (df <= max_df * n_docs))
    if len(eligible) > max_terms:
        by_df = sorted(eligible.tolist(), key=lambda j: (-df[j], lemmas[j]))
        eligible = np.asarray(by_df[:max_terms])
    kept = sorted(eligible.tolist(), key=lemmas.__getitem__)
    vocabulary = tuple(lemmas[j] for j in kept)
    if len(vocabulary) < 2 * n_clusters:
        raise StatsError(
            ErrorCode.STATS_TOO_FEW,
            detail=(
                f"only {len(vocabulary)} terms occur in at least {min_df} (and at most "
                f"{max_df:.0%} of) the texts; {2 * n_clusters} are needed for "
                f"{n_clusters} clusters (lower min_df or give more texts)"
            ),
        )

    counts = sparse.csr_array(all_counts[:, kept])
    counts.sort_indices()
    has_distinct = np.diff(counts.indptr) > 0
    n_docs = int(copies[has_distinct].sum())
    if n_docs < need:
        raise StatsError(
            ErrorCode.STATS_TOO_FEW,
            detail=(
                f"{n_docs} texts contain a term that occurs in at least {min_df} texts; "
                f"at least {need} ({MIN_DOCS_PER_CLUSTER} per cluster) are needed"
            ),
        )
    cooc = cooccurrence(counts, copies).astype(float)
    dfv = np.diag(cooc).copy()
    assoc = cooc / np.sqrt(np.outer(dfv, dfv))
    np.fill_diagonal(assoc, 0.0)

    p = len(vocabulary)
    tau = assoc.sum() / p
    affinity = assoc + tau / p
    np.fill_diagonal(affinity, 0.0)
    labels = SpectralClustering(
        n_clusters=n_clusters,
        affinity="precomputed",
        assign_labels="cluster_qr",
        random_state=random_state,
    ).fit_predict(affinity)
    if len(set(labels.tolist())) < n_clusters:
        raise StatsError(
            ErrorCode.STATS_TOO_FEW,
            detail=f"the terms form fewer than {n_clusters} distinct groups",
        )

    # Answer assignment by TF-IDF mass per cluster (per distinct answer).
    idf = np.log((1.0 + n_docs) / (1.0 + dfv)) + 1.0
    mass = cluster_mass(counts, idf, labels, n_clusters)
    # Number clusters by size (answers whose largest mass falls in them), largest first.
    first = np.argmax(mass, axis=1)
    size = np.bincount(first[has_distinct], weights=copies[has_distinct], minlength=n_clusters)
    order = sorted(range(n_clusters), key=lambda k: (-size[k], k))
    new_index = np.empty(n_clusters, dtype=int)
    new_index[order] = np.arange(n_clusters)
    term_cluster = new_index[labels]
    # Columns in the new order, so that argmax breaks a tie towards the larger cluster.
    assignment = np.where(has_distinct, np.argmax(mass[:, order], axis=1), -1)[distinct.inverse]

    frequency = counts.T @ copies
    clusters = []
    for k in range(n_clusters):
        members = np.flatnonzero(term_cluster == k)
        within = assoc[np.ix_(members, members)].sum(axis=1)
        total = within.sum()
        weights = within / total if total > 0 else np.full(len(members), 1.0 / len(members))
        terms = sorted(
            (
                ClusterTerm(
                    term=vocabulary[j],
                    frequency=int(frequency[j]),
                    doc_frequency=int(dfv[j]),
                    weight=float(w),
                )
                for j, w in zip(members, weights, strict=True)
            ),
            key=lambda t: (-t.weight, t.term),
        )
        clusters.append(
            ConceptCluster(
                index=k,
                terms=tuple(terms),
                documents=tuple(np.flatnonzero(assignment == k).tolist()),
                label_hint=", ".join(t.term for t in terms[:3]),
            )
        )

    return ConceptClusters(
        clusters=tuple(clusters),
        assignment=assignment,
        vocabulary=vocabulary,
        term_cluster=term_cluster,
        cooccurrence=cooc.astype(int),
        association=assoc,
        document_terms=counts[distinct.inverse],
        n_texts=len(raw),
        n_documents=n_docs,
        min_df=min_df,
    )
