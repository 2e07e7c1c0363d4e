"""Incremental assignment: any order and batching of arrival gives the from-scratch events.

The synthetic corpus below mixes several stories over three weeks (so the day gate matters),
undated reports (which sort last, so every dated arrival rewinds them), reports recalling
another story in a paragraph (mentions), and reports with hand-made extractions (participants,
places, stated years). Expected results are never written down: each incremental run is
compared with :func:`cluster_features` on the same articles, which the other cluster tests
check against hand-read expectations.
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.test_cluster import ELECTION, FLOOD, article, rehab
from wiretrace import Wiretrace
from wiretrace.cluster import (
    ArticleFeatures,
    Clusterer,
    ClusterSettings,
    canonical_order,
    cluster_features,
    featurize,
    normalise,
)
from wiretrace.cluster.assign import split_seed
from wiretrace.errors import StoreError
from wiretrace.models import Event, Membership

#: The merge of fragments is off by default; these tests are about it, or were written
#: when it was on, so they turn it on.
MERGING = ClusterSettings(merge=True)

STRIKE = [
    "Dock workers at the northern port walked out on Wednesday over a pay dispute.",
    "Container ships queued offshore as cranes stood idle along the quays.",
    "The union said the strike would continue until the operator raised wages by ten percent.",
    "Exporters warned that perishable goods were spoiling in the terminal's cold stores.",
    "The operator called the stoppage illegal and said it would seek a court injunction.",
]
FIRE = [
    "A wildfire swept through pine forest above the coastal town overnight.",
    "Firefighters backed by water-bombing aircraft battled the blaze into the morning.",
    "Authorities evacuated two hillside villages as the flames approached.",
    "Strong winds and dry conditions fanned the fire, the forestry service said.",
]
STORIES = {
    "flood": (FLOOD, "Floods force thousands from river valley homes"),
    "election": (ELECTION, "Opposition wins provincial parliament vote"),
    "strike": (STRIKE, "Port strike leaves ships stranded offshore"),
    "fire": (FIRE, "Wildfire forces evacuation of hillside villages"),
}
START = date(2024, 3, 1)


def corpus(seed: int, size: int = 48) -> list[ArticleFeatures]:
    rng = random.Random(seed)
    features = []
    for n in range(size):
        story = rng.choice(sorted(STORIES))
        paragraphs, title = STORIES[story]
        paras = rng.sample(paragraphs, k=max(2, len(paragraphs) - rng.randint(0, 2)))
        if rng.random() < 0.25:  # recalls another story in passing
            other = STORIES[rng.choice(sorted(set(STORIES) - {story}))][0]
            paras.append(" ".join(other[:2]))
        day = None if rng.random() < 0.2 else START + timedelta(days=rng.randint(0, 20))
        features.append(featurize(article(f"{story}-{n:02d}", paras, title, day)))
    for n, (name, place, year) in enumerate(
        [
            ("Ana Ruiz", "Valencia", "2019"),
            ("Ana Ruiz", "Valencia", None),
            ("Bo Lin", "Lhasa", "2021"),
        ]
    ):
        art, extraction = rehab(f"rehab-{n}", name, place, year, shift=n % 2)
        features.append(featurize(art, None, extraction))
    return features


def movers(tag: str, day: int | None) -> list[ArticleFeatures]:
    """A report that refinement moves: five reports on one matter, then (a day later) a
    report mostly on a second matter that still joins the first event (the second has no
    event yet), then a report on the second matter alone, which the first event, weighed by
    its reports (four are enough), no longer admits. The middle report is closer to the second event
    (0.87) than to the first without itself (0.5). Terms are made up, so other reports
    neither join these events nor vote for them."""
    one, two = f"{tag}one", f"{tag}two"

    def report(name: str, vector: dict[str, float], offset: int) -> ArticleFeatures:
        at = None if day is None else day + offset
        return ArticleFeatures(f"{tag}-{name}", at, normalise(vector))

    anchors = [report(f"1-{n}", {one: 1.0}, n % 2) for n in range(5)]
    return [
        *anchors,
        report("2-mover", {one: 0.5, two: 0.866}, 2),
        report("3-puller", {two: 1.0}, 3),
    ]


def primaries(result: Sequence[tuple[str, list[Membership]]]) -> list[set[str]]:
    return [{m.article_id for m in ms if m.role == "primary"} for _, ms in result]


def test_refinement_moves_a_report_to_an_event_opened_after_it() -> None:
    for tag, day in (("qa", START.toordinal()), ("qb", None)):
        features = movers(tag, day)
        single = primaries(cluster_features(features, ClusterSettings(refine=False, merge=True)))
        assert sorted(map(len, single)) == [1, 6]  # the single pass keeps it with the first
        refined = primaries(cluster_features(features, MERGING))
        assert {f"{tag}-2-mover", f"{tag}-3-puller"} in refined
        assert {f"{tag}-1-{n}" for n in range(5)} in refined


@pytest.mark.parametrize("day", [START.toordinal(), None])
def test_a_report_arriving_later_moves_an_earlier_one(day: int | None) -> None:
    """Incrementally: the report that draws the mover away arrives after it, and an early
    anchor arriving last (a rewind) leaves the move in place."""
    *early, puller = movers("qc", day)
    clusterer = Clusterer(MERGING)
    clusterer.add(early[1:])
    assert sorted(map(len, primaries(clusterer.events()))) == [5]
    clusterer.add([puller])
    assert {"qc-2-mover", "qc-3-puller"} in primaries(clusterer.events())
    gone, updated = clusterer.take_changes()
    # the anchors' event lost the mover; the puller's gained it (neither is split)
    assert gone == {split_seed(seed) for seed, _ in updated}
    assert {seed: {m.article_id for m in ms} for seed, ms in updated} == {
        canonical_order(early[1:5])[0].article_id: {f"qc-1-{n}" for n in range(1, 5)},
        "qc-3-puller": {"qc-2-mover", "qc-3-puller"},
    }
    clusterer.add(early[:1])
    assert events(clusterer.events()) == events(cluster_features([*early, puller]))
    assert {"qc-2-mover", "qc-3-puller"} in primaries(clusterer.events())


@pytest.mark.parametrize("day", [START.toordinal(), None])
def test_a_report_placed_again_elsewhere_lets_the_one_it_drew_return(day: int | None) -> None:
    """The puller, placed again with features of another matter (and, dated, a month
    later), no longer draws the mover: the mover is refined again although its own event
    did not change, because the puller's event reached it before."""
    features = movers("qe", day)
    clusterer = Clusterer(MERGING)
    clusterer.add(features)
    assert {"qe-2-mover", "qe-3-puller"} in primaries(clusterer.events())
    moved = replace(
        features[-1], day=None if day is None else day + 30, vector=normalise({"qethree": 1.0})
    )
    clusterer.add([moved])
    renewed = [*features[:-1], moved]
    assert events(clusterer.events()) == events(cluster_features(renewed, MERGING))
    assert {f"qe-1-{n}" for n in range(5)} | {"qe-2-mover"} in primaries(clusterer.events())


def test_a_report_refined_into_an_event_it_mentions_is_listed_once() -> None:
    """The mover recalls the second matter in a paragraph, whose event is open (but less
    like it than the first) when it is placed: a mention. Refined into that event, it is
    listed there as a primary only."""
    day = START.toordinal()
    features = movers("qf", day)
    mover, puller = features[-2], features[-1]
    features[-2] = replace(mover, paragraphs=[{"qftwo": 1.0}])
    second = ArticleFeatures("qf-1-second", day + 1, normalise({"qftwo": 0.5, "qfthree": 0.866}))
    single = cluster_features([*features, second], ClusterSettings(refine=False, merge=True))
    assert Membership(mover.article_id, "mention", 0.5) in dict(single)[second.article_id]
    refined = dict(cluster_features([*features, second]))
    assert [m for m in refined[second.article_id] if m.article_id == mover.article_id] == [
        Membership(mover.article_id, "primary", 1.0)
    ]
    assert {m.article_id for m in refined[second.article_id]} == {
        second.article_id,
        mover.article_id,
        puller.article_id,
    }


def events(
    result: Sequence[tuple[str, list[Membership]]],
) -> set[tuple[str, frozenset[Membership]]]:
    return {(seed, frozenset(members)) for seed, members in result}


def twins(tag: str, day: int | None, size: int = 5) -> list[ArticleFeatures]:
    """Two matters that share a term: the first report of the second joins the first's
    event (they score 0.5 against each other, over the join threshold), and the rest follow
    it one by one, so the single pass and refinement leave one event, which the split
    divides in two. Terms are made up, as in :func:`movers`."""
    shared, one, two = f"{tag}shared", f"{tag}one", f"{tag}two"
    found = []
    for n in range(size):
        for name, own in (("a", one), ("b", two)):
            at = None if day is None else day + n % 3
            vector = normalise({shared: 1.0, own: 1.0 + n / 50})
            found.append(ArticleFeatures(f"{tag}-{name}{n}", at, vector))
    return found


def recalling(tag: str, day: int | None) -> ArticleFeatures:
    """A report of its own matter whose later paragraph recalls the second of
    :func:`twins` ``tag``: a mention of their event, which goes to the second part when the
    event splits."""
    paragraph = normalise({f"{tag}shared": 1.0, f"{tag}two": 1.0})
    return ArticleFeatures(f"{tag}-recalls", day, normalise({f"{tag}own": 1.0}), [paragraph])


def fragments(
    tag: str, day: int | None, sizes: tuple[int, int] = (4, 3), sisters: bool = False
) -> list[ArticleFeatures]:
    """Two groups of reports of one matter, worded otherwise (their headlines and leads, the
    core, share nothing; their texts share one term), all naming one participant beside one
    of their own, so that two reports agree on participants at 0.67 and a report with an
    event of three or more at 0.76. The second group's first report comes after the first
    group's (a day or two later, or by id) and scores 0.16 against its event: the core check
    applies there (participants above ``gate_entity``, cores apart), so it opens a second
    event, which the others of its group join; refinement keeps each report where it is
    (each scores higher against its own group). Pair by pair the core check does not apply
    (0.67), so across the groups two reports score 0.30 and within them 0.43: above 0.6 ×
    0.43, one event for the merge. ``sisters``: each group names its own participant, so
    they score 0.07 across, two events. Terms are made up, as in :func:`movers`."""
    found = []
    for group, size in zip("ab", sizes, strict=True):
        shared = f"who:{tag}{group if sisters else ''}x"
        for n in range(size):
            words = {f"{tag}t{group}": 0.2, f"{tag}{group}{n}": 0.7, f"{tag}c": 0.1}
            vector = normalise({term: share**0.5 for term, share in words.items()})
            entities = normalise({shared: 1.0, f"who:{tag}{group}{n}": 0.7})
            at = None if day is None else day + n % 2 + (2 if group == "b" else 0)
            found.append(
                ArticleFeatures(
                    f"{tag}-{group}{n}", at, vector, core={f"{tag}k{group}": 1.0}, entities=entities
                )
            )
    return found


def mixed(seed: int) -> list[ArticleFeatures]:
    """The corpus with two groups of :func:`movers`, two of :func:`twins` with a report
    recalling each, and two of :func:`fragments` with a report recalling the second group of
    one (one of each dated, one undated)."""
    day = START.toordinal() + seed
    return [
        *corpus(seed),
        *movers("qa", day),
        *movers("qb", None),
        *twins("qc", day + 5),
        recalling("qc", day + 8),
        *twins("qd", None),
        recalling("qd", None),
        *fragments("qe", day + 3),
        *fragments("qf", None, (3, 5)),
        recalling_fragment("qf", None),
    ]


def recalling_fragment(tag: str, day: int | None) -> ArticleFeatures:
    """A report of its own matter whose later paragraph recalls the second group of
    :func:`fragments` ``tag``: a mention of the merged event."""
    paragraph = normalise({f"{tag}tb": 1.0, f"{tag}c": 0.3})
    return ArticleFeatures(f"{tag}-recalls", day, normalise({f"{tag}own": 1.0}), [paragraph])


@pytest.mark.parametrize("seed", range(6))
def test_any_arrival_order_and_batching_gives_the_from_scratch_events(seed: int) -> None:
    features = mixed(seed)
    single = cluster_features(features, ClusterSettings(refine=False, merge=True))
    assert events(cluster_features(features, MERGING)) != events(single)  # refinement matters here
    whole = cluster_features(features, ClusterSettings(split_ratio=0))
    assert events(cluster_features(features, MERGING)) != events(whole)  # so does the split
    apart = cluster_features(features, ClusterSettings(merge=False))
    assert events(cluster_features(features, MERGING)) != events(apart)  # and the merge
    expected = events(cluster_features(features, MERGING))
    rng = random.Random(100 + seed)
    arriving = features[:]
    rng.shuffle(arriving)
    clusterer = Clusterer(MERGING)
    rewinds = 0
    while arriving:
        size = rng.randint(1, 8)
        clusterer.add(arriving[:size])
        rewinds += clusterer.last_rewound
        arriving = arriving[size:]
    assert events(clusterer.events()) == expected
    assert len(clusterer) == len(features)
    assert rewinds > 0  # the test exercised rewinding


def test_articles_arriving_in_canonical_order_rewind_nothing() -> None:
    clusterer = Clusterer(MERGING)
    for f in canonical_order(corpus(1)):
        clusterer.add([f])
        assert clusterer.last_rewound == 0


def test_an_early_report_arriving_late_rewinds_only_what_follows_it() -> None:
    ordered = canonical_order(f for f in corpus(2) if f.day is not None)
    late = ordered.pop(len(ordered) // 2)
    clusterer = Clusterer(MERGING)
    clusterer.add(ordered)
    clusterer.add([late])
    after = sum(1 for f in ordered if (f.day, f.article_id) > (late.day, late.article_id))
    assert clusterer.last_rewound == after
    assert events(clusterer.events()) == events(cluster_features([*ordered, late]))


def test_placing_an_article_again_uses_its_new_features() -> None:
    features = corpus(3)
    clusterer = Clusterer(MERGING)
    clusterer.add(features)
    changed = featurize(article(features[5].article_id, STRIKE, STORIES["strike"][1], START))
    clusterer.add([changed])
    renewed = [changed if f.article_id == changed.article_id else f for f in features]
    assert events(clusterer.events()) == events(cluster_features(renewed, MERGING))
    assert len(clusterer) == len(features)


def test_changes_name_the_touched_events_only() -> None:
    ordered = canonical_order(corpus(4))
    clusterer = Clusterer(MERGING)
    clusterer.add(ordered[:-1])
    gone, updated = clusterer.take_changes()
    seeds = {seed for seed, _ in updated}
    assert gone == {split_seed(s) for s in seeds} and seeds == {s for s, _ in clusterer.events()}
    clusterer.add(ordered[-1:])
    gone, updated = clusterer.take_changes()
    touched = {seed for seed, members in updated}
    home = [
        s for s, ms in clusterer.events() if ordered[-1].article_id in {m.article_id for m in ms}
    ]
    assert gone == {split_seed(s) for s in touched} and touched == set(home)
    assert clusterer.take_changes() == (set(), [])


def test_an_event_whose_seed_moves_is_reported_gone() -> None:
    ordered = canonical_order(f for f in corpus(5) if f.day is not None)
    clusterer = Clusterer(MERGING)
    clusterer.add(ordered[1:])
    clusterer.take_changes()
    clusterer.add(ordered[:1])  # now the first in the order: the events after it are rebuilt
    gone, updated = clusterer.take_changes()
    seeds_now = {seed for seed, _ in clusterer.events()}
    assert gone.isdisjoint(seeds_now)
    assert {seed for seed, _ in updated} <= seeds_now
    assert events(clusterer.events()) == events(cluster_features(ordered, MERGING))


def test_a_loader_that_cannot_read_back_an_article_is_a_clear_error() -> None:
    ordered = canonical_order(f for f in corpus(0) if f.day is not None)
    stored: dict[str, ArticleFeatures] = {}

    def load(ids: Sequence[str]) -> Mapping[str, ArticleFeatures]:
        return {i: stored[i] for i in ids if i in stored}

    # nothing stored: a rewind cannot read them back (nor can the split, so it is off here)
    clusterer = Clusterer(ClusterSettings(split_ratio=0, merge=True), load=load)
    clusterer.add(ordered[1:])
    before = clusterer.events()
    with pytest.raises(StoreError, match="cannot read back"):
        clusterer.add(ordered[:1])
    assert clusterer.events() == before  # nothing changed

    stored.update((f.article_id, f) for f in ordered)
    clusterer = Clusterer(MERGING, load=load)
    clusterer.add(ordered[1:])
    clusterer.add(ordered[:1])
    assert events(clusterer.events()) == events(cluster_features(ordered, MERGING))


def as_sets(
    found: Sequence[Event],
) -> set[tuple[str, str | None, date | None, frozenset[Membership]]]:
    return {(e.id, e.title, e.first_reported, frozenset(e.members)) for e in found}


def test_a_store_fed_in_batches_holds_the_from_scratch_events(
    tmp_path: Path, database: str
) -> None:
    """Through the API: ingests in shuffled batches, some in a second process's instance,
    leave the stored events exactly as a re-cluster from scratch makes them."""
    rng = random.Random(7)
    records = []
    for n in range(36):
        story = rng.choice(sorted(STORIES))
        paragraphs, title = STORIES[story]
        paras = rng.sample(paragraphs, k=len(paragraphs) - 1)
        record = {
            "url": f"https://example.org/{story}/{n}",
            "title": title,
            "text": "\n\n".join(paras),
        }
        if rng.random() < 0.8:
            record["published"] = (START + timedelta(days=rng.randint(0, 20))).isoformat()
        records.append(json.dumps(record))
    batches = [records[i : i + 5] for i in range(0, len(records), 5)]
    db = database
    changed: list[str] = []
    for half in (batches[: len(batches) // 2], batches[len(batches) // 2 :]):
        with Wiretrace(
            db, extract=False, settings=MERGING
        ) as wt:  # a new instance: a new process's view
            for n, batch in enumerate(half):
                path = tmp_path / f"batch-{len(changed)}-{n}.jsonl"
                path.write_text("\n".join(batch) + "\n")
                report = wt.ingest([path])
                assert report.ok and len(report.added) == len(batch)
                changed += report.events_changed
            stored = wt.events()
            assert as_sets(stored) == as_sets(wt.recluster())
    assert {e.id for e in stored} <= set(changed)


def tangled(seed: int, size: int = 40) -> list[ArticleFeatures]:
    """Reports over six made-up terms, most dated within four weeks: events overlap in
    terms and days, so refinement moves many reports and a change reaches many others."""
    rng = random.Random(seed)
    terms = [f"zz{n}" for n in range(6)]
    features = []
    for n in range(size):
        vector = {t: rng.random() for t in rng.sample(terms, rng.randint(1, 3))}
        day = None if rng.random() < 0.2 else START.toordinal() + rng.randint(0, 25)
        features.append(ArticleFeatures(f"t{n:03d}", day, normalise(vector)))
    return features


@pytest.mark.parametrize("seed", range(0, 80, 2))
def test_the_changes_reported_batch_by_batch_add_up_to_the_from_scratch_events(seed: int) -> None:
    """Applying :meth:`Clusterer.take_changes` after every batch (as the API does to the
    stored events) leaves exactly the from-scratch events, refined."""
    features = [
        *tangled(seed),
        *fragments("qe", START.toordinal() + seed % 7),
        *fragments("qf", None, (3, 2)),
        recalling_fragment("qf", None),
    ]
    expected = events(cluster_features(features, MERGING))
    rng = random.Random(seed)
    arriving = features[:]
    rng.shuffle(arriving)
    clusterer = Clusterer(MERGING)
    shown: dict[str, frozenset[Membership]] = {}
    while arriving:
        size = rng.randint(1, 6)
        clusterer.add(arriving[:size])
        arriving = arriving[size:]
        gone, updated = clusterer.take_changes()
        for seed_id in gone:
            shown.pop(seed_id, None)
        shown.update((seed_id, frozenset(members)) for seed_id, members in updated)
    assert events(clusterer.events()) == expected
    assert set(shown.items()) == expected
