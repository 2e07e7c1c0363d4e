"""Throughput of the whole pipeline (clean, parse, extract) against spaCy's pipeline alone.

    python -m benchmarks.extract_speed [--articles 100] [--rounds 3] [--processes N]

The texts are about 600 words each: the sentence lines of consecutive ECB+ documents of one
topic, joined until 600 words (``../shared/eval/ecbplus.tar.gz``). Each round times, on the
same texts and in turn:

* **wiretrace, N processes**: ``wiretrace.api.extract_documents(processes=N)``, what
  ``wiretrace extract FILE...`` runs (clean, parse, extract; no database), with a fresh
  :class:`~wiretrace.nlp.Parser` (nothing cached), N being what the commands use by default
  (one per CPU core) unless ``--processes`` says;
* **wiretrace, 1 process**: the same in one process;
* **wiretrace ingest, N and 1 processes**: ``Wiretrace.ingest_documents`` into a new SQLite
  store (one per round, in a temporary folder), what ``wiretrace ingest`` runs: the above,
  plus signatures, clustering features, the parse and extraction kept in the store, and
  clustering;
* **spaCy alone**: ``spacy.load`` of the same model with every component it ships (the
  lemmatizer and spaCy's own attribute ruler too), ``nlp.pipe(batch_size=32)``, in one
  process (spaCy's default) and with ``n_process=N``.

A second table (``--html-pages``, 100 by default; 0 leaves it out) times the clean stage
alone on pages of the shared HTML set (``trafilatura-eval.tar.gz``), in N processes and in
one: the HTML extraction (trafilatura) and the rest of cleaning, which worker processes do
(``workers.clean_and_process`` with no parser, the first half of what ingest runs).

Models are loaded before timing; forking the workers is timed. The best wall time of the
rounds counts (the machine is shared: the best round is the one least disturbed), and the
CPU seconds of that round are shown beside it (this process and its workers), which load
from other jobs disturbs less. Also run from ``python -m benchmarks.extract`` (part
``speed``).
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from benchmarks.ecb_gold import EcbGold, iter_ecb_gold
from wiretrace.models import RawDocument

SPEED_WORDS = 600
TARGET = 10.0  # articles/s, issue 4


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


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _measure(run: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of ``run()``."""
    wall, cpu = time.perf_counter(), _cpu()
    run()
    return time.perf_counter() - wall, _cpu() - cpu


def evaluate_speed(
    count: int = 100, rounds: int = 3, processes: int | None = None
) -> dict[str, Any]:
    """Articles/s and words/s of the whole pipeline and of spaCy's pipeline alone."""
    import spacy

    from wiretrace.api import Wiretrace, extract_documents
    from wiretrace.clean import clean_batch
    from wiretrace.errors import InputError
    from wiretrace.extract.workers import can_fork, resolve_processes
    from wiretrace.nlp import DEFAULT_MODEL, Parser

    workers = resolve_processes(processes)
    texts = speed_texts(count)
    raws = [RawDocument(f"speed-{i}.txt", "text", t) for i, t in enumerate(texts)]
    # untimed: texts the clean stage refuses are left out of every system
    rejected = [r.source for r in clean_batch(raws) if isinstance(r, InputError)]
    raws = [r for r in raws if r.source not in rejected]
    texts = [r.content for r in raws]
    nlp = spacy.load(DEFAULT_MODEL)
    list(nlp.pipe(texts[:2]))  # warm up

    def wiretrace(n: int) -> Callable[[], tuple[float, float]]:
        def run() -> tuple[float, float]:
            parser = Parser()  # fresh: no cached parse
            _ = parser.nlp  # loading the model is not timed
            return _measure(lambda: extract_documents(raws, parser=parser, processes=n))

        return run

    def ingest(n: int) -> Callable[[], tuple[float, float]]:
        def run() -> tuple[float, float]:
            with tempfile.TemporaryDirectory() as folder:
                parser = Parser()
                _ = parser.nlp
                with Wiretrace(Path(folder) / "speed.db", parser=parser, processes=n) as wt:
                    return _measure(lambda: wt.ingest_documents(raws))

        return run

    def spacy_alone(n: int) -> Callable[[], tuple[float, float]]:
        return lambda: _measure(lambda: list(nlp.pipe(texts, batch_size=32, n_process=n)))

    def label(system: str, n: int) -> str:
        return f"{system}, {n} process{'es' if n > 1 else ''}"

    counts = sorted({workers, 1}, reverse=True)
    systems = {label("wiretrace", n): wiretrace(n) for n in counts}
    systems.update({label("wiretrace ingest", n): ingest(n) for n in counts})
    systems.update({label("spaCy alone", n): spacy_alone(n) for n in counts})
    timings: dict[str, list[tuple[float, float]]] = {name: [] for name in systems}
    for _ in range(rounds):
        for name, run in systems.items():
            timings[name].append(run())
    words = sum(len(t.split()) for t in texts)
    out: dict[str, Any] = {
        "articles": len(texts),
        "words": words,
        "mean_words": words / len(texts) if texts else 0.0,
        "rounds": rounds,
        "processes": workers,
        "fork": can_fork(),
        "rejected_by_clean": rejected,
        "systems": {},
    }
    for name, measured in timings.items():
        wall, cpu = min(measured)
        out["systems"][name] = {
            "seconds": wall,
            "cpu_seconds": cpu,
            "articles_per_s": len(texts) / wall,
            "words_per_s": words / wall,
            "cpu_ms_per_article": 1000 * cpu / len(texts),
        }
    best = out["systems"][label("wiretrace", workers)]["articles_per_s"]
    alone = out["systems"][label("spaCy alone", 1)]["articles_per_s"]
    out["wiretrace_articles_per_s"] = best
    out["ratio_to_spacy"] = best / alone
    out["ingest_articles_per_s"] = out["systems"][label("wiretrace ingest", workers)][
        "articles_per_s"
    ]
    return out


def evaluate_html_cleaning(
    count: int = 100, rounds: int = 3, processes: int | None = None
) -> dict[str, Any]:
    """Pages/s of the clean stage on ``count`` pages of the shared HTML set, in the default
    number of processes and in one.

    Each round takes other pages (trafilatura and htmldate cache what they saw, and workers
    forked later would inherit it); within a round the workers go first, so neither system
    meets a page the parent has seen. The language model and trafilatura's date parser are
    loaded before timing, as the models are for the table above."""
    from benchmarks.datasets import iter_trafilatura_eval, read_html
    from wiretrace.clean import load_html_tools, load_language_model
    from wiretrace.extract.workers import clean_and_process, resolve_processes

    workers = resolve_processes(processes)
    pages = [p for _, p in zip(range(count * rounds), iter_trafilatura_eval(), strict=False)]
    raws = [RawDocument(str(p.path), "html", read_html(p.path), url=p.url) for p in pages]
    load_language_model()
    load_html_tools()
    counts = sorted({workers, 1}, reverse=True)
    timings: dict[int, list[tuple[float, float]]] = {n: [] for n in counts}
    for r in range(rounds):
        batch = raws[r * count : (r + 1) * count]
        for n in counts:
            timings[n].append(_measure(partial(clean_and_process, batch, None, n, _nothing)))
    out: dict[str, Any] = {"pages": count, "rounds": rounds, "systems": {}}
    for n in counts:
        wall, cpu = min(timings[n])
        name = f"clean HTML pages, {n} process{'es' if n > 1 else ''}"
        out["systems"][name] = {
            "seconds": wall,
            "pages_per_s": count / wall,
            "cpu_ms_per_page": 1000 * cpu / max(1, count),
        }
    return out


def _nothing(_article: object, _extraction: object) -> None:
    return None


def print_html_cleaning(result: dict[str, Any], console: Console) -> None:
    table = Table(
        title=(
            f"Cleaning {result['pages']} HTML pages of the shared set (best of "
            f"{result['rounds']} rounds, other pages each round)"
        )
    )
    for column in ("system", "seconds", "pages/s", "CPU ms/page"):
        table.add_column(column, justify="left" if column == "system" else "right")
    for name, r in result["systems"].items():
        table.add_row(
            name, f"{r['seconds']:.1f}", f"{r['pages_per_s']:.1f}", f"{r['cpu_ms_per_page']:.0f}"
        )
    console.print(table)


def print_speed(result: dict[str, Any], console: Console) -> None:
    table = Table(
        title=(
            f"Throughput: {result['articles']} texts of {result['mean_words']:.0f} words on "
            f"average (best of {result['rounds']} rounds; "
            f"{len(result['rejected_by_clean'])} texts the clean stage rejects left out)"
        )
    )
    for column in ("system", "seconds", "articles/s", "words/s", "CPU ms/article"):
        table.add_column(column, justify="left" if column == "system" else "right")
    for name, r in result["systems"].items():
        table.add_row(
            name,
            f"{r['seconds']:.1f}",
            f"{r['articles_per_s']:.1f}",
            f"{r['words_per_s']:,.0f}",
            f"{r['cpu_ms_per_article']:.0f}",
        )
    console.print(table)
    met = "met" if result["wiretrace_articles_per_s"] >= TARGET else "not met"
    console.print(
        f"wiretrace ({result['processes']} processes) / spaCy alone (1 process) = "
        f"{result['ratio_to_spacy']:.2f}; target >= {TARGET:.0f} articles/s: {met}"
    )
    if "ingest_articles_per_s" in result:
        met = "met" if result["ingest_articles_per_s"] >= TARGET else "not met"
        console.print(
            f"wiretrace ingest ({result['processes']} processes, into a new store): "
            f"{result['ingest_articles_per_s']:.1f} articles/s; target: {met}"
        )


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--articles", type=int, default=100, help="texts to time")
    ap.add_argument("--rounds", type=int, default=3, help="timing rounds (best counts)")
    ap.add_argument("--processes", type=int, default=None, help="workers (default: one a core)")
    ap.add_argument(
        "--html-pages", type=int, default=100, help="HTML pages for the cleaning table (0: none)"
    )
    args = ap.parse_args(argv)
    console = Console(width=140)
    print_speed(evaluate_speed(args.articles, args.rounds, args.processes), console)
    if args.html_pages > 0:
        cleaning = evaluate_html_cleaning(args.html_pages, args.rounds, args.processes)
        print_html_cleaning(cleaning, console)


if __name__ == "__main__":
    main()
