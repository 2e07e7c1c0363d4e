"""What Spark costs on one machine: ``spark-ingest`` against ``ingest`` in the same run.

    python -m benchmarks.spark_ingest [--articles 100] [--rounds 2] [--master local[2]]

The texts are those of ``benchmarks.extract_speed`` (about 600 words each, from ECB+),
written as one text file each into a temporary folder. Each round ingests the folder into a
new SQLite store twice: with ``wiretrace ingest``'s default here (worker processes, one per
CPU core), and with ``wiretrace.spark.spark_ingest`` on a local Spark session made once
before timing (its start-up is shown apart). The best wall time of the rounds counts. Both
stores must end with the same events: the table says so.

Spark is for corpora beyond one machine; on one, this measures its overhead (serialising
each article's rows, Python workers, the per-partition model load) against the same work in
forked processes.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from benchmarks.extract_speed import speed_texts


def evaluate(count: int, rounds: int, master: str) -> dict[str, Any]:
    from wiretrace import Wiretrace
    from wiretrace.extract.workers import resolve_processes
    from wiretrace.nlp import default_parser
    from wiretrace.spark import spark_ingest, spark_session

    processes = resolve_processes(0)
    _ = default_parser().nlp  # the driver's model is loaded before timing, for both
    started = time.perf_counter()
    spark = spark_session(master, app_name="wiretrace-benchmark")
    startup = time.perf_counter() - started
    best: dict[str, float] = {}
    same = True
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder) / "texts"
        inputs.mkdir()
        for number, text in enumerate(speed_texts(count)):
            (inputs / f"{number:04d}.txt").write_text(text, encoding="utf-8")
        for round_number in range(rounds):
            events: dict[str, list[tuple[str, list[str]]]] = {}
            for system in ("ingest", "spark"):
                db = Path(folder) / f"{system}-{round_number}.db"
                with Wiretrace(db, processes=processes) as wt:
                    wall = time.perf_counter()
                    if system == "ingest":
                        wt.ingest([str(inputs)])
                    else:
                        spark_ingest(wt, [str(inputs)], spark=spark)
                    took = time.perf_counter() - wall
                    events[system] = [(e.id, e.article_ids()) for e in wt.events()]
                best[system] = min(best.get(system, took), took)
            same = same and events["ingest"] == events["spark"]
    spark.stop()
    return {
        "articles": count,
        "processes": processes,
        "master": master,
        "startup": startup,
        "best": best,
        "same_events": same,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--master", default="local[2]")
    args = parser.parse_args()
    result = evaluate(args.articles, args.rounds, args.master)
    table = Table(title=f"Ingest of {result['articles']} texts of ~600 words (best of rounds)")
    for column in ("system", "seconds", "articles/s"):
        table.add_column(column)
    for system, label in (
        ("ingest", f"wiretrace ingest, {result['processes']} processes"),
        ("spark", f"wiretrace spark-ingest, {result['master']}"),
    ):
        seconds = result["best"][system]
        table.add_row(label, f"{seconds:.1f}", f"{result['articles'] / seconds:.1f}")
    Console().print(table)
    print(f"Spark session start-up (not in the table): {result['startup']:.1f} s")
    print(f"same events in both stores: {result['same_events']}")


if __name__ == "__main__":
    main()
