"""One refinement pass over the single pass's events, kept exact as articles arrive.

The single pass (:mod:`wiretrace.cluster.assign`) cannot undo an early choice: an article
placed before the reports that would have drawn it elsewhere stays where it went. So, after
the single pass, each primary member is compared once more, with its own event *as if it had
not joined* (the event's sums less its vectors) and with the other events the placement's
candidate search finds for it; it moves to the most similar other event when that one scores
higher than its own and reaches ``join_threshold`` (ties: the lower event number). One pass,
no iteration, no setting of its own: the refined event of an article is a pure function of
the single pass's state, which is itself the same whatever the order and batching of
arrival, so the refined events are too (see docs/clustering.md).

**Kept current incrementally.** An article's refined event depends on its own event and on
the events its candidate search can see: those that pass its date gate and share one of its
strongest terms. After a batch, the events whose sums changed (joined, rebuilt by a rewind,
opened or dropped) are known, with what they covered before and after (their indexed terms
and day span, :class:`Reach`). Only these articles are refined again: the members of the
changed events, and the articles whose day lies within ``max_day_gap`` of a changed event's
span (undated articles, and every article when a changed event has no days, since such events
pass every gate) and whose strongest terms meet a changed event's indexed terms. Every other
article's candidate ranking, and every event it compares with, is as it was, so its refined
event is too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from wiretrace.cluster.features import ArticleFeatures, ClusterSettings, top_terms
from wiretrace.cluster.state import ClusterState, EventState

#: A canonical key before every dated article (days are date ordinals, from 1).
_FIRST_DATED = (False, 0, "")
_FIRST_UNDATED = (True, 0, "")


@dataclass(frozen=True)
class Reach:
    """What of an event other articles' refinement can see: the terms it is indexed under
    (the candidate search votes with them) and its day span (the date gate; ``None``: no
    days, so it passes every gate)."""

    terms: frozenset[str]
    span: tuple[int, int] | None


def reach(event: EventState, index_terms: int) -> Reach:
    return Reach(frozenset(top_terms(event.centroid, index_terms)), event.span())


def refined_event(
    state: ClusterState, features: ArticleFeatures, home: int, settings: ClusterSettings
) -> int:
    """The event a primary member of event ``home`` belongs to after refinement."""
    own_event = state.get(home)
    own = -math.inf
    if len(own_event.members) > 1:
        own = own_event.without(features).similarity(features, settings)
    best, best_score = home, -math.inf
    found = state.candidates(
        features.vector, settings.max_candidates, features.day, settings.max_day_gap
    )
    for event in found:
        if event == home:
            continue
        score = state.get(event).similarity(features, settings)
        if score > best_score or (score == best_score and event < best):
            best, best_score = event, score
    if best != home and best_score > own and best_score >= settings.join_threshold:
        return best
    return home


def window(state: ClusterState, reaches: Iterable[Reach], max_gap: int) -> list[str]:
    """The placed articles whose date gate admits an event of one of these reaches: dated
    ones within ``max_gap`` days of a span, and undated ones (every article when a reach has
    no span)."""
    spans = []
    for r in reaches:
        if r.span is None:
            return state.placed_from(_FIRST_DATED)
        spans.append((max(0, r.span[0] - max_gap), r.span[1] + max_gap))
    merged: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    found = [
        article_id
        for first, last in merged
        for article_id in state.placed_between((False, first, ""), (False, last + 1, ""))
    ]
    return found + state.placed_from(_FIRST_UNDATED)
