"""The merge of an event's fragments (wiretrace.cluster.merge): the split's criterion inverted,
with no threshold of its own, and the merged events reported batch by batch."""

from __future__ import annotations

import numpy as np
import pytest

from tests.test_cluster_assign import START, fragments, primaries, recalling_fragment
from wiretrace.cluster import ArticleFeatures, Clusterer, ClusterSettings, cluster_features
from wiretrace.cluster.assign import split_seed
from wiretrace.cluster.merge import Part, one_event
from wiretrace.cluster.split import mean_within, pair_scores
from wiretrace.errors import UsageError
from wiretrace.models import Membership

#: The merge of fragments is off by default; these tests are about it, or were written
#: when it was on, so they turn it on.
MERGING = ClusterSettings(merge=True)


def part(seed: str, features: list[ArticleFeatures], first: int = 0) -> Part:
    members = [Membership(f.article_id, "primary", 1.0) for f in features]
    return Part(seed, ((False, first, seed), False), first, features, members)


def groups(tag: str, sisters: bool = False) -> tuple[Part, Part]:
    found = fragments(tag, START.toordinal(), sisters=sisters)
    one = [f for f in found if "-a" in f.article_id]
    two = [f for f in found if "-b" in f.article_id]
    return part(one[0].article_id, one), part(two[0].article_id, two, 1)


def test_fragments_of_one_event_are_merged_and_sister_events_are_not() -> None:
    for day in (START.toordinal(), None):
        features = fragments("qm", day)
        apart = primaries(cluster_features(features, ClusterSettings(merge=False)))
        assert len(apart) == 2  # the single pass, refinement and split keep them apart
        merged = cluster_features(features, MERGING)
        assert [seed for seed, _ in merged] == ["qm-a0"]  # the first part's seed
        assert primaries(merged) == [apart[0] | apart[1]]
        sisters = fragments("qs", day, sisters=True)
        assert primaries(cluster_features(sisters, MERGING)) == primaries(
            cluster_features(sisters, ClusterSettings(merge=False))
        )
        assert len(primaries(cluster_features(sisters, MERGING))) == 2


def test_the_criterion_is_the_splits_ratio_and_nothing_else() -> None:
    """One event exactly when the mean score across reaches ``split_ratio`` times the lower
    mean score within: the boundary moves with ``split_ratio`` and with nothing else."""
    a, b = groups("qm")
    s = MERGING
    across = float(pair_scores(a.features, b.features, s).mean())
    withins = [
        mean_within(pair_scores(p.features, p.features, s), np.ones(len(p.features), bool))
        for p in (a, b)
    ]
    ratio = across / min(withins)
    assert 0.6 < ratio < 1  # the fragments pass at the default
    assert one_event(a, b, s) and one_event(b, a, s)
    assert one_event(*groups("qm"), ClusterSettings(split_ratio=ratio * (1 - 1e-9), merge=True))
    assert not one_event(*groups("qm"), ClusterSettings(split_ratio=ratio * (1 + 1e-9), merge=True))
    sister_a, sister_b = groups("qs", sisters=True)
    assert not one_event(sister_a, sister_b, s)


def test_a_report_alone_is_never_merged() -> None:
    a, b = groups("qm")
    alone = part(b.features[0].article_id, b.features[:1], 1)
    assert not one_event(a, alone, MERGING)
    assert not one_event(a, alone, ClusterSettings(split_ratio=0.01, merge=True))


def test_merge_off_and_split_off_give_the_events_unmerged() -> None:
    features = fragments("qm", None)
    assert len(cluster_features(features, ClusterSettings(merge=False))) == 2
    assert len(cluster_features(features, ClusterSettings(split_ratio=0))) == 2
    with pytest.raises(UsageError, match="merge"):
        ClusterSettings(merge="yes")  # type: ignore[arg-type]


def test_a_merged_event_holds_the_mentions_of_its_parts_less_its_primaries() -> None:
    features = [*fragments("qm", None, (3, 5)), recalling_fragment("qm", None)]
    merged = dict(cluster_features(features, MERGING))
    mentions = [m for m in merged["qm-a0"] if m.role == "mention"]
    assert [m.article_id for m in mentions] == ["qm-recalls"]
    assert merged["qm-recalls"] == [Membership("qm-recalls", "primary", 1.0)]


def test_the_changes_name_an_absorbed_event_gone_and_the_merged_one_updated() -> None:
    """The second group arrives first (its own event); then the first group, which sorts
    before it: one event, with the first group's seed; the second's seed is gone."""
    features = fragments("qm", START.toordinal())
    clusterer = Clusterer(MERGING)
    clusterer.add([f for f in features if "-b" in f.article_id])
    gone, updated = clusterer.take_changes()
    assert [seed for seed, _ in updated] == ["qm-b0"]
    clusterer.add([f for f in features if "-a" in f.article_id])
    gone, updated = clusterer.take_changes()
    assert "qm-b0" in gone and split_seed("qm-b0") in gone
    assert [seed for seed, _ in updated] == ["qm-a0"]
    assert primaries(updated) == primaries(cluster_features(features, MERGING))
    # a report that leaves the merged event whole: only that event is reported again
    clusterer.add([features[0]])
    gone, updated = clusterer.take_changes()
    assert [seed for seed, _ in updated] == ["qm-a0"] and "qm-a0" not in gone
