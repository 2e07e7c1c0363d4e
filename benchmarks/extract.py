"""The extract stage measured: ECB+ mentions and frames, throughput, and the sub-benchmarks.

Parts (each skippable with ``--skip``), every one against a simple baseline in the same run:

* **ecb** — ECB+ (``../shared/eval/ecbplus.tar.gz``). Each document is rebuilt as plain text
  token by token (one sentence a line, the URL line of ``ecbplus`` documents dropped), so
  every gold mention maps exactly to a character span of the text wiretrace reads. Mention
  P/R/F1 (*overlap*: a prediction counts if it shares a character with some gold mention, a
  gold mention if it shares one with some prediction; *exact* spans too) for

  - participants: wiretrace's :attr:`Person.mentions` (people and organisations) vs gold
    ``HUMAN_PART_*``; baseline spaCy PERSON/ORG/NORP entities;
  - times: wiretrace's ``times`` vs gold ``TIME_*``; baseline spaCy DATE/TIME entities;
  - places: wiretrace's ``places`` vs gold ``LOC_*``; baseline spaCy GPE/LOC/FAC entities.

  ECB+ annotates only some sentences of a document (mostly the first few), so gold and
  predictions are both restricted to the sentences with at least one gold mention of any
  kind. Gold participants include pronouns and common nouns ("he", "the actress"), which no
  named-entity system returns; the *named* row keeps the gold mentions with a proper noun.

  The frame, per document: ``who`` is right if it overlaps a gold ``HUMAN_PART`` mention,
  ``when`` a gold ``TIME``, ``where`` a gold ``LOC``, ``what`` a gold ``ACTION`` mention;
  each is a share of the documents with at least one gold mention of that type (an empty
  slot is wrong), with the share of those documents where the slot is filled and the share
  right of the filled ones. The baseline frame reads the first spaCy sentence: ``who`` its
  first PERSON/ORG entity, ``what`` its root when that is a verb (else its first verb),
  ``when`` its first DATE/TIME entity, ``where`` its first GPE/LOC/FAC entity.
* **speed** — the whole pipeline (``clean_document`` on text input, then ``extract_articles``
  with a fresh :class:`Parser`, so nothing is cached) vs spaCy's full pipeline alone
  (``nlp.pipe``) on the same ~600-word texts (consecutive ECB+ documents of one topic joined
  until 600 words). Models are loaded before timing; the best of ``--rounds`` rounds counts.
* **times** / **quotes** — :mod:`benchmarks.extract_times` (TimeBank/AQUAINT) and
  :mod:`benchmarks.extract_quotes` (PolNeAR dev), when those modules exist.

    python -m benchmarks.extract [--limit N] [--json OUT] [--skip quotes,times,ecb,speed]
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from benchmarks.datasets import unpack
from wiretrace.models import Article, Extraction, Frame, RawDocument

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from wiretrace.nlp import Parser

ARCHIVE = "ecbplus.tar.gz"
PARTS = ("ecb", "speed", "times", "quotes")
KINDS = ("participant", "time", "place")
SLOTS = ("who", "what", "when", "where")
SLOT_KIND = {"who": "participant", "what": "action", "when": "time", "where": "place"}
BASELINE_LABELS = {
    "participant": frozenset({"PERSON", "ORG", "NORP"}),
    "time": frozenset({"DATE", "TIME"}),
    "place": frozenset({"GPE", "LOC", "FAC"}),
}
SYSTEMS = ("wiretrace", "baseline")
SPEED_WORDS = 600

Span_ = tuple[int, int]

# --------------------------------------------------------------------------------------------
# ECB+ with gold mention spans
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """A gold mention: ``kind`` is participant, time, place, action or other."""

    kind: str
    label: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True)
class EcbGold:
    """One ECB+ document as the text wiretrace reads, its sentences and gold mentions."""

    name: str
    topic: str
    text: str
    sentences: tuple[Span_, ...]  # character span of each kept sentence, in order
    mentions: tuple[Mention, ...]

    @property
    def annotated(self) -> frozenset[int]:
        """Indexes (into :attr:`sentences`) of the sentences with a gold mention."""
        return frozenset(m.sentence for m in self.mentions)

    def in_annotated(self, start: int) -> bool:
        return any(self.sentences[i][0] <= start < self.sentences[i][1] for i in self.annotated)

    def gold(self, kind: str) -> list[Span_]:
        return [(m.start, m.end) for m in self.mentions if m.kind == kind]


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


def read_ecb(path: Path) -> EcbGold:
    """One ECB+ XML file as text plus gold mentions mapped to character spans."""
    root = ET.parse(path).getroot()
    by_sentence: dict[int, list[tuple[str, str]]] = {}
    for token in root.iter("token"):
        sentence = int(token.get("sentence", "0"))
        word = " ".join((token.text or "").split())  # a few tokens carry a tab
        by_sentence.setdefault(sentence, []).append((token.get("t_id", ""), word))
    lines: list[str] = []
    sentences: list[Span_] = []
    token_at: dict[str, tuple[int, int, int]] = {}  # t_id -> (start, end, sentence index)
    offset = 0
    for number in sorted(by_sentence):
        ids, words = zip(*by_sentence[number], strict=True)
        if not lines and "".join(words).startswith("http"):
            continue  # the URL line of an ecbplus document
        line, spans = layout_sentence(words)
        index = len(lines)
        for t_id, (start, end) in zip(ids, spans, strict=True):
            token_at[t_id] = (offset + start, offset + end, index)
        lines.append(line)
        sentences.append((offset, offset + len(line)))
        offset += len(line) + 1
    mentions: list[Mention] = []
    markables = root.find("Markables")
    for markable in markables if markables is not None else []:
        anchors = [token_at[a.get("t_id", "")] for a in markable.iter("token_anchor")]
        anchors = [a for a in anchors if a[1] > a[0]] if anchors else []
        if not anchors:
            continue  # an instance-level entry, or a mention in the dropped URL line
        start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
        kind = mention_kind(markable.tag)
        mentions.append(Mention(kind, markable.tag, start, end, anchors[0][2]))
    mentions.sort(key=lambda m: (m.start, m.end))
    return EcbGold(path.name, path.parent.name, "\n".join(lines), tuple(sentences), tuple(mentions))


def iter_ecb_gold(limit: int | None = None) -> list[EcbGold]:
    """ECB+ documents with gold mentions, in the order of :func:`datasets.iter_ecbplus`."""
    root = unpack(ARCHIVE) / "ecbplus" / "ECB+"
    paths = sorted(root.glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name))
    docs = [read_ecb(p) for p in paths[:limit]]
    return [d for d in docs if d.text.strip()]


def as_article(doc: EcbGold) -> Article:
    return Article(doc.name, doc.name, "text", doc.text, doc.text, published=None)


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


def overlaps(a: Span_, b: Span_) -> bool:
    return a[0] < b[1] and b[0] < a[1]


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
    """One frame slot over documents: eligible (have gold of its type), filled, right."""

    eligible: int = 0
    filled: int = 0
    right: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> dict[str, float]:
        return {
            "docs": self.eligible,
            "accuracy": self.right / self.eligible if self.eligible else 0.0,
            "filled": self.filled / self.eligible if self.eligible else 0.0,
            "right_of_filled": self.right / self.filled if self.filled else 0.0,
        }


@dataclass
class EcbEvaluation:
    """Tallies per system: mention kinds and frame slots."""

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

    def frame_average(self, system: str) -> float:
        return sum(self.slots[system][s].summary()["accuracy"] for s in SLOTS) / len(SLOTS)

    def figures(self) -> dict[str, Any]:
        out: dict[str, Any] = {
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
    predictions: dict[str, tuple[dict[str, list[Span_]], dict[str, Span_ | None]]],
) -> None:
    """Add one document's predictions (per system: mentions, frame) to the tallies."""
    evaluation.documents += 1
    evaluation.sentences += len(gold.sentences)
    evaluation.annotated_sentences += len(gold.annotated)
    for kind in KINDS:
        spans = gold.gold(kind)
        named = [_is_named(doc, s) for s in spans]
        for system, (mentions, _) in predictions.items():
            kept = [p for p in mentions[kind] if gold.in_annotated(p[0])]
            evaluation.mentions[system][kind].add(kept, spans, named)
    for slot in SLOTS:
        spans = gold.gold(SLOT_KIND[slot])
        if not spans:
            continue
        for system, (_, frame) in predictions.items():
            tally = evaluation.slots[system][slot]
            tally.eligible += 1
            found = frame[slot]
            if found is None:
                continue
            tally.filled += 1
            if any(overlaps(found, g) for g in spans):
                tally.right += 1
            else:
                tally.errors.append((gold.name, gold.text[found[0] : found[1]]))


def evaluate_ecb(limit: int | None = None, parser: Parser | None = None) -> EcbEvaluation:
    """Score wiretrace and the spaCy baseline on the first ``limit`` ECB+ documents."""
    from wiretrace.extract import extract_article
    from wiretrace.nlp import default_parser

    parser = parser or default_parser()
    golds = iter_ecb_gold(limit)
    evaluation = EcbEvaluation()
    began = time.perf_counter()
    docs = parser.parse_many([g.text for g in golds])
    parsed = time.perf_counter()
    extractions = [extract_article(as_article(g), d) for g, d in zip(golds, docs, strict=True)]
    extracted = time.perf_counter()
    evaluation.seconds = {"parse": parsed - began, "extract": extracted - parsed}
    for gold, doc, extraction in zip(golds, docs, extractions, strict=True):
        predictions = {
            "wiretrace": (wiretrace_mentions(extraction), wiretrace_frame(extraction.frame)),
            "baseline": (baseline_mentions(doc), baseline_frame(doc)),
        }
        score_document(evaluation, gold, doc, predictions)
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
            f"ECB+ mentions: {evaluation.documents} documents; gold and predictions restricted "
            f"to the {evaluation.annotated_sentences} of {evaluation.sentences} sentences with "
            "a gold annotation (overlap P/R/F1)"
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
        title="ECB+ 5W1H frame: slot right if it overlaps a gold mention of its type "
        "(share of docs with such gold; filled share; right of filled)"
    )
    for column in ("slot", "gold type", "docs", *SYSTEMS):
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
        )
    frame.add_row("all four", "", "", *(f"{figures[s]['frame_average']:.3f}" for s in SYSTEMS))
    console.print(frame)
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
    args = ap.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    unknown = skip - set(PARTS)
    if unknown:
        ap.error(f"unknown part(s) to skip: {', '.join(sorted(unknown))}")
    console = Console(width=160)
    out: dict[str, Any] = {}
    if "ecb" not in skip:
        evaluation = evaluate_ecb(args.limit)
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
