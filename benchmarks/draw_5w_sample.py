"""Draw ECB+ documents for annotators to write 5W answers for (see ``data/5w-guidelines.md``).

    python -m benchmarks.draw_5w_sample --topics odd --per-topic 4 --seed 20261124 \\
        --exclude benchmarks/data/ecbplus-5w-answers-odd.jsonl --out /tmp/input.jsonl
    python -m benchmarks.draw_5w_sample --corpus polnear --count 80 --seed 20261125 \\
        --out /tmp/input.jsonl

Writes the annotators' input: one JSON line per drawn document with ``doc``, ``headline``
and ``text`` as the clean stage leaves them (the text the answers must quote verbatim and
the frame is scored on). Per topic, ``--per-topic`` documents are drawn at random (seeded)
among those the clean stage keeps, leaving out any already answered in an ``--exclude``
file, so a second sample adds documents rather than repeating them. Nothing here runs the
extractor: annotators see the text only.

``--corpus polnear`` draws ``--count`` articles of PolNeAR's train split instead (US
political news of 2016, from many outlets: another kind of news than ECB+'s, which the frame
was never tuned on), with the headline from its metadata.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from benchmarks.ecb_gold import EcbGold, clean_view, iter_ecb_gold


def draw(
    topics: str, per_topic: int, seed: int, exclude: frozenset[str] = frozenset()
) -> list[tuple[EcbGold, dict[str, object]]]:
    """The drawn documents with their annotators' input lines, by topic then document."""
    by_topic: dict[str, list[tuple[EcbGold, dict[str, object]]]] = defaultdict(list)
    for gold in iter_ecb_gold(topics=topics):
        if gold.name in exclude:
            continue
        article = clean_view(gold).article
        if article is None:
            continue
        line: dict[str, object] = {
            "doc": gold.name,
            "headline": article.title,
            "text": article.text,
        }
        by_topic[gold.topic].append((gold, line))
    rng = random.Random(seed)
    drawn: list[tuple[EcbGold, dict[str, object]]] = []
    for topic in sorted(by_topic, key=int):
        pool = by_topic[topic]
        drawn.extend(rng.sample(pool, min(per_topic, len(pool))))
    return drawn


def draw_polnear(
    count: int, seed: int, split: str = "train", exclude: frozenset[str] = frozenset()
) -> list[dict[str, object]]:
    """``count`` articles of a PolNeAR split drawn at random (seeded) among those the clean
    stage keeps and ``exclude`` does not name, in name order, as the annotators' input lines."""
    from benchmarks.extract_judged import polnear_articles

    rng = random.Random(seed)
    kept = {name: value for name, value in polnear_articles(split).items() if name not in exclude}
    chosen = sorted(rng.sample(sorted(kept), min(count, len(kept))))
    return [{"doc": name, "headline": kept[name][0], "text": kept[name][1].text} for name in chosen]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=("ecbplus", "polnear"), default="ecbplus")
    parser.add_argument("--topics", choices=("odd", "even"), default="odd")
    parser.add_argument("--per-topic", type=int, default=4)
    parser.add_argument("--count", type=int, default=80, help="polnear: articles to draw")
    parser.add_argument("--split", choices=("train", "dev"), default="train", help="polnear")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--exclude", type=Path, action="append", default=[])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    excluded = frozenset(
        json.loads(line)["doc"]
        for path in args.exclude
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    )
    if args.corpus == "polnear":
        lines = draw_polnear(args.count, args.seed, args.split, excluded)
    else:
        lines = [line for _, line in draw(args.topics, args.per_topic, args.seed, excluded)]
    with args.out.open("w", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"{len(lines)} documents written to {args.out}")


if __name__ == "__main__":
    main()
