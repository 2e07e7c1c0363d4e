"""The split of an event whose reports form two groups (wiretrace.cluster.split)."""

from __future__ import annotations

import itertools

import pytest

from tests.test_cluster_assign import corpus, twins
from wiretrace.cluster import (
    ArticleFeatures,
    ClusterSettings,
    EventState,
    canonical_order,
    cluster_features,
    normalise,
)
from wiretrace.cluster.split import pair_scores, split_event
from wiretrace.errors import UsageError


def alone(features: ArticleFeatures) -> EventState:
    event = EventState(features.article_id, (True, 0, features.article_id))
    event.add(features)
    return event


def test_pair_scores_are_the_scores_of_one_report_against_an_event_of_another() -> None:
    # stories with and without extractions (participants, places, stated years), so every
    # part of the score (entity blend, year and core penalties) is met
    features = corpus(3, 30)
    assert any(f.years for f in features) and any(f.entities for f in features)
    settings = ClusterSettings()
    scores = pair_scores(features, features, settings)
    for (i, a), (j, b) in itertools.product(enumerate(features), repeat=2):
        if i != j:
            assert scores[i, j] == pytest.approx(alone(b).similarity(a, settings), abs=1e-9)
    assert scores == pytest.approx(scores.T, abs=1e-9)


def test_two_groups_that_agree_far_less_across_than_within_are_two_events() -> None:
    reports = canonical_order(twins("tw", None))
    one = {f.article_id for f in reports if "-a" in f.article_id}
    merged = cluster_features(reports, ClusterSettings(split_ratio=0))
    assert len(merged) == 1  # the single pass and refinement leave them together
    halves = split_event(reports, ClusterSettings())
    assert halves is not None
    assert {frozenset(h) for h in halves} == {frozenset(one), frozenset(set(_ids(reports)) - one)}
    assert halves[0][0] == reports[0].article_id  # the first report's group comes first
    found = cluster_features(reports)
    assert len(found) == 2
    assert {frozenset(m.article_id for m in ms) for _, ms in found} == {
        frozenset(h) for h in halves
    }


def test_an_event_of_one_matter_is_not_split() -> None:
    reports = canonical_order(f for f in twins("tw", None, size=8) if "-a" in f.article_id)
    assert split_event(reports, ClusterSettings()) is None


def test_groups_smaller_than_the_minimum_are_not_split_off() -> None:
    reports = canonical_order(twins("tw", None, size=5)[:9])  # five of one matter, four of another
    assert split_event(reports, ClusterSettings()) is not None
    assert split_event(reports, ClusterSettings(split_min_size=5)) is None
    assert split_event(reports, ClusterSettings(split_ratio=0)) is None


def test_a_large_event_is_bisected_on_a_sample_and_the_rest_follow() -> None:
    # in canonical order the first matter's ten reports come first: a sample of the first
    # eight would hold that matter alone; an evenly spaced one holds both
    reports = canonical_order(twins("tw", None, size=10))
    whole = split_event(reports, ClusterSettings())
    sampled = split_event(reports, ClusterSettings(split_sample=8))
    assert whole is not None and sampled is not None
    assert sampled == whole  # the same groups, each in canonical order


def test_a_tie_at_the_top_of_the_tree_still_bisects() -> None:
    """Three matters with nothing in common: the last two merges of the tree are at the
    same height, and the split still takes the root's two children."""
    reports = [
        ArticleFeatures(f"tie-{matter}{n}", None, normalise({f"tie{matter}": 1.0}))
        for matter in "abc"
        for n in range(4)
    ]
    halves = split_event(reports, ClusterSettings())
    assert halves is not None
    assert {len(h) for h in halves} == {4, 8}


@pytest.mark.parametrize(("min_size", "sample"), [(1, 300), (0, 300), (4, 7)])
def test_split_settings_that_cannot_work_are_refused(min_size: int, sample: int) -> None:
    with pytest.raises(UsageError, match="split_min_size"):
        ClusterSettings(split_min_size=min_size, split_sample=sample)


def _ids(features: list[ArticleFeatures]) -> list[str]:
    return [f.article_id for f in features]


def test_a_report_that_mentions_a_split_event_mentions_the_part_it_recalls() -> None:
    reports = twins("tw", None)
    second = {f.article_id for f in reports if "-b" in f.article_id}
    recalling = ArticleFeatures(
        "zz-recalls",  # sorts after the twins, so their event is open when it is placed
        None,
        normalise({"zzown": 1.0}),
        paragraphs=[normalise({"twshared": 1.0, "twtwo": 1.0})],  # the second matter
    )
    whole = cluster_features([*reports, recalling], ClusterSettings(split_ratio=0))
    roles = sorted(m.role for _, ms in whole for m in ms if m.article_id == "zz-recalls")
    assert roles == ["mention", "primary"]  # its own event, and the twins' as one
    found = cluster_features([*reports, recalling])
    (part,) = [ms for _, ms in found if any(m.role == "mention" for m in ms)]
    assert {m.article_id for m in part if m.role == "primary"} == second
    assert [m.article_id for m in part if m.role == "mention"] == ["zz-recalls"]
