"""Inputs in batches, and extraction without a database (``wiretrace extract FILE...``).

The first step of both ingest and ``extract``: documents and rejections come from the
readers as a stream; they are taken a batch at a time (so a stream of any length runs in
bounded memory), each batch's rejections are set aside with their reasons, and its
documents go on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from wiretrace.errors import InputError
from wiretrace.models import Article, Extraction, RawDocument, Rejection
from wiretrace.nlp import Parser, default_parser

__all__ = ["BATCH_SIZE", "ProgressCallback", "accepted", "batches", "extract_documents"]

#: Called after each input record with its source name; the CLI drives a progress bar with it.
ProgressCallback = Callable[[str], None]
_T = TypeVar("_T")
#: Documents read, cleaned and stored together.
BATCH_SIZE = 200


def extract_documents(
    documents: Iterable[RawDocument | Rejection],
    *,
    parser: Parser | None = None,
    progress: ProgressCallback | None = None,
    processes: int = 1,
) -> tuple[list[tuple[Article, Extraction]], list[Rejection]]:
    """Clean and extract documents without a database, in input order.

    This is ``wiretrace extract FILE... --json``: each good record comes back with its
    extraction, each bad one as a :class:`Rejection` with its reason. ``processes`` > 1
    (0: one per CPU core) finishes cleaning, parses and extracts in worker processes
    (:mod:`wiretrace.extract.workers`), with the same results.
    """
    from wiretrace.extract import workers

    parser = parser or default_parser()
    count = workers.resolve_processes(processes)
    results: list[tuple[Article, Extraction]] = []
    rejected: list[Rejection] = []
    for batch in batches(documents):
        docs = accepted(batch, rejected, progress)
        # with workers, they finish cleaning too, so that nothing but the batch-wide part
        # of the clean stage waits for one process; no store, so parses are not sent back
        done = workers.clean_and_extract(docs, parser, count)
        for result in done:
            if isinstance(result, InputError):
                rejected.append(Rejection(result.source, result.reason))
            else:
                results.append(result)
    return results, rejected


def accepted(
    batch: Sequence[RawDocument | Rejection],
    rejected: list[Rejection],
    progress: ProgressCallback | None,
) -> list[RawDocument]:
    """The batch's documents; its rejections are appended to ``rejected``."""
    docs: list[RawDocument] = []
    for item in batch:
        if progress:
            progress(item.source)
        if isinstance(item, Rejection):
            rejected.append(item)
        else:
            docs.append(item)
    return docs


def batches(items: Iterable[_T], size: int = BATCH_SIZE) -> Iterator[list[_T]]:
    """``items`` in lists of ``size`` (the last may be shorter), read lazily: a stream of
    any length is cleaned, extracted and stored a batch at a time."""
    batch: list[_T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
