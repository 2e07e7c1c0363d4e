"""The clustering's state in the store: the same events as in memory, reads bounded by what a
batch touches, recovery from an ingest that stopped before clustering, and a fresh start when
the settings change."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from tests.test_cluster_assign import START, STORIES, as_sets, corpus, events, mixed
from wiretrace import Wiretrace
from wiretrace.api import CLUSTERING_INFO
from wiretrace.cluster import (
    ArticleFeatures,
    Clusterer,
    ClusterSettings,
    MemoryState,
    cluster_features,
)
from wiretrace.cluster.stored import StoredState
from wiretrace.errors import StoreError
from wiretrace.models import Membership
from wiretrace.store import Store


def jsonl(path: Path, seed: int, size: int) -> Path:
    rng = random.Random(seed)
    lines = []
    for n in range(size):
        story = rng.choice(sorted(STORIES))
        paragraphs, title = STORIES[story]
        record = {
            "url": f"https://example.org/{seed}/{story}/{n}",
            "title": title,
            "text": "\n\n".join(rng.sample(paragraphs, k=len(paragraphs) - 1)),
            "published": (START + timedelta(days=rng.randint(0, 20))).isoformat(),
        }
        lines.append(json.dumps(record))
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with_store = Store(tmp_path / "state.db")
    yield with_store
    with_store.close()


@pytest.mark.parametrize(("seed", "warm"), [(11, False), (12, True), (13, False)])
def test_stored_state_gives_the_from_scratch_events(store: Store, seed: int, warm: bool) -> None:
    """The store-backed state, flushed after every batch (read afresh each batch, or kept
    between batches), ranks candidates, places and refines articles exactly as clustering
    from scratch does, whatever the order and batch sizes; the changes it reports, applied
    batch after batch, leave the from-scratch events too."""
    features = mixed(seed)
    by_id = {f.article_id: f for f in features}
    # placements reference articles: store minimal rows for them
    from wiretrace.models import Article

    store.add_articles(
        [(Article(f.article_id, f.article_id, "text", "x", "x"), {}) for f in features]
    )
    rng = random.Random(seed)
    arriving = features[:]
    rng.shuffle(arriving)
    state = StoredState(store, ClusterSettings().index_terms)
    shown: dict[str, frozenset[Membership]] = {}
    while arriving:
        size = rng.randint(1, 9)
        batch, arriving = arriving[:size], arriving[size:]
        if not warm:
            state = StoredState(store, ClusterSettings().index_terms)
        state.begin()
        stored = Clusterer(load=lambda ids: {i: by_id[i] for i in ids}, state=state)
        stored.add(batch)
        gone, updated = stored.take_changes()
        for seed_id in gone:
            shown.pop(seed_id, None)
        shown.update((seed_id, frozenset(ms)) for seed_id, ms in updated)
        with store.writing() as conn:
            state.flush(conn)
    expected = events(cluster_features(features))
    final = Clusterer(state=StoredState(store, ClusterSettings().index_terms))
    assert events(final.events()) == expected
    assert set(shown.items()) == expected
    assert len(final) == len(features)


def test_a_batch_reads_only_the_events_it_reaches(store: Store) -> None:
    # spread over a year, so the stories make many events the date gate keeps apart
    features = [replace(f, day=f.day + 20 * n) for n, f in enumerate(corpus(12, 60)) if f.day]
    from wiretrace.cluster import canonical_order
    from wiretrace.models import Article

    store.add_articles(
        [(Article(f.article_id, f.article_id, "text", "x", "x"), {}) for f in features]
    )
    ordered = canonical_order(features)
    memory = MemoryState(ClusterSettings().index_terms)
    Clusterer(state=memory).add(ordered[:-1])
    state = StoredState(store, ClusterSettings().index_terms)
    state.replace_with(memory)
    with store.writing() as conn:
        state.flush(conn)
    state = StoredState(store, ClusterSettings().index_terms)
    Clusterer(load=lambda ids: {}, state=state).add(ordered[-1:])  # in order: no rewind
    assert memory.count() > 20
    assert 0 < len(state._events) <= 5


def test_an_ingest_that_stopped_before_clustering_is_caught_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "news.db"
    with Wiretrace(db, extract=False) as wt:
        wt.ingest([jsonl(tmp_path / "a.jsonl", 1, 12)])

        def fail(*_args: object, **_kwargs: object) -> list[str]:
            raise StoreError("disk full")

        monkeypatch.setattr(Wiretrace, "_cluster_new", fail)
        with pytest.raises(StoreError):
            wt.ingest([jsonl(tmp_path / "b.jsonl", 2, 8)])
        monkeypatch.undo()
        report = wt.ingest([jsonl(tmp_path / "c.jsonl", 3, 4)])
        assert report.ok and len(report.added) == 4
        placed = sum(len(e.article_ids("primary")) for e in wt.events())
        assert placed == wt.store.count_articles() == 24
        assert as_sets(wt.events()) == as_sets(wt.recluster())


def test_other_settings_cluster_the_store_afresh(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Wiretrace(db, extract=False) as wt:
        wt.ingest([jsonl(tmp_path / "a.jsonl", 4, 10)])
        first = wt.store.info(CLUSTERING_INFO)
    with Wiretrace(db, extract=False, settings=ClusterSettings(join_threshold=0.9)) as wt:
        wt.ingest([jsonl(tmp_path / "b.jsonl", 5, 3)])
        assert wt.store.info(CLUSTERING_INFO) != first
        assert as_sets(wt.events()) == as_sets(wt.recluster())


def test_features_round_trip_through_event_state_json() -> None:
    from wiretrace.cluster import EventState

    memory = MemoryState(25)
    Clusterer(state=memory).add(corpus(13))
    for event in memory.events():
        again = EventState.from_json(json.loads(json.dumps(event.to_json())))
        assert again == event and again.centroid == event.centroid


__all__ = ["ArticleFeatures"]
