"""ECB+ with its gold mentions as character spans of the text wiretrace reads, and the tallies
that score predictions against them.

Each document is rebuilt as plain text token by token (one sentence a line, the URL line of
``ecbplus`` documents dropped), so every gold mention maps exactly to a character span.
Only the sentences the corpus lists as annotated (``ECBplus_coreference_sentences.csv``)
count for mentions. :func:`clean_view` maps the clean stage's article back to those spans.
Used by :mod:`benchmarks.extract`.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from benchmarks.datasets import unpack
from wiretrace.models import Article, RawDocument

ARCHIVE = "ecbplus.tar.gz"
SELECTION = "ECBplus_coreference_sentences.csv"  # the corpus's list of annotated sentences
TOPICS = ("all", "odd", "even")
KINDS = ("participant", "time", "place")
REPORTING_TAGS = frozenset({"ACTION_REPORTING", "NEG_ACTION_REPORTING"})
# A duration ("two nights") or a repetition ("every year") says how long or how often, not when.
NOT_WHEN_TAGS = frozenset({"TIME_DURATION", "TIME_REPETITION"})
STAMP_WORDS = 5  # words besides the time on a date-stamp line ("Posted on", "Updated")

SLOTS = ("who", "what", "when", "where")
SYSTEMS = ("wiretrace", "baseline")
SLOT_KIND = {"who": "participant", "what": "action", "when": "time", "where": "place"}

Span_ = tuple[int, int]

# --------------------------------------------------------------------------------------------
# ECB+ with gold mention spans
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """A gold mention: ``kind`` is participant, time, place, action or other; ``instance``
    the cross-document chain it belongs to ("" when it is in none)."""

    kind: str
    label: str
    start: int
    end: int
    sentence: int
    instance: str = ""


@dataclass(frozen=True)
class EcbGold:
    """One ECB+ document as the text wiretrace reads, its sentences and gold mentions.

    ``selected`` are the sentences the corpus lists as annotated (its
    ``ECBplus_coreference_sentences.csv``); ``stamps`` the lines that only carry a date or
    time stamp ("PUBLISHED: May 2, 2013, 1:32 PM"); ``main_event`` the chains of the
    sub-topic's main event (set by :func:`iter_ecb_gold`).
    """

    name: str
    topic: str
    text: str
    sentences: tuple[Span_, ...]  # character span of each kept sentence, in order
    mentions: tuple[Mention, ...]
    selected: frozenset[int] = frozenset()
    stamps: frozenset[int] = frozenset()
    main_event: frozenset[str] = frozenset()

    @property
    def subtopic(self) -> str:
        """The topic and its half: each ECB+ topic has an ``ecb`` and an ``ecbplus`` event."""
        return f"{self.topic}{'plus' if 'ecbplus' in self.name else ''}"

    @property
    def annotated(self) -> frozenset[int]:
        """Indexes (into :attr:`sentences`) of the annotated sentences: the corpus's selection,
        or for the few documents it does not list, the sentences with a gold mention."""
        return self.selected or frozenset(m.sentence for m in self.mentions)

    def in_annotated(self, start: int) -> bool:
        return any(self.sentences[i][0] <= start < self.sentences[i][1] for i in self.annotated)

    def gold(self, kind: str) -> list[Span_]:
        return [(m.start, m.end) for m in self.mentions if m.kind == kind]

    def slot_gold(self, slot: str) -> list[Span_]:
        """The gold spans a frame slot may hit: ``what`` an action other than a reporting
        one ("said", "told"); ``when`` a date or time of day (not a duration or repetition)
        outside a date-stamp line (the publication date is not the event's time)."""
        kind = SLOT_KIND[slot]
        return [
            (m.start, m.end)
            for m in self.mentions
            if m.kind == kind
            and not (slot == "what" and m.label in REPORTING_TAGS)
            and not (slot == "when" and (m.sentence in self.stamps or m.label in NOT_WHEN_TAGS))
        ]

    def main_event_gold(self) -> list[Span_]:
        return [(m.start, m.end) for m in self.mentions if m.instance in self.main_event]


def mention_kind(tag: str) -> str:
    """The kind of an ECB+ markable tag (``HUMAN_PART_PER`` -> participant, ...)."""
    if tag.startswith("HUMAN_PART"):
        return "participant"
    if tag.startswith("TIME_"):
        return "time"
    if tag.startswith("LOC_"):
        return "place"
    if tag.startswith(("ACTION_", "NEG_ACTION_")):
        return "action"
    return "other"


def in_topics(topic: str, topics: str) -> bool:
    """Whether ECB+ topic ``topic`` (its folder number) is among ``topics``: ``all``,
    ``odd`` (the topics rules are tuned on) or ``even`` (held out, only reported)."""
    if topics not in TOPICS:
        raise ValueError(f"topics must be one of {', '.join(TOPICS)}, not {topics!r}")
    return topics == "all" or int(topic) % 2 == (1 if topics == "odd" else 0)


_QUOTES = {"``": '"', "''": '"'}
_NO_SPACE_BEFORE = re.compile(r"[.,;:!?%)\]}]+|'|n't|'(?:s|re|ve|ll|d|m)", re.IGNORECASE)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$"})


def layout_sentence(tokens: Sequence[str]) -> tuple[str, list[Span_]]:
    """Join tokens as a reader would write them; return the line and each token's span."""
    line = ""
    spans: list[Span_] = []
    glue = True  # no space before the next token
    quote_open = False
    for raw in tokens:
        token = _QUOTES.get(raw, raw)
        if not token:
            spans.append((len(line), len(line)))
            continue
        space = not glue
        glue = False
        if _NO_SPACE_BEFORE.fullmatch(token):
            space = False
        elif token == '"':
            opening = raw == "``" or (raw == '"' and not quote_open)
            quote_open = opening
            if opening:
                glue = True
            else:
                space = False
        elif token in _NO_SPACE_AFTER:
            glue = True
        if space and line:
            line += " "
        spans.append((len(line), len(line) + len(token)))
        line += token
    return line, spans


def _stamp_lines(
    lines: Sequence[str], mentions: Sequence[Mention], base: Sequence[int]
) -> set[int]:
    """Lines that only date the report: a gold time, no gold action, and at most
    :data:`STAMP_WORDS` other words ("Posted on May 2, 2013 08:45 AM")."""
    actions = {m.sentence for m in mentions if m.kind == "action"}
    stamps: set[int] = set()
    for index, line in enumerate(lines):
        times = [m for m in mentions if m.kind == "time" and m.sentence == index]
        if not times or index in actions:
            continue
        rest = line
        for m in sorted(times, key=lambda m: -m.start):
            rest = rest[: m.start - base[index]] + " " + rest[m.end - base[index] :]
        if len(re.findall(r"[A-Za-z]+", rest)) <= STAMP_WORDS:
            stamps.add(index)
    return stamps


def read_ecb(path: Path, selected: frozenset[int] = frozenset()) -> EcbGold:
    """One ECB+ XML file as text plus gold mentions mapped to character spans; ``selected``
    are the corpus's annotated sentence numbers for it (as in the XML)."""
    root = ET.parse(path).getroot()
    by_sentence: dict[int, list[tuple[str, str]]] = {}
    for token in root.iter("token"):
        sentence = int(token.get("sentence", "0"))
        word = " ".join((token.text or "").split())  # a few tokens carry a tab
        by_sentence.setdefault(sentence, []).append((token.get("t_id", ""), word))
    lines: list[str] = []
    sentences: list[Span_] = []
    kept_selected: set[int] = set()
    token_at: dict[str, tuple[int, int, int]] = {}  # t_id -> (start, end, sentence index)
    offset = 0
    for number in sorted(by_sentence):
        ids, words = zip(*by_sentence[number], strict=True)
        if not lines and "".join(words).startswith("http"):
            continue  # the URL line of an ecbplus document
        line, spans = layout_sentence(words)
        index = len(lines)
        if number in selected:
            kept_selected.add(index)
        for t_id, (start, end) in zip(ids, spans, strict=True):
            token_at[t_id] = (offset + start, offset + end, index)
        lines.append(line)
        sentences.append((offset, offset + len(line)))
        offset += len(line) + 1
    markables = root.find("Markables")
    instance_of = {  # instance-level entries: m_id -> cross-document instance id
        m.get("m_id", ""): m.get("instance_id", "")
        for m in (markables if markables is not None else [])
        if m.get("instance_id")
    }
    chain: dict[str, str] = {}  # mention m_id -> its cross-document instance
    for relation in root.iter("CROSS_DOC_COREF"):
        target = relation.find("target")
        instance = instance_of.get(target.get("m_id", "")) if target is not None else None
        for source in relation.iter("source"):
            if instance:
                chain[source.get("m_id", "")] = instance
    mentions: list[Mention] = []
    for markable in markables if markables is not None else []:
        anchors = [token_at[a.get("t_id", "")] for a in markable.iter("token_anchor")]
        anchors = [a for a in anchors if a[1] > a[0]] if anchors else []
        if not anchors:
            continue  # an instance-level entry, or a mention in the dropped URL line
        start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
        kind = mention_kind(markable.tag)
        instance = chain.get(markable.get("m_id", ""), "")
        mentions.append(Mention(kind, markable.tag, start, end, anchors[0][2], instance))
    mentions.sort(key=lambda m: (m.start, m.end))
    stamps = _stamp_lines(lines, mentions, [s for s, _ in sentences])
    return EcbGold(
        path.name,
        path.parent.name,
        "\n".join(lines),
        tuple(sentences),
        tuple(mentions),
        frozenset(kept_selected),
        frozenset(stamps),
    )


def _selections(root: Path) -> dict[str, frozenset[int]]:
    """The corpus's annotated sentence numbers per document file name."""
    found: dict[str, set[int]] = {}
    path = root / SELECTION
    if path.exists():
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                name = f"{row['Topic']}_{row['File']}.xml"
                found.setdefault(name, set()).add(int(row["Sentence Number"]))
    return {name: frozenset(numbers) for name, numbers in found.items()}


def _with_main_events(docs: list[EcbGold]) -> list[EcbGold]:
    """Each document with its sub-topic's main event: the action chains (reporting ones
    aside) that at least a third of the sub-topic's documents mention, at least two."""
    by_subtopic: dict[str, list[EcbGold]] = {}
    for doc in docs:
        by_subtopic.setdefault(doc.subtopic, []).append(doc)
    out: dict[str, EcbGold] = {}
    for group in by_subtopic.values():
        counts: dict[str, int] = {}
        for doc in group:
            chains = {
                m.instance
                for m in doc.mentions
                if m.kind == "action" and m.instance and m.label not in REPORTING_TAGS
            }
            for chain in chains:
                counts[chain] = counts.get(chain, 0) + 1
        need = max(2, -(-len(group) // 3))
        main = frozenset(c for c, n in counts.items() if n >= need)
        for doc in group:
            out[doc.name] = replace(doc, main_event=main)
    return [out[d.name] for d in docs]


def iter_ecb_gold(limit: int | None = None, topics: str = "all") -> list[EcbGold]:
    """ECB+ documents with gold mentions, in the order of :func:`datasets.iter_ecbplus`: the
    first ``limit`` of the chosen ``topics`` (main events are read off whole sub-topics)."""
    base = unpack(ARCHIVE) / "ecbplus"
    selections = _selections(base)
    paths = sorted((base / "ECB+").glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name))
    paths = [p for p in paths if in_topics(p.parent.name, topics)]
    docs = [read_ecb(p, selections.get(p.name, frozenset())) for p in paths]
    docs = _with_main_events([d for d in docs if d.text.strip()])
    return docs[:limit]


def as_article(doc: EcbGold) -> Article:
    return Article(doc.name, doc.name, "text", doc.text, doc.text, published=None)


@dataclass(frozen=True)
class CleanView:
    """A document as wiretrace sees it in use: the text input through the clean stage, which
    takes out the headline (``title``), date-stamp lines (``published``) and a dateline;
    ``article`` is None when the clean stage rejects it. ``starts`` pairs each paragraph's
    offset in the clean text with its offset in the ECB+ text (paragraphs are kept verbatim)."""

    article: Article | None
    starts: tuple[tuple[int, int], ...] = ()

    def to_source(self, span: Span_ | None) -> Span_ | None:
        """A span of the clean text as a span of the ECB+ text (None if it cannot map)."""
        if span is None:
            return None
        for clean, source in reversed(self.starts):
            if clean <= span[0]:
                return (source + span[0] - clean, source + span[1] - clean)
        return None


def clean_view(doc: EcbGold) -> CleanView:
    """:class:`CleanView` of ``doc``: :func:`clean_document` on its text, as ingest would."""
    from wiretrace.clean import clean_document
    from wiretrace.errors import InputError

    try:
        article = clean_document(RawDocument(doc.name, "text", doc.text))
    except InputError:
        return CleanView(None)
    starts: list[tuple[int, int]] = []
    clean = source = 0
    for paragraph in article.text.split("\n\n"):
        found = doc.text.find(paragraph, source)
        if found < 0:  # the clean stage changed a line: no mapping, no frame
            return CleanView(None)
        starts.append((clean, found))
        clean += len(paragraph) + 2
        source = found + len(paragraph)
    return CleanView(article, tuple(starts))


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


def overlaps(a: Span_, b: Span_) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def hit(found: Span_ | None, spans: Sequence[Span_]) -> bool:
    return found is not None and any(overlaps(found, g) for g in spans)


@dataclass
class MentionTally:
    """Overlap and exact P/R counts of predicted vs gold spans, summed over documents."""

    predicted: int = 0
    gold: int = 0
    predicted_hit: int = 0  # predictions overlapping some gold span
    gold_hit: int = 0  # gold spans overlapped by some prediction
    exact: int = 0  # predictions equal to some gold span (each gold used once)
    named_gold: int = 0
    named_hit: int = 0

    def add(self, predicted: Sequence[Span_], gold: Sequence[Span_], named: Sequence[bool]) -> None:
        predicted = sorted(set(predicted))
        self.predicted += len(predicted)
        self.gold += len(gold)
        self.predicted_hit += sum(any(overlaps(p, g) for g in gold) for p in predicted)
        for g, is_named in zip(gold, named, strict=True):
            hit = any(overlaps(p, g) for p in predicted)
            self.gold_hit += hit
            self.named_gold += is_named
            self.named_hit += hit and is_named
        self.exact += len(set(predicted) & set(gold))

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> dict[str, float]:
        p = self.predicted_hit / self.predicted if self.predicted else 0.0
        r = self.gold_hit / self.gold if self.gold else 0.0
        ep = self.exact / self.predicted if self.predicted else 0.0
        er = self.exact / self.gold if self.gold else 0.0
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "precision": p,
            "recall": r,
            "f1": self._f1(p, r),
            "exact_f1": self._f1(ep, er),
            "named_gold": self.named_gold,
            "named_recall": self.named_hit / self.named_gold if self.named_gold else 0.0,
        }


@dataclass
class SlotTally:
    """One frame slot over documents.

    *Strict* (the headline): over the documents with gold of the slot's type (eligible), right
    when the slot overlaps such gold; an empty slot is wrong. *Lenient-on-absence* (the second
    measure): over every document, right as above or when the slot is empty and the document
    has no such gold. ``wrong_outside`` counts filled, wrong slots in a sentence the corpus did
    not annotate (maybe right, unknowable).
    """

    eligible: int = 0
    filled: int = 0
    right: int = 0
    documents: int = 0
    right_or_rightly_empty: int = 0
    wrong_outside: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def add(self, gold: EcbGold, spans: Sequence[Span_], found: Span_ | None) -> bool:
        """Count one document; return whether the slot is right on the second measure."""
        right = hit(found, spans)
        self.documents += 1
        if spans:
            self.eligible += 1
            self.filled += found is not None
            self.right += right
        fair = right or (found is None and not spans)
        self.right_or_rightly_empty += fair
        if found is not None and not right:
            self.wrong_outside += not gold.in_annotated(found[0])
            self.errors.append((gold.name, gold.text[found[0] : found[1]]))
        return fair

    def summary(self) -> dict[str, float]:
        return {
            "docs": self.eligible,
            "accuracy": self.right / self.eligible if self.eligible else 0.0,
            "filled": self.filled / self.eligible if self.eligible else 0.0,
            "right_of_filled": self.right / self.filled if self.filled else 0.0,
            "all_docs": self.documents,
            "with_absence": (
                self.right_or_rightly_empty / self.documents if self.documents else 0.0
            ),
            "wrong_outside_annotation": self.wrong_outside,
        }


@dataclass
class ArticleTally:
    """Whole articles: all four of who/what/when/where right at once."""

    documents: int = 0
    right: int = 0

    def summary(self) -> dict[str, float]:
        return {
            "docs": self.documents,
            "accuracy": self.right / self.documents if self.documents else 0.0,
        }


@dataclass
class EcbEvaluation:
    """Tallies per system: mention kinds and frame slots."""

    topics: str = "all"
    documents: int = 0
    annotated_sentences: int = 0
    sentences: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    mentions: dict[str, dict[str, MentionTally]] = field(
        default_factory=lambda: {s: {k: MentionTally() for k in KINDS} for s in SYSTEMS}
    )
    slots: dict[str, dict[str, SlotTally]] = field(
        default_factory=lambda: {s: {k: SlotTally() for k in SLOTS} for s in SYSTEMS}
    )
    main_event: dict[str, SlotTally] = field(
        default_factory=lambda: {s: SlotTally() for s in SYSTEMS}
    )
    all_four: dict[str, ArticleTally] = field(
        default_factory=lambda: {s: ArticleTally() for s in SYSTEMS}
    )
    all_four_with_absence: dict[str, ArticleTally] = field(
        default_factory=lambda: {s: ArticleTally() for s in SYSTEMS}
    )

    def frame_average(self, system: str) -> float:
        """The mean of the four strict slot accuracies."""
        return sum(self.slots[system][s].summary()["accuracy"] for s in SLOTS) / len(SLOTS)

    def figures(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "topics": self.topics,
            "documents": self.documents,
            "sentences": self.sentences,
            "annotated_sentences": self.annotated_sentences,
            "seconds": self.seconds,
        }
        for system in SYSTEMS:
            out[system] = {
                "mentions": {k: t.summary() for k, t in self.mentions[system].items()},
                "frame": {k: t.summary() for k, t in self.slots[system].items()},
                "frame_average": self.frame_average(system),
                "what_main_event": self.main_event[system].summary(),
                "all_four": self.all_four[system].summary(),
                "all_four_with_absence": self.all_four_with_absence[system].summary(),
            }
        return out
