"""The extract stage measured: ECB+ mentions and frames, throughput, and the sub-benchmarks.

Parts (each skippable with ``--skip``), every one against a simple baseline in the same run:

* **ecb** — ECB+ (``../shared/eval/ecbplus.tar.gz``). Each document is rebuilt as plain text
  token by token (one sentence a line, the URL line of ``ecbplus`` documents dropped), so
  every gold mention maps exactly to a character span of the text wiretrace reads.
  ``--topics odd|even|all`` picks the topics (the folder number): rules are tuned on the odd
  topics only; the even topics are held out and only reported.

  *Mentions*: P/R/F1 (*overlap*: a prediction counts if it shares a character with some gold
  mention, a gold mention if it shares one with some prediction; *exact* spans too) for

  - participants: wiretrace's :attr:`Person.mentions` (people and organisations) vs gold
    ``HUMAN_PART_*``; baseline spaCy PERSON/ORG/NORP entities;
  - times: wiretrace's ``times`` vs gold ``TIME_*``; baseline spaCy DATE/TIME entities;
  - places: wiretrace's ``places`` vs gold ``LOC_*``; baseline spaCy GPE/LOC/FAC entities.

  ECB+ annotates only some sentences of a document, and lists them
  (``ECBplus_coreference_sentences.csv``; mentions outside them are sporadic), so gold and
  predictions are both restricted to those sentences (for the six documents it does not list,
  to the sentences with a gold mention). Gold participants include pronouns and common nouns
  ("he", "the actress"), which no named-entity system returns; the *named* row keeps the gold
  mentions with a proper noun.

  *Frame*: read, for both systems, off the document as the clean stage leaves it (headline and
  date-stamp lines out, the publication date known when the text states one), as in use;
  slot spans are mapped back to the ECB+ text. Per document, ``who`` is right if it overlaps a
  gold ``HUMAN_PART`` mention, ``what`` a gold action other than a reporting one ("said"),
  ``when`` a gold date or time of day (not a duration or repetition, nor one on a date-stamp
  line: the publication date is not the event's time), ``where`` a gold ``LOC``. *Strict*
  (the headline figure): a share of the documents with gold of that type (an empty slot is
  wrong), with the filled share and the share right of the filled ones; the mean of the four;
  and *all four right per article* over the documents with gold of all four types. *With
  absence* (a second measure, beside it): over all documents, a slot is also right when it is
  empty and the document has no gold of its type; all four right per article likewise. A
  diagnostic row scores ``what`` against the sub-topic's main event (action chains that at
  least a third of its documents mention), and the run counts wrong slots lying outside the
  annotated sentences (they may be right; nobody annotated them). The baseline frame reads
  the first sentence: ``who`` its first PERSON/ORG entity, ``what`` its root when that is a
  verb (else its first verb), ``when`` its first DATE/TIME entity, ``where`` its first
  GPE/LOC/FAC entity.

  Parses (not extractions) are cached in the scratch folder as a DocBin named after the
  model and parse version, keyed by text hash, so a change to the extract rules always runs.
* **speed** — the whole pipeline (``clean_document`` on text input, then ``extract_articles``
  with a fresh :class:`Parser`, so nothing is cached) vs spaCy's full pipeline alone
  (``nlp.pipe``) on the same ~600-word texts (consecutive ECB+ documents of one topic joined
  until 600 words). Models are loaded before timing; the best of ``--rounds`` rounds counts.
* **times** / **quotes** — :mod:`benchmarks.extract_times` (TimeBank/AQUAINT) and
  :mod:`benchmarks.extract_quotes` (PolNeAR dev), when those modules exist.

    python -m benchmarks.extract [--topics odd|even|all] [--limit N] [--json OUT]
                                 [--skip quotes,times,ecb,speed] [--no-parse-cache]
"""

from __future__ import annotations

import argparse
import csv
import importlib
import inspect
import json
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from benchmarks.datasets import scratch_dir, unpack
from wiretrace.models import Article, Extraction, Frame, RawDocument

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from wiretrace.nlp import Parser

ARCHIVE = "ecbplus.tar.gz"
SELECTION = "ECBplus_coreference_sentences.csv"  # the corpus's list of annotated sentences
TOPICS = ("all", "odd", "even")
PARTS = ("ecb", "speed", "times", "quotes")
KINDS = ("participant", "time", "place")
SLOTS = ("who", "what", "when", "where")
SLOT_KIND = {"who": "participant", "what": "action", "when": "time", "where": "place"}
REPORTING_TAGS = frozenset({"ACTION_REPORTING", "NEG_ACTION_REPORTING"})
# A duration ("two nights") or a repetition ("every year") says how long or how often, not when.
NOT_WHEN_TAGS = frozenset({"TIME_DURATION", "TIME_REPETITION"})
STAMP_WORDS = 5  # words besides the time on a date-stamp line ("Posted on", "Updated")
BASELINE_LABELS = {
    "participant": frozenset({"PERSON", "ORG", "NORP"}),
    "time": frozenset({"DATE", "TIME"}),
    "place": frozenset({"GPE", "LOC", "FAC"}),
}
SYSTEMS = ("wiretrace", "baseline")
SPEED_WORDS = 600

Span_ = tuple[int, int]
# per system: predicted mention spans by kind, and the frame's slot spans
Predictions = dict[str, tuple[dict[str, list[Span_]], dict[str, Span_ | None]]]

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


def _hit(found: Span_ | None, spans: Sequence[Span_]) -> bool:
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
        hit = _hit(found, spans)
        self.documents += 1
        if spans:
            self.eligible += 1
            self.filled += found is not None
            self.right += hit
        fair = hit or (found is None and not spans)
        self.right_or_rightly_empty += fair
        if found is not None and not hit:
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


# --------------------------------------------------------------------------------------------
# The two systems
# --------------------------------------------------------------------------------------------


def wiretrace_mentions(extraction: Extraction) -> dict[str, list[Span_]]:
    return {
        "participant": [m for p in extraction.people for m in p.mentions],
        "time": [(t.start, t.end) for t in extraction.times],
        "place": [(p.start, p.end) for p in extraction.places],
    }


def baseline_mentions(doc: Doc) -> dict[str, list[Span_]]:
    return {
        kind: [(e.start_char, e.end_char) for e in doc.ents if e.label_ in labels]
        for kind, labels in BASELINE_LABELS.items()
    }


def _first_sentence(doc: Doc) -> Span | None:
    return next((s for s in doc.sents if s.text.strip()), None)


def baseline_frame(doc: Doc) -> dict[str, Span_ | None]:
    """The naive lead frame: first entities of the first sentence and its root verb."""
    sent = _first_sentence(doc)
    frame: dict[str, Span_ | None] = dict.fromkeys(SLOTS)
    if sent is None:
        return frame

    def first(labels: Iterable[str]) -> Span_ | None:
        wanted = set(labels)
        ent = next((e for e in sent.ents if e.label_ in wanted), None)
        return (ent.start_char, ent.end_char) if ent is not None else None

    frame["who"] = first(("PERSON", "ORG"))
    frame["when"] = first(("DATE", "TIME"))
    frame["where"] = first(("GPE", "LOC", "FAC"))
    verbs = [t for t in sent if t.pos_ in {"VERB", "AUX"}]
    root = sent.root if sent.root.pos_ in {"VERB", "AUX"} else (verbs[0] if verbs else None)
    if root is not None:
        frame["what"] = (root.idx, root.idx + len(root.text))
    return frame


def wiretrace_frame(frame: Frame) -> dict[str, Span_ | None]:
    out: dict[str, Span_ | None] = {}
    for name in SLOTS:
        slot = getattr(frame, name)
        out[name] = (slot.start, slot.end) if slot is not None else None
    return out


def _is_named(doc: Doc, span: Span_) -> bool:
    chunk = doc.char_span(span[0], span[1], alignment_mode="expand")
    return chunk is not None and any(t.pos_ == "PROPN" for t in chunk)


def score_document(
    evaluation: EcbEvaluation,
    gold: EcbGold,
    doc: Doc,
    predictions: Predictions,
) -> None:
    """Add one document's predictions (per system: mentions, frame) to the tallies."""
    evaluation.documents += 1
    evaluation.sentences += len(gold.sentences)
    evaluation.annotated_sentences += len(gold.annotated)
    for kind in KINDS:
        spans = [(m.start, m.end) for m in gold.mentions if m.kind == kind]
        spans = [s for s in spans if gold.in_annotated(s[0])]
        named = [_is_named(doc, s) for s in spans]
        for system, (mentions, _) in predictions.items():
            kept = [p for p in mentions[kind] if gold.in_annotated(p[0])]
            evaluation.mentions[system][kind].add(kept, spans, named)
    slot_gold = {slot: gold.slot_gold(slot) for slot in SLOTS}
    every_type = all(slot_gold.values())
    main_event = gold.main_event_gold()
    for system, (_, frame) in predictions.items():
        fair = [evaluation.slots[system][s].add(gold, slot_gold[s], frame[s]) for s in SLOTS]
        evaluation.all_four_with_absence[system].documents += 1
        evaluation.all_four_with_absence[system].right += all(fair)
        if every_type:  # strict: only articles with gold of all four types, each slot hit
            evaluation.all_four[system].documents += 1
            evaluation.all_four[system].right += all(_hit(frame[s], slot_gold[s]) for s in SLOTS)
        if main_event:
            evaluation.main_event[system].add(gold, main_event, frame["what"])


def parse_ecb(parser: Parser, texts: Sequence[str], cache: Path | None = None) -> list[Doc]:
    """Parse ``texts``; with ``cache`` (a DocBin file) reuse and keep the parses there.

    Parses are keyed by text hash and the file is named after the parser (model and parse
    version), so only parsing is cached: extraction always runs on the current code.
    """
    if cache is None:
        return parser.parse_many(texts)
    from spacy.tokens import DocBin

    from wiretrace.nlp import text_key

    stored: dict[str, Doc] = {}
    if cache.exists():
        for doc in DocBin().from_bytes(cache.read_bytes()).get_docs(parser.nlp.vocab):
            stored[text_key(doc.text)] = doc
    missing = [t for t in dict.fromkeys(texts) if text_key(t) not in stored]
    for start in range(0, len(missing), 100):
        chunk = missing[start : start + 100]
        for text, doc in zip(chunk, parser.parse_many(chunk), strict=True):
            stored[text_key(text)] = doc
    if missing:
        bin_ = DocBin(store_user_data=False)
        for doc in stored.values():
            bin_.add(doc)
        cache.write_bytes(bin_.to_bytes())
    return [stored[text_key(t)] for t in texts]


def parse_cache_path(parser: Parser) -> Path:
    return scratch_dir() / f"ecbplus-gold-parses-{parser.name}.docbin"


def ecb_predictions(
    golds: Sequence[EcbGold], parser: Parser, parse_cache: Path | None = None
) -> tuple[list[Doc], list[Predictions], dict[str, float]]:
    """Per document: its parse and, per system, the mentions and the frame (as spans of the
    ECB+ text), with the seconds spent parsing and extracting.

    Mentions are read off the whole document text. The frame is read, for both systems, off
    the document after the clean stage (:func:`clean_view`): in use the frame never sees the
    headline or a date-stamp line, and the publication date is known when the text gives one.
    """
    from wiretrace.extract import extract_article

    began = time.perf_counter()
    views = [clean_view(g) for g in golds]
    cleaned = [v.article.text for v in views if v.article is not None]
    parsed_all = parse_ecb(parser, [g.text for g in golds] + cleaned, parse_cache)
    docs, clean_docs = parsed_all[: len(golds)], iter(parsed_all[len(golds) :])
    parsed = time.perf_counter()
    out: list[Predictions] = []
    for gold, doc, view in zip(golds, docs, views, strict=True):
        frames: dict[str, dict[str, Span_ | None]] = {s: dict.fromkeys(SLOTS) for s in SYSTEMS}
        if view.article is not None:  # else rejected by the clean stage: no frame at all
            clean_doc = next(clean_docs)
            found = {
                "wiretrace": wiretrace_frame(extract_article(view.article, clean_doc).frame),
                "baseline": baseline_frame(clean_doc),
            }
            frames = {s: {k: view.to_source(v) for k, v in f.items()} for s, f in found.items()}
        extraction = extract_article(as_article(gold), doc)
        out.append(
            {
                "wiretrace": (wiretrace_mentions(extraction), frames["wiretrace"]),
                "baseline": (baseline_mentions(doc), frames["baseline"]),
            }
        )
    seconds = {"parse": parsed - began, "extract": time.perf_counter() - parsed}
    return docs, out, seconds


def evaluate_ecb(
    limit: int | None = None,
    parser: Parser | None = None,
    topics: str = "all",
    parse_cache: Path | None = None,
) -> EcbEvaluation:
    """Score wiretrace and the spaCy baseline on the first ``limit`` ECB+ documents of
    ``topics`` (``odd`` to tune on, ``even`` held out); ``parse_cache`` keeps the parses."""
    from wiretrace.nlp import default_parser

    parser = parser or default_parser()
    golds = iter_ecb_gold(limit, topics)
    evaluation = EcbEvaluation(topics=topics)
    docs, predictions, evaluation.seconds = ecb_predictions(golds, parser, parse_cache)
    for gold, doc, predicted in zip(golds, docs, predictions, strict=True):
        score_document(evaluation, gold, doc, predicted)
    return evaluation


# --------------------------------------------------------------------------------------------
# Throughput
# --------------------------------------------------------------------------------------------


def speed_texts(count: int, words: int = SPEED_WORDS) -> list[str]:
    """``count`` news texts of about ``words`` words: the sentence lines of consecutive ECB+
    documents of one topic (a blank line between documents) until ``words`` is reached."""
    texts: list[str] = []
    for topic_docs in _by_topic(iter_ecb_gold()):
        paragraphs: list[list[str]] = []
        total = 0
        for doc in topic_docs:
            paragraphs.append([])
            for line in doc.text.splitlines():
                paragraphs[-1].append(line)
                total += len(line.split())
                if total >= words:
                    texts.append("\n\n".join("\n".join(p) for p in paragraphs if p))
                    if len(texts) >= count:
                        return texts
                    paragraphs, total = [[]], 0
    return texts


def _by_topic(docs: Iterable[EcbGold]) -> list[list[EcbGold]]:
    groups: dict[str, list[EcbGold]] = {}
    for doc in docs:
        groups.setdefault(doc.topic, []).append(doc)
    return list(groups.values())


def _time(run: Callable[[], object]) -> float:
    began = time.perf_counter()
    run()
    return time.perf_counter() - began


def evaluate_speed(count: int = 100, rounds: int = 2) -> dict[str, Any]:
    """Articles/s and words/s of the whole pipeline and of spaCy's pipeline alone."""
    import spacy

    from wiretrace.clean import clean_document
    from wiretrace.errors import InputError
    from wiretrace.extract import extract_articles
    from wiretrace.nlp import DEFAULT_MODEL, Parser

    texts = speed_texts(count)
    raws = [RawDocument(f"speed-{i}.txt", "text", t) for i, t in enumerate(texts)]
    rejected = []
    for raw in raws:  # untimed: texts the clean stage refuses are left out of both sides
        try:
            clean_document(raw)
        except InputError:
            rejected.append(raw.source)
    raws = [r for r in raws if r.source not in rejected]
    texts = [r.content for r in raws]
    nlp: Language = spacy.load(DEFAULT_MODEL)
    list(nlp.pipe(texts[:2]))  # warm up

    def whole() -> None:
        parser = Parser()  # fresh: no cached parse
        _ = parser.nlp  # loading the model is not timed
        began = time.perf_counter()
        articles = [clean_document(raw) for raw in raws]
        extract_articles(articles, parser)
        timings["wiretrace"].append(time.perf_counter() - began)

    def spacy_alone() -> None:
        timings["spacy"].append(_time(lambda: list(nlp.pipe(texts, batch_size=32))))

    timings: dict[str, list[float]] = {"wiretrace": [], "spacy": []}
    for _ in range(rounds):
        whole()
        spacy_alone()
    words = sum(len(t.split()) for t in texts)
    out: dict[str, Any] = {
        "articles": len(texts),
        "words": words,
        "mean_words": words / len(texts) if texts else 0.0,
        "rounds": rounds,
        "rejected_by_clean": rejected,
    }
    for name, seconds in timings.items():
        best = min(seconds)
        out[name] = {
            "seconds": best,
            "articles_per_s": len(texts) / best,
            "words_per_s": words / best,
        }
    out["ratio"] = out["wiretrace"]["articles_per_s"] / out["spacy"]["articles_per_s"]
    return out


# --------------------------------------------------------------------------------------------
# Sub-benchmarks (times, quotes) and output
# --------------------------------------------------------------------------------------------


def run_module(name: str, **kwargs: Any) -> tuple[dict[str, Any] | None, str | None]:
    """``benchmarks.NAME.evaluate(**kwargs)`` and its printed table, or ``(None, None)``."""
    try:
        module = importlib.import_module(f"benchmarks.{name}")
    except ImportError:
        return None, None
    accepted = inspect.signature(module.evaluate).parameters
    result = module.evaluate(**{k: v for k, v in kwargs.items() if k in accepted})
    formatter = getattr(module, "format_table", None) or getattr(module, "_table", None)
    try:
        table = formatter(result) if formatter is not None else None
    except Exception:  # a formatter with another contract: fall back to the JSON
        table = None
    return result, table


def _fmt(value: float) -> str:
    return f"{value:.3f}"


def print_ecb(evaluation: EcbEvaluation, console: Console) -> None:
    figures = evaluation.figures()
    table = Table(
        title=(
            f"ECB+ mentions, topics={evaluation.topics}: {evaluation.documents} documents; "
            f"gold and predictions restricted to the {evaluation.annotated_sentences} of "
            f"{evaluation.sentences} sentences the corpus annotates (overlap P/R/F1)"
        )
    )
    for column in ("kind", "system", "gold", "pred", "P", "R", "F1", "exact F1", "named R"):
        table.add_column(column, justify="left" if column in ("kind", "system") else "right")
    for kind in KINDS:
        for system in SYSTEMS:
            m = figures[system]["mentions"][kind]
            table.add_row(
                kind,
                system,
                str(m["gold"]),
                str(m["predicted"]),
                *(_fmt(m[k]) for k in ("precision", "recall", "f1", "exact_f1", "named_recall")),
            )
    console.print(table)
    frame = Table(
        title=(
            f"ECB+ 5W1H frame, topics={evaluation.topics}. Strict: slot right if it overlaps a "
            "gold mention of its type (what: not a reporting action; when: not a date-stamp "
            "line), over the docs with such gold (filled share; right of filled). With absence: "
            "over all docs, an empty slot is also right where the doc has no such gold"
        )
    )
    columns = ("slot", "gold type", "docs", *SYSTEMS, *(f"{s} with absence" for s in SYSTEMS))
    for column in columns:
        frame.add_column(column, justify="left" if column in ("slot", "gold type") else "right")
    for slot in SLOTS:
        w, b = (figures[s]["frame"][slot] for s in SYSTEMS)
        frame.add_row(
            slot,
            SLOT_KIND[slot],
            str(w["docs"]),
            *(
                f"{x['accuracy']:.3f} ({x['filled']:.2f}; {x['right_of_filled']:.2f})"
                for x in (w, b)
            ),
            *(_fmt(x["with_absence"]) for x in (w, b)),
        )
    frame.add_row(
        "mean of the four", "", "", *(_fmt(figures[s]["frame_average"]) for s in SYSTEMS), "", ""
    )
    strict, fair = (figures["wiretrace"][k]["docs"] for k in ("all_four", "all_four_with_absence"))
    frame.add_row(
        "all four right (per article)",
        "",
        f"{strict} / {fair}",
        *(_fmt(figures[s]["all_four"]["accuracy"]) for s in SYSTEMS),
        *(_fmt(figures[s]["all_four_with_absence"]["accuracy"]) for s in SYSTEMS),
    )
    main_event = [figures[s]["what_main_event"] for s in SYSTEMS]
    frame.add_row(
        "what: the main event",
        "action chain",
        str(main_event[0]["docs"]),
        *(
            f"{x['accuracy']:.3f} ({x['filled']:.2f}; {x['right_of_filled']:.2f})"
            for x in main_event
        ),
        "",
        "",
    )
    console.print(frame)
    outside = {
        slot: figures["wiretrace"]["frame"][slot]["wrong_outside_annotation"] for slot in SLOTS
    }
    console.print(
        "wiretrace slots counted wrong that lie outside the annotated sentences (unknowable): "
        + ", ".join(f"{k} {v}" for k, v in outside.items())
    )
    s = evaluation.seconds
    console.print(f"parse {s['parse']:.1f}s, wiretrace extract {s['extract']:.1f}s")


def print_speed(result: dict[str, Any], console: Console) -> None:
    table = Table(
        title=(
            f"Throughput: {result['articles']} texts of {result['mean_words']:.0f} words on "
            f"average (best of {result['rounds']} rounds; {len(result['rejected_by_clean'])} "
            "texts the clean stage rejects left out)"
        )
    )
    for column in ("system", "seconds", "articles/s", "words/s"):
        table.add_column(column, justify="left" if column == "system" else "right")
    labels = {
        "wiretrace": "wiretrace clean+parse+extract",
        "spacy": "spaCy pipeline alone (nlp.pipe)",
    }
    for name, label in labels.items():
        r = result[name]
        table.add_row(
            label, f"{r['seconds']:.1f}", f"{r['articles_per_s']:.1f}", f"{r['words_per_s']:,.0f}"
        )
    console.print(table)
    target = "met" if result["wiretrace"]["articles_per_s"] >= 10 else "not met"
    console.print(
        f"wiretrace / spaCy speed = {result['ratio']:.2f}; target >= 10 articles/s: {target}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N documents of each set")
    ap.add_argument("--json", type=Path, default=None, metavar="OUT", help="write figures")
    ap.add_argument("--skip", default="", help=f"comma-separated parts among {','.join(PARTS)}")
    ap.add_argument("--speed-articles", type=int, default=100, help="texts for the speed part")
    ap.add_argument("--rounds", type=int, default=2, help="timing rounds (best counts)")
    ap.add_argument(
        "--topics",
        choices=TOPICS,
        default="all",
        help="ECB+ topics of the ecb part: odd ones tune the rules, even ones are held out",
    )
    ap.add_argument(
        "--no-parse-cache", action="store_true", help="parse ECB+ afresh (no scratch DocBin)"
    )
    args = ap.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    unknown = skip - set(PARTS)
    if unknown:
        ap.error(f"unknown part(s) to skip: {', '.join(sorted(unknown))}")
    console = Console(width=160)
    out: dict[str, Any] = {}
    if "ecb" not in skip:
        from wiretrace.nlp import default_parser

        parser = default_parser()
        cache = None if args.no_parse_cache else parse_cache_path(parser)
        evaluation = evaluate_ecb(args.limit, parser, args.topics, cache)
        print_ecb(evaluation, console)
        out["ecb"] = evaluation.figures()
    if "speed" not in skip:
        out["speed"] = evaluate_speed(args.speed_articles, args.rounds)
        print_speed(out["speed"], console)
    sub = {"times": ("extract_times", {}), "quotes": ("extract_quotes", {"limit": args.limit})}
    for part, (module, kwargs) in sub.items():
        if part in skip:
            continue
        console.rule(f"{part} (benchmarks.{module})")
        try:
            result, table = run_module(module, **kwargs)
        except Exception as exc:  # a sub-benchmark being worked on must not sink the rest
            console.print(f"benchmarks.{module} failed: {exc!r}", markup=False)
            out[part] = {"error": repr(exc)}
            continue
        if result is None:
            console.print(f"benchmarks.{module}: not available")
            continue
        out[part] = result
        console.print(table if table is not None else json.dumps(result, indent=2), markup=False)
    if args.json is not None:
        args.json.write_text(json.dumps(out, indent=2, default=str) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
