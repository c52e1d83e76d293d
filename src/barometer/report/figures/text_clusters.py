"""Afbeelding 2: concept clusters in the open answers, computed for the report.

Afbeelding 2 scrubs the open descriptions of the frame's organisation and person names,
e-mail addresses, URLs and phone numbers (:func:`scrub_answers`), finds two concept clusters
(:func:`barometer.stats.text.concept_clusters`) and draws a word cloud and a top-terms table
per cluster. Cluster titles come from each cluster's heaviest terms; the 2021 labels are
shown next to them for comparison only. Every text reaches the page through the
autoescaping template. The wording is in :mod:`barometer.report.figures.models_wording`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any
from weakref import WeakKeyDictionary

import numpy as np
import pandas as pd
import yaml
from markupsafe import Markup
from markupsafe import escape as html_escape

from barometer.disclosure.quotes import quote_id
from barometer.errors import BarometerError
from barometer.report.catalogue import FigureSpec
from barometer.report.figures.core import (
    Block,
    Context,
    ExtraTable,
    FigureData,
    Image,
    share_row,
)
from barometer.report.figures.models_wording import LETTERS, fmt_csv, mt
from barometer.report.output import accessible_svg
from barometer.report.text import fmt_int, t
from barometer.stats.disclosure import check_min_n
from barometer.stats.text import (
    ConceptClusters,
    concept_clusters,
    render_wordcloud,
    word_frequencies,
)
from barometer.stats.text_keyness import key_terms
from barometer.stats.text_prep import PLACEHOLDERS, scrub_texts

__all__ = [
    "LABELS_2021",
    "cluster_title",
    "gloss",
    "label_2021",
    "scrub_answers",
    "text_clusters",
    "text_clusters_for",
]

_TEXTS: WeakKeyDictionary[Context, dict[tuple[str, int], Any]] = WeakKeyDictionary()

LABELS_2021: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Digitaal & Data", ("digitaal", "data", "digitalisering")),
    ("Thuiswerken & Overleg", ("thuiswerken", "overleg", "zoom", "skype", "webex")),
)
"""The two 2021 labels (Afbeelding 2) and their cue terms: the label words and the example
terms the report names (``ibo2021-published.yaml``, ``text_mining``), as lemmas."""


def scrub_answers(
    texts: Sequence[str], *, org_names: Iterable[str] = (), person_names: Iterable[str] = ()
) -> list[str]:
    """:func:`~barometer.stats.text_prep.scrub_text` on every answer.

    NUL characters are dropped first. The name index is built once
    (:func:`~barometer.stats.text_prep.scrub_texts`), and identical answers are scrubbed
    once, so time grows linearly with the answers and the names.
    """
    return scrub_texts(
        [str(x).replace("\x00", "") for x in texts], org_names=org_names, person_names=person_names
    )


@lru_cache(maxsize=1)
def _glossary() -> tuple[Mapping[str, str], Mapping[str, str]]:
    """(term glosses, 2021 label glosses) from ``data/text-glossary.yaml``."""
    text = (resources.files("barometer") / "data" / "text-glossary.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return dict(data["terms"]), dict(data["labels_2021"])


def gloss(text: str, lang: str) -> str:
    """``text`` (a term or a 2021 label) in ``lang``: Dutch as is, English from the glossary
    (a term without a gloss stays Dutch)."""
    if lang == "nl":
        return text
    terms, labels = _glossary()
    return labels.get(text) or terms.get(text, text)


def cluster_title(terms: Sequence[str], k: int = 2, lang: str = "nl") -> str:
    """A title from a cluster's heaviest terms: "Data & Digitaal" ("Data & Digital")."""
    return " & ".join((w := gloss(term, lang))[:1].upper() + w[1:] for term in terms[:k])


def label_2021(result: ConceptClusters) -> dict[int, str]:
    """Cluster index -> the 2021 label it matches best (by the frequency of the label's cue
    terms in the cluster); each label goes to at most one cluster, none without a cue term."""
    scores = []
    for label, cues in LABELS_2021:
        for c in result.clusters:
            freq = {tt.term: tt.frequency for tt in c.terms}
            score = sum(freq.get(cue, 0) for cue in cues)
            if score > 0:
                scores.append((score, label, c.index))
    out: dict[int, str] = {}
    for _score, label, index in sorted(scores, key=lambda s: (-s[0], s[1], s[2])):
        if index not in out and label not in out.values():
            out[index] = label
    return out


def text_clusters_for(ctx: Context, item: str, n_clusters: int) -> tuple[Any, list[str], pd.Series]:
    """(concept clusters or the StatsError, scrubbed answers, mask of answers) per context."""
    cached = _TEXTS.get(ctx, {}).get((item, n_clusters))
    if cached is not None:
        return cached
    population = ctx.population("innovators")
    raw = ctx.data[item].where(population)
    has = raw.map(lambda x: isinstance(x, str) and bool(x.strip())).astype(bool)
    org, person = _names(ctx)
    texts = scrub_answers(list(raw[has]), org_names=org, person_names=person)
    stop = {w for p in PLACEHOLDERS.values() for w in p.strip("[]").split()}
    result: Any
    try:
        result = concept_clusters(texts, n_clusters=n_clusters, extra_stop_words=stop)
    except BarometerError as exc:
        result = exc
    value = (result, texts, has)
    _TEXTS.setdefault(ctx, {})[(item, n_clusters)] = value
    return value


def _names(ctx: Context) -> tuple[pd.Series, pd.Series]:
    """The frame's organisation and person names (as text; empty without a frame)."""
    none = pd.Series([], dtype=str)
    if ctx.frame is None:
        return none, none
    frame = ctx.frame

    def column(name: str) -> pd.Series:
        return frame[name].dropna().astype(str) if name in frame.columns else none

    return column("name"), column("contact_name")


def _example(
    result: ConceptClusters,
    cluster: Any,
    texts: list[str],
    ids: list[str],
    approved: frozenset[str],
    limit: int = 240,
) -> tuple[str, str] | None:
    """The approved answer of the cluster with the most of its ten heaviest terms (then the
    shortest, then the first), from the analysis' own answers × terms counts. ``ids[i]`` is
    the quote id of ``texts[i]``; an answer nobody approved is never returned."""
    docs = np.asarray([d for d in cluster.documents if ids[d] in approved], dtype=np.intp)
    if len(docs) == 0:
        return None
    column = {term: j for j, term in enumerate(result.vocabulary)}
    top = sorted({column[tt.term] for tt in cluster.top_terms(10)})
    hits = np.diff(result.document_terms[docs][:, top].tocsr().indptr)
    lengths = np.fromiter((len(texts[i]) for i in docs), dtype=np.intp, count=len(docs))
    best = int(docs[np.lexsort((docs, lengths, -hits))[0]])
    text = " ".join(texts[best].split())
    return ids[best], text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _marked(sentence: str, quote: str, text: str) -> Markup:
    """``sentence`` (escaped) with its ``\x00`` replaced by the quote, marked with its id
    so that the disclosure scanner can check it against the approvals."""
    span = Markup('<span class="quote" data-quote-id="{}">{}</span>').format(quote, text)
    return Markup(html_escape(sentence)).replace("\x00", span)


def text_clusters(ctx: Context, spec: FigureSpec) -> FigureData:
    """Afbeelding 2: concept clusters in the open descriptions, a word cloud per cluster."""
    lang = ctx.lang
    item = spec.params.get("item", "d1_description")
    result, texts, has = text_clusters_for(ctx, item, int(spec.params.get("n_clusters", 2)))
    population = ctx.population(spec.base)
    n = int((has & population).sum())
    empty = int((population & ~has).sum())
    excluded = {"no_answer": empty} if empty else {}
    if not check_min_n(n, ctx.min_n):
        return FigureData(spec, lang, base_n=n, excluded=excluded,
                          message=t(lang, "too_few", n=n, min_n=ctx.min_n))  # fmt: skip
    if isinstance(result, BarometerError):
        return FigureData(spec, lang, base_n=n, excluded=excluded,
                          message=mt(lang, "text_failed", reason=str(result)))  # fmt: skip
    number = spec.number_label(lang)
    labels = label_2021(result)
    analysed = np.asarray(result.assignment) >= 0
    index = ctx.data.index[has.to_numpy()]
    rows, images, blocks = [], [], []
    orgs = ctx.data.loc[index, "org_id"].astype(str).tolist()
    ids = [quote_id(o, item, " ".join(x.split())) for o, x in zip(orgs, texts, strict=True)]
    for c in result.clusters:
        k, letter = c.index + 1, LETTERS[c.index]
        # One answer per organisation: a term's answers are its organisations. Terms as
        # common in general Dutch as in the answers are not shown (stats.text_keyness).
        keys = key_terms(result, [tt for tt in c.terms if tt.doc_frequency >= ctx.term_min])
        kept = tuple(kt.term for kt in keys)
        title = cluster_title([tt.term for tt in kept], lang=lang)
        label = (
            mt(lang, "label_2021", label=gloss(labels[c.index], lang))
            if c.index in labels
            else mt(lang, "no_label_2021")
        )
        x = pd.Series(np.nan, index=ctx.data.index)
        x[index[analysed]] = (np.asarray(result.assignment)[analysed] == c.index).astype(float)
        name = f"{mt(lang, 'cluster_title', k=k, title=title)} ({label})"
        rows.append(
            share_row(f"cluster{k}", name, x, ctx.min_n, weights=ctx.weights) | {"title": title}
        )
        top = kept[:15]
        alt = mt(lang, "cloud_alt", k=k, title=title, terms=", ".join(tt.term for tt in top[:8]))
        caption = mt(
            lang, "cloud_caption", number=number, letter=letter, k=k, title=title, label=label
        )
        cloud = {term: size for term, size in word_frequencies(c).items()
                 if term in {tt.term for tt in kept}}  # fmt: skip
        if cloud:  # no cloud of a cluster none of whose terms term_min organisations used
            svg = render_wordcloud(cloud, width=480, height=320, random_state=c.index)
            images.append(Image(f"cluster{k}", accessible_svg(svg, f"img-{spec.id}-{k}", caption, alt, view_box=True),
                                alt, caption))  # fmt: skip
        english = lang != "nl"  # the answers are Dutch: the English report adds a gloss
        term_rows = tuple((str(i + 1), kt.term.term, *((gloss(kt.term.term, lang),) if english else ()),
                           str(kt.term.frequency), str(kt.term.doc_frequency), str(kt.term.doc_frequency),
                           fmt_csv(kt.term.weight), fmt_csv(kt.keyness))
                          for i, kt in enumerate(keys[:15]))  # fmt: skip
        keys_cols = ("rank", "term", *(("term_en",) if english else ()), "frequency", "answers",
                     "organisations", "weight", "keyness")  # fmt: skip
        heads = tuple(mt(lang, f"col_{c}") for c in keys_cols)
        terms_table = ExtraTable(f"cluster{k}_terms", mt(lang, "cap_terms", number=number, letter=letter, k=k, title=title),
                           keys_cols, heads, term_rows)  # fmt: skip
        example = _example(result, c, texts, ids, ctx.approved_quotes)
        paragraphs = (_marked(mt(lang, "example", text="\x00"), *example),) if example else ()
        blocks.append(Block(f"cluster{k}", f"{mt(lang, 'cluster_title', k=k, title=title)} ({label})",
                            paragraphs, (terms_table,)))  # fmt: skip
    table = pd.DataFrame(rows).drop(columns="series")
    table["n"] = table["n"].astype("Int64")
    intro = [mt(lang, "clusters_intro", n=fmt_int(result.n_documents, lang)),
             mt(lang, "scrubbed" if ctx.frame is not None else "not_scrubbed_names")]  # fmt: skip
    in_base = pd.Series(False, index=ctx.data.index)
    in_base[index[analysed]] = True
    return FigureData(
        spec, lang, table, base_n=n, excluded=excluded, images=tuple(images),
        paragraphs=tuple(intro), blocks=tuple(blocks), detail=result, weighted=ctx.weighted,
        effective_n=ctx.effective_n(in_base),
    )  # fmt: skip
