"""The written 5W answers (benchmarks/data) stay usable: well formed, on the right topics, and
every answer a verbatim string of its document's clean text; the scorer finds every
occurrence; and the frame keeps its figures against the odd (tuning) sample's answers."""

from __future__ import annotations

import pytest

from benchmarks.ecb_gold import SLOTS, clean_view, in_topics, iter_ecb_gold
from benchmarks.extract_judged import JudgedTally, answer_files, answer_spans, read_answers
from tests.conftest import needs_shared


@pytest.mark.parametrize("topics", ["even", "odd"])
def test_answer_files_are_well_formed(topics: str) -> None:
    answers = [a for path in answer_files(topics) for a in read_answers(path)]
    assert all(len(read_answers(path)) >= 80 for path in answer_files(topics))
    names = [a.doc for a in answers]  # no document answered twice, in one file or two
    assert len(set(names)) == len(names)
    assert all(in_topics(name.split("_")[0], topics) for name in names)
    assert all(a.main_event for a in answers)
    assert all(set(a.slots) == set(SLOTS) for a in answers)


def test_answer_spans_find_every_occurrence() -> None:
    text = "Police arrested a man. The man, police said, was armed."
    first, second = text.index("man"), text.index("man", 19)
    assert answer_spans(text, ["man", "Police"]) == [
        (first, first + 3),
        (second, second + 3),
        (0, 6),
    ]
    assert answer_spans(text, [""]) == []


def test_a_slot_is_right_on_an_answer_or_rightly_empty() -> None:
    tally = JudgedTally()
    spans = {"who": [(0, 6)], "what": [(7, 15)], "when": [], "where": []}
    tally.add(spans, {"who": (0, 6), "what": (30, 33), "when": None, "where": (40, 45)})
    figures = tally.summary()
    assert [figures["slots"][s]["accuracy"] for s in SLOTS] == [1.0, 0.0, 1.0, 0.0]
    assert figures["all_four"] == 0.0


@pytest.mark.slow
@needs_shared("ecbplus.tar.gz")
@pytest.mark.parametrize("topics", ["even", "odd"])
def test_answers_are_strings_of_the_clean_text(topics: str) -> None:
    answers = [a for path in answer_files(topics) for a in read_answers(path)]
    golds = {g.name: g for g in iter_ecb_gold(topics=topics)}
    for answer in answers:
        view = clean_view(golds[answer.doc])
        assert view.article is not None, answer.doc
        for slot in SLOTS:
            for string in answer.slots[slot]:
                assert string in view.article.text, (answer.doc, slot, string)


# The frame against the odd (tuning) samples' written answers, both files (168 documents),
# measured with extractor version 11: who 0.863, what 0.821, when 0.827, where 0.726, mean
# 0.810, all four 0.488 (version 10: mean 0.802, all four 0.464); the second file alone
# (84 documents): mean 0.812, all four 0.512 (version 10: 0.801 and 0.464). The first file
# alone (84 documents, the figures below): version 11 who 0.821, what 0.845, when 0.798,
# where 0.762, mean 0.807, all four 0.464 (version 10: mean 0.804, all four 0.464;
# baseline mean 0.500; version 9: 0.768 and 0.429; version 8: 0.756 and 0.381; version 7:
# 0.741 and 0.369; version 6: 0.708 and 0.298; version 5: 0.682 and 0.262). Floors about
# 0.02 below; raise them when the frame improves.
JUDGED_MEAN_FLOOR = 0.79
JUDGED_ALL_FOUR_FLOOR = 0.47


@pytest.mark.slow
@needs_shared("ecbplus.tar.gz")
def test_judged_frame_floors() -> None:
    from benchmarks.extract_judged import evaluate

    result = evaluate(answer_files("odd"))
    assert not result["unmatched_answers"]
    wiretrace, baseline = result["judged"]["wiretrace"], result["judged"]["baseline"]
    assert wiretrace["mean_of_four"] >= JUDGED_MEAN_FLOOR
    assert wiretrace["all_four"] >= JUDGED_ALL_FOUR_FLOOR
    assert wiretrace["mean_of_four"] > baseline["mean_of_four"] + 0.1


# The frame against the PolNeAR dev (tuning) answers, 80 political news articles, extractor
# version 17: who 0.787, what 0.588, when 0.613, where 0.625, mean 0.653, all four 0.263
# (version 13: 0.613 and 0.175; version 11: 0.516 and 0.087; baseline mean 0.347). Floors
# about 0.01-0.02 below.
POLNEAR_DEV_MEAN_FLOOR = 0.64
POLNEAR_DEV_ALL_FOUR_FLOOR = 0.25


@pytest.mark.slow
@needs_shared("polnear-train-dev.tar.gz")
def test_judged_frame_floors_on_political_news() -> None:
    from benchmarks.extract_judged import evaluate_polnear

    result = evaluate_polnear("dev")
    assert not result["unmatched_answers"]
    wiretrace, baseline = result["judged"]["wiretrace"], result["judged"]["baseline"]
    assert wiretrace["mean_of_four"] >= POLNEAR_DEV_MEAN_FLOOR
    assert wiretrace["all_four"] >= POLNEAR_DEV_ALL_FOUR_FLOOR
    assert wiretrace["mean_of_four"] > baseline["mean_of_four"] + 0.2


@pytest.mark.slow
@needs_shared("ecbplus.tar.gz")
def test_the_second_odd_sample_is_the_seeded_draw_leaving_out_the_first() -> None:
    from benchmarks.draw_5w_sample import draw

    first, second = answer_files("odd")[:2]
    answered = frozenset(a.doc for a in read_answers(first))
    drawn = draw("odd", 4, 20261124, exclude=answered)
    assert [gold.name for gold, _ in drawn] == [a.doc for a in read_answers(second)]


@pytest.mark.parametrize("split", ["train", "dev"])
def test_the_polnear_answers_are_well_formed(split: str) -> None:
    from benchmarks.extract_judged import polnear_answers

    answers = read_answers(polnear_answers(split))
    assert len(answers) >= 80
    assert len({a.doc for a in answers}) == len(answers)
    assert all(a.main_event and set(a.slots) == set(SLOTS) for a in answers)


@pytest.mark.slow
@needs_shared("polnear-train-dev.tar.gz")
@pytest.mark.parametrize(("split", "seed"), [("train", 20261125), ("dev", 20261126)])
def test_the_polnear_answers_are_the_seeded_draw_and_strings_of_its_clean_text(
    split: str, seed: int
) -> None:
    from benchmarks.draw_5w_sample import draw_polnear
    from benchmarks.extract_judged import polnear_answers, polnear_articles

    answers = read_answers(polnear_answers(split))
    drawn = draw_polnear(80, seed, split)
    assert [line["doc"] for line in drawn] == [a.doc for a in answers]
    articles = polnear_articles(split)
    for answer in answers:
        text = articles[answer.doc][1].text
        for slot in SLOTS:
            for string in answer.slots[slot]:
                assert string in text, (answer.doc, slot, string)
