"""The written 5W answers (benchmarks/data) stay usable: well formed, on the right topics, and
every answer a verbatim string of its document's clean text; the scorer finds every
occurrence; and the frame keeps its figures against the odd (tuning) sample's answers."""

from __future__ import annotations

import pytest

from benchmarks.ecb_gold import SLOTS, clean_view, in_topics, iter_ecb_gold
from benchmarks.extract_judged import JudgedTally, answer_files, answer_spans, read_answers
from tests.conftest import EVAL, needs_shared


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


# The frame against the written answers of the tuning sets, each pinned on the files it was
# measured on, floors about 0.02 below (raise them when the frame improves; never lower them).
# ECB+ odd, first two files (168 documents), extractor version 24: who 0.881, what 0.857, when
# 0.839, where 0.738, mean 0.829, all four 0.524 (version 11: 0.810 and 0.488; version 5,
# first file alone: 0.682 and 0.262). The third file (84 other documents, answered after
# version 24 was frozen, so its first figures are an unseen measurement): mean 0.708, all four
# 0.286. PolNeAR dev (80 political news articles), version 24: mean 0.681, all four 0.312
# (version 17: 0.653 and 0.263; version 11: 0.516 and 0.087; baseline mean 0.347). Its second
# file (80 other articles of the train split, none of the held-out ones; answered after version
# 24): mean 0.616, all four 0.237.
# Version 25 (round 14, tuned on all four files): ECB+ odd first two files 0.841 / 0.560,
# the third 0.753 / 0.405; PolNeAR dev 0.703 / 0.362, its second file 0.656 / 0.300.
# Version 26 (two where rules for political news): PolNeAR dev 0.706 / 0.375, dev-2
# 0.669 / 0.325; ECB+ unchanged.
# Version 27 (round 16: four when rules, two where rules): ECB+ odd first two files
# 0.847 / 0.571, the third 0.765 / 0.429; PolNeAR dev 0.719 / 0.400, dev-2 0.678 / 0.350.
JUDGED_FLOORS = [  # (corpus, which answer files, mean floor, all-four floor)
    ("ecbplus", slice(0, 2), 0.83, 0.55),
    ("ecbplus", slice(2, 3), 0.74, 0.40),
    ("polnear", slice(0, 1), 0.70, 0.38),
    ("polnear", slice(1, 2), 0.66, 0.33),
]


@pytest.mark.slow
@pytest.mark.parametrize(("corpus", "files", "mean_floor", "all_four_floor"), JUDGED_FLOORS)
def test_judged_frame_floors(
    corpus: str, files: slice, mean_floor: float, all_four_floor: float
) -> None:
    from benchmarks.extract_judged import evaluate, evaluate_polnear, polnear_answers

    archive = "ecbplus.tar.gz" if corpus == "ecbplus" else "polnear-train-dev.tar.gz"
    if not (EVAL / archive).exists():
        pytest.skip(f"{EVAL / archive} is absent: clone the project with ../shared beside it")
    if corpus == "ecbplus":
        result = evaluate(answer_files("odd")[files])
    else:
        result = evaluate_polnear("dev", polnear_answers("dev")[files])
    assert not result["unmatched_answers"]
    wiretrace, baseline = result["judged"]["wiretrace"], result["judged"]["baseline"]
    assert wiretrace["mean_of_four"] >= mean_floor
    assert wiretrace["all_four"] >= all_four_floor
    assert wiretrace["mean_of_four"] > baseline["mean_of_four"] + 0.1
    # the misses an error analysis reads are exactly the slots counted wrong
    for slot, figures in wiretrace["slots"].items():
        wrong = sum(row["slot"] == slot for row in result["misses"])
        assert wrong == round(result["documents"] * (1 - figures["accuracy"]))


@pytest.mark.slow
@needs_shared("ecbplus.tar.gz")
def test_the_later_odd_samples_are_the_seeded_draws_leaving_out_the_earlier() -> None:
    from benchmarks.draw_5w_sample import draw

    first, second, third = answer_files("odd")[:3]
    answered = frozenset(a.doc for a in read_answers(first))
    drawn = draw("odd", 4, 20261124, exclude=answered)
    assert [gold.name for gold, _ in drawn] == [a.doc for a in read_answers(second)]
    answered |= {a.doc for a in read_answers(second)}
    drawn = draw("odd", 4, 20261127, exclude=answered)
    assert [gold.name for gold, _ in drawn] == [a.doc for a in read_answers(third)]


@pytest.mark.parametrize("split", ["train", "dev"])
def test_the_polnear_answers_are_well_formed(split: str) -> None:
    from benchmarks.extract_judged import polnear_answers

    paths = polnear_answers(split)
    assert all(len(read_answers(path)) >= 80 for path in paths)
    answers = [a for path in paths for a in read_answers(path)]
    assert len({a.doc for a in answers}) == len(answers)  # none answered twice
    assert all(a.main_event and set(a.slots) == set(SLOTS) for a in answers)


def test_the_held_out_polnear_articles_are_in_no_tuning_sample() -> None:
    from benchmarks.extract_judged import polnear_answers

    (held_out,) = polnear_answers("train")
    tuning = {a.doc for path in polnear_answers("dev") for a in read_answers(path)}
    assert not tuning & {a.doc for a in read_answers(held_out)}


@pytest.mark.slow
@needs_shared("polnear-train-dev.tar.gz")
@pytest.mark.parametrize(("split", "seed"), [("train", 20261125), ("dev", 20261126)])
def test_the_polnear_answers_are_the_seeded_draw_and_strings_of_its_clean_text(
    split: str, seed: int
) -> None:
    from benchmarks.draw_5w_sample import draw_polnear
    from benchmarks.extract_judged import polnear_answers, polnear_articles

    answers = read_answers(polnear_answers(split)[0])
    drawn = draw_polnear(80, seed, split)
    assert [line["doc"] for line in drawn] == [a.doc for a in answers]
    articles = polnear_articles(split)
    for answer in answers:
        text = articles[answer.doc][1].text
        for slot in SLOTS:
            for string in answer.slots[slot]:
                assert string in text, (answer.doc, slot, string)


@pytest.mark.slow
@needs_shared("polnear-train-dev.tar.gz")
def test_the_later_polnear_tuning_sample_is_drawn_from_train_leaving_out_the_held_out() -> None:
    from benchmarks.draw_5w_sample import draw_polnear
    from benchmarks.extract_judged import polnear_answers, polnear_articles

    (held_out,) = polnear_answers("train")
    second = read_answers(polnear_answers("dev")[1])
    drawn = draw_polnear(80, 20261128, "train", frozenset(a.doc for a in read_answers(held_out)))
    assert [line["doc"] for line in drawn] == [a.doc for a in second]
    articles = polnear_articles("train")
    for answer in second:
        for slot in SLOTS:
            for string in answer.slots[slot]:
                assert string in articles[answer.doc][1].text, (answer.doc, slot, string)
