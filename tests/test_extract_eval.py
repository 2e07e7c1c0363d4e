"""Extraction quality cannot silently drop: pinned floors on the first 150 ECB+ documents of
the odd topics (the topics rules are tuned on; the even topics are held out and not run here).

Runs the ECB+ part of ``benchmarks.extract`` (wiretrace and the spaCy-NER baseline in the same
run; about 90 s on 2 cores: each document is parsed whole, for mentions, and after the clean
stage, for the frame) and checks each figure against a floor set about 0.02 below what the
code measured. Raise a floor when extraction gets better; do not lower one to let a change
pass. One exception, used once (extractor version 25) and written down where it happened:
this proxy counts an empty slot wrong on every document with a gold mention of its type,
whether or not that mention is the main event's, and cannot see a wrong answer removed from
a document without one. Rules that make a slot abstain can then lower the proxy while the
written answers (``benchmarks/extract_judged.py``, the better instrument) rise on the
held-out sets; the proxy floors hit were re-pinned with the documents behind the drop
listed in ``docs/extract.md``, and floors on the abstention-aware figures added. The
issue's 85 % target (all four slots right per article) is a strict xfail with the held-out
figures in the reason. Throughput is a benchmark figure, not a test:
``python -m benchmarks.extract_speed`` prints it.
"""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks.ecb_gold import (
    EcbEvaluation,
    clean_view,
    in_topics,
    iter_ecb_gold,
    layout_sentence,
)
from benchmarks.extract import evaluate_ecb
from tests.conftest import needs_shared

ARCHIVE = "ecbplus.tar.gz"
SUBSET = 150  # the first documents of the odd topics (1_10ecb.xml .. topic 13), loader order
TOPICS = "odd"

# Measured on those documents (gold and predictions restricted to the sentences the corpus
# annotates), with sentences split at line breaks (wiretrace's parser and the baseline alike).
MENTION_F1_FLOORS = {
    "participant": 0.51,  # measured 0.530 (baseline 0.535)
    "time": 0.85,  # measured 0.876 (baseline 0.871)
    "place": 0.57,  # measured 0.592 (baseline 0.500)
}
MENTION_PRECISION_FLOORS = {"participant": 0.67, "time": 0.89, "place": 0.63}  # .691 .910 .654
# Strict frame measure: the slot overlaps a gold mention of its type, over the documents with one.
FRAME_FLOORS = {
    "who": 0.88,  # 0.912 with versions 26-27, 0.905 at 11 (baseline 0.565)
    "what": 0.88,  # 0.893 with versions 26-27, 0.900 at 11 (baseline 0.587)
    # measured 0.795 with version 27 (0.803 with 26; 0.812 earlier): round 16 dates nothing
    # by a time in a relative clause on a person, which a wrong parse can put there
    "when": 0.79,
    # measured 0.830 with version 27 (0.840 with 25-26; 0.872 with versions 9-24): re-pinned
    # lower at version 25, see the module docstring and docs/extract.md (round 14)
    "where": 0.82,
}
FRAME_AVERAGE_FLOOR = 0.84  # 0.857 with version 27 (0.862 with 25-26, 0.872 with 11-24)
# all four right per article: measured 0.685 of 73 with version 27 (0.699 with 25-26, 0.753
# with versions 11-24; baseline 0.082): re-pinned lower at version 25, as "where" above
ALL_FOUR_FLOOR = 0.68
# an empty slot right without gold: 0.607 with version 27 (0.593 with 25; 0.580 before;
# baseline 0.107)
ALL_FOUR_WITH_ABSENCE_FLOOR = 0.58
# where, an empty slot right without gold: 0.787 with version 27 (0.780 with 25, 0.753 with 24)
WHERE_WITH_ABSENCE_FLOOR = 0.77


@pytest.fixture(scope="module")
def ecb(parser: Any) -> EcbEvaluation:
    return evaluate_ecb(SUBSET, parser, TOPICS)


def _slot(evaluation: EcbEvaluation, system: str, slot: str) -> float:
    return evaluation.slots[system][slot].summary()["accuracy"]


@pytest.mark.slow
@needs_shared(ARCHIVE)
def test_gold_mentions_map_to_text_spans() -> None:
    docs = iter_ecb_gold(SUBSET, TOPICS)
    assert len(docs) == SUBSET
    assert all(in_topics(d.topic, TOPICS) and int(d.topic) % 2 == 1 for d in docs)
    assert sum(bool(d.selected) for d in docs) >= SUBSET - 2  # the corpus lists nearly all
    for doc in docs:
        assert doc.main_event, doc.name
        assert not doc.text.startswith("http")
        for mention in doc.mentions:
            span = doc.text[mention.start : mention.end]
            assert span and span == span.strip(), (doc.name, mention)
            start, end = doc.sentences[mention.sentence]
            assert start <= mention.start < end


@pytest.mark.slow
@needs_shared(ARCHIVE)
def test_clean_view_maps_back_to_the_ecb_text() -> None:
    views = [clean_view(doc) for doc in iter_ecb_gold(40, TOPICS)]
    assert sum(v.article is None for v in views) <= 2  # a rare text the clean stage rejects
    for doc, view in zip(iter_ecb_gold(40, TOPICS), views, strict=True):
        if view.article is None:
            continue
        for paragraph in view.article.text.split("\n\n"):
            start = view.article.text.index(paragraph)
            mapped = view.to_source((start, start + len(paragraph)))
            assert mapped is not None
            assert doc.text[mapped[0] : mapped[1]] == paragraph


def test_topics_split_by_parity() -> None:
    assert in_topics("3", "odd") and not in_topics("3", "even") and in_topics("4", "all")
    with pytest.raises(ValueError):
        in_topics("3", "half")


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
    assert ecb.all_four["wiretrace"].summary()["accuracy"] >= ALL_FOUR_FLOOR
    with_absence = ecb.all_four_with_absence["wiretrace"].summary()["accuracy"]
    assert with_absence >= ALL_FOUR_WITH_ABSENCE_FLOOR
    where = ecb.slots["wiretrace"]["where"].summary()["with_absence"]
    assert where >= WHERE_WITH_ABSENCE_FLOOR


@pytest.mark.slow
@needs_shared(ARCHIVE)
@pytest.mark.parametrize("slot", ["who", "what", "when", "where"])
def test_frame_beats_baseline(ecb: EcbEvaluation, slot: str) -> None:
    assert _slot(ecb, "wiretrace", slot) >= _slot(ecb, "baseline", slot)


@pytest.mark.slow
@needs_shared(ARCHIVE)
@pytest.mark.xfail(
    strict=True,
    reason=(
        "issue 4 target not met: who, what, when and where all right for 85 % of articles; "
        "0.493 of the held-out even topics' articles by this proxy (mean of the four slots "
        "0.755 held out), against answers written for 88 held-out articles 0.330 (mean "
        "of the four 0.716), and for 80 held-out PolNeAR political articles 0.175 (mean 0.597)"
    ),
)
def test_frame_target_85_percent(ecb: EcbEvaluation) -> None:
    # the words, "who/what/when/where right for >= 85 % of articles", read per
    # article: all four slots right at once (the mean of the slots already passes 0.85 on
    # this subset, the topics the rules were tuned on, and is 0.755 on held-out topics)
    assert ecb.all_four["wiretrace"].summary()["accuracy"] >= 0.85


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
