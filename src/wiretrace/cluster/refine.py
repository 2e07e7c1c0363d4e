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
strongest terms. After a batch, the events whose sums changed (joined, opened, dropped, or
rebuilt by a rewind other than they were) are known, with what they covered before and
after (their indexed terms and day span, :class:`Reach`). Only these articles are refined
again: those the batch placed (its own and those it rewound), the members of the changed
events, and the articles that one of these reaches, before or after, touches: within
``max_day_gap`` days of its span (undated articles, and any article when the event has no
days, since such events pass every gate) and sharing one of its indexed terms. Every other
article's candidate ranking, and every event it compares with, is as it was, so its refined
event is too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
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


def changed(
    before: Mapping[int, EventState | None], state: ClusterState, index_terms: int
) -> tuple[list[Reach], set[str]]:
    """The reaches, before the batch and after it, of the events whose sums the batch
    changed (``before``: the events it touched, as they were, ``None`` for those it opened),
    and the members those events have now. An event rebuilt exactly as it was (the usual
    fate of one a rewind took apart) changed nothing."""
    count = state.count()
    reaches: list[Reach] = []
    members: set[str] = set()
    for number, old in before.items():
        new = state.get(number) if number < count else None
        if old is not None and new is not None and old.same_sums(new):
            continue
        if old is not None:
            reaches.append(reach(old, index_terms))
        if new is not None:
            reaches.append(reach(new, index_terms))
            members.update(new.members)
    return reaches, members


def reached(features: ArticleFeatures, reaches: Iterable[Reach], settings: ClusterSettings) -> bool:
    """Whether one of these reaches is (or was) among the article's candidates: it shares
    one of the article's strongest terms and passes its date gate."""
    terms = set(top_terms(features.vector, settings.index_terms))
    day, gap = features.day, settings.max_day_gap
    return any(
        (r.span is None or day is None or r.span[0] - gap <= day <= r.span[1] + gap)
        and not terms.isdisjoint(r.terms)
        for r in reaches
    )


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
