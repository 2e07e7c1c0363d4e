"""Assign articles to events one batch at a time, with the result clustering from scratch gives.

Method (details in docs/clustering.md):

* **Canonical order.** Articles are placed in a fixed order (publication date, then id;
  undated last), never in the order they arrive. Each joins the most similar event when its
  score reaches ``join_threshold`` (a blend of whole-text similarity and participant-and-place
  agreement with the event's centroids, less a penalty when the years it states disagree),
  or opens one. Two gates: the dates, where both are known, are within ``max_day_gap`` days;
  and when the participants agree closely (or are unknown), the name-free core must agree
  too (``min_core``), since two events of the same actors differ in what happened.
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

Event ids derive from the event's first article in canonical order (:func:`event_id`), so
they are stable while that article stays the event's seed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from wiretrace.cluster.features import (
    ArticleFeatures,
    ClusterSettings,
    SparseVector,
    cosine,
    normalise,
    top_terms,
)
from wiretrace.errors import StoreError
from wiretrace.models import Event, Membership, content_hash, event_order

#: Where an article sorts: undated last, then by day, then by id.
CanonicalKey = tuple[bool, int, str]
#: Reads back the features of placed articles (a rewind re-places them); missing ids are absent.
FeatureLoader = Callable[[Sequence[str]], Mapping[str, ArticleFeatures]]


def canonical_key(features: ArticleFeatures) -> CanonicalKey:
    return (features.day is None, features.day or 0, features.article_id)


def canonical_order(features: Iterable[ArticleFeatures]) -> list[ArticleFeatures]:
    """Dated articles first by date, then undated ones; ties broken by id."""
    return sorted(features, key=canonical_key)


@dataclass
class _Cluster:
    seed: str
    seed_key: CanonicalKey
    members: list[str] = field(default_factory=list)
    keys: list[CanonicalKey] = field(default_factory=list)
    total: SparseVector = field(default_factory=dict)
    days: list[int] = field(default_factory=list)
    centroid: SparseVector = field(default_factory=dict)
    core_total: SparseVector = field(default_factory=dict)
    core_centroid: SparseVector = field(default_factory=dict)
    entity_total: SparseVector = field(default_factory=dict)
    entity_centroid: SparseVector = field(default_factory=dict)
    year_total: SparseVector = field(default_factory=dict)

    def add(self, features: ArticleFeatures) -> None:
        self.members.append(features.article_id)
        self.keys.append(canonical_key(features))
        _accumulate(self.total, features.vector)
        _accumulate(self.core_total, features.core)
        _accumulate(self.entity_total, features.entities)
        _accumulate(self.year_total, normalise(features.years))
        if features.day is not None:
            self.days.append(features.day)
        self.centroid = normalise(self.total)
        self.core_centroid = normalise(self.core_total)
        self.entity_centroid = normalise(self.entity_total)

    def similarity(self, features: ArticleFeatures, settings: ClusterSettings) -> float:
        """Blend of whole-text, headline-plus-lead and participant-and-place similarity, less
        a penalty when the years the article states disagree with the event's (see module
        doc); 0 when the headline-plus-lead shares too little with the event's (``min_core``).
        """
        whole = cosine(features.vector, self.centroid)
        parts = [(1.0, whole)]
        entities = None
        if features.entities and self.entity_centroid:
            entities = cosine(features.entities, self.entity_centroid)
        if features.core and self.core_centroid:
            core = cosine(features.core, self.core_centroid)
            gated = entities is None or entities >= settings.gate_entity
            if gated and core < settings.min_core:
                return 0.0
            parts.append((settings.core_share, core))
        if settings.entity_share and entities is not None:
            parts.append((settings.entity_share, entities))
        shares = sum(share for share, _ in parts[1:])
        parts[0] = (1.0 - shares, whole)
        score = sum(share * value for share, value in parts)
        if settings.year_penalty and features.years and self.year_total:
            agreement = cosine(normalise(features.years), normalise(self.year_total))
            score -= settings.year_penalty * (1.0 - agreement)
        return score

    def day_gap(self, day: int | None) -> int:
        if day is None or not self.days:
            return 0
        return max(0, min(self.days) - day, day - max(self.days))


def _accumulate(total: SparseVector, vector: SparseVector) -> None:
    for t, w in vector.items():
        total[t] = total.get(t, 0.0) + w


class _TermIndex:
    """Inverted index from a cluster's strongest terms to the cluster, for candidate search."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.postings: dict[str, set[int]] = defaultdict(set)
        self.indexed: dict[int, list[str]] = {}

    def update(self, key: int, centroid: SparseVector) -> None:
        self.remove(key)
        top = top_terms(centroid, self.size)
        for term in top:
            self.postings[term].add(key)
        self.indexed[key] = top

    def remove(self, key: int) -> None:
        for term in self.indexed.pop(key, []):
            self.postings[term].discard(key)

    def candidates(self, vector: SparseVector, limit: int) -> list[int]:
        votes: Counter[int] = Counter()
        for term in top_terms(vector, self.size):
            for key in self.postings.get(term, ()):
                votes[key] += 1
        return [k for k, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


class Clusterer:
    """The events of a growing set of articles, kept current one batch at a time.

    ``load`` reads back the features of articles already placed, which a rewind needs (see
    module doc); without it the clusterer keeps every article's features in memory.
    """

    def __init__(
        self, settings: ClusterSettings | None = None, load: FeatureLoader | None = None
    ) -> None:
        self.settings = settings or ClusterSettings()
        self._load = load
        self._kept: dict[str, ArticleFeatures] | None = {} if load is None else None
        self._clusters: list[_Cluster] = []
        self._index = _TermIndex(self.settings.index_terms)
        self._keys: list[CanonicalKey] = []  # every placed article's key, sorted
        self._key_of: dict[str, CanonicalKey] = {}
        self._primary: dict[str, int] = {}
        self._mentions: dict[str, dict[int, float]] = {}  # article -> event key -> score
        self._mentioned_by: dict[int, dict[str, float]] = defaultdict(dict)
        self._changed: set[str] = set()  # seeds of the events touched since take_changes()
        #: How many placed articles the last :meth:`add` took out and placed again.
        self.last_rewound = 0

    def __len__(self) -> int:
        return len(self._key_of)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._key_of

    def add(self, features: Iterable[ArticleFeatures]) -> None:
        """Place new articles; an article already placed is placed again with these features.

        Everything a rewind must read back is read before the state changes, so a failing
        ``load`` leaves the clusterer as it was.
        """
        batch = {f.article_id: f for f in features}
        if not batch:
            return
        start = min(canonical_key(f) for f in batch.values())
        for article_id in batch:
            if article_id in self._key_of:
                start = min(start, self._key_of[article_id])
        cut = bisect_left(self._keys, start)
        suffix = [key[2] for key in self._keys[cut:]]
        rewound = [i for i in suffix if i not in batch]
        shrunk = sorted({self._primary[i] for i in suffix})
        kept = {
            key: self._clusters[key].members[: bisect_left(self._clusters[key].keys, start)]
            for key in shrunk
            if self._clusters[key].seed_key < start
        }
        needed = self._features([*rewound, *(i for ids in kept.values() for i in ids)])
        loaded = {f.article_id: f for f in needed}
        self._rewind(cut, start, kept, loaded)
        self.last_rewound = len(rewound)
        for f in canonical_order([*(loaded[i] for i in rewound), *batch.values()]):
            self._place(f)

    def events(self) -> list[tuple[str, list[Membership]]]:
        """``(seed article id, memberships)`` per event, in the order the events opened."""
        return [(c.seed, self._memberships(key)) for key, c in enumerate(self._clusters)]

    def take_changes(self) -> tuple[set[str], list[tuple[str, list[Membership]]]]:
        """What changed since the last call: the seeds of events that no longer exist, and
        ``(seed, memberships)`` of each event that is new or changed."""
        current = {c.seed: key for key, c in enumerate(self._clusters)}
        gone = {seed for seed in self._changed if seed not in current}
        updated = [
            (seed, self._memberships(current[seed]))
            for seed in sorted(self._changed)
            if seed in current
        ]
        self._changed = set()
        return gone, updated

    def _memberships(self, key: int) -> list[Membership]:
        members = [Membership(a, "primary", 1.0) for a in self._clusters[key].members]
        mentions = self._mentioned_by.get(key, {})
        members += [Membership(a, "mention", round(mentions[a], 4)) for a in sorted(mentions)]
        return members

    def _features(self, ids: Sequence[str]) -> list[ArticleFeatures]:
        if not ids:
            return []
        found = self._kept if self._kept is not None else self._load(ids)  # type: ignore[misc]
        missing = [i for i in ids if i not in found]
        if missing:
            raise StoreError(
                f"clustering needs the features of {len(missing)} placed article(s) it cannot "
                f"read back, e.g. {missing[0]!r}; re-cluster the store from scratch "
                "(Wiretrace.recluster())"
            )
        return [found[i] for i in ids]

    def _rewind(
        self,
        cut: int,
        start: CanonicalKey,
        kept: Mapping[int, list[str]],
        loaded: Mapping[str, ArticleFeatures],
    ) -> None:
        """Take out every article from position ``cut`` (key ``start``) on; the events they
        joined are rebuilt from their ``kept`` members, whose features are ``loaded``."""
        for position in self._keys[cut:]:
            article_id = position[2]
            del self._key_of[article_id]
            del self._primary[article_id]
            for event in self._mentions.pop(article_id, {}):
                self._mentioned_by[event].pop(article_id, None)
                self._changed.add(self._clusters[event].seed)
        del self._keys[cut:]
        while self._clusters and self._clusters[-1].seed_key >= start:
            key = len(self._clusters) - 1
            self._changed.add(self._clusters.pop().seed)
            self._index.remove(key)
            self._mentioned_by.pop(key, None)
        for key, members in sorted(kept.items()):
            old = self._clusters[key]
            self._changed.add(old.seed)
            rebuilt = _Cluster(old.seed, old.seed_key)
            for article_id in members:  # in member order: the same sums as before
                rebuilt.add(loaded[article_id])
            self._clusters[key] = rebuilt
            self._index.update(key, rebuilt.centroid)

    def _place(self, f: ArticleFeatures) -> None:
        s = self.settings
        best, best_score = -1, s.join_threshold
        for key in self._index.candidates(f.vector, s.max_candidates):
            cluster = self._clusters[key]
            if cluster.day_gap(f.day) > s.max_day_gap:
                continue
            score = cluster.similarity(f, s)
            if score >= best_score:
                best, best_score = key, score
        if best < 0:
            best = len(self._clusters)
            self._clusters.append(_Cluster(f.article_id, canonical_key(f)))
        own = self._clusters[best]
        own.add(f)
        self._index.update(best, own.centroid)
        self._changed.add(own.seed)
        key_of = canonical_key(f)
        self._keys.append(key_of)  # placed in canonical order: the list stays sorted
        self._key_of[f.article_id] = key_of
        self._primary[f.article_id] = best
        if self._kept is not None:
            self._kept[f.article_id] = f
        found: dict[int, float] = {}
        for paragraph in f.paragraphs:
            own_score = cosine(paragraph, own.centroid)
            for key in self._index.candidates(paragraph, s.max_candidates):
                if key == best:
                    continue
                score = cosine(paragraph, self._clusters[key].centroid)
                if score >= s.mention_threshold and score > own_score:
                    found[key] = max(found.get(key, 0.0), score)
        if found:
            self._mentions[f.article_id] = found
            for key, score in found.items():
                self._mentioned_by[key][f.article_id] = score
                self._changed.add(self._clusters[key].seed)


def cluster_features(
    features: Sequence[ArticleFeatures], settings: ClusterSettings | None = None
) -> list[tuple[str, list[Membership]]]:
    """Cluster from scratch; return ``(seed article id, memberships)`` per event."""
    clusterer = Clusterer(settings)
    clusterer.add(features)
    return clusterer.events()


def event_id(seed_article_id: str) -> str:
    return "ev-" + content_hash("event", seed_article_id)[:12]


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
