"""Where the clustering's state lives: the open events and where each article was placed.

:class:`~wiretrace.cluster.assign.Clusterer` reads and writes its state through the small
:class:`ClusterState` interface, so the same method runs on :class:`MemoryState` (tests,
benchmarks, one-off clustering) and on the store's tables
(:class:`~wiretrace.cluster.stored.StoredState`), where only the events an article touches
are read and written, however large the store.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from wiretrace.cluster.features import (
    ArticleFeatures,
    ClusterSettings,
    SparseVector,
    accumulate,
    cosine,
    normalise,
    top_terms,
)

#: Where an article sorts: undated last, then by day, then by id.
CanonicalKey = tuple[bool, int, str]


def canonical_key(features: ArticleFeatures) -> CanonicalKey:
    return (features.day is None, features.day or 0, features.article_id)


def position_text(key: CanonicalKey) -> str:
    """A canonical key as text that sorts the same way (for an SQL index)."""
    undated, day, article_id = key
    return f"{int(undated)}{day:08d}{article_id}"


def position_key(text: str) -> CanonicalKey:
    """The inverse of :func:`position_text`."""
    return (text[0] == "1", int(text[1:9]), text[9:])


@dataclass
class EventState:
    """An open event: its members in canonical order, the sums behind its centroids, and the
    articles that mention it (with their scores)."""

    seed: str
    seed_key: CanonicalKey
    members: list[str] = field(default_factory=list)
    keys: list[CanonicalKey] = field(default_factory=list)
    total: SparseVector = field(default_factory=dict)
    days: list[int] = field(default_factory=list)
    core_total: SparseVector = field(default_factory=dict)
    entity_total: SparseVector = field(default_factory=dict)
    year_total: SparseVector = field(default_factory=dict)
    mentions: dict[str, float] = field(default_factory=dict)
    #: For each of the event's parts (its seed, or the split's second part) that is in a
    #: merged event, that merged event's parts' seeds, in order (wiretrace.cluster.merge).
    merged: dict[str, list[str]] = field(default_factory=dict)
    #: The mean score within of each of its parts of two primaries or more, as the merge
    #: last computed it (kept while the event is unchanged, so it is not computed again).
    withins: dict[str, float] = field(default_factory=dict, compare=False)
    centroid: SparseVector = field(default_factory=dict, compare=False)
    core_centroid: SparseVector = field(default_factory=dict, compare=False)
    entity_centroid: SparseVector = field(default_factory=dict, compare=False)

    def add(self, features: ArticleFeatures) -> None:
        self.members.append(features.article_id)
        self.keys.append(canonical_key(features))
        accumulate(self.total, features.vector)
        accumulate(self.core_total, features.core)
        accumulate(self.entity_total, features.entities)
        accumulate(self.year_total, normalise(features.years))
        if features.day is not None:
            self.days.append(features.day)
        self._centroids()

    def _centroids(self) -> None:
        self.centroid = normalise(self.total)
        self.core_centroid = normalise(self.core_total)
        self.entity_centroid = normalise(self.entity_total)

    def similarity(self, features: ArticleFeatures, settings: ClusterSettings) -> float:
        """Blend of whole-text, headline-plus-lead and participant-and-place similarity, less
        a penalty when the years the article states disagree with the event's (see
        :mod:`wiretrace.cluster.assign`), and less ``core_penalty`` when the participants
        agree closely (or are unknown) but the headline-plus-lead shares too little with the
        event's (``min_core``)."""
        whole = cosine(features.vector, self.centroid)
        parts = [(1.0, whole)]
        entities = None
        if features.entities and self.entity_centroid:
            entities = cosine(features.entities, self.entity_centroid)
        missed = False
        if features.core and self.core_centroid:
            core = cosine(features.core, self.core_centroid)
            gated = entities is None or entities >= settings.gate_entity
            missed = gated and core < settings.min_core
            parts.append((settings.core_share, core))
        if settings.entity_share and entities is not None:
            parts.append((settings.entity_share, entities))
        shares = sum(share for share, _ in parts[1:])
        parts[0] = (1.0 - shares, whole)
        score = sum(share * value for share, value in parts)
        if settings.year_penalty and features.years and self.year_total:
            agreement = cosine(normalise(features.years), normalise(self.year_total))
            score -= settings.year_penalty * (1.0 - agreement)
        if missed:
            score -= settings.core_penalty
        return score

    def without(self, features: ArticleFeatures) -> EventState:
        """This event less one of its members: its sums less the member's vectors (a copy).

        Refinement compares a member with its own event as if it had not joined, so that an
        article does not count its own weight in its event's favour. Subtracting is exact where
        the member alone had a term (the sum was that very value): such terms leave the sums.
        """
        rest = EventState(
            self.seed, self.seed_key, [m for m in self.members if m != features.article_id]
        )
        rest.total = _subtract(self.total, features.vector)
        rest.core_total = _subtract(self.core_total, features.core)
        rest.entity_total = _subtract(self.entity_total, features.entities)
        rest.year_total = _subtract(self.year_total, normalise(features.years))
        rest.days = list(self.days)
        if features.day is not None and features.day in rest.days:
            rest.days.remove(features.day)
        rest._centroids()
        return rest

    def copy(self) -> EventState:
        """A copy whose lists and sums can change without changing this one."""
        return replace(
            self,
            members=list(self.members),
            keys=list(self.keys),
            total=dict(self.total),
            days=list(self.days),
            core_total=dict(self.core_total),
            entity_total=dict(self.entity_total),
            year_total=dict(self.year_total),
            mentions=dict(self.mentions),
            merged={seed: list(parts) for seed, parts in self.merged.items()},
            withins=dict(self.withins),
        )

    def same_sums(self, other: EventState) -> bool:
        """The same members with the same sums: every comparison with either gives the same
        score (a rewind usually rebuilds an event exactly as it was)."""
        return (
            self.members == other.members
            and self.days == other.days
            and self.total == other.total
            and self.core_total == other.core_total
            and self.entity_total == other.entity_total
            and self.year_total == other.year_total
        )

    def span(self) -> tuple[int, int] | None:
        """The first and last day of the event's dated members; ``None`` when it has none
        (then it passes every date gate)."""
        return (min(self.days), max(self.days)) if self.days else None

    def day_gap(self, day: int | None) -> int:
        if day is None or not self.days:
            return 0
        return max(0, min(self.days) - day, day - max(self.days))

    def to_json(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "seed_key": position_text(self.seed_key),
            "members": self.members,
            "keys": [position_text(k) for k in self.keys],
            "total": self.total,
            "days": self.days,
            "core_total": self.core_total,
            "entity_total": self.entity_total,
            "year_total": self.year_total,
            "mentions": self.mentions,
            "merged": self.merged,
            "withins": self.withins,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EventState:
        """JSON keeps every float exactly, so the centroids come back bit for bit."""
        state = cls(
            data["seed"],
            position_key(data["seed_key"]),
            data["members"],
            [position_key(k) for k in data["keys"]],
            data["total"],
            data["days"],
            data["core_total"],
            data["entity_total"],
            data["year_total"],
            data["mentions"],
            data.get("merged", {}),
            data.get("withins", {}),
        )
        state._centroids()
        return state


def _subtract(total: SparseVector, vector: SparseVector) -> SparseVector:
    rest = dict(total)
    for t, w in vector.items():
        left = rest.get(t, 0.0) - w
        if left > 0.0:
            rest[t] = left
        else:
            rest.pop(t, None)
    return rest


@dataclass(frozen=True)
class Placement:
    """Where an article went: its canonical key, its event in the single pass, the events it
    mentions, and its event after refinement (``refined``; the single pass's event until
    refinement moves it, see :mod:`wiretrace.cluster.refine`)."""

    key: CanonicalKey
    event: int
    mentions: dict[int, float]
    refined: int


class ClusterState(Protocol):
    """The clustering's state. Events are numbered in the order they opened (which is the
    canonical order of their seeds); :meth:`candidates` must rank exactly as
    :meth:`MemoryState.candidates` does, so every backend gives the same events."""

    def count(self) -> int:
        """How many events are open (the next one gets this number)."""
        ...

    def get(self, event: int) -> EventState: ...

    def put(self, event: int, state: EventState, *, reindex: bool = True) -> None:
        """Store an event (new or changed); ``reindex`` when its centroid changed."""
        ...

    def drop_from(self, event: int) -> None:
        """Close every event numbered ``event`` or above."""
        ...

    def candidates(
        self, vector: SparseVector, limit: int, day: int | None = None, max_gap: int = 0
    ) -> list[int]:
        """Events sharing the most of their strongest terms with the vector's (ties by
        number), at most ``limit``; with a ``day``, only events within ``max_gap`` days of it
        (:meth:`EventState.day_gap`), so old events of a recurring kind of story do not
        crowd out the current one."""
        ...

    def placement(self, article_id: str) -> Placement | None: ...

    def place(self, article_id: str, placement: Placement) -> None: ...

    def unplace(self, article_ids: Iterable[str]) -> None: ...

    def placed_from(self, key: CanonicalKey) -> list[str]:
        """The placed articles at or after ``key``, in canonical order."""
        ...

    def placed_between(self, start: CanonicalKey, stop: CanonicalKey | None) -> list[str]:
        """The placed articles at or after ``start`` and before ``stop`` (``None``: to the
        end), in canonical order."""
        ...

    def set_refined(self, article_id: str, event: int) -> None:
        """Record a placed article's event after refinement."""
        ...

    def refined_members(self, event: int) -> list[str]:
        """The placed articles whose event after refinement is ``event``, in canonical order."""
        ...

    def refined_members_of(self, events: Iterable[int]) -> dict[int, list[str]]:
        """:meth:`refined_members` of several events at once (every one of them a key)."""
        ...

    def placed_count(self) -> int: ...

    def events(self) -> Iterator[EventState]:
        """Every open event, in number order."""
        ...


class MemoryState:
    """The state in memory, with an inverted index from each event's strongest terms."""

    def __init__(self, index_terms: int) -> None:
        self.size = index_terms
        self._events: list[EventState] = []
        self._postings: dict[str, set[int]] = defaultdict(set)
        self._indexed: dict[int, list[str]] = {}
        self._placements: dict[str, Placement] = {}
        self._keys: list[CanonicalKey] = []  # sorted
        self._refined: dict[int, set[str]] = defaultdict(set)  # event after refinement: ids

    def count(self) -> int:
        return len(self._events)

    def get(self, event: int) -> EventState:
        return self._events[event]

    def put(self, event: int, state: EventState, *, reindex: bool = True) -> None:
        if event == len(self._events):
            self._events.append(state)
        else:
            self._events[event] = state
        if reindex:
            self._unindex(event)
            top = top_terms(state.centroid, self.size)
            for term in top:
                self._postings[term].add(event)
            self._indexed[event] = top

    def _unindex(self, event: int) -> None:
        for term in self._indexed.pop(event, []):
            self._postings[term].discard(event)

    def drop_from(self, event: int) -> None:
        for number in range(event, len(self._events)):
            self._unindex(number)
        del self._events[event:]

    def candidates(
        self, vector: SparseVector, limit: int, day: int | None = None, max_gap: int = 0
    ) -> list[int]:
        votes: Counter[int] = Counter()
        for term in top_terms(vector, self.size):
            for event in self._postings.get(term, ()):
                votes[event] += 1
        ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
        if day is not None:
            ranked = [kv for kv in ranked if self._events[kv[0]].day_gap(day) <= max_gap]
        return [k for k, _ in ranked[:limit]]

    def placement(self, article_id: str) -> Placement | None:
        return self._placements.get(article_id)

    def place(self, article_id: str, placement: Placement) -> None:
        self._placements[article_id] = placement
        self._refined[placement.refined].add(article_id)
        insort(self._keys, placement.key)

    def unplace(self, article_ids: Iterable[str]) -> None:
        ids = list(article_ids)
        taken = [self._placements.pop(i) for i in ids]
        for article_id, placement in zip(ids, taken, strict=True):
            self._refined[placement.refined].discard(article_id)
        gone = sorted(p.key for p in taken)
        if gone and self._keys[len(self._keys) - len(gone) :] == gone:  # the usual case: a tail
            del self._keys[len(self._keys) - len(gone) :]
        elif gone:
            dropped = set(gone)
            self._keys = [k for k in self._keys if k not in dropped]

    def placed_from(self, key: CanonicalKey) -> list[str]:
        return self.placed_between(key, None)

    def placed_between(self, start: CanonicalKey, stop: CanonicalKey | None) -> list[str]:
        keys = self._keys
        end = len(keys) if stop is None else bisect_left(keys, stop)
        return [k[2] for k in keys[bisect_left(keys, start) : end]]

    def set_refined(self, article_id: str, event: int) -> None:
        placement = self._placements[article_id]
        self._refined[placement.refined].discard(article_id)
        self._placements[article_id] = replace(placement, refined=event)
        self._refined[event].add(article_id)

    def refined_members(self, event: int) -> list[str]:
        ids = self._refined.get(event, ())
        return sorted(ids, key=lambda i: self._placements[i].key)

    def refined_members_of(self, events: Iterable[int]) -> dict[int, list[str]]:
        return {event: self.refined_members(event) for event in events}

    def placed_count(self) -> int:
        return len(self._placements)

    def placements(self) -> dict[str, Placement]:
        """Where every placed article went (a copy)."""
        return dict(self._placements)

    def events(self) -> Iterator[EventState]:
        return iter(list(self._events))
