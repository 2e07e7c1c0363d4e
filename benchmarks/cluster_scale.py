"""What placing one new article into events costs as the store grows, against re-clustering.

    python -m benchmarks.cluster_scale [--sizes 1000,10000,100000] [--probes 100] [--no-refine]
                                       [--no-split] [--merge]

A store is grown from real sentences (ECB+ documents, ``../shared/eval/ecbplus.tar.gz``):
stories of eight sentences, each reported by a few articles over a few days (six sentences
of the story and two from anywhere), ``--per-day`` articles a day, so the stream has events
of several reports among many singletons, as news does. Articles and their clustering features
go into a real SQLite store.

The store is grown 2,000 articles at a time through the incremental step ingest uses. At
each size up to ``--baseline-max`` it is also clustered from scratch (``Wiretrace.recluster``):
that time is the baseline, what every ingest paid before clustering became incremental. Then
``--probes`` new articles are added one at a time, each dated on or after the newest stored
day (the news case; an article whose id sorts before others of its day rewinds those), and
the incremental step is timed (:meth:`Wiretrace._cluster_new`: read the events the article
may join from the store, place it, write the changes with the events in one transaction).
The probes start on a new day at every size, so they meet the same number of same-day
articles (which they may rewind) wherever the size falls. Timed *warm*, with what the state
read kept between batches (one process ingesting a stream), and *cold*, read afresh from the
tables each time (a new process per article, as CLI calls are). Figures are medians of CPU
ms per article (process time, which holds SQLite's work too, since it runs in the process;
a shared machine's load moves wall time), with the ratio to the smallest size.
``--no-refine`` times the single pass alone (``ClusterSettings(refine=False)``): the cost of
keeping the refinement pass current is the difference. ``--no-split`` leaves out the split of
events in two (``ClusterSettings(split_ratio=0)``), whose cost is the difference likewise, and
``--merge`` adds the merge of an event's fragments (``ClusterSettings(merge=True)``, off by
default), whose cost is the difference the other way.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks.datasets import iter_ecbplus
from wiretrace import Wiretrace
from wiretrace.cluster import ClusterSettings, featurize
from wiretrace.models import Article, content_hash

START = date(1990, 1, 1)


@dataclass
class Stream:
    """Articles in date order, made from a pool of real sentences."""

    pool: list[str]
    rng: random.Random
    per_day: int
    made: int = 0
    story: list[str] | None = None
    story_left: int = 0

    def next(self) -> Article:
        if not self.story_left or self.story is None:  # a new story, told by 1-6 reports
            self.story = self.rng.sample(self.pool, 8)
            self.story_left = self.rng.choice([1, 1, 1, 2, 3, 4, 6])
        self.story_left -= 1
        sentences = self.rng.sample(self.story, 6) + self.rng.sample(self.pool, 2)
        paragraphs = [" ".join(sentences[i : i + 2]) for i in range(0, 8, 2)]
        text = "\n\n".join(paragraphs)
        ident = content_hash("scale", str(self.made))[:16]
        day = START + timedelta(days=self.made // self.per_day)
        self.made += 1
        title = " ".join(self.story[0].split()[:10])
        return Article(ident, f"scale:{self.made}", "text", text, text, title=title, published=day)


def sentence_pool() -> list[str]:
    pool = []
    for doc in iter_ecbplus():
        for sentence in re.split(r"(?<=[.!?])\s+", doc.text):
            if len(sentence.split()) >= 6:
                pool.append(sentence.strip())
    return sorted(set(pool))


def store_more(wt: Wiretrace, stream: Stream, count: int, *, place: bool) -> None:
    """Store ``count`` more articles with their clustering features, 2,000 at a time, and
    (``place``) place each batch with the incremental step, as ingest does."""
    while count > 0:
        size = min(2000, count)
        articles = [stream.next() for _ in range(size)]
        features = [featurize(a, wt.settings) for a in articles]
        rows = [{wt.features_kind: f.to_json()} for f in features]
        wt.store.add_articles(list(zip(articles, rows, strict=True)))
        if place:
            wt._cluster_new(features)
        count -= size


def probe(wt: Wiretrace, stream: Stream, probes: int, *, cold: bool) -> list[float]:
    """ms per article of the incremental step, one new article at a time; ``cold``: the state
    read afresh from the tables each time, as a new process (a CLI call) would."""
    times = []
    for _ in range(probes):
        article = stream.next()
        features = featurize(article, wt.settings)
        wt.store.add_articles([(article, {wt.features_kind: features.to_json()})])
        if cold:
            wt._cluster_state = None
        start = time.process_time()
        wt._cluster_new([features])
        times.append((time.process_time() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--probes", type=int, default=100)
    parser.add_argument("--baseline-max", type=int, default=10000)
    parser.add_argument("--per-day", type=int, default=30, help="articles a day in the stream")
    parser.add_argument(
        "--no-refine", action="store_true", help="the single pass alone (refine=False)"
    )
    parser.add_argument(
        "--no-split", action="store_true", help="no split of events in two (split_ratio=0)"
    )
    parser.add_argument(
        "--merge", action="store_true", help="the merge of fragments too (merge=True)"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    stream = Stream(sentence_pool(), random.Random(11), args.per_day)
    console = Console()
    console.print(
        f"sentence pool: {len(stream.pool)} sentences from ECB+; {args.per_day} articles a day"
    )
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        settings = ClusterSettings(refine=not args.no_refine)
        if args.no_split:
            settings = replace(settings, split_ratio=0.0)
        if args.merge:
            settings = replace(settings, merge=True)
        wt = Wiretrace(Path(folder) / "scale.db", extract=False, settings=settings)
        store_more(wt, stream, sizes[0], place=False)
        for size in sizes:
            store_more(wt, stream, size - wt.store.count_articles(), place=True)
            # probes start on a new day at every size, so each meets the same number of
            # articles of its own day (which it may rewind) wherever the size falls
            store_more(wt, stream, -stream.made % stream.per_day, place=True)
            baseline = None
            if size <= args.baseline_max:
                start = time.process_time()
                wt.recluster()  # the baseline: what each ingest did before
                baseline = (time.process_time() - start) * 1000
            warm = probe(wt, stream, args.probes, cold=False)
            cold = probe(wt, stream, args.probes, cold=True)
            events = len(wt.store.events())
            rows.append((size, events, statistics.median(warm), statistics.median(cold), baseline))
            console.print(
                f"{size}: {events} events; median ms/article warm {rows[-1][2]:.1f}, "
                f"cold {rows[-1][3]:.1f}; re-cluster "
                + (f"{baseline:,.0f} ms" if baseline is not None else "not run")
            )
        wt.close()
    table = Table(
        title="Placing one new article into events, as the store grows (ms; "
        + ("single pass" if args.no_refine else "with refinement")
        + (", no split" if args.no_split else "")
        + (", with the merge)" if args.merge else ")")
    )
    for column in (
        "articles stored",
        "events",
        "incremental, warm (median)",
        "ratio",
        "incremental, cold (median)",
        "ratio",
        "baseline: re-cluster the store",
    ):
        table.add_column(column, justify="right")
    first_warm, first_cold = rows[0][2], rows[0][3]
    for size, events, warm_ms, cold_ms, baseline in rows:
        table.add_row(
            f"{size:,}",
            f"{events:,}",
            f"{warm_ms:.1f}",
            f"{warm_ms / first_warm:.2f}",
            f"{cold_ms:.1f}",
            f"{cold_ms / first_cold:.2f}",
            f"{baseline:,.0f}" if baseline is not None else "-",
        )
    console.print(table)


if __name__ == "__main__":
    main()
