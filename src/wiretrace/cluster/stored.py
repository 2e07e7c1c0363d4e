"""The clustering's state in the store's tables, so an ingest touches only what it changes.

A new article needs the events it might join (found through an SQL index of each event's
strongest terms), those events' sums, and, when it belongs before articles already placed,
the placements after it. :class:`StoredState` reads exactly that, keeps what it read and
changed in memory for the batch, answers candidate searches from the tables plus its own
changes, and writes the changes back in the caller's transaction (:meth:`StoredState.flush`),
together with the events. Nothing is read of events the batch does not reach, so the cost of
an article does not grow with the number of articles stored (apart from the index look-ups).

Several writers: two processes ingesting into one database at once would each write the
state it read, the later overwriting the earlier's events with a stale view. So a batch
remembers the generation token it read the state under (:meth:`StoredState.begin`), and
:meth:`StoredState.flush` first takes the database's write lock (an update of that token's
row) and then checks that the token is unchanged; if another writer has flushed since, it
raises :class:`~wiretrace.errors.ConcurrentWriteError` and writes nothing, and the caller
reads the state again and places its articles anew. Writers are serialized at the flush
only, not while they compute.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from wiretrace.cluster.features import SparseVector, top_terms
from wiretrace.cluster.state import (
    CanonicalKey,
    EventState,
    MemoryState,
    Placement,
    position_key,
    position_text,
)
from wiretrace.errors import ConcurrentWriteError, StoreError
from wiretrace.schema import (
    articles,
    cluster_articles,
    cluster_events,
    cluster_terms,
    schema_info,
)
from wiretrace.store import Store

_CHUNK = 500
_NO_DAY = 10**9  # an undated event's span: every day
#: The ``schema_info`` key that changes with every flush, so a state kept by one process
#: notices that another has written since.
GENERATION_INFO = "clustering-generation"
#: How many events and placements a long-lived state keeps read between batches.
CACHE_EVENTS = 20_000
CACHE_PLACEMENTS = 200_000


class StoredState:
    """:class:`~wiretrace.cluster.state.ClusterState` over the store's ``cluster_*`` tables.

    Reads go through short read connections; nothing is written until :meth:`flush`.
    """

    def __init__(self, store: Store, index_terms: int) -> None:
        self.store = store
        self.size = index_terms
        self._generation: str | None = None  # the token this state last wrote
        self._seen: str | None = None  # the token the tables had when this batch began
        self._forget()

    def _forget(self) -> None:
        """Drop everything read: the tables are the truth."""
        self._events: dict[int, EventState] = {}  # read, or changed in this batch
        self._count: int | None = None
        self._stored_placements: dict[str, Placement | None] = {}  # as read
        self._reset()

    def _reset(self) -> None:
        """Start a batch: nothing changed yet (what was read stays, while it is current)."""
        self._written: set[int] = set()  # changed: to write
        self._terms: dict[int, list[str]] = {}  # re-indexed: their top terms now
        self._postings: dict[str, set[int]] = defaultdict(set)  # the same, by term
        self._dropped_from: int | None = None  # stored events from here on are gone
        self._placements: dict[str, Placement | None] = {}  # changed (None: taken out)
        self._replace_all = False

    def begin(self) -> None:
        """Before a batch: keep what was read only if no other writer has flushed since; note
        the generation the batch reads under, which :meth:`flush` checks."""
        self._seen = self.store.info(GENERATION_INFO)
        if self._seen != self._generation or self._generation is None:
            self._forget()

    # -- events -----------------------------------------------------------------------
    def count(self) -> int:
        if self._count is None:
            with self.store.reading() as conn:
                top = conn.execute(sa.select(sa.func.max(cluster_events.c.number))).scalar()
            self._count = 0 if top is None else int(top) + 1
        return self._count

    def get(self, event: int) -> EventState:
        found = self._events.get(event)
        if found is None:
            if event >= self.count() or self._gone(event):
                raise KeyError(event)
            self._read([event])
            found = self._events[event]
        return found

    def _read(self, numbers: list[int]) -> None:
        """Read stored events not read yet, in one query per chunk."""
        wanted = [n for n in numbers if n not in self._events]
        with self.store.reading() as conn:
            for start in range(0, len(wanted), _CHUNK):
                query = sa.select(cluster_events.c.number, cluster_events.c.data).where(
                    cluster_events.c.number.in_(wanted[start : start + _CHUNK])
                )
                for number, data in conn.execute(query):
                    self._events[int(number)] = EventState.from_json(json.loads(data))

    def _gone(self, event: int) -> bool:
        return self._dropped_from is not None and event >= self._dropped_from

    def put(self, event: int, state: EventState, *, reindex: bool = True) -> None:
        self._events[event] = state
        self._written.add(event)
        self._count = max(self.count(), event + 1)
        if reindex:
            self._unindex(event)
            self._terms[event] = top_terms(state.centroid, self.size)
            for term in self._terms[event]:
                self._postings[term].add(event)

    def _unindex(self, event: int) -> None:
        for term in self._terms.pop(event, ()):
            self._postings[term].discard(event)

    def drop_from(self, event: int) -> None:
        for number in [n for n in self._events if n >= event]:
            del self._events[number]
            self._written.discard(number)
            self._unindex(number)
        if self._dropped_from is None or event < self._dropped_from:
            self._dropped_from = event
        self._count = min(self.count(), event)

    def candidates(
        self, vector: SparseVector, limit: int, day: int | None = None, max_gap: int = 0
    ) -> list[int]:
        """The tables' votes for events unchanged in this batch, this batch's for the others:
        the ranking :class:`MemoryState` gives."""
        terms = top_terms(vector, self.size)
        votes: Counter[int] = Counter()
        for term in terms:  # the batch's own changes, from its in-memory postings
            for event in self._postings.get(term, ()):
                votes[event] += 1
        if day is not None:
            for event in [e for e in votes if self._events[e].day_gap(day) > max_gap]:
                del votes[event]
        if terms:
            t = cluster_terms.c
            query = (
                sa.select(t.number, sa.func.count().label("votes"))
                .where(t.term.in_(terms))
                .group_by(t.number)
                .order_by(sa.desc("votes"), t.number)
                .limit(limit + len(self._terms))
            )
            if day is not None:  # day_gap <= max_gap; an undated event spans every day
                query = query.where((t.last_day >= day - max_gap) & (t.first_day <= day + max_gap))
            if self._dropped_from is not None:
                query = query.where(t.number < self._dropped_from)
            with self.store.reading() as conn:
                for number, count in conn.execute(query):
                    if number not in self._terms:
                        votes[int(number)] = int(count)
        ranked = [event for event, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))]
        self._read(ranked[:limit])  # the caller compares with each: read them at once
        return ranked[:limit]

    def events(self) -> Iterator[EventState]:
        for event in range(self.count()):
            yield self.get(event)

    # -- placements -------------------------------------------------------------------
    def placement(self, article_id: str) -> Placement | None:
        if article_id in self._placements:
            return self._placements[article_id]
        if article_id not in self._stored_placements:
            self._read_placements([article_id])
        return self._stored_placements[article_id]

    def _read_placements(self, ids: list[str]) -> None:
        wanted = [i for i in ids if i not in self._stored_placements]
        with self.store.reading() as conn:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                self._stored_placements.update(dict.fromkeys(chunk))
                rows = conn.execute(
                    sa.select(cluster_articles).where(cluster_articles.c.article_id.in_(chunk))
                )
                for row in rows:
                    self._stored_placements[row.article_id] = _placement(row)

    def place(self, article_id: str, placement: Placement) -> None:
        self._placements[article_id] = placement

    def unplace(self, article_ids: Iterable[str]) -> None:
        for article_id in article_ids:
            self._placements[article_id] = None

    def placed_from(self, key: CanonicalKey) -> list[str]:
        return self.placed_between(key, None)

    def placed_between(self, start: CanonicalKey, stop: CanonicalKey | None) -> list[str]:
        """The placed articles from ``start`` up to ``stop`` (excluded; ``None``: to the end)."""
        position = cluster_articles.c.position
        condition = position >= position_text(start)
        if stop is not None:
            condition &= position < position_text(stop)
        found = self._stored_where(condition)
        for article_id, placement in self._placements.items():
            if placement is None:
                found.pop(article_id, None)
            elif start <= placement.key and (stop is None or placement.key < stop):
                found[article_id] = placement.key
            else:
                found.pop(article_id, None)
        return sorted(found, key=found.__getitem__)

    def _stored_where(self, condition: Any) -> dict[str, CanonicalKey]:
        """The stored placements (as the tables hold them) that meet an SQL condition, by id;
        what is read is kept."""
        found: dict[str, CanonicalKey] = {}
        if self._replace_all:
            return found
        query = sa.select(cluster_articles).where(condition)
        with self.store.reading() as conn:
            for row in conn.execute(query):
                self._stored_placements.setdefault(row.article_id, _placement(row))
                found[row.article_id] = position_key(row.position)
        return found

    def set_refined(self, article_id: str, event: int) -> None:
        placement = self.placement(article_id)
        if placement is None:
            raise KeyError(article_id)
        self._placements[article_id] = replace(placement, refined=event)

    def refined_members(self, event: int) -> list[str]:
        return self.refined_members_of([event])[event]

    def refined_members_of(self, events: Iterable[int]) -> dict[int, list[str]]:
        wanted = sorted(set(events))
        found: dict[int, dict[str, CanonicalKey]] = {event: {} for event in wanted}
        stored: dict[str, int] = {}  # as the tables hold it
        if not self._replace_all:
            with self.store.reading() as conn:
                for start in range(0, len(wanted), _CHUNK):
                    chunk = wanted[start : start + _CHUNK]
                    query = sa.select(cluster_articles).where(cluster_articles.c.refined.in_(chunk))
                    for row in conn.execute(query):
                        self._stored_placements.setdefault(row.article_id, _placement(row))
                        found[row.refined][row.article_id] = position_key(row.position)
                        stored[row.article_id] = row.refined
        for article_id, placement in self._placements.items():  # this batch's changes
            if article_id in stored:
                del found[stored[article_id]][article_id]
            if placement is not None and placement.refined in found:
                found[placement.refined][article_id] = placement.key
        return {event: sorted(members, key=members.__getitem__) for event, members in found.items()}

    def placed_count(self) -> int:
        with self.store.reading() as conn:
            stored = conn.execute(
                sa.select(sa.func.count()).select_from(cluster_articles)
            ).scalar_one()
        if self._replace_all:
            stored = 0
        self._read_placements(list(self._placements))
        was = sum(1 for i in self._placements if self._stored_placements.get(i) is not None)
        now = sum(1 for p in self._placements.values() if p is not None)
        return int(stored) - (0 if self._replace_all else was) + now

    def unplaced(self) -> list[str]:
        """Stored articles with no placement (an ingest stopped before its events were
        stored), in id order."""
        query = (
            sa.select(articles.c.id)
            .where(~sa.exists().where(cluster_articles.c.article_id == articles.c.id))
            .order_by(articles.c.id)
        )
        with self.store.reading() as conn:
            found = [str(i) for (i,) in conn.execute(query)]
        return [i for i in found if self._placements.get(i) is None]

    # -- writing ----------------------------------------------------------------------
    def replace_with(self, memory: MemoryState) -> None:
        """Make this state a copy of ``memory`` (a clustering from scratch) when flushed."""
        self._replace_all = True
        self.drop_from(0)
        for number, event in enumerate(memory.events()):
            self.put(number, event)
        self._placements = dict(memory.placements())

    def flush(self, conn: Connection) -> None:
        """Write what changed, in the caller's transaction (which must not have written yet).
        If that transaction fails, call :meth:`rollback`.

        :class:`~wiretrace.errors.ConcurrentWriteError` (nothing written) when another writer
        has flushed since :meth:`begin`.
        """
        self._claim(conn)
        if self._replace_all:
            for table in (cluster_terms, cluster_events, cluster_articles):
                conn.execute(sa.delete(table))
        elif self._dropped_from is not None:
            for table in (cluster_terms, cluster_events):
                conn.execute(sa.delete(table).where(table.c.number >= self._dropped_from))
        written = sorted(self._written)
        terms = sorted(self._terms)
        for start in range(0, max(len(written), len(terms)), _CHUNK):
            events_chunk = written[start : start + _CHUNK]
            terms_chunk = terms[start : start + _CHUNK]
            conn.execute(sa.delete(cluster_events).where(cluster_events.c.number.in_(events_chunk)))
            conn.execute(sa.delete(cluster_terms).where(cluster_terms.c.number.in_(terms_chunk)))
        _insert(
            conn,
            cluster_events,
            ({"number": n, "data": json.dumps(self._events[n].to_json())} for n in written),
        )
        _insert(conn, cluster_terms, (row for n in terms for row in self._term_rows(n)))
        ids = sorted(self._placements)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            conn.execute(
                sa.delete(cluster_articles).where(cluster_articles.c.article_id.in_(chunk))
            )
        _insert(
            conn,
            cluster_articles,
            (
                {
                    "article_id": article_id,
                    "position": position_text(p.key),
                    "number": p.event,
                    "mentions": json.dumps({str(k): v for k, v in p.mentions.items()}),
                    "refined": p.refined,
                }
                for article_id, p in sorted(self._placements.items())
                if p is not None
            ),
        )
        self._generation = uuid.uuid4().hex
        Store.set_info(conn, GENERATION_INFO, self._generation)
        # what was written is what the tables now hold: keep it read, within bounds
        self._stored_placements.update(self._placements)
        if len(self._events) > CACHE_EVENTS or len(self._stored_placements) > CACHE_PLACEMENTS:
            self._forget()
        self._reset()

    def superseded(self) -> bool:
        """Whether another writer has flushed since :meth:`begin` (what was read since may
        mix two states)."""
        try:
            return self.store.info(GENERATION_INFO) != self._seen
        except StoreError:
            return False

    def _claim(self, conn: Connection) -> None:
        """Take the write lock, then check that the tables are as this batch read them.

        The no-op update comes first so that the check and the writes after it are one
        critical section: SQLite takes its database write lock with a transaction's first
        write (a second writer waits for the first to commit), PostgreSQL a row lock (a
        second writer's update waits, then its check reads the committed token)."""
        key = schema_info.c.key == GENERATION_INFO
        conn.execute(sa.update(schema_info).where(key).values(value=schema_info.c.value))
        current = conn.execute(sa.select(schema_info.c.value).where(key)).scalar()
        if current != self._seen:
            raise ConcurrentWriteError(
                f"{self.store.shown}: another process wrote the clustering while this one "
                "placed its articles"
            )

    def _term_rows(self, number: int) -> Iterator[dict[str, Any]]:
        days = self._events[number].days
        first, last = (min(days), max(days)) if days else (-_NO_DAY, _NO_DAY)
        for term in self._terms[number]:
            yield {"number": number, "term": term, "first_day": first, "last_day": last}

    def rollback(self) -> None:
        """After a failed :meth:`flush` (or batch): the changes held in memory are void."""
        self._generation = None
        self._forget()


def _placement(row: Any) -> Placement:
    mentions = {int(k): float(v) for k, v in json.loads(row.mentions).items()}
    return Placement(position_key(row.position), int(row.number), mentions, int(row.refined))


def _insert(conn: Connection, table: sa.Table, rows: Iterable[dict[str, Any]]) -> None:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= _CHUNK:
            conn.execute(sa.insert(table), batch)
            batch = []
    if batch:
        conn.execute(sa.insert(table), batch)
