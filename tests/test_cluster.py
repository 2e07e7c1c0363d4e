"""Clustering: determinism, order independence, primary and mention roles, date gate."""

from __future__ import annotations

import random
from datetime import date

from wiretrace.cluster import (
    ArticleFeatures,
    ClusterSettings,
    build_events,
    cluster_features,
    cosine,
    featurize,
    terms_of,
)
from wiretrace.models import Article

FLOOD = [
    "Heavy rain flooded the river valley on Monday, forcing 3,000 residents from their homes.",
    "Rescue crews used boats to reach villagers stranded on rooftops as the river burst its banks.",
    "The regional governor declared a state of emergency and requested army helicopters.",
    "Meteorologists said the rainfall was the heaviest recorded in the valley in forty years.",
]
ELECTION = [
    "Voters in the mountain province elected a new parliament on Sunday in a tight contest.",
    "The opposition alliance won 48 seats, two short of a majority, official results showed.",
    "Turnout reached 71 percent, the highest since the province adopted proportional voting.",
    "Coalition talks are expected to begin next week, the electoral commission said.",
    "The alliance leader told supporters in the provincial capital that voters had chosen change.",
    "The outgoing premier conceded defeat late on Sunday and congratulated her rival.",
    "Observers from neighbouring provinces reported no serious irregularities at polling stations.",
]


def article(ident: str, paragraphs: list[str], title: str, day: date | None = None) -> Article:
    text = "\n\n".join(paragraphs)
    return Article(ident, ident, "text", text, text, title=title, published=day)


def flood(ident: str, shift: int = 0) -> Article:
    paras = FLOOD[shift:] + FLOOD[:shift]
    return article(ident, paras, "Floods force thousands from river valley homes", date(2024, 3, 4))


def election(ident: str, extra: list[str] | None = None) -> Article:
    return article(
        ident,
        ELECTION + (extra or []),
        "Opposition wins provincial parliament vote",
        date(2024, 3, 5),
    )


def groups(features: list[ArticleFeatures]) -> set[frozenset[tuple[str, str]]]:
    return {
        frozenset((m.article_id, m.role) for m in members)
        for _, members in cluster_features(features)
    }


def test_terms_fold_case_plurals_and_hyphens() -> None:
    assert terms_of("Floods hit the river-valley's towns") == [
        "flood",
        "hit",
        "the",
        "river",
        "valley",
        "town",
    ]


def test_featurize_is_deterministic_and_normalised() -> None:
    one, two = featurize(flood("a")), featurize(flood("a"))
    assert one == two
    assert abs(cosine(one.vector, one.vector) - 1.0) < 1e-9


def test_features_survive_a_json_round_trip() -> None:
    f = featurize(election("e"))
    assert ArticleFeatures.from_json("e", f.to_json()) == f


def test_two_stories_make_two_events() -> None:
    feats = [featurize(a) for a in (flood("f1"), election("e1"), flood("f2", 1), election("e2"))]
    primaries = {
        frozenset(m.article_id for m in members if m.role == "primary")
        for _, members in cluster_features(feats)
    }
    assert primaries == {frozenset({"f1", "f2"}), frozenset({"e1", "e2"})}


def test_result_does_not_depend_on_input_order() -> None:
    feats = [featurize(a) for a in (flood("f1"), election("e1"), flood("f2", 2), election("e2"))]
    expected = groups(feats)
    for seed in range(5):
        shuffled = feats[:]
        random.Random(seed).shuffle(shuffled)
        assert groups(shuffled) == expected


def test_a_paragraph_about_another_event_makes_a_mention() -> None:
    aside = (
        "Separately, the river valley floods forced thousands of residents from their homes "
        "on Monday, and rescue crews used boats to reach stranded villagers."
    )
    feats = [
        featurize(a) for a in (flood("f1"), flood("f2", 1), election("e1", [aside]), election("e2"))
    ]
    by_seed = {seed: members for seed, members in cluster_features(feats)}
    flood_members = next(m for m in by_seed.values() if any(x.article_id == "f1" for x in m))
    roles = {m.article_id: m.role for m in flood_members}
    assert roles == {"f1": "primary", "f2": "primary", "e1": "mention"}


def test_articles_far_apart_in_time_do_not_join() -> None:
    early = flood("f1")
    late = flood("f2", 1)
    late.published = date(2024, 6, 1)
    feats = [featurize(early), featurize(late)]
    assert len(cluster_features(feats, ClusterSettings(max_day_gap=7))) == 2
    assert len(cluster_features(feats, ClusterSettings(max_day_gap=365))) == 1


def test_events_take_title_and_first_report_from_their_primaries() -> None:
    articles = [flood("f1"), flood("f2", 1)]
    articles[1].published = date(2024, 3, 3)
    articles[1].title = "Earlier headline"
    events = build_events(
        [featurize(a) for a in articles], {a.id: (a.title, a.published) for a in articles}
    )
    assert len(events) == 1
    assert events[0].first_reported == date(2024, 3, 3)
    assert events[0].title == "Earlier headline"
    assert events[0].id.startswith("ev-")
