"""Assign articles to events one batch at a time, with the result clustering from scratch gives.

Method (details in docs/clustering.md):

* **Canonical order.** Articles are placed in a fixed order (publication date, then id;
  undated last), never in the order they arrive. Each joins the most similar event when its
  score reaches ``join_threshold`` (a blend of whole-text similarity and participant-and-place
  agreement with the event's centroids, less a penalty when the years it states disagree),
  or opens one. A gate: the dates, where both are known, are within ``max_day_gap`` days;
  and a check: when the participants agree closely (or are unknown), the name-free core
  should agree too (``min_core``), since two events of the same actors differ in what
  happened; a core below it costs ``core_penalty``.
  Candidate events come from an inverted index over each event's strongest terms, so an
  article is compared with a bounded number of events, whatever the size of the store.
* **Mentions.** When an article is placed, each paragraph after its lead is compared with the
  events already open; a paragraph closer to another event than to its own article's, by at
  least ``mention_threshold``, makes the article a ``mention`` member of that event. (A report
  recalls earlier events; one placed later in the order is not searched for.)
* **Incremental.** :class:`Clusterer` keeps the state. A batch whose articles all come after
  the placed ones in the canonical order is placed directly: each article costs one candidate
  look-up and a bounded number of comparisons. An article that belongs earlier (an older
  report arriving late, or any dated report while undated ones are stored, since those sort
  last) *rewinds* the state to its position: the articles after it are taken out, the events
  they opened dropped, and the events they joined rebuilt from their remaining members in the
  same order (so every sum is bit-for-bit what it was); then the rewound articles and the new
  ones are placed in order. The result is therefore exactly that of clustering everything from
  scratch, whatever the order and batching of arrival, and the cost of a batch is its own
  size plus the rewound suffix.
* **Refinement** (``refine``, :mod:`wiretrace.cluster.refine`). After each batch's placement,
  the articles whose refined event the batch's changes may have moved are refined again, so
  the refined events, too, are those of clustering everything from scratch.
* **Split** (``split_ratio``, :mod:`wiretrace.cluster.split`). Each refined event whose
  reports bisect into two groups that score far less across than within is given as two
  events; a function of its refined reports alone, recomputed for the events a batch changed.
* **Merge** (``merge``, off by default; :mod:`wiretrace.cluster.merge`). Two final events
  that pass the split's criterion turned round are one event; recomputed after each batch
  for the parts its changes can reach, and the merged events those were in.

Event ids derive from the event's first article in canonical order (:func:`event_id`), so
they are stable while that article stays the event's seed; the second part of a split event
takes the seed's id with a mark (:func:`split_seed`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date

from wiretrace.cluster import merge
from wiretrace.cluster.features import ArticleFeatures, ClusterSettings, cosine
from wiretrace.cluster.merge import Part
from wiretrace.cluster.refine import Reach, changed, reached, refined_event, window
from wiretrace.cluster.split import could_split, mentioned_part, split_event
from wiretrace.cluster.state import (
    ClusterState,
    EventState,
    MemoryState,
    Placement,
    canonical_key,
)
from wiretrace.errors import StoreError
from wiretrace.models import Event, Membership, content_hash, event_order

#: Reads back the features of placed articles (a rewind re-places them); missing ids are absent.
FeatureLoader = Callable[[Sequence[str]], Mapping[str, ArticleFeatures]]


def canonical_order(features: Iterable[ArticleFeatures]) -> list[ArticleFeatures]:
    """Dated articles first by date, then undated ones; ties broken by id."""
    return sorted(features, key=canonical_key)


class Clusterer:
    """The events of a growing set of articles, kept current one batch at a time.

    ``state`` is where the events live (in memory by default; the store's tables for a
    database, see :mod:`wiretrace.cluster.stored`). ``load`` reads back the features of
    articles already placed, which a rewind and the split of a changed event need (see module
    doc); without it the clusterer keeps in memory the features of every article it placed
    itself (so a clusterer without ``load`` over a state placed by another cannot split).
    """

    def __init__(
        self,
        settings: ClusterSettings | None = None,
        load: FeatureLoader | None = None,
        state: ClusterState | None = None,
    ) -> None:
        self.settings = settings or ClusterSettings()
        self._load = load
        self._kept: dict[str, ArticleFeatures] | None = {} if load is None else None
        self.state: ClusterState = state or MemoryState(self.settings.index_terms)
        self._changed: set[int] = set()  # events touched since take_changes()
        self._now: set[int] = set()  # those touched by the current batch
        self._dropped: set[str] = set()  # seeds of the events closed since then
        #: The events this batch touched, as they were before it (None: opened in it).
        self._before: dict[int, EventState | None] = {}
        #: How many placed articles the last :meth:`add` took out and placed again.
        self.last_rewound = 0
        #: Features the last :meth:`add` had at hand (its own, and those it read back), so
        #: the split of the events it changed reads back only the others.
        self._recent: dict[str, ArticleFeatures] = {}
        #: Seeds of the parts whose merged event changed since take_changes().
        self._merged: set[str] = set()

    def __len__(self) -> int:
        return self.state.placed_count()

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and self.state.placement(article_id) is not None

    def add(self, features: Iterable[ArticleFeatures]) -> None:
        """Place new articles; an article already placed is placed again with these features.

        Everything a rewind must read back is read before the state changes, so a ``load``
        failing then leaves the clustering as it was. The refinement pass reads the features
        of the articles near the changed events after the placement (which ones depends on
        it): a ``load`` failing there leaves a :class:`MemoryState` changed, while the
        store's state (:class:`~wiretrace.cluster.stored.StoredState`) is rolled back by its
        caller.
        """
        state = self.state
        batch = {f.article_id: f for f in features}
        if not batch:
            return
        self._before = {}
        start = min(canonical_key(f) for f in batch.values())
        for article_id in batch:
            placed = state.placement(article_id)
            if placed is not None:
                start = min(start, placed.key)
        suffix = state.placed_from(start)
        placements = {i: state.placement(i) for i in suffix}
        events = {p.event for p in placements.values() if p is not None}
        opened = [e for e in events if state.get(e).seed_key >= start]
        first_closed = min(opened, default=state.count())
        kept = {}
        for event in sorted(e for e in events if e < first_closed):
            old = state.get(event)
            kept[event] = old.members[: bisect_left(old.keys, start)]
        rewound = [i for i in suffix if i not in batch]
        needed = self._features([*rewound, *(i for ids in kept.values() for i in ids)])
        loaded = {f.article_id: f for f in needed}
        self._recent = {**loaded, **batch}
        self._now = set()
        # the state changes from here on
        for article_id, placement in placements.items():
            if placement is not None:  # its refined event loses it (it may come back)
                self._mark(placement.refined)
            for event in placement.mentions if placement else ():
                if event < first_closed:
                    mentioned = state.get(event)
                    mentioned.mentions.pop(article_id, None)
                    state.put(event, mentioned, reindex=False)
                    self._changed.add(event)  # its mentions only: its parts are as they were
        state.unplace(suffix)
        for event in range(first_closed, state.count()):
            self._touch(event)
            self._dropped.add(state.get(event).seed)
        state.drop_from(first_closed)
        for event, members in kept.items():
            old = state.get(event)
            self._touch(event)
            rebuilt = EventState(old.seed, old.seed_key, mentions=old.mentions, merged=old.merged)
            for article_id in members:  # in member order: the same sums as before
                rebuilt.add(loaded[article_id])
            state.put(event, rebuilt)
            self._mark(event)
        self.last_rewound = len(rewound)
        for f in canonical_order([*(loaded[i] for i in rewound), *batch.values()]):
            self._place(f)
        merging = merge.active(self.settings)
        if not (self.settings.refine or merging):
            return
        reaches, in_changed = changed(self._before, state, self.settings.index_terms)
        if self.settings.refine:
            self._refine({**{i: loaded[i] for i in rewound}, **batch}, reaches, in_changed)
        if merging:
            parts_of, part_of, prefetch = self._part_finder()
            self._merged |= merge.remerge(
                state, self.settings, parts_of, self._before, self._now, reaches, part_of, prefetch
            )

    def _mark(self, *events: int) -> None:
        """These events' refined members or their features may have changed (so their
        parts, which the merge looks at again)."""
        self._changed.update(events)
        self._now.update(events)

    def _touch(self, event: int) -> None:
        """Before an event's sums change: keep it as it was (once per batch)."""
        if event not in self._before:
            self._before[event] = self.state.get(event).copy()

    def _refine(
        self, placed: Mapping[str, ArticleFeatures], reaches: list[Reach], members: set[str]
    ) -> None:
        """Refine the articles this batch placed (its own and those it rewound) and again
        those whose refined event its changes may have moved (see
        :mod:`wiretrace.cluster.refine`): the members of the events whose sums changed, and
        the articles those events' old or new reach touches."""
        s, state = self.settings, self.state
        members.update(placed)
        nearby = window(state, reaches, s.max_day_gap) if reaches else []
        ids = sorted(members) + [i for i in nearby if i not in members]
        features = dict(zip(ids, self._features(ids, placed), strict=True))
        self._recent.update(features)
        for article_id in ids:
            f = features[article_id]
            if article_id not in members and not reached(f, reaches, s):
                continue  # no changed event is, or was, among its candidates
            placement = state.placement(article_id)
            if placement is None:  # a member or a windowed article is always placed
                raise StoreError(f"article {article_id!r} is in an event but has no placement")
            event = refined_event(state, f, placement.event, s)
            if event != placement.refined:
                state.set_refined(article_id, event)
                self._mark(placement.refined, event)

    def events(self) -> list[tuple[str, list[Membership]]]:
        """``(seed, memberships)`` per event, in the order the events opened (the refined
        events with ``refine``, each split in two where :mod:`wiretrace.cluster.split` finds
        two, and parts merged where :mod:`wiretrace.cluster.merge` finds them one; an event
        left with no primary member is not listed)."""
        views = [(p, e) for n, e in enumerate(self.state.events()) for p in self._views(n, e)]
        by_seed = {p.seed: p for p, _ in views if p.members}
        found = []
        for part, event in views:
            merged = event.merged.get(part.seed)
            if merged is None:
                found.append((part.seed, part.members))
            elif merged[0] == part.seed:
                found.append((part.seed, merge.merged_members([by_seed[s] for s in merged])))
        return [(seed, members) for seed, members in found if members]

    def take_changes(self) -> tuple[set[str], list[tuple[str, list[Membership]]]]:
        """What changed since the last call: the seeds of events that no longer exist (or
        have no primary member left, or are merged into another), and ``(seed,
        memberships)`` of each event that is new or changed. The second part of a changed
        event that is not split (now) is among the gone whether or not it was split before:
        which it was is not kept."""
        count = self.state.count()
        changed = sorted(e for e in self._changed if e < count)
        _, part_of, _ = self._part_finder(everything=False)
        seeds = {s for e in changed for s in _part_seeds(self.state.get(e).seed)}
        gone = self._dropped | {split_seed(seed) for seed in self._dropped}
        roots: dict[str, list[Part]] = {}
        for seed in sorted(seeds | self._merged):
            part = part_of(seed)
            if part is None:
                gone.add(seed)
                continue
            merged = self.state.get(part.event).merged.get(seed, [seed])
            if merged[0] != seed:
                gone.add(seed)
            if merged[0] not in roots:
                roots[merged[0]] = [merge.required_part(part_of, s) for s in merged]
        updated = [
            (parts[0].seed, merge.merged_members(parts) if len(parts) > 1 else parts[0].members)
            for parts in sorted(roots.values(), key=lambda parts: parts[0].key)
        ]
        self._changed, self._dropped, self._merged = set(), set(), set()
        return gone - set(roots), updated

    def _part_finder(
        self, everything: bool = True
    ) -> tuple[merge.PartsOf, Callable[[str], Part | None], Callable[[Iterable[int]], None]]:
        """The (non-empty) parts of an event by number, a part by its seed (``None``: no
        such part now), each worked out once (with the primaries' features, or only where a
        split or a merge needs them), and a way to read several events' refined members and
        features at once before they are asked for."""
        known: dict[int, list[Part]] = {}
        members: dict[int, list[str]] = {}

        def prefetch(numbers: Iterable[int]) -> None:
            wanted = [n for n in numbers if n not in known and n not in members]
            members.update(self.state.refined_members_of(wanted))
            ids = [i for n in wanted if len(members[n]) > 1 for i in members[n]]
            missing = [i for i in ids if i not in self._recent]
            self._recent.update((f.article_id, f) for f in self._features(missing))

        def parts_of(number: int) -> list[Part]:
            if number not in known:
                event, primaries = self.state.get(number), members.pop(number, None)
                views = self._views(number, event, everything, primaries)
                known[number] = [p for p in views if p.members]
            return known[number]

        def part_of(seed: str) -> Part | None:
            placement = self.state.placement(seed.removesuffix(_SPLIT))
            if placement is None or self.state.get(placement.event).seed != seed.removesuffix(
                _SPLIT
            ):
                return None
            return next((p for p in parts_of(placement.event) if p.seed == seed), None)

        return parts_of, part_of, prefetch

    def _views(
        self,
        number: int,
        event: EventState,
        everything: bool = False,
        primaries: list[str] | None = None,
    ) -> list[Part]:
        """The event as its seed's part and its second part (:func:`split_seed`), each with
        its memberships: the primary members after refinement (none: that part is empty)
        and the articles that mention the event, less its primaries (of a split event, each
        in the part its closest paragraph is closer to, with that score). The second part
        is empty unless the event splits. The parts hold their primaries' features when
        ``everything`` (and it has two primaries or more), when the event may split, or when
        it is in a merged event (else none). ``primaries``: its refined members, if read."""
        if primaries is None:
            primaries = self.state.refined_members(number)
        one, two = primaries, list[str]()
        features: dict[str, ArticleFeatures] = {}
        if (
            (everything and len(primaries) > 1)
            or event.merged
            or could_split(len(primaries), self.settings)
        ):
            found = self._features(primaries, self._recent)
            features = {f.article_id: f for f in found}
            halves = split_event(found, self.settings)
            if halves is not None:
                one, two = halves
        first = [Membership(a, "primary", 1.0) for a in one]
        second = [Membership(a, "primary", 1.0) for a in two]
        own = set(primaries)
        mentions = {a: score for a, score in event.mentions.items() if a not in own}
        if one and two and mentions:  # each mention goes to the part it is closer to
            parts = [features[a] for a in one], [features[a] for a in two]
            for f in self._features(sorted(mentions), self._recent):
                in_first, score = mentioned_part(f, *parts)
                (first if in_first else second).append(
                    Membership(f.article_id, "mention", round(score, 4))
                )
        elif one:
            first += [Membership(a, "mention", round(mentions[a], 4)) for a in sorted(mentions)]
        return [
            Part(seed, (event.seed_key, n == 1), number, [features[a] for a in ids if features], ms)
            for n, (seed, ids, ms) in enumerate(
                [(event.seed, one, first), (split_seed(event.seed), two, second)]
            )
        ]

    def _features(
        self, ids: Sequence[str], known: Mapping[str, ArticleFeatures] | None = None
    ) -> list[ArticleFeatures]:
        if not ids:
            return []
        if self._kept is not None:
            found: Mapping[str, ArticleFeatures] = self._kept
        else:
            known = known or {}
            found = {**self._load([i for i in ids if i not in known]), **known}  # type: ignore[misc]
        missing = [i for i in ids if i not in found]
        if missing:
            raise StoreError(
                f"clustering needs the features of {len(missing)} placed article(s) it cannot "
                f"read back, e.g. {missing[0]!r}; re-cluster the store from scratch "
                "(Wiretrace.recluster())"
            )
        return [found[i] for i in ids]

    def _place(self, f: ArticleFeatures) -> None:
        s, state = self.settings, self.state
        best, best_score = -1, s.join_threshold
        for event in state.candidates(f.vector, s.max_candidates, f.day, s.max_day_gap):
            score = state.get(event).similarity(f, s)
            if score >= best_score:
                best, best_score = event, score
        if best < 0:
            best = state.count()
            own = EventState(f.article_id, canonical_key(f))
            self._before.setdefault(best, None)  # opened in this batch (or dropped earlier in it)
        else:
            own = state.get(best)
            self._touch(best)
        own.add(f)
        state.put(best, own)
        self._mark(best)
        if self._kept is not None:
            self._kept[f.article_id] = f
        found: dict[int, float] = {}
        for paragraph in f.paragraphs:
            own_score = cosine(paragraph, own.centroid)
            window = state.candidates(paragraph, s.mention_candidates, f.day, s.mention_max_days)
            for event in window:
                if event == best:
                    continue
                score = cosine(paragraph, state.get(event).centroid)
                if score >= s.mention_threshold and score > own_score:
                    found[event] = max(found.get(event, 0.0), score)
        for event, score in found.items():
            mentioned = state.get(event)
            mentioned.mentions[f.article_id] = score
            state.put(event, mentioned, reindex=False)
            self._changed.add(event)  # its mentions only
        state.place(f.article_id, Placement(canonical_key(f), best, found, best))


def cluster_features(
    features: Sequence[ArticleFeatures], settings: ClusterSettings | None = None
) -> list[tuple[str, list[Membership]]]:
    """Cluster from scratch; return ``(seed, memberships)`` per event (the seed: the id of
    the event's first article, marked by :func:`split_seed` for a split event's second part)."""
    clusterer = Clusterer(settings)
    clusterer.add(features)
    return clusterer.events()


def event_id(seed: str) -> str:
    """An event's id, from its seed: the id of its first article in canonical order, or
    that with :func:`split_seed`'s mark for the second part of a split event."""
    return "ev-" + content_hash("event", seed)[:12]


_SPLIT = "#split"


def split_seed(seed: str) -> str:
    """The seed of the second part of the event ``seed`` opened, when it splits."""
    return seed + _SPLIT


def _part_seeds(seed: str) -> tuple[str, str]:
    return seed, split_seed(seed)


def dress_events(
    clustered: Iterable[tuple[str, list[Membership]]],
    headlines: Mapping[str, tuple[str | None, date | None]],
) -> list[Event]:
    """``(seed, memberships)`` pairs as :class:`Event` records.

    ``headlines`` maps an article id to its (title, publication date). An event's title is
    the headline of its earliest dated primary report (else of its first titled one), and its
    ``first_reported`` date is the earliest publication date among its primary reports.
    """
    result: list[Event] = []
    for seed, members in clustered:
        primaries = [m.article_id for m in members if m.role == "primary"]
        known = sorted(
            (headlines[a][1] or date.max, a) for a in primaries if headlines.get(a, (None,))[0]
        )
        title = headlines[known[0][1]][0] if known else None
        dates = [d for a in primaries if (d := headlines.get(a, (None, None))[1])]
        result.append(Event(event_id(seed), title, min(dates) if dates else None, members))
    result.sort(key=event_order)
    return result


def build_events(
    features: Sequence[ArticleFeatures],
    headlines: Mapping[str, tuple[str | None, date | None]],
    settings: ClusterSettings | None = None,
) -> list[Event]:
    """Cluster from scratch and dress the result as :class:`Event` records."""
    return dress_events(cluster_features(features, settings), headlines)
