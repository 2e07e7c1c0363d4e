"""Apache Spark for corpora beyond one machine (``wiretrace spark-ingest``).

Almost all of ingest's cost is per article and needs no other article: cleaning, the parse
and the extract stage's rules, the MinHash signature, the clustering features (about 150 ms
of CPU an article here, against about 7 ms to place it in an event). So that work runs on
Spark's executors: each partition of the input files is read, cleaned and processed a batch
at a time by an :class:`~wiretrace.processing.ArticleProcessor` (one spaCy model per
executor's Python worker, loaded once). The results come back to the driver a partition at
a time (``toLocalIterator``: the driver never holds the corpus) and are stored and clustered
there by :meth:`~wiretrace.api.Wiretrace.ingest_processed`, into SQLite or PostgreSQL.
Clustering is incremental and equal to clustering from scratch in any order, so the store
ends as a plain ``wiretrace ingest`` of the same files would leave it.

pyspark is an optional extra (``pip install 'wiretrace[spark]'``; Spark 4 needs Java 17 or
newer). Inputs are whatever Spark's ``binaryFiles`` reads: local folders, ``hdfs://``,
``s3a://`` with the right Hadoop connector; folders are read recursively, names starting
with ``.`` or ``_`` are skipped (Hadoop's rule). Each file is one task's input, read whole:
split a very large JSON Lines or WARC file to spread it.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from wiretrace.batches import accepted, batches
from wiretrace.cluster import ClusterSettings
from wiretrace.errors import UsageError
from wiretrace.ingest import read_named
from wiretrace.ingest.files import path_list
from wiretrace.models import IngestReport, RawDocument, Rejection
from wiretrace.processing import ArticleProcessor, Processed

if TYPE_CHECKING:
    from wiretrace.api import Wiretrace

__all__ = ["local_name", "process_files", "spark_ingest", "spark_session"]


def spark_session(master: str | None = None, app_name: str = "wiretrace") -> Any:
    """A Spark session (``master`` such as ``local[4]`` or ``spark://host:7077``; None:
    whatever ``spark-submit`` or the environment set), or :class:`UsageError` naming the
    extra to install."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as missing:
        raise UsageError(
            "Spark is not installed: pip install 'wiretrace[spark]' (and Java 17 or newer)"
        ) from missing
    builder = (
        SparkSession.builder.appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    if master:
        builder = builder.master(master)
    # a local session's executors run PYSPARK_PYTHON ("python3" unset): this interpreter,
    # which has wiretrace and its model, unless the caller chose another
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    try:
        session = builder.getOrCreate()
    except Exception as failed:  # Spark reports a missing or old Java as a runtime error
        raise UsageError(f"could not start Spark (it needs Java 17 or newer): {failed}") from failed
    session.sparkContext.setLogLevel("ERROR")
    return session


def local_name(uri: str) -> str:
    """A file's name as the rest of wiretrace shows it: a local file's path, any other
    URI as it is (``file:/data/a.txt`` -> ``/data/a.txt``)."""
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


def _process_partition(
    files: Iterable[tuple[str, bytes]], settings: ClusterSettings, extract: bool
) -> Iterator[Processed | Rejection]:
    """On an executor: read a partition's files, and clean and process them a batch at a
    time, as ingest does (a batch is also what cleaning reads recurring lines across)."""
    from wiretrace.nlp import default_parser

    processor = ArticleProcessor(settings, default_parser() if extract else None)

    def documents() -> Iterator[RawDocument | Rejection]:
        for uri, data in files:
            name = local_name(uri)
            yield from read_named(io.BytesIO(data), name, len(data))

    for batch in batches(documents()):
        rejected: list[Rejection] = []
        docs = accepted(batch, rejected, None)
        yield from rejected
        yield from processor.process(docs)


def process_files(
    spark: Any,
    paths: Sequence[str] | str,
    settings: ClusterSettings,
    *,
    extract: bool = True,
    partitions: int | None = None,
) -> Any:
    """A Spark RDD of what ingest computes for every document of ``paths`` (files or
    folders, local or on any file system Spark reads), or of why one was rejected."""
    paths = path_list(paths)
    if not paths:
        raise UsageError("no input paths given")
    context = spark.sparkContext
    context._jsc.hadoopConfiguration().set(  # folders are read recursively
        "mapreduce.input.fileinputformat.input.dir.recursive", "true"
    )
    files = context.binaryFiles(",".join(paths), minPartitions=partitions)
    return files.mapPartitions(lambda part: _process_partition(part, settings, extract))


def spark_ingest(
    wt: Wiretrace,
    paths: Sequence[str] | str,
    *,
    spark: Any = None,
    master: str | None = None,
    partitions: int | None = None,
) -> IngestReport:
    """Ingest ``paths`` into ``wt``'s store with the per-article work done on Spark
    (``spark`` a session, else one made for ``master``); stored and clustered here, with
    ``wt``'s settings. Returns the same report as :meth:`Wiretrace.ingest`."""
    paths = path_list(paths)
    missing = [
        p for p in paths if urlparse(p).scheme in ("", "file") and not os.path.exists(local_name(p))
    ]
    rejected = [Rejection(p, "no such file or folder") for p in missing]
    found = [p for p in paths if p not in missing]
    if not found:  # no Spark to start; a store that waits to be clustered still is
        return wt.ingest_processed(rejected)
    session = spark or spark_session(master)
    results = process_files(
        session, found, wt.settings, extract=wt.extract_on_ingest, partitions=partitions
    )
    return wt.ingest_processed(chain(rejected, results.toLocalIterator()))
