"""End to end on the sample corpus: the acceptance criteria of issue 2.

Expected values come from reading the sample files, not from running the code: the corpus
holds four reports of a tank-factory inspection (000-003) and one report (004) of a visit to
munitions factories a few days later, which recalls the tank-factory visit in one paragraph.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from wiretrace import Wiretrace
from wiretrace.models import Event

TANK_REPORTS = {"000", "001", "002", "003"}
MUNITIONS_REPORT = "004"


def by_file(wt: Wiretrace) -> dict[str, str]:
    """Map each sample's file stem prefix ("000") to its article id."""
    return {Path(a.source).name[:3]: a.id for a in wt.articles()}


def roles(event: Event, ids: dict[str, str]) -> dict[str, str]:
    names = {v: k for k, v in ids.items()}
    return {names[m.article_id]: m.role for m in event.members}


@pytest.fixture
def wt(seeds_dir: Path, db_path: Path) -> Iterator[Wiretrace]:
    with Wiretrace(db_path) as instance:
        report = instance.ingest([seeds_dir])
        assert report.ok and len(report.added) == 5
        yield instance


def test_samples_make_exactly_two_events_with_the_right_roles(wt: Wiretrace) -> None:
    ids = by_file(wt)
    events = wt.events()
    assert len(events) == 2
    tank = next(e for e in events if ids["000"] in e.article_ids("primary"))
    munitions = next(e for e in events if e is not tank)
    assert roles(tank, ids) == {**dict.fromkeys(TANK_REPORTS, "primary"), "004": "mention"}
    assert roles(munitions, ids) == {MUNITIONS_REPORT: "primary"}


def test_event_dates_and_titles(wt: Wiretrace) -> None:
    ids = by_file(wt)
    tank = next(e for e in wt.events() if ids["000"] in e.article_ids())
    assert tank.first_reported is not None and tank.first_reported.isoformat() == "2025-05-04"
    assert tank.title and "tank" in tank.title.lower()


def test_reingesting_the_same_folder_changes_nothing(wt: Wiretrace, seeds_dir: Path) -> None:
    before = (wt.events(), [a.id for a in wt.articles()])
    report = wt.ingest([seeds_dir])
    assert report.added == [] and len(report.skipped) == 5 and report.ok
    assert (wt.events(), [a.id for a in wt.articles()]) == before


def test_ingest_order_does_not_change_the_events(
    seeds_dir: Path, tmp_path: Path, wt: Wiretrace
) -> None:
    with Wiretrace(tmp_path / "reversed.db") as other:
        for path in sorted(seeds_dir.glob("*.txt"), reverse=True):
            other.ingest([path])
        assert other.events() == wt.events()


def test_bad_inputs_are_named_and_the_good_ones_stored(seeds_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    shutil.copytree(seeds_dir, folder)
    (folder / "image.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (folder / "empty.txt").write_text("")
    good = '{"url": "https://example.org/a", "title": "A", "text": "%s"}'
    body = " ".join(["The city council approved the new budget on Tuesday."] * 12)
    (folder / "feed.jsonl").write_text(good % body + "\n" + '{"url": "x", "text": \n')
    with Wiretrace(tmp_path / "mixed.db") as wt:
        report = wt.ingest([folder])
        stored = sum(1 for _ in wt.articles())
    rejected = {Path(r.source).name: r.reason for r in report.rejected}
    assert set(rejected) == {"image.bin", "empty.txt", "feed.jsonl:2"}
    assert "binary" in rejected["image.bin"]
    assert "empty" in rejected["empty.txt"]
    assert "JSON" in rejected["feed.jsonl:2"]
    assert len(report.added) == 6 and not report.ok
    assert stored == 6


def test_new_cluster_settings_recompute_cached_features(wt: Wiretrace, db_path: Path) -> None:
    from wiretrace.cluster import ClusterSettings

    with Wiretrace(db_path, settings=ClusterSettings(title_weight=3.0)) as other:
        assert other.features_kind != wt.features_kind
        events = other.recluster()
        assert sum(len(e.article_ids("primary")) for e in events) == 5
        assert len(dict(other.store.iter_features(other.features_kind))) == 5
