"""How far two annotators' written 5W answers agree: what the judged measure can resolve.

    python -m benchmarks.answer_agreement [--json OUT]

The judged 5W figures (:mod:`benchmarks.extract_judged`) score the frame against answers
written by one annotator per document. Issue 4's target (85 % of articles with who, what,
when and where all right) means little if two careful annotators agree less often than
that. So part of two tuning files was answered a second time, blind to the first answers
and to wiretrace, by annotators who were given the same guidelines
(``data/5w-guidelines.md``) and the same input lines:

- ``data/ecbplus-5w-answers-odd-second.jsonl``: the first 42 documents of
  ``ecbplus-5w-answers-odd.jsonl`` (ECB+ odd topics, tuning);
- ``data/polnear-5w-answers-dev-second.jsonl``: the first 40 of
  ``polnear-5w-answers-dev.jsonl`` (PolNeAR dev, tuning).

Two readings per slot, each over the documents both files answer:

- **agree**: both leave it empty, or both fill it and an occurrence of one of the second
  annotator's strings overlaps an occurrence of one of the first's;
- **as a system**: the second annotator's first string (its first occurrence) is scored the
  way the frame is (:class:`benchmarks.extract_judged.JudgedTally`) against the first
  annotator's answers, and the other way round; the figure is the mean of both directions.
  This is what a system that answered exactly like a second careful annotator would score:
  an estimate of the judged measure's ceiling.

The held-out files were not answered twice: their documents stay unread.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from benchmarks.ecb_gold import SLOTS, Span_, overlaps
from benchmarks.extract_judged import DATA, Answers, JudgedTally, answer_spans, read_answers

#: (name, first answers, second answers, where the texts come from)
PAIRS = (
    ("ECB+ odd", "ecbplus-5w-answers-odd.jsonl", "ecbplus-5w-answers-odd-second.jsonl", "ecb"),
    ("PolNeAR dev", "polnear-5w-answers-dev.jsonl", "polnear-5w-answers-dev-second.jsonl", "dev"),
)


def ecb_texts(names: set[str]) -> dict[str, str]:
    """The clean text of each named ECB+ document (what the answers quote)."""
    from benchmarks.ecb_gold import clean_view, iter_ecb_gold

    out: dict[str, str] = {}
    for gold in iter_ecb_gold():
        if gold.name in names:
            article = clean_view(gold).article
            if article is not None:
                out[gold.name] = article.text
    return out


def polnear_texts(split: str) -> dict[str, str]:
    from benchmarks.extract_judged import polnear_articles

    return {name: article.text for name, (_, article) in polnear_articles(split).items()}


def first_span(text: str, strings: Sequence[str]) -> Span_ | None:
    """Where the first listed string first occurs: one span, as the frame gives."""
    for string in strings:
        found = answer_spans(text, [string])
        if found:
            return min(found)
    return None


def agree(text: str, first: Sequence[str], second: Sequence[str]) -> bool:
    a, b = answer_spans(text, first), answer_spans(text, second)
    if not a or not b:
        return not a and not b
    return any(overlaps(x, y) for x in a for y in b)


def compare(
    first: Sequence[Answers], second: Sequence[Answers], texts: Mapping[str, str]
) -> dict[str, Any]:
    """Both readings (see the module docstring) over the documents both files answer."""
    by_doc = {a.doc: a for a in second}
    pairs = [(a, by_doc[a.doc]) for a in first if a.doc in by_doc]
    missing = [a.doc for a, _ in pairs if a.doc not in texts]
    if missing:
        raise ValueError(f"no text for answered documents: {missing[:3]}")
    agreed = dict.fromkeys(SLOTS, 0)
    all_agreed = 0
    directions = []
    for gold_side, system_side in ((0, 1), (1, 0)):
        tally = JudgedTally()
        for pair in pairs:
            text = texts[pair[0].doc]
            gold, system = pair[gold_side], pair[system_side]
            spans = {s: answer_spans(text, gold.slots[s]) for s in SLOTS}
            tally.add(spans, {s: first_span(text, system.slots[s]) for s in SLOTS})
        directions.append(tally.summary())
    for a, b in pairs:
        text = texts[a.doc]
        rights = [agree(text, a.slots[s], b.slots[s]) for s in SLOTS]
        for slot, right in zip(SLOTS, rights, strict=True):
            agreed[slot] += right
        all_agreed += all(rights)
    n = len(pairs)
    return {
        "documents": n,
        "agree": {s: agreed[s] / n for s in SLOTS} if n else {},
        "agree_mean": sum(agreed.values()) / (4 * n) if n else 0.0,
        "agree_all_four": all_agreed / n if n else 0.0,
        "as_system": {s: sum(d["slots"][s]["accuracy"] for d in directions) / 2 for s in SLOTS},
        "as_system_mean": sum(d["mean_of_four"] for d in directions) / 2,
        "as_system_all_four": sum(d["all_four"] for d in directions) / 2,
    }


def evaluate(data: Path = DATA) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    for name, first_file, second_file, source in PAIRS:
        if not (data / second_file).exists():
            continue
        first, second = read_answers(data / first_file), read_answers(data / second_file)
        docs = {a.doc for a in second}
        texts = ecb_texts(docs) if source == "ecb" else polnear_texts(source)
        results[name] = compare(first, second, texts)
    return results


def format_table(results: Mapping[str, Mapping[str, Any]]) -> Table:
    table = Table(title="Two annotators' 5W answers for the same documents (tuning files)")
    table.add_column("measure")
    for name, result in results.items():
        table.add_column(f"{name} ({result['documents']} docs): agree", justify="right")
        table.add_column(f"{name}: as a system", justify="right")
    for slot in SLOTS:
        table.add_row(
            slot,
            *(f"{r[key][slot]:.3f}" for r in results.values() for key in ("agree", "as_system")),
        )
    for label, suffix in (("mean of the four", "mean"), ("all four (per article)", "all_four")):
        table.add_row(
            label,
            *(
                f"{r[f'{key}_{suffix}']:.3f}"
                for r in results.values()
                for key in ("agree", "as_system")
            ),
        )
    return table


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--json", type=Path, default=None, metavar="OUT", help="write figures")
    args = ap.parse_args(argv)
    results = evaluate()
    Console(width=170).print(format_table(results))
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
