"""Extraction quality cannot silently drop: pinned floors on the first 150 ECB+ documents.

Runs the ECB+ part of ``benchmarks.extract`` (wiretrace and the spaCy-NER baseline in the same
run; about 40 s on 2 cores) and checks each figure against a floor set about 0.02 below what
the code measured. Raise a floor when extraction gets better; do not lower one to let a change
pass. Where wiretrace does not beat the baseline yet (frame ``when`` and ``where``), the test
is ``xfail(strict=False)`` with the measured figures in the reason. Throughput is a benchmark
figure, not a test: ``python -m benchmarks.extract`` prints it.
"""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks.extract import EcbEvaluation, evaluate_ecb, iter_ecb_gold, layout_sentence
from tests.conftest import needs_shared

ARCHIVE = "ecbplus.tar.gz"
SUBSET = 150  # documents 1_10ecb.xml .. (topics 1-3), in the loader's stable order

# Measured on the first 150 documents (gold and predictions restricted to annotated sentences),
# with sentences split at line breaks (wiretrace's parser and the baseline alike).
MENTION_F1_FLOORS = {
    "participant": 0.50,  # measured 0.517 (baseline 0.521)
    "time": 0.81,  # measured 0.829 (baseline 0.840)
    "place": 0.45,  # measured 0.473 (baseline 0.386)
}
MENTION_PRECISION_FLOORS = {"participant": 0.71, "time": 0.87, "place": 0.56}  # 0.732 .894 .585
FRAME_FLOORS = {
    "who": 0.80,  # measured 0.827 (baseline 0.673)
    "what": 0.81,  # measured 0.833 (baseline 0.540)
    "when": 0.57,  # measured 0.592 (baseline 0.392)
    "where": 0.36,  # measured 0.387 (baseline 0.213)
}
FRAME_AVERAGE_FLOOR = 0.64  # measured 0.660 (baseline 0.455); the target is 0.85


@pytest.fixture(scope="module")
def ecb(parser: Any) -> EcbEvaluation:
    return evaluate_ecb(SUBSET, parser)


def _slot(evaluation: EcbEvaluation, system: str, slot: str) -> float:
    return evaluation.slots[system][slot].summary()["accuracy"]


@pytest.mark.slow
@needs_shared(ARCHIVE)
def test_gold_mentions_map_to_text_spans() -> None:
    docs = iter_ecb_gold(SUBSET)
    assert len(docs) == SUBSET
    for doc in docs:
        assert not doc.text.startswith("http")
        for mention in doc.mentions:
            span = doc.text[mention.start : mention.end]
            assert span and span == span.strip(), (doc.name, mention)
            start, end = doc.sentences[mention.sentence]
            assert start <= mention.start < end


@pytest.mark.slow
@needs_shared(ARCHIVE)
def test_mention_floors(ecb: EcbEvaluation) -> None:
    assert ecb.documents == SUBSET
    for kind, floor in MENTION_F1_FLOORS.items():
        figures = ecb.mentions["wiretrace"][kind].summary()
        assert figures["f1"] >= floor, (kind, figures)
        assert figures["precision"] >= MENTION_PRECISION_FLOORS[kind], (kind, figures)


@pytest.mark.slow
@needs_shared(ARCHIVE)
def test_frame_floors(ecb: EcbEvaluation) -> None:
    for slot, floor in FRAME_FLOORS.items():
        assert _slot(ecb, "wiretrace", slot) >= floor, slot
    assert ecb.frame_average("wiretrace") >= FRAME_AVERAGE_FLOOR


@pytest.mark.slow
@needs_shared(ARCHIVE)
@pytest.mark.parametrize("slot", ["who", "what", "when", "where"])
def test_frame_beats_baseline(ecb: EcbEvaluation, slot: str) -> None:
    assert _slot(ecb, "wiretrace", slot) >= _slot(ecb, "baseline", slot)


@pytest.mark.slow
@needs_shared(ARCHIVE)
@pytest.mark.xfail(strict=False, reason="issue 4 target not met: all-four 0.660 on this subset")
def test_frame_target_85_percent(ecb: EcbEvaluation) -> None:
    assert ecb.frame_average("wiretrace") >= 0.85


def test_layout_keeps_token_offsets() -> None:
    tokens = [
        "``",
        "We",
        "do",
        "n't",
        "know",
        ",",
        "''",
        "he",
        "said",
        "(",
        "at",
        "5",
        "%",
        ")",
        ".",
    ]
    line, spans = layout_sentence(tokens)
    assert line == '"We don\'t know," he said (at 5%).'
    assert [line[s:e] for s, e in spans] == ['"', *tokens[1:6], '"', *tokens[7:]]
