"""Merge the fragments of one event: two final events that pass the split's criterion inverted.

Off by default (``ClusterSettings(merge=True)`` turns it on): it gains on ECB+, but keeping
it exact costs a new article about twice as much at 100,000 stored articles, and the cost
grows with the store (docs/clustering.md, "Cost as the store grows").

The single pass, its refinement and the split (:mod:`wiretrace.cluster.assign`,
:mod:`wiretrace.cluster.refine`, :mod:`wiretrace.cluster.split`) can leave one real event as
two events, each coherent in itself: reports worded otherwise open a second event early, and
each report then scores higher against its own piece than against the other. So the final
events (the *parts*: each refined event, or each half of a split one) are looked at in pairs,
with the split's own test turned round and no threshold of its own: ``A`` and ``B`` are one
event when each has two primaries or more and

    mean score across  >=  ``split_ratio`` × the lower of their mean scores within

(the pairwise score of :func:`~wiretrace.cluster.split.pair_scores`; a large part is
sampled as the split samples it). A part of one report has no score within, so it is never
merged: one report's fit to an event is the single pass's and refinement's business (a
report that recalls another event at length would otherwise pass against that event's own
coherence; see docs/clustering.md for how this was chosen). Which pairs are
looked at: each part's centroid goes through the placement's candidate search (the same
index, the same 40 candidates, the date gate from the part's first dated report), and each
part of the events it finds is a pair; a pair is looked at when either side finds the
other. Merged events are the connected components; a merged event takes the seed of its
first part in canonical order, and the other parts' seeds are gone.

**Kept exact as articles arrive.** A part's pairs depend on its own primaries and on its
candidate search, as a refined article's event does on its own (see
:mod:`wiretrace.cluster.refine`), so after a batch only these parts are looked at again: the
parts of the events the batch changed, and those whose search reaches (before or after) an
event whose sums changed or whose parts did. Every other pair is as it was. Each event keeps,
for each of its parts in a merged event, that merged event's parts (:attr:`EventState.merged
<wiretrace.cluster.state.EventState.merged>`), so the components those parts were in before
are known and looked at again as well; see :func:`remerge`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from wiretrace.cluster.features import (
    ArticleFeatures,
    ClusterSettings,
    SparseVector,
    accumulate,
    cosine,
    normalise,
)
from wiretrace.cluster.refine import Reach, reach, reached, window
from wiretrace.cluster.split import mean_within, pair_scores
from wiretrace.cluster.state import CanonicalKey, ClusterState, EventState
from wiretrace.errors import StoreError
from wiretrace.models import Membership
from wiretrace.unionfind import Components

#: Where a part sorts: its event's seed, then the first part before the second.
PartKey = tuple[CanonicalKey, bool]


@dataclass
class Part:
    """One final event before merging: its seed, where it sorts, the single-pass event it is
    part of, its primaries' features (in canonical order; none may be read for a part of one
    report, which is never merged) and its memberships."""

    seed: str
    key: PartKey
    event: int
    features: list[ArticleFeatures]
    members: list[Membership]
    _within: list[float | None] = field(default_factory=list, repr=False)
    _sums: list[tuple[SparseVector, ...]] = field(default_factory=list, repr=False)
    _query: list[ArticleFeatures] = field(default_factory=list, repr=False)

    @property
    def size(self) -> int:
        """How many primaries it holds."""
        return sum(1 for m in self.members if m.role == "primary")

    def query(self) -> ArticleFeatures:
        """The part as one report for the candidate search: its centroid, and the day of its
        first dated primary (``None``: none is dated)."""
        if not self._query:
            total: SparseVector = {}
            for f in self.features:
                accumulate(total, f.vector)
            self._query.append(ArticleFeatures(self.seed, self.features[0].day, normalise(total)))
        return self._query[0]

    def sample(self, settings: ClusterSettings) -> list[ArticleFeatures]:
        """At most ``split_sample`` primaries, spread evenly, the first included (as the
        split samples a large event)."""
        count = len(self.features)
        size = min(count, settings.split_sample)
        return [self.features[n * count // size] for n in range(size)]

    def within(self, settings: ClusterSettings) -> float | None:
        """The mean score between two of its primaries (``None`` for a part of one)."""
        if not self._within:
            sample = self.sample(settings)
            found = None
            if len(sample) >= 2:
                scores = pair_scores(sample, sample, settings)
                found = mean_within(scores, np.ones(len(sample), dtype=bool))
            self._within.append(found)
        return self._within[0]

    def sums(self, settings: ClusterSettings) -> tuple[SparseVector, ...]:
        """The sums of its sample's text, participant and core vectors."""
        if not self._sums:
            found: tuple[SparseVector, ...] = ({}, {}, {})
            for f in self.sample(settings):
                for total, vector in zip(found, (f.vector, f.entities, f.core), strict=True):
                    accumulate(total, vector)
            self._sums.append(found)
        return self._sums[0]


def _bound(a: Part, b: Part, settings: ClusterSettings) -> float:
    """An upper bound of the mean score across (every cosine is at least 0 and each share
    at most 1, and the penalties only subtract), from the parts' sums alone."""
    s = settings
    (va, ea, ca), (vb, eb, cb) = a.sums(s), b.sums(s)
    # the dot of two sums is the sum of the pairs' dots (``cosine`` is a plain dot)
    total = cosine(va, vb) + s.entity_share * cosine(ea, eb) + s.core_share * cosine(ca, cb)
    return total / (len(a.sample(s)) * len(b.sample(s)))


def active(settings: ClusterSettings) -> bool:
    """Whether merging is on (it uses the split's ratio, so ``split_ratio`` 0 turns it off)."""
    return settings.merge and settings.split_ratio > 0


def one_event(a: Part, b: Part, settings: ClusterSettings) -> bool:
    """Whether two parts are one event (see module doc). The earlier part's primaries are
    the rows, so the result does not depend on which side found the other."""
    if b.key < a.key:
        a, b = b, a
    if a.size < 2 or b.size < 2:
        return False  # a report alone has no score within
    one, two = a.within(settings), b.within(settings)
    if one is None or two is None or min(one, two) <= 0:
        return False
    needed = settings.split_ratio * min(one, two)
    if _bound(a, b, settings) < needed - 1e-9:
        return False  # cannot pass: spare the pairwise scores
    return float(pair_scores(a.sample(settings), b.sample(settings), settings).mean()) >= needed


def merged_members(parts: Sequence[Part]) -> list[Membership]:
    """The memberships of a merged event: every part's primaries, then the articles that
    mention any part (the highest score where several), less the primaries."""
    primaries = sorted((f.day is None, f.day or 0, f.article_id) for p in parts for f in p.features)
    own = {key[2] for key in primaries}
    mentions: dict[str, float] = {}
    for part in parts:
        for m in part.members:
            if m.role == "mention" and m.article_id not in own:
                mentions[m.article_id] = max(mentions.get(m.article_id, m.score), m.score)
    return [Membership(key[2], "primary", 1.0) for key in primaries] + [
        Membership(a, "mention", mentions[a]) for a in sorted(mentions)
    ]


#: The parts of a single-pass event, by number (empty parts left out).
PartsOf = Callable[[int], list[Part]]


def remerge(
    state: ClusterState,
    settings: ClusterSettings,
    parts_of: PartsOf,
    before: Mapping[int, EventState | None],
    changed: Iterable[int],
    reaches: list[Reach],
    part_of: Callable[[str], Part | None],
    prefetch: Callable[[Iterable[int]], None] = lambda events: None,
) -> set[str]:
    """Update the merged events after a batch; return the seeds of the parts whose merged
    event changed (those in a changed event, and those whose merged event is another now),
    and of those that were in a merged event and are no part now.

    ``before`` holds the events whose sums the batch changed, as they were (``None``: opened
    in it); ``changed`` the events whose parts may have changed (refined members or their
    features; a change of mentions alone changes no pair, and the caller reports it);
    ``reaches`` what the first could be seen by, before and after
    (:func:`wiretrace.cluster.refine.changed`); ``part_of`` finds a current part by seed;
    ``prefetch`` reads what ``parts_of`` will need for several events at once.

    The argument: a part's pairs change only if its primaries or its candidate search's
    result do, and the search's result (the events it finds, and their parts) only through
    an event whose reach changed or whose parts changed, so through one of ``reaches`` or of
    the changed events' own reaches. So the pairs that may have changed are those of the
    parts these reach (``touched``). The merged events those parts were in before, with all
    their parts, are looked at again (each part searching anew); a part outside them that one
    of them now finds and joins brings its whole merged event, which is otherwise unchanged.
    """
    count = state.count()
    changed = sorted({e for e in changed if e < count})
    changed_now = set(changed)
    reaches = reaches + [reach(state.get(e), settings.index_terms) for e in changed]
    # what each part's merged event was before the batch (seeds of its parts; by part seed)
    old: dict[str, list[str]] = {}
    for was in before.values():
        if was is not None:
            old.update(was.merged)
    for e in changed:
        for seed, parts in state.get(e).merged.items():
            old.setdefault(seed, parts)

    def old_of(part: Part) -> list[str]:
        if part.seed not in old:
            was = before.get(part.event, state.get(part.event))
            if was is not None and was.seed == state.get(part.event).seed:
                old[part.seed] = was.merged.get(part.seed, [part.seed])
            else:
                old[part.seed] = [part.seed]
        return old[part.seed]

    nearby: set[int] = set()
    if reaches:
        nearby = {
            placement.refined
            for article_id in window(state, reaches, settings.max_day_gap)
            if (placement := state.placement(article_id)) is not None
        }
    prefetch(sorted(nearby | changed_now))
    touched: dict[str, Part] = {p.seed: p for e in changed for p in parts_of(e)}
    if reaches:
        for e in sorted(nearby - changed_now):
            for part in parts_of(e):
                if part.size > 1 and reached(part.query(), reaches, settings):
                    touched[part.seed] = part
    # the merged events of the touched parts before, whole; and those of vanished parts
    looked: set[str] = set(touched)
    for part in touched.values():
        looked.update(old_of(part))
    for parts in old.values():
        looked.update(parts)
    current = {p.seed: p for seed in sorted(looked) if (p := touched.get(seed) or part_of(seed))}
    vanished = looked - set(current)
    components: Components[str] = Components()
    outside: dict[str, Part] = {}
    seen: set[tuple[str, str]] = set()
    computed: dict[str, Part] = {}

    def prepared(part: Part) -> Part:
        """The part with its mean score within as its event keeps it, where that is
        current (an event the batch did not change keeps its parts' primaries)."""
        if not part._within and part.size > 1:
            kept = None if part.event in changed_now else state.get(part.event).withins
            if kept is not None and part.seed in kept:
                part._within.append(kept[part.seed])
            else:
                computed[part.seed] = part
        return part

    for part in sorted(current.values(), key=lambda p: p.key):
        if part.size < 2:
            continue  # a report alone is never merged
        prepared(part)
        q = part.query()
        found = state.candidates(q.vector, settings.max_candidates, q.day, settings.max_day_gap)
        prefetch(found)
        for event in found:
            for other in parts_of(event):
                pair = (min(part.seed, other.seed), max(part.seed, other.seed))
                if other.seed == part.seed or other.size < 2 or pair in seen:
                    continue
                seen.add(pair)
                prepared(other)
                if not one_event(part, other, settings):
                    continue
                if other.seed not in current and other.seed not in outside:
                    # unchanged, with its merged event: they come in whole
                    for seed in old_of(other):
                        outside[seed] = (
                            other if seed == other.seed else required_part(part_of, seed)
                        )
                        components.join(seed, other.seed)
                components.join(part.seed, other.seed)
    everything = {**outside, **current}
    olds = {seed: old_of(part) for seed, part in everything.items()}
    dirty = set(vanished)
    written: dict[int, EventState] = {}
    for group in components.groups(everything):
        members = sorted((everything[seed] for seed in group), key=lambda p: p.key)
        seeds = [p.seed for p in members]
        for part in members:
            if part.event in changed_now or olds[part.seed] != seeds:
                dirty.update(seeds)
            if state.get(part.event).merged.get(part.seed, [part.seed]) != seeds:
                record = written.setdefault(part.event, state.get(part.event))
                if len(seeds) > 1:
                    record.merged[part.seed] = seeds
                else:
                    del record.merged[part.seed]
    for e in changed:  # a part that is no more leaves no record; nor a changed part's score
        record = written.setdefault(e, state.get(e))
        alive = {p.seed for p in parts_of(e)}
        for seed in [s for s in record.merged if s not in alive]:
            del record.merged[seed]
        record.withins.clear()
    for seed, part in computed.items():  # kept for the next batch
        if part._within and part._within[0] is not None:
            record = written.setdefault(part.event, state.get(part.event))
            record.withins[seed] = part._within[0]
    for number, record in sorted(written.items()):
        state.put(number, record, reindex=False)
    return dirty


def required_part(part_of: Callable[[str], Part | None], seed: str) -> Part:
    """The part ``seed`` names, which a merged event's record says exists."""
    found = part_of(seed)
    if found is None:
        raise StoreError(f"the merged event's part {seed!r} is missing; re-cluster the store")
    return found
