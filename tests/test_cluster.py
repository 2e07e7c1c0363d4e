"""Clustering: determinism, order independence, primary and mention roles, date gate, and
the extraction features (participants, places, stated years)."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest

from tests.conftest import SEEDS
from wiretrace.cluster import (
    ArticleFeatures,
    ClusterSettings,
    build_events,
    canonical_order,
    cluster_features,
    cosine,
    entity_key,
    featurize,
    normalise,
    term_idf,
    terms_of,
)
from wiretrace.cluster.state import EventState, canonical_key
from wiretrace.models import Article, Extraction, Person, Place, TimeExpression

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


def test_stems_are_snowball_3_as_in_the_stem_table() -> None:
    """The idf table was built with Snowball 3's English stemmer; an older stemmer (Snowball
    2 gives "univers", "intern") would miss its entries and weigh common words as rare."""
    assert terms_of("University international added") == ["universiti", "internat", "add"]
    for stem in ("universiti", "internat"):
        assert term_idf(stem) < 2.0  # common words: in the table, so far from the top idf


def test_featurize_is_deterministic_and_normalised() -> None:
    one, two = featurize(flood("a")), featurize(flood("a"))
    assert one == two
    assert abs(cosine(one.vector, one.vector) - 1.0) < 1e-9


def test_features_survive_a_json_round_trip() -> None:
    f = featurize(election("e"))
    assert ArticleFeatures.from_json("e", f.to_json()) == f


def test_numbers_are_terms_of_the_text_vector() -> None:
    from wiretrace.cluster.features import number_terms

    text = "A 6.1-magnitude quake killed 12 people and 1,200 homes were lost in 2009; 3 died."
    assert number_terms(text) == ["#6.1", "#12", "#1200", "#2009"]  # not a single digit
    assert number_terms("Model X5 and route A12") == []  # glued to a word: part of a name
    quake = article("q", [text], "Quake strikes coast")
    assert {"#6.1", "#12", "#1200", "#2009"} <= set(featurize(quake).vector)
    assert not any(t.startswith("#") for t in featurize(quake).core)  # the core is words only
    plain = featurize(quake, ClusterSettings(number_weight=0))
    assert not any(t.startswith("#") for t in plain.vector)


def test_reports_of_one_event_share_its_figures_and_sister_events_do_not() -> None:
    """Two similar events (two quakes told in the same words) differ in their figures; with
    numbers as terms two reports of one quake come out closer than reports of the two."""

    def quake(ident: str, magnitude: str, dead: str) -> ArticleFeatures:
        lead = (
            f"A {magnitude}-magnitude earthquake struck the coast early on Tuesday, killing "
            f"{dead} people and flattening houses, the geological survey said."
        )
        return featurize(article(ident, [lead, FLOOD[1]], "Earthquake strikes coast"))

    same = cosine(quake("a", "6.1", "14").vector, quake("b", "6.1", "14").vector)
    sister = cosine(quake("a", "6.1", "14").vector, quake("c", "7.3", "52").vector)
    assert same == pytest.approx(1.0) and sister < 0.95 * same


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


# -- extraction features -----------------------------------------------------------------

REHAB = [
    "The actress {name} checked into a rehabilitation centre in {place} on Tuesday, her "
    "publicist said.",
    "{name} entered the treatment programme voluntarily, the publicist told reporters.",
    "The stay is expected to last several weeks, and filming of her next picture is on hold.",
    "Fans wished her well on social media after the news broke.",
]


def rehab(
    ident: str, name: str, place: str, year: str | None, shift: int = 0
) -> tuple[Article, Extraction]:
    """A rehab report about ``name`` with a hand-made extraction (no parser needed)."""
    paras = [p.format(name=name, place=place) for p in REHAB]
    paras = paras[:1] + paras[1 + shift :] + paras[1 : 1 + shift]
    if year:
        paras.append(f"It is her second stay since {year}, when she first sought treatment.")
    text = "\n\n".join(paras)
    art = article(ident, paras, f"{name.split()[-1]} checks into rehab")
    mentions = [(i, i + len(name)) for i in _find_all(text, name)]
    times = []
    if year:
        start = text.index(year)
        times.append(TimeExpression(year, start, start + 4, "date", year))
    extraction = Extraction(
        ident,
        people=[Person(name, "person", mentions=mentions)],
        places=[Place(place, text.index(place), text.index(place) + len(place), "event")],
        times=times,
    )
    return art, extraction


def _find_all(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def primary_groups(features: list[ArticleFeatures], settings: Any = None) -> set[frozenset[str]]:
    return {
        frozenset(m.article_id for m in members if m.role == "primary")
        for _, members in cluster_features(features, settings)
    }


def test_extraction_features_hold_participants_places_and_years() -> None:
    art, extraction = rehab("r1", "Tara Reid", "Malibu", "2008")
    f = featurize(art, None, extraction)
    assert {"who:tara reid", "who:reid", "at:malibu"} <= set(f.entities)
    assert set(f.years) == {"2008"}
    assert abs(cosine(f.entities, f.entities) - 1.0) < 1e-9
    assert ArticleFeatures.from_json("r1", f.to_json()) == f
    # without an extraction the features are text-only, and the text part is unchanged
    plain = featurize(art)
    assert plain.entities == {} and plain.years == {}
    assert plain.vector == f.vector and plain.core == f.core


def test_entity_keys_fold_case_punctuation_and_possessives() -> None:
    assert entity_key("Kim Jong-un") == entity_key("KIM JONG UN") == "kim jong un"
    assert entity_key("North Korea’s") == "north korea"


def test_different_participants_make_different_events() -> None:
    """Same story shape, different people and places: text alone merges them."""
    pairs = [
        rehab("a1", "Tara Reid", "Malibu", None),
        rehab("a2", "Tara Reid", "Malibu", None, 1),
        rehab("b1", "Lindsay Lohan", "Rancho Mirage", None),
        rehab("b2", "Lindsay Lohan", "Rancho Mirage", None, 2),
    ]
    with_extraction = [featurize(a, None, x) for a, x in pairs]
    text_only = [featurize(a) for a, _ in pairs]
    strict = ClusterSettings(join_threshold=0.6)
    assert len(primary_groups(text_only, strict)) == 1
    assert primary_groups(with_extraction, strict) == {
        frozenset({"a1", "a2"}),
        frozenset({"b1", "b2"}),
    }


def test_conflicting_stated_years_keep_events_apart() -> None:
    pairs = [
        rehab("a1", "Tara Reid", "Malibu", "2008"),
        rehab("a2", "Tara Reid", "Malibu", "2013", 1),
    ]
    with_years = [featurize(a, None, x) for a, x in pairs]
    penalised = ClusterSettings(join_threshold=0.6, year_penalty=0.5)
    ignored = ClusterSettings(join_threshold=0.6, year_penalty=0.0)
    assert len(primary_groups(with_years, penalised)) == 2
    assert len(primary_groups(with_years, ignored)) == 1


def test_extraction_features_do_not_depend_on_input_order() -> None:
    pairs = [
        rehab("a1", "Tara Reid", "Malibu", "2008"),
        rehab("a2", "Tara Reid", "Malibu", "2008", 1),
        rehab("b1", "Lindsay Lohan", "Rancho Mirage", "2013"),
        rehab("b2", "Lindsay Lohan", "Rancho Mirage", None, 2),
    ]
    feats = [featurize(a, None, x) for a, x in pairs]
    feats += [featurize(a) for a in (flood("f1"), election("e1"), flood("f2", 1))]
    expected = groups(feats)
    for seed in range(8):
        shuffled = feats[:]
        random.Random(seed).shuffle(shuffled)
        assert groups(shuffled) == expected

    # incremental: an article later in the canonical order only joins an event or opens
    # one, so the events of every canonical prefix are the full events restricted to it
    ordered = canonical_order(feats)
    full = primary_groups(feats)
    for k in range(1, len(ordered) + 1):
        ids = {f.article_id for f in ordered[:k]}
        restricted = {g & ids for g in full} - {frozenset()}
        assert primary_groups(ordered[:k]) == restricted


def _hand_made(
    ident: str, vector: dict[str, float], core: dict[str, float], entities: dict[str, float]
) -> ArticleFeatures:
    return ArticleFeatures(
        ident, None, normalise(vector), [], normalise(core), normalise(entities), {}
    )


def test_a_lead_worded_otherwise_costs_core_penalty_and_does_not_block_the_join() -> None:
    """The participants agree closely and the headline-plus-lead shares no word with the
    event's: the score loses ``core_penalty`` (it used to be 0, which split reports of one
    event whose leads were worded differently), so only a report scoring twice the join
    threshold joins."""
    settings, ungated = ClusterSettings(), ClusterSettings(min_core=0.0)
    who = {"who:harbour authority": 1.0}
    seed = _hand_made("s", {"shell": 3, "factory": 2, "output": 1}, {"inspect": 1}, who)
    event = EventState("s", canonical_key(seed))
    event.add(seed)
    # the same story, its lead worded otherwise: penalised, and still joins
    reworded = _hand_made("r", {"shell": 3, "factory": 2, "output": 1}, {"tour": 1}, who)
    assert event.similarity(reworded, settings) == pytest.approx(
        event.similarity(reworded, ungated) - settings.core_penalty
    )
    assert primary_groups([seed, reworded]) == {frozenset({"s", "r"})}
    assert len(primary_groups([seed, reworded], ClusterSettings(core_penalty=1.0))) == 2
    # the same actors doing something else: above the threshold without the core check,
    # below twice the threshold, so it stays apart
    both = {"who:harbour authority": 2.0, "who:dock union": 1.0}
    other = _hand_made("o", {"shell": 1, "crane": 5, "strike": 5}, {"crane": 1}, both)
    assert cosine(other.entities, event.entity_centroid) >= settings.gate_entity
    alone = event.similarity(other, ungated)
    assert settings.join_threshold <= alone < 2 * settings.join_threshold
    assert primary_groups([seed, other]) == {frozenset({"s"}), frozenset({"o"})}


@pytest.fixture(scope="module")
def sample_extractions(parser: Any) -> list[tuple[Article, Extraction]]:
    from wiretrace.clean import clean_batch
    from wiretrace.extract import extract_articles
    from wiretrace.ingest import iter_documents

    docs = [d for d in iter_documents([SEEDS]) if not hasattr(d, "reason")]
    articles = [a for a in clean_batch(docs) if isinstance(a, Article)]  # type: ignore[arg-type]
    assert len(articles) == 5
    return list(zip(articles, extract_articles(articles, parser), strict=True))


def test_samples_with_extraction_make_the_two_events(
    sample_extractions: list[tuple[Article, Extraction]],
) -> None:
    """The wiring api.py will use: the samples' events are the same with their extractions."""
    names = {a.id: a.source.rsplit("/", 1)[-1][:3] for a, _ in sample_extractions}
    feats = [featurize(a, None, x) for a, x in sample_extractions]
    want = {
        frozenset({("000", "primary"), ("001", "primary"), ("002", "primary")})
        | {("003", "primary"), ("004", "mention")},
        frozenset({("004", "primary")}),
    }
    for seed in range(4):
        random.Random(seed).shuffle(feats)
        got = {frozenset((names[a], role) for a, role in g) for g in groups(feats)}
        assert got == want


def test_cosine_is_the_full_dot_product_to_the_last_bit() -> None:
    """Skipping the terms one vector lacks must not change a sum (clustering's ties and its
    equality with from-scratch runs rest on exact sums)."""
    from wiretrace.cluster.features import cosine, normalise

    rng = random.Random(7)
    words = [f"t{i}" for i in range(300)]
    for _ in range(200):
        a = normalise({rng.choice(words): rng.uniform(-1, 1) for _ in range(rng.randint(1, 80))})
        b = normalise({rng.choice(words): rng.uniform(-1, 1) for _ in range(rng.randint(1, 80))})
        small, large = (a, b) if len(a) <= len(b) else (b, a)
        full = sum(w * large.get(t, 0.0) for t, w in small.items())
        assert cosine(a, b) == full
