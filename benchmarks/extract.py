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
* **speed** — :mod:`benchmarks.extract_speed`: the whole pipeline (clean, parse, extract,
  in worker processes and in one) against spaCy's pipeline alone on the same ~600-word
  texts.
* **times** / **quotes** — :mod:`benchmarks.extract_times` (TimeBank/AQUAINT) and
  :mod:`benchmarks.extract_quotes` (PolNeAR dev), when those modules exist.

    python -m benchmarks.extract [--topics odd|even|all] [--limit N] [--json OUT]
                                 [--skip quotes,times,ecb,speed] [--no-parse-cache]
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from benchmarks.datasets import scratch_dir
from benchmarks.ecb_gold import (
    KINDS,
    SLOT_KIND,
    SLOTS,
    SYSTEMS,
    TOPICS,
    EcbEvaluation,
    EcbGold,
    Span_,
    as_article,
    clean_view,
    hit,
    iter_ecb_gold,
)
from benchmarks.extract_speed import evaluate_speed, print_speed
from wiretrace.models import Extraction, Frame

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from wiretrace.nlp import Parser

PARTS = ("ecb", "speed", "times", "quotes")
BASELINE_LABELS = {
    "participant": frozenset({"PERSON", "ORG", "NORP"}),
    "time": frozenset({"DATE", "TIME"}),
    "place": frozenset({"GPE", "LOC", "FAC"}),
}

# per system: predicted mention spans by kind, and the frame's slot spans
Predictions = dict[str, tuple[dict[str, list[Span_]], dict[str, Span_ | None]]]

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
            evaluation.all_four[system].right += all(hit(frame[s], slot_gold[s]) for s in SLOTS)
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


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N documents of each set")
    ap.add_argument("--json", type=Path, default=None, metavar="OUT", help="write figures")
    ap.add_argument("--skip", default="", help=f"comma-separated parts among {','.join(PARTS)}")
    ap.add_argument("--speed-articles", type=int, default=100, help="texts for the speed part")
    ap.add_argument("--rounds", type=int, default=3, help="timing rounds (best counts)")
    ap.add_argument("--processes", type=int, default=None, help="workers (default: one a core)")
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
        out["speed"] = evaluate_speed(args.speed_articles, args.rounds, args.processes)
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
