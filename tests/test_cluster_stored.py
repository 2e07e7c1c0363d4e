"""The clustering's state in the store: the same events as in memory, reads bounded by what a
batch touches, recovery from an ingest that stopped before clustering, and a fresh start when
the settings change."""

from __future__ import annotations

import contextlib
import json
import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.test_cluster_assign import START, STORIES, as_sets, corpus, events, mixed
from wiretrace import Wiretrace
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
from wiretrace.schema import CLUSTERING_INFO
from wiretrace.store import Store

#: The merge of fragments is off by default; these tests are about it, or were written
#: when it was on, so they turn it on.
MERGING = ClusterSettings(merge=True)


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
        stored = Clusterer(MERGING, load=lambda ids: {i: by_id[i] for i in ids}, state=state)
        stored.add(batch)
        gone, updated = stored.take_changes()
        for seed_id in gone:
            shown.pop(seed_id, None)
        shown.update((seed_id, frozenset(ms)) for seed_id, ms in updated)
        with store.writing() as conn:
            state.flush(conn)
    expected = events(cluster_features(features, MERGING))
    final = Clusterer(
        MERGING,
        load=lambda ids: {i: by_id[i] for i in ids},
        state=StoredState(store, ClusterSettings().index_terms),
    )
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
    Clusterer(MERGING, state=memory).add(ordered[:-1])
    state = StoredState(store, ClusterSettings().index_terms)
    state.replace_with(memory)
    with store.writing() as conn:
        state.flush(conn)
    state = StoredState(store, ClusterSettings().index_terms)
    Clusterer(MERGING, load=lambda ids: {}, state=state).add(ordered[-1:])  # in order: no rewind
    assert memory.count() > 20
    assert 0 < len(state._events) <= 5


def test_an_ingest_that_stopped_before_clustering_is_caught_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "news.db"
    with Wiretrace(db, extract=False, settings=MERGING) as wt:
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


def test_articles_left_unplaced_are_placed_even_when_another_writer_cleared_the_flag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process stores articles and dies before clustering them, while another process's
    flush clears the waiting flag older versions kept (it began before they were stored):
    the next ingest still sees them (fewer placements than articles) and places them."""
    db = tmp_path / "news.db"
    with Wiretrace(db, extract=False, settings=MERGING) as wt:
        wt.ingest([jsonl(tmp_path / "a.jsonl", 41, 8)])
        monkeypatch.setattr(Wiretrace, "_cluster_new", lambda *_a, **_k: [])  # dies first
        wt.ingest([jsonl(tmp_path / "b.jsonl", 42, 5)])
        monkeypatch.undo()
        with wt.store.writing() as conn:  # the other process's flush
            Store.set_info(conn, "clustering-pending", "0")  # the flag, now read no more
        wt.ingest([jsonl(tmp_path / "c.jsonl", 43, 2)])
        placed = [i for e in wt.events() for i in e.article_ids("primary")]
        assert len(placed) == len(set(placed)) == wt.store.count_articles() == 15
        assert wt.store.count_placed() == 15
        assert as_sets(wt.events()) == as_sets(wt.recluster())


def test_running_a_failed_ingest_again_places_its_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The obvious retry after an ingest failed at clustering is the same ingest: it adds
    nothing new, and still places what waits."""
    from wiretrace.errors import ConcurrentWriteError

    def outpaced(*_args: object, **_kwargs: object) -> list[str]:
        raise ConcurrentWriteError("other processes kept writing")

    db = tmp_path / "news.db"
    with Wiretrace(db, extract=False, settings=MERGING) as wt:
        wt.ingest([jsonl(tmp_path / "a.jsonl", 44, 6)])
        monkeypatch.setattr(Wiretrace, "_cluster_once", outpaced)
        with pytest.raises(ConcurrentWriteError):
            wt.ingest([jsonl(tmp_path / "b.jsonl", 45, 4)])
        monkeypatch.undo()
        assert wt.store.count_placed() == 6
        again = wt.ingest([tmp_path / "b.jsonl"])
        assert not again.added and len(again.skipped) == 4 and again.events_changed
        assert wt.store.count_placed() == wt.store.count_articles() == 10
        assert as_sets(wt.events()) == as_sets(wt.recluster())


def test_a_second_process_waits_for_the_clustering_lock(tmp_path: Path) -> None:
    """While one holder has the clustering lock (here another Store on the same file, in
    another thread: the lock is the operating system's), an ingest stores its articles and
    then waits to place them until the lock is let go; it does not redo or fail."""
    import threading

    db = tmp_path / "news.db"
    with Wiretrace(db, extract=False, settings=MERGING) as wt:
        wt.ingest([jsonl(tmp_path / "a.jsonl", 46, 4)])
    holder = Store(db)
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with holder.clustering_lock():
            held.set()
            release.wait(60)

    other = threading.Thread(target=hold)
    other.start()
    held.wait(60)
    results: list[int] = []
    said: list[str] = []
    with Wiretrace(db, extract=False, settings=MERGING, on_wait=said.append) as wt:
        ingest = threading.Thread(
            target=lambda: results.append(
                len(wt.ingest([jsonl(tmp_path / "b.jsonl", 47, 3)]).added)
            )
        )
        ingest.start()
        for _ in range(600):  # until its articles are stored (then it goes for the lock)
            if wt.store.count_articles() == 7:
                break
            ingest.join(0.1)
        ingest.join(0.5)
        waiting = ingest.is_alive() and wt.store.count_articles() == 7
        placed_meanwhile = wt.store.count_placed()
        release.set()
        other.join(60)
        ingest.join(60)
        holder.close()
        assert waiting and placed_meanwhile == 4  # stored, not placed, while the lock was held
        assert results == [3] and wt.store.count_placed() == 7
        # told once why it stood still, naming the database
        assert len(said) == 1 and "waiting for another process" in said[0]
        assert str(db.resolve()) in said[0]


def test_a_process_that_need_not_wait_is_not_told_to(tmp_path: Path) -> None:
    said: list[str] = []
    with Wiretrace(
        tmp_path / "news.db", extract=False, settings=MERGING, on_wait=said.append
    ) as wt:
        wt.ingest([jsonl(tmp_path / "a.jsonl", 48, 3)])
    assert said == []


def test_two_stores_of_one_file_in_one_thread_share_the_lock(tmp_path: Path) -> None:
    """A second Store (say, a second Wiretrace) of the same file used while the first holds
    the clustering lock in the same thread re-enters it, rather than waiting on itself
    for ever or failing."""
    db = tmp_path / "news.db"
    with Wiretrace(db, extract=False, settings=MERGING) as wt:
        wt.ingest([jsonl(tmp_path / "a.jsonl", 49, 3)])
    first, second = Store(db), Store(db)
    try:
        with (
            first.clustering_lock(),
            second.clustering_lock(),
            Wiretrace(db, extract=False, settings=MERGING) as inner,
        ):
            assert len(inner.ingest([jsonl(tmp_path / "b.jsonl", 50, 2)]).added) == 2
            assert inner.store.count_placed() == 5
    finally:
        first.close()
        second.close()


def test_the_cli_says_when_it_waits_for_the_clustering_lock(tmp_path: Path) -> None:
    """`wiretrace ingest` behind another process's clustering prints one line saying so (on
    stderr), then finishes once the lock is let go."""
    import subprocess
    import sys
    import threading

    db = tmp_path / "news.db"
    with Wiretrace(db, extract=False, settings=MERGING) as wt:
        wt.ingest([jsonl(tmp_path / "a.jsonl", 51, 3)])
    holder = Store(db)
    lines: list[str] = []
    told = threading.Event()
    with holder.clustering_lock():
        command = [sys.executable, "-m", "wiretrace", "ingest", "--no-extract", "-j", "1"]
        run = subprocess.Popen(
            [*command, "--db", str(db), str(jsonl(tmp_path / "b.jsonl", 52, 2))],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert run.stderr is not None

        def read() -> None:
            for line in run.stderr:  # type: ignore[union-attr]
                lines.append(line)
                if "waiting for another process" in line:
                    told.set()

        reader = threading.Thread(target=read)
        reader.start()
        told.wait(120)
    run.wait(timeout=300)
    reader.join(60)
    holder.close()
    assert run.returncode == 0, "".join(lines)
    assert told.is_set(), "".join(lines)
    with Wiretrace(db, extract=False, settings=MERGING) as wt:
        assert wt.store.count_placed() == wt.store.count_articles() == 5


def test_the_lock_file_stays_beside_the_database_when_the_folder_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    monkeypatch.chdir(tmp_path / "a")
    store = Store("news.db")
    monkeypatch.chdir(tmp_path / "b")
    with store.clustering_lock():
        pass
    store.close()
    assert (tmp_path / "a" / "news.db.cluster-lock").exists()
    assert not (tmp_path / "b" / "news.db.cluster-lock").exists()


def test_other_settings_cluster_the_store_afresh(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Wiretrace(db, extract=False, settings=MERGING) as wt:
        wt.ingest([jsonl(tmp_path / "a.jsonl", 4, 10)])
        first = wt.store.info(CLUSTERING_INFO)
    with Wiretrace(db, extract=False, settings=ClusterSettings(join_threshold=0.9)) as wt:
        wt.ingest([jsonl(tmp_path / "b.jsonl", 5, 3)])
        assert wt.store.info(CLUSTERING_INFO) != first
        assert as_sets(wt.events()) == as_sets(wt.recluster())
        other = wt.store.info(CLUSTERING_INFO)
    # a store clustered without the merge is clustered afresh with it (and the other way)
    with Wiretrace(db, extract=False, settings=ClusterSettings(merge=False)) as wt:
        wt.ingest([jsonl(tmp_path / "c.jsonl", 6, 2)])
        assert wt.store.info(CLUSTERING_INFO) not in (first, other)
        unmerged = wt.store.info(CLUSTERING_INFO)
    with Wiretrace(db, extract=False, settings=MERGING) as wt:
        wt.ingest([jsonl(tmp_path / "d.jsonl", 7, 2)])
        assert wt.store.info(CLUSTERING_INFO) not in (unmerged, other)


def test_features_round_trip_through_event_state_json() -> None:
    from wiretrace.cluster import EventState

    memory = MemoryState(25)
    Clusterer(MERGING, state=memory).add(mixed(2))  # with merged events
    assert any(event.merged for event in memory.events())
    for event in memory.events():
        again = EventState.from_json(json.loads(json.dumps(event.to_json())))
        assert again == event and again.centroid == event.centroid
        assert again.withins == event.withins


__all__ = ["ArticleFeatures"]


def test_a_writer_that_read_before_another_wrote_clusters_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database: str
) -> None:
    """Two processes ingest into one store at once: the second writes its events between the
    first's reading of the state and its writing. The first must not write what it computed
    from the state as it was (it would overwrite the second's events): it reads again and
    places its articles anew, and nothing is lost or placed twice."""
    from wiretrace import cluster

    # without the file lock (as on a server database): the generation check alone
    monkeypatch.setattr(
        Store, "clustering_lock", lambda _self, _on_wait=None: contextlib.nullcontext(None)
    )
    db = database
    with (
        Wiretrace(db, extract=False, settings=MERGING) as first,
        Wiretrace(db, extract=False, settings=MERGING) as second,
    ):
        first.ingest([jsonl(tmp_path / "a.jsonl", 6, 10)])
        real = cluster.dress_events
        interleaved = []

        def another_writer_first(*args: Any, **kwargs: Any) -> Any:
            if not interleaved:
                interleaved.append(True)
                second.ingest([jsonl(tmp_path / "b.jsonl", 7, 8)])
            return real(*args, **kwargs)

        monkeypatch.setattr(cluster, "dress_events", another_writer_first)
        report = first.ingest([jsonl(tmp_path / "c.jsonl", 8, 6)])
        monkeypatch.setattr(cluster, "dress_events", real)
        assert interleaved and report.ok and len(report.added) == 6
        for reader in (first, second, Wiretrace(db, extract=False, settings=MERGING)):
            placed = [i for e in reader.events() for i in e.article_ids("primary")]
            assert len(placed) == len(set(placed)) == reader.store.count_articles() == 24
        assert as_sets(first.events()) == as_sets(first.recluster())


def test_a_writer_outpaced_every_time_gives_up_and_the_next_ingest_places_its_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database: str
) -> None:
    """Another process writes before each of the first's attempts: after
    :data:`~wiretrace.api.WRITE_ATTEMPTS` the first raises, its articles stay stored (flagged
    as waiting, or placed by the other writer's catching up), and after the next ingest
    every article is placed once."""
    from wiretrace import cluster
    from wiretrace.api import WRITE_ATTEMPTS
    from wiretrace.errors import ConcurrentWriteError

    # without the file lock (as on a server database): the generation check alone
    monkeypatch.setattr(
        Store, "clustering_lock", lambda _self, _on_wait=None: contextlib.nullcontext(None)
    )
    db = database
    with (
        Wiretrace(db, extract=False, settings=MERGING) as first,
        Wiretrace(db, extract=False, settings=MERGING) as second,
    ):
        first.ingest([jsonl(tmp_path / "a.jsonl", 9, 6)])
        real = cluster.dress_events
        busy = [0]

        def another_writer_each_time(*args: Any, **kwargs: Any) -> Any:
            if busy[0] >= 0:  # not while the other writer itself dresses its events
                busy[0] += 1
                number, busy[0] = busy[0], -1
                second.ingest([jsonl(tmp_path / f"b{number}.jsonl", 20 + number, 2)])
                busy[0] = number
            return real(*args, **kwargs)

        monkeypatch.setattr(cluster, "dress_events", another_writer_each_time)
        with pytest.raises(ConcurrentWriteError, match="another process"):
            first.ingest([jsonl(tmp_path / "c.jsonl", 10, 5)])
        monkeypatch.setattr(cluster, "dress_events", real)
        assert busy[0] == WRITE_ATTEMPTS
        stored = first.store.count_articles()
        assert stored == 6 + 5 + 2 * WRITE_ATTEMPTS  # nothing of the first's lost
        first.ingest([jsonl(tmp_path / "d.jsonl", 11, 1)])
        placed = [i for e in first.events() for i in e.article_ids("primary")]
        assert len(placed) == len(set(placed)) == first.store.count_articles() == stored + 1
        assert as_sets(first.events()) == as_sets(first.recluster())


def test_processes_ingesting_at_once_place_every_article_once(
    tmp_path: Path, database: str
) -> None:
    """Real processes (the CLI) ingesting into one store at the same time (a SQLite file,
    where they take turns at a lock file; a PostgreSQL database, where they race and a
    write computed from a state another has changed is refused and redone): however their
    batches interleave, every article is placed once and the events are those of clustering
    the store from scratch."""
    import subprocess
    import sys

    db = database
    with Wiretrace(db, extract=False, settings=MERGING) as wt:
        wt.ingest([jsonl(tmp_path / "first.jsonl", 30, 5)])
    command = [sys.executable, "-m", "wiretrace", "ingest", "--no-extract", "-j", "1"]
    runs = [
        subprocess.Popen(
            [*command, "--db", str(db), str(jsonl(tmp_path / f"p{n}.jsonl", 31 + n, 25))],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(3)
    ]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    with Wiretrace(db, extract=False, settings=MERGING) as wt:
        placed = [i for e in wt.events() for i in e.article_ids("primary")]
        assert len(placed) == len(set(placed)) == wt.store.count_articles() == 80
        assert as_sets(wt.events()) == as_sets(wt.recluster())


def test_a_lock_file_that_cannot_be_made_is_a_store_error(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Wiretrace(db, extract=False, settings=MERGING) as wt:
        (tmp_path / "news.db.cluster-lock").mkdir()  # a folder where the lock file goes
        with pytest.raises(StoreError, match="cluster-lock"):
            wt.ingest([jsonl(tmp_path / "a.jsonl", 40, 3)])
