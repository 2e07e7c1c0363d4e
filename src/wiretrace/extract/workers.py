"""Extraction over worker processes: the parse and the rule steps of whole articles, in
parallel, with results in input order.

spaCy's parse is most of extraction's cost and holds Python's interpreter lock, so threads
do not help; ``nlp.pipe(n_process=...)`` spreads only the parse and ships every ``Doc``
back to be read again in this process. Here each worker parses *and* extracts a chunk of
articles and sends back the :class:`~wiretrace.models.Extraction` (small, pickled) and the
parse as bytes, which the parent keeps unread (:meth:`Parser.remember_bytes`): the store
saves those bytes as they are, and a ``Doc`` is only rebuilt if a later step asks for one.

Workers are forked from the calling process after the model is loaded, so they share its
memory and do not load it again. Where ``fork`` is not available (Windows),
:func:`~wiretrace.extract.extract_articles` stays in the calling process. A pool lives for
one call of :func:`extract_in_processes` (or :func:`clean_and_extract`); starting
one costs about 0.2 s here, against seconds of work for the batches it is used for (at least
:data:`MIN_PARALLEL` articles).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from wiretrace.clean import (
    PreparedBatch,
    load_html_tools,
    load_language_model,
    needs_extraction,
    prepare_batch,
    prepare_document,
)
from wiretrace.errors import InputError, UsageError
from wiretrace.models import Article, Extraction, RawDocument

if TYPE_CHECKING:
    from wiretrace.nlp import Parser

__all__ = [
    "MIN_PARALLEL",
    "can_fork",
    "clean_and_extract",
    "clean_and_process",
    "extract_in_processes",
    "resolve_processes",
    "worth_forking",
]

#: Fewer articles than this are extracted in the calling process: starting a pool costs
#: about 0.2 s here, the time of one process extracting eight short articles.
MIN_PARALLEL = 16
# Articles per task: small enough to balance the workers, large enough for nlp.pipe batches.
_CHUNK = 4

# What a forked worker uses, set in the parent just before the fork: the parser, and the
# prepared batch whose documents it finishes cleaning.
_PARSER: Parser | None = None
_DOCS: Sequence[RawDocument] | None = None
_BATCH: PreparedBatch | None = None
_THEN: Callable[[Article, Extraction | None], Any] | None = None
T = TypeVar("T")
R = TypeVar("R")


def resolve_processes(processes: int | None) -> int:
    """``processes`` as a count: ``None`` or 0 mean one per CPU core this process may use
    (a container's share, not the host's count); at least 1."""
    if not processes:
        if hasattr(os, "sched_getaffinity"):
            return max(1, len(os.sched_getaffinity(0)))
        return max(1, os.cpu_count() or 1)
    if processes < 0:
        raise UsageError(f"processes must be 0 (one per core) or more, not {processes}")
    return processes


def can_fork() -> bool:
    """Whether worker processes can be forked here (they need the parent's loaded model)."""
    return "fork" in multiprocessing.get_all_start_methods()


def worth_forking(processes: int, items: int) -> bool:
    """Whether ``items`` articles go to ``processes`` workers: more than one process, at
    least :data:`MIN_PARALLEL` articles (a pool costs more for fewer), and ``fork``."""
    return processes > 1 and items >= MIN_PARALLEL and can_fork()


def _extract(
    articles: Sequence[Article], keep_parses: bool, parser: Parser
) -> list[tuple[Extraction, bytes | None]]:
    """Parse and extract articles; each extraction with its parse's bytes when the parses
    are kept."""
    from wiretrace.extract import extract_article

    docs = parser.parse_many([a.text for a in articles])
    return [
        (
            extract_article(article, doc, model=parser.name),
            parser.to_bytes([article.text]) if keep_parses else None,
        )
        for article, doc in zip(articles, docs, strict=True)
    ]


def _finish_and_process(
    batch: PreparedBatch,
    indexes: Sequence[int],
    parser: Parser | None,
    then: Callable[[Article, Extraction | None], R],
) -> list[tuple[Article, R] | InputError]:
    """Finish cleaning documents ``indexes`` of a prepared batch, parse and extract their
    articles (when there is a ``parser``), and run ``then`` on each article and its
    extraction; per document, its article and what ``then`` made, or why it was rejected."""
    cleaned = [batch.finish(i) for i in indexes]
    articles = [c for c in cleaned if isinstance(c, Article)]
    extracted = iter(_extract(articles, False, parser) if parser is not None else [])
    done: list[tuple[Article, R] | InputError] = []
    for result in cleaned:
        if isinstance(result, InputError):
            done.append(result)
            continue
        extraction = next(extracted)[0] if parser is not None else None
        done.append((result, then(result, extraction)))
    return done


def _worker_parser() -> Parser:
    assert _PARSER is not None, "worker started without a parser"
    return _PARSER


def _extract_chunk(
    task: tuple[Sequence[Article], bool],
) -> list[tuple[Extraction, bytes | None]]:
    """In a worker: :func:`_extract` with the parser it was forked with."""
    articles, keep_parses = task
    return _extract(articles, keep_parses, _worker_parser())


def _clean_and_process_chunk(indexes: Sequence[int]) -> list[tuple[Article, Any] | InputError]:
    """In a worker: :func:`_finish_and_process` on the batch prepared in the parent, with
    the parser and the ``then`` it was forked with."""
    assert _BATCH is not None and _THEN is not None, "worker started without a prepared batch"
    return _finish_and_process(_BATCH, indexes, _PARSER, _THEN)


def _prepare_chunk(indexes: Sequence[int]) -> list[Any]:
    """In a worker: documents ``indexes`` of the batch forked with, made into lines."""
    assert _DOCS is not None, "worker started without documents"
    return [prepare_document(_DOCS[i]) for i in indexes]


def _prepare_here_or_there(docs: Sequence[RawDocument], processes: int) -> PreparedBatch:
    """:func:`~wiretrace.clean.prepare_batch`, with the HTML pages extracted (trafilatura,
    about 40 ms a page here) in forked workers when there are enough of them to be worth a
    pool: the batch's line counts need every page's lines before any document can be
    finished, so this is a round of its own, before the workers that finish and extract."""
    global _DOCS
    pages = [i for i, doc in enumerate(docs) if needs_extraction(doc)]
    if not worth_forking(processes, len(pages)):
        return prepare_batch(docs)
    tasks = [[pages[i] for i in chunk] for chunk in _chunks(len(pages), processes)]
    load_html_tools()  # once here, not in each worker of each batch
    _DOCS = docs
    try:
        done = _run(tasks, _prepare_chunk, None, processes)
    finally:
        _DOCS = None
    ready: list[Any] = [None] * len(docs)
    for chunk, results in zip(tasks, done, strict=True):
        for index, result in zip(chunk, results, strict=True):
            ready[index] = result
    return prepare_batch(docs, ready)


def _run(
    tasks: Sequence[T], work: Callable[[T], R], parser: Parser | None, processes: int
) -> list[R]:
    """``work`` over ``tasks`` in ``processes`` workers forked now (after the models are
    loaded, so they share them), in order."""
    global _PARSER
    if processes < 2 or not can_fork():
        raise UsageError("worker processes need 2 or more processes and fork()")
    if parser is not None:
        from wiretrace.extract.attribution_model import load_model

        # Load the models once, before the fork, for every worker (each would load its own).
        _ = parser.nlp, parser.name, load_model()
    _PARSER = parser
    try:
        pool = multiprocessing.get_context("fork").Pool(min(processes, len(tasks)))
        try:
            done = pool.map(work, tasks, chunksize=1)
            pool.close()  # let the workers finish and exit on their own
        except BaseException:
            pool.terminate()
            raise
        finally:
            pool.join()
    finally:
        _PARSER = None
    return done


def _chunks(count: int, processes: int) -> list[range]:
    """``range(count)`` in chunks small enough to balance the workers."""
    size = max(1, min(_CHUNK, count // (processes * 2)))
    return [range(i, min(i + size, count)) for i in range(0, count, size)]


def clean_and_process(
    docs: Sequence[RawDocument],
    parser: Parser | None,
    processes: int,
    then: Callable[[Article, Extraction | None], R],
) -> list[tuple[Article, R] | InputError]:
    """:func:`~wiretrace.clean.clean_batch` of ``docs``, the extraction of each article
    (with a ``parser``; else ``None``), and ``then(article, extraction)``, in input order;
    in ``processes`` forked workers when :func:`worth_forking`, else here. Parses stay where
    they were made: ``then`` can read them from ``parser`` (:meth:`Parser.to_bytes`).

    The batch-wide half of cleaning (:func:`~wiretrace.clean.prepare_batch`: lines, HTML
    extraction, the batch's line counts) runs first, its HTML extraction in workers too
    (:func:`_prepare_here_or_there`); each worker then finishes its documents against those
    counts, which it has from the fork, and does the rest. What
    ``then`` returns is sent back, so it should be small and picklable (ingest makes the
    rows the store keeps: signature, parse bytes, extraction record, clustering features).
    """
    global _BATCH, _THEN
    if not worth_forking(processes, len(docs)):
        return _finish_and_process(prepare_batch(docs), range(len(docs)), parser, then)
    batch = _prepare_here_or_there(docs, processes)
    load_language_model()  # once here, not once in each worker
    _BATCH, _THEN = batch, then
    try:
        done = _run(_chunks(len(docs), processes), _clean_and_process_chunk, parser, processes)
    finally:
        _BATCH, _THEN = None, None
    return [result for chunk in done for result in chunk]


def _the_extraction(_article: Article, extraction: Extraction | None) -> Extraction:
    assert extraction is not None, "extracted without a parser"
    return extraction


def clean_and_extract(
    docs: Sequence[RawDocument], parser: Parser, processes: int
) -> list[tuple[Article, Extraction] | InputError]:
    """:func:`clean_and_process` that keeps each article's extraction (``wiretrace extract``,
    without a store: the parses are not sent back)."""
    return clean_and_process(docs, parser, processes, _the_extraction)


def extract_in_processes(
    articles: Sequence[Article], parser: Parser, processes: int, *, keep_parses: bool = True
) -> list[Extraction]:
    """Extract ``articles`` in ``processes`` (at least 2) forked workers, in input order.
    With ``keep_parses`` each parse comes back to ``parser``'s cache as bytes (to be
    stored); without, it stays in the worker. Needs :func:`can_fork`."""
    chunks = [[articles[i] for i in r] for r in _chunks(len(articles), processes)]
    done = _run([(c, keep_parses) for c in chunks], _extract_chunk, parser, processes)
    extractions: list[Extraction] = []
    for batch, results in zip(chunks, done, strict=True):
        for article, (extraction, parse) in zip(batch, results, strict=True):
            if parse is not None:
                parser.remember_bytes(article.text, parse)
            extractions.append(extraction)
    return extractions
