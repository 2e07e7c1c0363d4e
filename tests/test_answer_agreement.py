"""Two annotators' answers are compared slot by slot, both ways the module docstring gives."""

from __future__ import annotations

import pytest

from benchmarks.answer_agreement import (
    PAIRS,
    agree,
    compare,
    ecb_texts,
    first_span,
    polnear_texts,
)
from benchmarks.ecb_gold import SLOTS
from benchmarks.extract_judged import DATA, Answers, read_answers
from tests.conftest import needs_shared

TEXT = "Police in Lakeview arrested a driver on Sunday. The driver, police said, had fled."


def answers(doc: str, **slots: tuple[str, ...]) -> Answers:
    return Answers(doc, "an arrest", {s: slots.get(s, ()) for s in SLOTS})


def test_agree_needs_both_empty_or_an_overlap() -> None:
    assert agree(TEXT, (), ())
    assert not agree(TEXT, ("on Sunday",), ())
    assert agree(TEXT, ("a driver",), ("driver",))
    assert not agree(TEXT, ("Police",), ("a driver",))


def test_the_first_span_is_the_first_listed_string_found_first() -> None:
    assert first_span(TEXT, ("not there", "driver")) == (30, 36)
    assert first_span(TEXT, ()) is None


def test_compare_reads_both_ways() -> None:
    first = [answers("d1", who=("Police", "a driver"), what=("arrested",), when=("on Sunday",))]
    # the second annotator names the driver first, misses the time and adds a place
    second = [answers("d1", who=("driver",), what=("arrested",), where=("Lakeview",))]
    result = compare(first, second, {"d1": TEXT})
    assert result["documents"] == 1
    assert result["agree"] == {"who": 1.0, "what": 1.0, "when": 0.0, "where": 0.0}
    assert result["agree_all_four"] == 0.0
    # as a system: "driver" (second) hits the first's who; "Police" (first) misses the
    # second's; both directions miss when and where
    assert result["as_system"] == {"who": 0.5, "what": 1.0, "when": 0.0, "where": 0.0}
    assert result["as_system_mean"] == 0.375


def test_compare_skips_documents_only_one_file_answers() -> None:
    first = [answers("d1", what=("arrested",)), answers("d2", what=("fled",))]
    second = [answers("d2", what=("had fled",))]
    result = compare(first, second, {"d1": TEXT, "d2": TEXT})
    assert result["documents"] == 1
    assert result["agree_all_four"] == 1.0


@pytest.mark.parametrize(("_name", "first_file", "second_file", "_source"), PAIRS)
def test_the_second_answers_cover_the_first_files_opening_documents(
    _name: str, first_file: str, second_file: str, _source: str
) -> None:
    first, second = read_answers(DATA / first_file), read_answers(DATA / second_file)
    assert len(second) >= 40
    assert [a.doc for a in second] == [a.doc for a in first[: len(second)]]
    assert all(a.main_event and set(a.slots) == set(SLOTS) for a in second)


@pytest.mark.slow
@needs_shared("ecbplus.tar.gz")
@needs_shared("polnear-train-dev.tar.gz")
def test_the_second_answers_are_strings_of_the_clean_text() -> None:
    for _, _, second_file, source in PAIRS:
        second = read_answers(DATA / second_file)
        docs = {a.doc for a in second}
        texts = ecb_texts(docs) if source == "ecb" else polnear_texts(source)
        for answer in second:
            for slot in SLOTS:
                for string in answer.slots[slot]:
                    assert string in texts[answer.doc], (answer.doc, slot, string)
