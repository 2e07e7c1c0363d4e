"""Quote extraction: hand-written sentences with hand-written answers, and PolNeAR floors.

The unit tests pin the behaviours the issue asks for (direct quotes either side of the
speaker, quotes over paragraphs, partial quotes, reported speech, "according to" chains,
speaker resolution). The slow tests run ``benchmarks.extract_quotes`` on PolNeAR dev and
check floors set just under what was measured (raise them when extraction improves) and the
issue's targets.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import needs_shared
from wiretrace.extract.quotes import find_quotes, quote_spans
from wiretrace.models import Quote

ARCHIVE = "polnear-train-dev.tar.gz"


def quotes(text: str) -> list[Quote]:
    from wiretrace.nlp import default_parser

    return find_quotes(default_parser().parse(text))


def source(text: str, quote: Quote) -> str | None:
    if quote.source_start is None or quote.source_end is None:
        return None
    return text[quote.source_start : quote.source_end]


def only(text: str) -> Quote:
    found = quotes(text)
    assert len(found) == 1, found
    return found[0]


# -- quote marks, from the text alone ---------------------------------------------------------


def test_quote_spans_pair_curly_and_straight_marks() -> None:
    text = 'He said “yes” and she said "no".'
    assert [text[s.start : s.end] for s in quote_spans(text)] == ["yes", "no"]


def test_quote_spans_continue_over_paragraphs() -> None:
    text = "“First part.\n\n“Second part,” she said."
    (span,) = quote_spans(text)
    assert text[span.start : span.end] == "First part.\n\n“Second part,"


def test_quote_spans_end_an_unclosed_quote_at_the_paragraph() -> None:
    text = "“Never closed.\n\nA new paragraph."
    (span,) = quote_spans(text)
    assert text[span.start : span.end] == "Never closed."


def test_quote_spans_read_two_apostrophes_as_a_double_quote() -> None:
    text = "He said ''we are ready,'' and left. It's the players' turn."
    (span,) = quote_spans(text)
    assert text[span.start : span.end] == "we are ready,"


# -- the attribution model ---------------------------------------------------------------------


def test_attribution_model_file_loads() -> None:
    from wiretrace.extract.attribution_model import load_model

    model = load_model()
    assert 0 < model.threshold < 1
    assert len(model.weights) > 1000
    assert model.probability(["w=said", "lex=cue", "is_cue", "c=ccomp", "subj=PERSON"]) > 0.5


def test_attribution_model_rejects_a_malformed_file() -> None:
    from wiretrace.extract.attribution_model import parse_model

    good = {"weights": {"w=said": 1.0}, "bias": -1.0, "threshold": 0.5}
    good |= {"training_data": "x", "trained": "2026-01-01"}
    assert parse_model(good).weights == {"w=said": 1.0}
    for bad in ({**good, "threshold": 1.5}, {**good, "weights": []}, {"weights": {}}):
        with pytest.raises(ValueError):
            parse_model(bad)


def test_model_finds_a_cue_outside_the_word_lists() -> None:
    text = "Senator Ann Park slammed the governor's tax plan on Tuesday."  # not in the lists
    (quote,) = quotes(text)
    assert quote.kind == "indirect"
    assert quote.speaker == "Ann Park"
    assert "tax plan" in quote.text


# -- direct quotes -----------------------------------------------------------------------------


def test_speaker_before_a_colon() -> None:
    text = "John Smith said: “We will win this election.”"
    quote = only(text)
    assert quote.kind == "direct"
    assert quote.text == "We will win this election."
    assert text[quote.start : quote.end] == "We will win this election."
    assert quote.speaker == "John Smith"
    assert source(text, quote) == "John Smith"
    assert quote.cue == "said"


def test_pronoun_after_the_quote_resolves_to_the_person() -> None:
    text = "Mary Jones visited the factory on Monday. “The economy is strong,” she said."
    quote = only(text)
    assert quote.kind == "direct"
    assert quote.speaker == "Mary Jones"
    assert source(text, quote) == "she"


def test_inverted_cue_with_apposition() -> None:
    text = "“We are ready,” said Jane Doe, the minister."
    quote = only(text)
    assert quote.speaker == "Jane Doe"
    assert quote.cue == "said"
    assert (source(text, quote) or "").startswith("Jane Doe")


def test_straight_quote_marks() -> None:
    text = 'Ann Park said: "Prices will rise next year."'
    quote = only(text)
    assert quote.text == "Prices will rise next year."
    assert quote.speaker == "Ann Park"


def test_quote_over_two_paragraphs_is_one_quote() -> None:
    text = "“The first paragraph of a long quote.\n\n“The second one ends it,” Smith added."
    quote = only(text)
    assert quote.text == "The first paragraph of a long quote. The second one ends it,"
    assert quote.speaker == "Smith"
    assert quote.cue == "added"


def test_following_quote_without_a_cue_keeps_the_speaker() -> None:
    text = "Ann Park said: “The plan works.”\n\n“We will expand it next year.”"
    first, second = quotes(text)
    assert second.text == "We will expand it next year."
    assert second.speaker == "Ann Park"
    assert second.confidence < first.confidence


# -- partial and indirect quotes ---------------------------------------------------------------


def test_partial_quote_inside_the_reporters_sentence() -> None:
    text = "Mary Jones met voters on Monday. She called the plan “a historic step” for the country."
    quote = only(text)
    assert quote.kind == "partial"
    assert quote.text == "a historic step"
    assert quote.speaker == "Mary Jones"


def test_scare_quotes_are_not_quotes() -> None:
    assert quotes("The so-called “experts” met in a hotel.") == []


def test_reported_speech_with_a_bare_surname() -> None:
    text = "Robert Lee, the senator, arrived late. Lee said that the vote would be delayed."
    quote = only(text)
    assert quote.kind == "indirect"
    assert quote.text == "that the vote would be delayed"
    assert quote.speaker == "Robert Lee"
    assert source(text, quote) == "Lee"


def test_listener_is_part_of_the_cue_and_organisations_stay_as_written() -> None:
    text = "A ministry spokesman told reporters that the talks had failed."
    quote = only(text)
    assert quote.cue == "told reporters"
    assert quote.speaker == "A ministry spokesman"
    assert quote.text == "that the talks had failed"


def test_according_to_with_a_citing_chain() -> None:
    text = "The army shelled the town overnight, according to the ministry, citing witnesses."
    quote = only(text)
    assert quote.kind == "indirect"
    assert quote.text == "The army shelled the town overnight"
    assert quote.cue == "according to"
    assert quote.speaker == "the ministry"
    assert quote.via == ["witnesses"]


def test_said_according_to_citing_gives_the_chain_nearest_first() -> None:
    text = "Smith said the bridge had collapsed, according to the agency, citing local officials."
    found = quotes(text)
    assert [q.text for q in found] == ["the bridge had collapsed"]
    assert found[0].speaker == "Smith"
    assert found[0].via == ["the agency", "local officials"]


def test_stated_position_as_an_object() -> None:
    text = "Peter Brown criticized the decision on Tuesday."
    quote = only(text)
    assert quote.kind == "indirect"
    assert quote.speaker == "Peter Brown"
    assert quote.text.startswith("the decision")


def test_title_in_running_text_is_not_a_quote() -> None:
    text = "Ann Park told the network's “Evening Report” that taxes would rise next year."
    quote = only(text)
    assert quote.kind == "indirect"
    assert quote.text == "that taxes would rise next year"
    assert quote.speaker == "Ann Park"


def test_quoted_words_inside_a_statement_leave_it_its_own_words() -> None:
    text = "Lee argued that the plan would fail, saying it was “a waste of money.”"
    found = quotes(text)
    kinds = {q.kind: q for q in found}
    assert kinds["partial"].text == "a waste of money."
    assert kinds["indirect"].text.startswith("that the plan would fail")
    assert kinds["indirect"].cue == "argued"
    assert kinds["indirect"].end <= kinds["partial"].start


def test_passive_cue_reports_its_subject() -> None:
    text = "The plan was criticized by Ann Park on Monday."
    quote = only(text)
    assert quote.text == "The plan"
    assert quote.cue == "was criticized"
    assert quote.speaker == "Ann Park"


def test_statement_before_a_comma_and_its_cue() -> None:
    text = "The bridge will reopen in May, the minister told a parliamentary panel."
    quote = only(text)
    assert quote.text == "The bridge will reopen in May"
    assert source(text, quote) == "the minister"


def test_share_of_people_left_as_a_modifier_is_the_source() -> None:
    text = "About 4 in 10 say they want a change of direction."
    quote = only(text)
    assert quote.text == "they want a change of direction"
    assert source(text, quote) == "About 4 in 10"


def test_hearsay_adverb_reports_without_a_source() -> None:
    text = "The senator has reportedly been meeting donors in private since January."
    quote = only(text)
    assert quote.cue == "reportedly"
    assert quote.speaker is None
    assert quote.text == "been meeting donors in private since January"


def test_relative_clause_attribution_is_its_own_and_resolves_the_pronoun() -> None:
    text = "“We will win,” said Robert Lee, who predicted that turnout would be high."
    direct, indirect = quotes(text)
    assert source(text, direct) == "Robert Lee"
    assert indirect.text == "that turnout would be high"
    assert source(text, indirect) == "who"
    assert indirect.speaker == "Robert Lee"


def test_headline_names_a_source_not_a_label() -> None:
    text = "Poll: Voters want a new direction in the capital\n\nThe survey was taken last week."
    quote = next(q for q in quotes(text) if q.cue == ":")
    assert quote.text == "Voters want a new direction in the capital"
    assert source(text, quote) == "Poll"
    labelled = text.replace("Poll:", "Breaking:")
    assert all(q.cue != ":" for q in quotes(labelled))


def test_quotes_are_sorted_by_start() -> None:
    text = (
        "The bridge was closed, the ministry said. Ann Park said: “It will reopen soon.” "
        "Lee warned that repairs could take a year."
    )
    found = quotes(text)
    assert len(found) == 3
    assert [q.start for q in found] == sorted(q.start for q in found)


# -- PolNeAR ----------------------------------------------------------------------------------

# Measured on PolNeAR dev (all 84 articles, 2192 gold attributions), en_core_web_sm 3.8.0,
# with `python -m benchmarks.extract_quotes --split dev`. Rules and the attribution model were
# developed and trained on train only (cross-validated on train: F1 0.838, speaker 0.877).
CONTENT_OVERLAP_F1_FLOOR = 0.85  # measured 0.853 (baseline 0.429)
CONTENT_OVERLAP_P_FLOOR = 0.87  # measured 0.873
SOURCE_OVERLAP_F1_FLOOR = 0.80  # measured 0.806 (baseline 0.210)
SPEAKER_ACCURACY_FLOOR = 0.87  # measured 0.875 (baseline 0.287)
CUE_F1_FLOOR = 0.79  # measured 0.792
# The targets.
CONTENT_TARGET = 0.85
SPEAKER_TARGET = 0.85


@pytest.fixture(scope="module")
def dev() -> dict[str, Any]:
    from benchmarks.extract_quotes import evaluate  # parses with spaCy: slow tests only

    return evaluate("dev")


@pytest.mark.slow
@needs_shared(ARCHIVE)
def test_polnear_dev_floors(dev: dict[str, Any]) -> None:
    ours, baseline = dev["wiretrace"], dev["baseline"]
    assert dev["articles"] == 84
    assert ours["content_overlap_f1"] >= CONTENT_OVERLAP_F1_FLOOR
    assert ours["content_overlap_p"] >= CONTENT_OVERLAP_P_FLOOR
    assert ours["source_overlap_f1"] >= SOURCE_OVERLAP_F1_FLOOR
    assert ours["speaker_accuracy"] >= SPEAKER_ACCURACY_FLOOR
    assert ours["cue_f1"] >= CUE_F1_FLOOR
    assert ours["content_overlap_f1"] > baseline["content_overlap_f1"]
    assert ours["speaker_accuracy"] > baseline["speaker_accuracy"]


@pytest.mark.slow
@needs_shared(ARCHIVE)
def test_polnear_dev_content_target(dev: dict[str, Any]) -> None:
    assert dev["wiretrace"]["content_overlap_f1"] >= CONTENT_TARGET


@pytest.mark.slow
@needs_shared(ARCHIVE)
def test_polnear_dev_speaker_target(dev: dict[str, Any]) -> None:
    assert dev["wiretrace"]["speaker_accuracy"] >= SPEAKER_TARGET
