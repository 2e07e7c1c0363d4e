"""Quote extraction against PolNeAR: content, source and cue spans, and speaker accuracy.

PolNeAR (``../shared/eval/polnear-train-dev.tar.gz``) is political news annotated with
attribution relations in brat standoff: each ``E`` line links a Content span (what was said or
thought), a Cue span ("said", "according to") and, unless it is ``Attribution-no-source``, a
Source span. Spans may be discontinuous (``start end;start end``).

Figures, each for wiretrace (:func:`wiretrace.extract.quotes.find_quotes`) and for a simple
baseline in the same run (every span between quote marks is a content span; its speaker is
the nearest PERSON entity in the same sentence):

* content P/R/F1, *exact* (one-to-one, same span after trimming quote marks, punctuation and
  space at both ends) and *overlap* (a prediction counts if it shares a character with some
  gold span, a gold span if it shares one with some prediction: the lenient measure usual
  for attribution spans);
* source P/R/F1 (exact and overlap) and cue F1 (overlap), over the spans the system states;
* speaker accuracy: over gold attributions with a source whose content overlaps a predicted
  quote, the share where that quote's source span overlaps the gold source span.

Develop on ``train``; ``dev`` is the measure. PolNeAR's ``test`` split is not shipped here.
Parses are cached in the scratch folder, so a second run does not parse again.

    python -m benchmarks.extract_quotes [--split dev|train] [--limit N]
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from benchmarks.datasets import scratch_dir, unpack
from wiretrace.extract.quotes import QUOTE_PAIRS, find_quotes
from wiretrace.models import Quote
from wiretrace.nlp import Parser

ARCHIVE = "polnear-train-dev.tar.gz"
Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    """One PolNeAR attribution: content, cue and (optional) source, as character spans."""

    content: Spans
    cue: Spans
    source: Spans | None


@dataclass(frozen=True)
class PolnearArticle:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def _spans(field_: str) -> Spans:
    """``"12 20;22 30"`` (brat's discontinuous offsets) as ``((12, 20), (22, 30))``."""
    out = []
    for part in field_.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return tuple(out)


def read_ann(path: Path) -> tuple[GoldAttribution, ...]:
    """The attribution relations of one ``.ann`` file (Discuss/Discard spans ignored)."""
    spans: dict[str, Spans] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, offsets = parts[1].partition(" ")
            if label in ("Source", "Cue", "Content"):
                try:
                    spans[parts[0]] = _spans(offsets)
                except ValueError:
                    continue
        elif parts[0].startswith("E"):
            roles = dict(p.split(":", 1) for p in parts[1].split() if ":" in p)
            relations.append(roles)
    out = []
    for roles in relations:
        content = spans.get(roles.get("Content", ""))
        if not content:
            continue
        source = spans.get(roles.get("Source", ""))
        out.append(GoldAttribution(content, spans.get(roles.get("Cue", ""), ()), source))
    return tuple(sorted(out, key=lambda a: a.content[0]))


def load_split(split: str = "dev", limit: int | None = None) -> list[PolnearArticle]:
    """The articles of a PolNeAR split, in name order, with one annotator's attributions.

    Articles annotated by several annotators (agreement checks) use the first annotation
    by file name, so every article counts once.
    """
    root = unpack(ARCHIVE) / "polnear" / split
    anns: dict[str, Path] = {}
    for path in sorted((root / "attributions").glob("*.ann")):
        stem = path.stem.rsplit("_", 1)[0]
        anns.setdefault(stem, path)
    articles = []
    for text_path in sorted((root / "text").glob("*.txt"))[:limit]:
        ann = anns.get(text_path.stem)
        if ann is None:
            continue
        text = text_path.read_text(encoding="utf-8")
        articles.append(PolnearArticle(text_path.stem, text, read_ann(ann)))
    return articles


# -- the baseline ------------------------------------------------------------------------------


_BASELINE_QUOTE = re.compile(
    "|".join(f"{re.escape(o)}([^{re.escape(o + c)}\n]+){re.escape(c)}" for o, c in QUOTE_PAIRS)
)


def baseline_quotes(doc: Doc) -> list[Quote]:
    """Every span between quote marks; its speaker the nearest PERSON in the same sentence."""
    out = []
    text = doc.text
    for match in _BASELINE_QUOTE.finditer(text):
        group = match.lastindex or 0
        s, e = match.span(group)
        span = doc.char_span(s, e, alignment_mode="expand")
        quote = Quote(text=text[s:e], start=s, end=e, kind="direct")
        if span is not None:
            people = [ent for ent in span.sent.ents if ent.label_ == "PERSON"]
            people = [p for p in people if p.end_char <= s or p.start_char >= e]
            if people:
                best = min(people, key=lambda p: min(abs(p.end_char - s), abs(p.start_char - e)))
                quote.speaker = best.text
                quote.source_start, quote.source_end = best.start_char, best.end_char
        out.append(quote)
    return out


# -- scoring -----------------------------------------------------------------------------------

_TRIM = " \t\n\"'“”‘’«»„‚‹›.,;:!?—–-()[]"


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without quote marks, punctuation and space at either end."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _extent(text: str, spans: Spans) -> tuple[int, int]:
    return trim(text, min(s for s, _ in spans), max(e for _, e in spans))


def _overlaps(a: Spans, b: Spans) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


@dataclass
class Counts:
    """Precision/recall counts of one span type (exact and overlap)."""

    predicted: int = 0
    gold: int = 0
    exact: int = 0
    overlap_pred: int = 0
    overlap_gold: int = 0

    def add(self, text: str, predicted: Sequence[Spans], gold: Sequence[Spans]) -> None:
        self.predicted += len(predicted)
        self.gold += len(gold)
        remaining = {_extent(text, g) for g in gold}
        for p in predicted:
            key = _extent(text, p)
            if key in remaining:
                remaining.discard(key)
                self.exact += 1
        self.overlap_pred += sum(any(_overlaps(p, g) for g in gold) for p in predicted)
        self.overlap_gold += sum(any(_overlaps(g, p) for p in predicted) for g in gold)

    def scores(self) -> dict[str, float]:
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        ep = self.exact / self.predicted if self.predicted else 0.0
        er = self.exact / self.gold if self.gold else 0.0
        op = self.overlap_pred / self.predicted if self.predicted else 0.0
        orr = self.overlap_gold / self.gold if self.gold else 0.0
        return {
            "exact_p": ep,
            "exact_r": er,
            "exact_f1": f1(ep, er),
            "overlap_p": op,
            "overlap_r": orr,
            "overlap_f1": f1(op, orr),
        }


@dataclass
class Tally:
    content: Counts = field(default_factory=Counts)
    source: Counts = field(default_factory=Counts)
    cue: Counts = field(default_factory=Counts)
    speaker_total: int = 0
    speaker_right: int = 0

    def add(self, article: PolnearArticle, quotes: Sequence[Quote]) -> None:
        text = article.text
        gold = article.attributions
        pred_content: list[Spans] = [((q.start, q.end),) for q in quotes]
        self.content.add(text, pred_content, [g.content for g in gold])
        self.source.add(
            text,
            [
                ((q.source_start, q.source_end),)
                for q in quotes
                if q.source_start is not None and q.source_end is not None
            ],
            [g.source for g in gold if g.source],
        )
        self.cue.add(
            text,
            [
                ((q.cue_start, q.cue_end),)
                for q in quotes
                if q.cue_start is not None and q.cue_end is not None
            ],
            [g.cue for g in gold if g.cue],
        )
        for g in gold:
            if not g.source:
                continue
            best, best_overlap = None, 0
            for q, spans in zip(quotes, pred_content, strict=True):
                size = sum(
                    max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in g.content for s2, e2 in spans
                )
                if size > best_overlap:
                    best, best_overlap = q, size
            if best is None:
                continue
            self.speaker_total += 1
            if best.source_start is None or best.source_end is None:
                continue
            if _overlaps(g.source, ((best.source_start, best.source_end),)):
                self.speaker_right += 1

    def summary(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for name, counts in (("content", self.content), ("source", self.source)):
            out.update({f"{name}_{k}": v for k, v in counts.scores().items()})
        out["cue_f1"] = self.cue.scores()["overlap_f1"]
        out["speaker_accuracy"] = (
            self.speaker_right / self.speaker_total if self.speaker_total else 0.0
        )
        out["predicted"] = float(self.content.predicted)
        out["gold"] = float(self.content.gold)
        return out


SYSTEMS: dict[str, Callable[[Doc], list[Quote]]] = {
    "wiretrace": find_quotes,
    "baseline": baseline_quotes,
}


def parse_cached(parser: Parser, name: str, texts: Sequence[str]) -> list[Doc]:
    """Parse ``texts`` through ``parser``, keeping the parses in the scratch folder."""
    cache = scratch_dir() / f"polnear-{name}-{parser.model}.docbin"
    if cache.exists():
        parser.load_bytes(cache.read_bytes())
    docs = parser.parse_many(texts)
    if not cache.exists():
        cache.write_bytes(parser.to_bytes(texts))
    return docs


def evaluate(
    split: str = "dev", limit: int | None = None, parser: Parser | None = None
) -> dict[str, Any]:
    """Score wiretrace and the baseline on a PolNeAR split; figures keyed by system.

    Returns ``{"split", "articles", "attributions", "seconds", "wiretrace": {...},
    "baseline": {...}}``; each system's dict has the keys of :meth:`Tally.summary`.
    """
    articles = load_split(split, limit)
    # every article's parse stays in memory for the scoring pass (train has 840)
    parser = parser or Parser(cache_size=max(256, len(articles) + 1))
    began = time.perf_counter()
    docs = parse_cached(parser, f"{split}-{limit or 'all'}", [a.text for a in articles])
    parsed = time.perf_counter()
    result: dict[str, Any] = {
        "split": split,
        "articles": len(articles),
        "attributions": sum(len(a.attributions) for a in articles),
        "parse_seconds": parsed - began,
    }
    for system, run in SYSTEMS.items():
        tally = Tally()
        for article, doc in zip(articles, docs, strict=True):
            tally.add(article, run(doc))
        result[system] = tally.summary()
    result["extract_seconds"] = time.perf_counter() - parsed
    return result


ROWS = (
    ("content exact P/R/F1", "content_exact"),
    ("content overlap P/R/F1", "content_overlap"),
    ("source exact P/R/F1", "source_exact"),
    ("source overlap P/R/F1", "source_overlap"),
)


def format_table(result: dict[str, Any]) -> str:
    """The figures of :func:`evaluate` as a plain-text table."""
    systems = [s for s in SYSTEMS if s in result]
    lines = [
        f"PolNeAR {result['split']}: {result['articles']} articles, "
        f"{result['attributions']} gold attributions "
        f"(parse {result['parse_seconds']:.1f}s, extract {result['extract_seconds']:.1f}s)",
        f"{'':26}" + "".join(f"{s:>22}" for s in systems),
    ]
    for label, key in ROWS:
        cells = []
        for s in systems:
            r = result[s]
            cells.append(f"{r[key + '_p']:.3f}/{r[key + '_r']:.3f}/{r[key + '_f1']:.3f}")
        lines.append(f"{label:26}" + "".join(f"{c:>22}" for c in cells))
    for label, key in (("cue overlap F1", "cue_f1"), ("speaker accuracy", "speaker_accuracy")):
        lines.append(f"{label:26}" + "".join(f"{result[s][key]:>22.3f}" for s in systems))
    lines.append(
        f"{'predicted quotes':26}" + "".join(f"{result[s]['predicted']:>22.0f}" for s in systems)
    )
    return "\n".join(lines)


def main(argv: Iterable[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    args = ap.parse_args(list(argv) if argv is not None else None)
    print(format_table(evaluate(args.split, args.limit)))


if __name__ == "__main__":
    main()
