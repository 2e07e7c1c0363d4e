"""The Python API: everything the CLI (and later the REST API) does, as plain calls.

>>> from wiretrace import Wiretrace
>>> wt = Wiretrace("news.db")                   # doctest: +SKIP
>>> report = wt.ingest(["scrapes/"])            # doctest: +SKIP
>>> [e.title for e in wt.events()]              # doctest: +SKIP

Ingest runs the pipeline ``ingest -> clean -> featurize -> store`` in batches, then clusters
the store. :meth:`Wiretrace.ingest_documents` is the seam for callers (and tests) that make
:class:`~wiretrace.models.RawDocument` objects themselves instead of reading files.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from wiretrace import cluster, export
from wiretrace.clean import clean_batch
from wiretrace.errors import InputError, UsageError
from wiretrace.ingest import iter_documents
from wiretrace.models import Article, Event, IngestReport, RawDocument, Rejection
from wiretrace.store import Store

#: Called after each input record with its source name; the CLI drives a progress bar with it.
ProgressCallback = Callable[[str], None]

BATCH_SIZE = 200


class Wiretrace:
    """A wiretrace database and the pipeline that fills it."""

    def __init__(
        self, db: str | Path = "wiretrace.db", *, settings: cluster.ClusterSettings | None = None
    ) -> None:
        self.store = Store(db)
        self.settings = settings or cluster.ClusterSettings()
        #: Cached features are stored per fingerprint of the settings that shape them.
        self.features_kind = cluster.features_kind(self.settings)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Wiretrace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------------
    def ingest(
        self,
        paths: Sequence[str | Path],
        *,
        stdin: IO[bytes] | None = None,
        progress: ProgressCallback | None = None,
    ) -> IngestReport:
        """Read files, folders (recursively) or ``"-"`` (``stdin``) into the store.

        Bad files and records are listed in ``report.rejected`` with their reason; every good
        one is stored; articles already stored are counted in ``report.skipped``.
        """
        return self.ingest_documents(iter_documents(paths, stdin=stdin), progress=progress)

    def ingest_documents(
        self,
        documents: Iterable[RawDocument | Rejection],
        *,
        progress: ProgressCallback | None = None,
    ) -> IngestReport:
        """Clean, store and cluster documents made by any reader."""
        report = IngestReport()
        for batch in _batches(documents, BATCH_SIZE):
            docs: list[RawDocument] = []
            for item in batch:
                if progress:
                    progress(item.source)
                if isinstance(item, Rejection):
                    report.rejected.append(item)
                else:
                    docs.append(item)
            known = self.store.known_ids(d.article_id for d in docs)
            fresh = [d for d in docs if d.article_id not in known]
            report.skipped.extend(d.article_id for d in docs if d.article_id in known)
            stored: list[tuple[Article, dict[str, dict[str, Any]]]] = []
            for result in clean_batch(fresh):
                if isinstance(result, InputError):
                    report.rejected.append(Rejection(result.source, result.reason))
                    continue
                features = cluster.featurize(result, self.settings)
                stored.append((result, {self.features_kind: features.to_json()}))
            added = self.store.add_articles(stored)
            report.added.extend(added)
            newly = set(added)
            report.skipped.extend(a.id for a, _ in stored if a.id not in newly)
        if report.added:
            before = {e.id: e.article_ids() for e in self.store.events()}
            after = self.recluster()
            report.events_changed = [e.id for e in after if before.get(e.id) != e.article_ids()]
        return report

    def recluster(self) -> list[Event]:
        """Cluster every stored article from scratch and replace the stored events.

        The method visits articles in a canonical order (see :mod:`wiretrace.cluster`), so the
        result does not depend on the order in which articles were ingested.
        """
        headlines = self.store.headlines()
        cached = dict(self.store.iter_features(self.features_kind))
        missing = sorted(set(headlines) - set(cached))
        if missing:  # stored under other settings: compute once, keep for next time
            fresh = [
                (i, cluster.featurize(self.store.article(i), self.settings).to_json())
                for i in missing
            ]
            self.store.put_features(self.features_kind, fresh)
            cached.update(fresh)
        features = [cluster.ArticleFeatures.from_json(i, data) for i, data in cached.items()]
        events = cluster.build_events(features, headlines, self.settings)
        self.store.replace_events(events)
        return events

    # -- reading ------------------------------------------------------------------------
    def events(self) -> list[Event]:
        """All events, earliest first report first."""
        return self.store.events()

    def event(self, event_id: str) -> Event:
        """One event; :class:`~wiretrace.errors.NotFoundError` if there is none."""
        return self.store.event(event_id)

    def article(self, article_id: str) -> Article:
        return self.store.article(article_id)

    def articles(self) -> Iterator[Article]:
        return self.store.iter_articles()

    def export(self, fmt: str = "json", out: IO[str] | None = None) -> str | None:
        """Write the ``json`` or ``csv`` export to ``out``; without ``out``, return it."""
        export.check_format(fmt)
        if out is not None:
            export.write(fmt, self.articles(), self.events(), out)
            return None
        buffer = io.StringIO()
        export.write(fmt, self.articles(), self.events(), buffer)
        return buffer.getvalue()


def _batches(
    items: Iterable[RawDocument | Rejection], size: int
) -> Iterator[list[RawDocument | Rejection]]:
    batch: list[RawDocument | Rejection] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def sample_corpus() -> Path:
    """The folder of sample scrapes the demo ingests: ``examples/seeds`` of the checkout."""
    folder = Path(__file__).resolve().parents[2] / "examples" / "seeds"
    if not folder.is_dir():
        raise UsageError(
            "the sample corpus ships with the source checkout (examples/seeds); "
            "pass a folder of your own with --corpus"
        )
    return folder


def demo(
    db: str | Path,
    *,
    corpus: str | Path | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[Wiretrace, IngestReport]:
    """Ingest the sample corpus (or ``corpus``) into a fresh database at ``db``."""
    source = Path(corpus) if corpus else sample_corpus()
    path = Path(str(db))
    if "://" not in str(db):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    wt = Wiretrace(db)
    try:
        return wt, wt.ingest([source], progress=progress)
    except BaseException:
        wt.close()
        raise
