"""Split an event whose reports fall into two groups that agree far less across than within.

The single pass and its refinement (:mod:`wiretrace.cluster.assign`,
:mod:`wiretrace.cluster.refine`) move one article at a time. When the first report of a
second, similar event arrives while only the first event is open (a second arrest of another
player of the same team, a second patch for the same browser), it joins that event, since
there is nowhere else to go, and the reports of its own event follow it there one by one: each
finds the merged event closer than any alternative, and refinement, which moves one article
while the others stay, never sees the alternative of moving them all. Two events then show as
one.

So the last step looks at each event's refined primary reports as a whole: it bisects them by
average-link agglomerative clustering (UPGMA, :func:`scipy.cluster.hierarchy.linkage`) over
the pairwise score the single pass uses (:meth:`EventState.similarity
<wiretrace.cluster.state.EventState.similarity>` of one report against an event of the other
alone), and keeps the two groups apart when

* each holds at least ``split_min_size`` reports (a few outliers are refinement's business,
  and a small event is left as it is), and
* the mean score across the groups is below ``split_ratio`` times the mean score within the
  less coherent group.

The result is a pure function of the event's refined primaries (taken in canonical order) and
their features, as the refined events are of the articles, so it too is the same whatever
the order and batching of arrival. An event of more than ``split_sample`` primaries is
bisected on an evenly spaced sample of ``split_sample`` of them (in canonical order, the
first included, so the sample spans the event's time); each other one
goes to the group it scores higher against on average, which keeps the cost of a large
event linear in its size.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from wiretrace.cluster.features import (
    ArticleFeatures,
    ClusterSettings,
    SparseVector,
    accumulate,
    cosine,
    normalise,
)

Matrix = NDArray[np.float64]


def _dot(rows: Sequence[SparseVector], cols: Sequence[SparseVector]) -> Matrix:
    """Every row vector's dot product with every column vector (both sparse dicts)."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    for vector in (*rows, *cols):
        for term in vector:
            vocabulary.setdefault(term, len(vocabulary))

    def matrix(vectors: Sequence[SparseVector]) -> csr_matrix:
        data, indices, pointers = [], [], [0]
        for vector in vectors:
            for term, weight in vector.items():
                indices.append(vocabulary[term])
                data.append(weight)
            pointers.append(len(indices))
        shape = (len(vectors), max(1, len(vocabulary)))
        return csr_matrix((data, indices, pointers), shape=shape, dtype=np.float64)

    product = matrix(rows) @ matrix(cols).T
    return np.asarray(product.todense(), dtype=np.float64)


def _both(rows: Sequence[SparseVector], cols: Sequence[SparseVector]) -> NDArray[np.bool_]:
    """Where a row's vector and a column's vector are both non-empty."""
    has_row = np.array([bool(v) for v in rows])
    has_col = np.array([bool(v) for v in cols])
    return np.outer(has_row, has_col)


def pair_scores(
    rows: Sequence[ArticleFeatures], cols: Sequence[ArticleFeatures], settings: ClusterSettings
) -> Matrix:
    """The score of each row article against an event holding the column article alone, as
    :meth:`EventState.similarity <wiretrace.cluster.state.EventState.similarity>` gives it
    (the blend of whole-text and participant agreement, less the year and core penalties),
    for every pair at once: the same formula, summed in another order, so equal to within
    rounding (1e-15), and symmetric to within rounding when ``rows`` and ``cols`` are the
    same articles."""
    s = settings
    whole = _dot([f.vector for f in rows], [f.vector for f in cols])
    entities = _dot([f.entities for f in rows], [f.entities for f in cols])
    with_entities = _both([f.entities for f in rows], [f.entities for f in cols])
    core = _dot([f.core for f in rows], [f.core for f in cols])
    with_core = _both([f.core for f in rows], [f.core for f in cols])
    shares = s.core_share * with_core + s.entity_share * with_entities
    score = (1.0 - shares) * whole + s.core_share * with_core * core
    score += s.entity_share * with_entities * entities
    gated = ~with_entities | (entities >= s.gate_entity)
    score -= s.core_penalty * (with_core & gated & (core < s.min_core))
    if s.year_penalty:
        row_years = [normalise(f.years) for f in rows]
        col_years = [normalise(f.years) for f in cols]
        agreement = _dot(row_years, col_years)
        score -= s.year_penalty * _both(row_years, col_years) * (1.0 - agreement)
    return score


def _bisect(scores: Matrix) -> NDArray[np.bool_]:
    """The two groups the last merge of average-link agglomerative clustering joins (the
    root's children, even when the top merges tie): True marks the group of the first
    report."""
    from scipy.cluster.hierarchy import linkage, to_tree
    from scipy.spatial.distance import squareform

    # symmetric already (this removes rounding); a score may pass 1 by a rounding too
    distance = np.clip(1.0 - (scores + scores.T) / 2.0, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = to_tree(linkage(squareform(distance, checks=False), method="average"))
    left = np.zeros(len(scores), dtype=bool)
    left[tree.get_left().pre_order()] = True
    return left if left[0] else ~left


def mean_within(scores: Matrix, group: NDArray[np.bool_]) -> float:
    block = scores[np.ix_(group, group)]
    size = int(group.sum())
    return float((block.sum() - np.trace(block)) / (size * (size - 1)))


def could_split(count: int, settings: ClusterSettings) -> bool:
    """Whether an event of ``count`` primaries is large enough to be looked at (so a caller
    need not read the features of one that is not)."""
    return settings.split_ratio > 0 and count >= 2 * settings.split_min_size


def split_event(
    primaries: Sequence[ArticleFeatures], settings: ClusterSettings
) -> tuple[list[str], list[str]] | None:
    """The event's primaries as two groups (the first report's group first, each in the
    given order), or ``None`` when they do not divide (see module doc). ``primaries`` must be
    in canonical order, so that the result does not depend on how they arrived."""
    s = settings
    if not could_split(len(primaries), s):
        return None
    count, size = len(primaries), min(len(primaries), s.split_sample)
    picked = [n * count // size for n in range(size)]  # spread evenly, the first included
    sample = [primaries[n] for n in picked]
    scores = pair_scores(sample, sample, s)
    first = _bisect(scores)
    if min(int(first.sum()), int((~first).sum())) < s.split_min_size:
        return None
    within = min(mean_within(scores, first), mean_within(scores, ~first))
    across = float(scores[np.ix_(first, ~first)].mean())
    if within <= 0 or across >= s.split_ratio * within:
        return None
    in_first = {f.article_id for f, keep in zip(sample, first, strict=True) if keep}
    chosen = set(picked)
    rest = [f for n, f in enumerate(primaries) if n not in chosen]
    if rest:
        against = pair_scores(rest, sample, s)
        joins = against[:, first].mean(axis=1) >= against[:, ~first].mean(axis=1)
        in_first |= {f.article_id for f, keep in zip(rest, joins, strict=True) if keep}
    one = [f.article_id for f in primaries if f.article_id in in_first]
    two = [f.article_id for f in primaries if f.article_id not in in_first]
    return one, two


def _centroid(features: Sequence[ArticleFeatures]) -> SparseVector:
    total: SparseVector = {}
    for f in features:
        accumulate(total, f.vector)
    return normalise(total)


def mentioned_part(
    mentioning: ArticleFeatures, one: Sequence[ArticleFeatures], two: Sequence[ArticleFeatures]
) -> tuple[bool, float]:
    """Which part of a split event an article that mentions the event mentions: ``(True,
    score)`` for the first, ``(False, score)`` for the second, by the paragraph most similar
    to either part's centroid (the same comparison that found the mention; ties go to the
    first part)."""
    centroids = _centroid(one), _centroid(two)
    best = [max((cosine(p, c) for p in mentioning.paragraphs), default=0.0) for c in centroids]
    return best[0] >= best[1], max(best)
