"""The Python API: everything the CLI and the REST API do, as plain calls.

>>> from wiretrace import Wiretrace
>>> wt = Wiretrace("news.db")                   # doctest: +SKIP
>>> report = wt.ingest(["scrapes/"])            # doctest: +SKIP
>>> [e.title for e in wt.events()]              # doctest: +SKIP

Ingest runs the pipeline ``ingest -> clean -> parse and extract -> featurize -> store`` in
batches (each article with everything computed for it, in one transaction), then clusters the
store. :meth:`Wiretrace.ingest_documents` is the seam for callers (and tests) that make
:class:`~wiretrace.models.RawDocument` objects themselves instead of reading files.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

from wiretrace import cluster, export
from wiretrace.batches import (
    BATCH_SIZE,
    ProgressCallback,
    accepted,
    batches,
    extract_documents,
)
from wiretrace.errors import ConcurrentWriteError, InputError, UsageError
from wiretrace.extract import extract_articles
from wiretrace.extract.records import current_extraction, exported_records, stored_record
from wiretrace.ingest import iter_documents
from wiretrace.models import (
    Article,
    Event,
    Extraction,
    IngestReport,
    RawDocument,
    Rejection,
    content_hash,
)
from wiretrace.nlp import Parser, default_parser
from wiretrace.processing import (
    EXTRACTION_KIND,
    PARSE_KIND,
    ArticleProcessor,
    Processed,
    Rows,
    features_kind,
)
from wiretrace.reading import StoreReader
from wiretrace.schema import CLUSTERING_INFO
from wiretrace.store import Store

__all__ = [
    "EXTRACTION_KIND",
    "PARSE_KIND",
    "ProgressCallback",
    "Wiretrace",
    "extract_documents",
]

if TYPE_CHECKING:  # the trace stage loads datasketch (and scipy): imported when first used
    from wiretrace.cluster.stored import StoredState
    from wiretrace.consolidate import EventRecord
    from wiretrace.trace import Candidate, EventTrace, NearDuplicateIndex

_T = TypeVar("_T")
#: How many times a batch is placed again when other processes keep writing the clustering.
WRITE_ATTEMPTS = 5


class Wiretrace(StoreReader):
    """A wiretrace database and the pipeline that fills it."""

    def __init__(
        self,
        db: str | Path = "wiretrace.db",
        *,
        settings: cluster.ClusterSettings | None = None,
        extract: bool = True,
        parser: Parser | None = None,
        processes: int = 1,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.store = Store(db)
        #: Called with a message when this process must wait for another's clustering of the
        #: same database (:meth:`Store.clustering_lock`); the CLI prints it.
        self.on_wait = on_wait
        #: Worker processes for the extract stage (0: one per CPU core); see
        #: :mod:`wiretrace.extract.workers`. Results do not depend on it.
        self.processes = processes
        self.settings = settings or cluster.ClusterSettings()
        #: Whether ingest runs the extract stage on new articles (needs the spaCy model).
        self.extract_on_ingest = extract
        self._parser = parser
        self._duplicates: NearDuplicateIndex | None = None
        #: The clustering's stored state, with what it has read kept between batches.
        self._cluster_state: StoredState | None = None
        self._signer: NearDuplicateIndex | None = None
        #: Cached features are stored per fingerprint of the settings that shape them, and of
        #: the extractor whose facts (names, places, years) they include.
        self.features_kind = features_kind(self.settings)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Wiretrace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------------
    def ingest(
        self,
        paths: Sequence[str | Path] | str | Path,
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
        pending = self._pending()
        new_features: list[cluster.ArticleFeatures] = []
        for batch in batches(documents):
            docs = accepted(batch, report.rejected, progress)
            known = self.store.known_ids(d.article_id for d in docs)
            fresh = [d for d in docs if d.article_id not in known]
            report.skipped.extend(d.article_id for d in docs if d.article_id in known)
            # Everything an article needs is computed first (in worker processes when
            # there are several) and stored with it in one transaction: a failure (say, a
            # missing model) leaves nothing half-stored.
            results = self.processor().process(fresh)
            new_features += self._store_processed(results, report)
        if report.added or pending:  # re-running an ingest that failed places its articles
            report.events_changed = self._cluster_new(new_features, catch_up=pending)
        return report

    def ingest_processed(self, results: Iterable[Processed | Rejection]) -> IngestReport:
        """Store and cluster articles processed elsewhere (:meth:`ArticleProcessor.process`
        run with this store's settings: on Spark executors, :mod:`wiretrace.spark`), with
        the rejections met there. Articles already stored are skipped, as in ingest."""
        report = IngestReport()
        pending = self._pending()
        new_features: list[cluster.ArticleFeatures] = []
        for batch in batches(results):
            kept: list[Processed] = []
            for item in batch:
                if isinstance(item, Rejection):
                    report.rejected.append(item)
                elif not isinstance(item, InputError) and self.features_kind not in item[1]:
                    raise UsageError(
                        f"{item[0].source}: processed with other clustering settings or "
                        f"extractor version (no {self.features_kind!r} features)"
                    )
                else:
                    kept.append(item)
            new_features += self._store_processed(kept, report)
        if report.added or pending:
            report.events_changed = self._cluster_new(new_features, catch_up=pending)
        return report

    def _pending(self) -> bool:
        """Stored articles wait to be clustered (an ingest stopped, or its process died,
        between storing and placing them): fewer placements than articles."""
        return self.store.count_placed() < self.store.count_articles()

    def _store_processed(
        self, results: Sequence[Processed], report: IngestReport
    ) -> list[cluster.ArticleFeatures]:
        """Store one batch of processed articles in one transaction; rejections, articles
        met twice and articles already stored go to ``report``. The clustering features of
        the articles added come back, to be placed."""
        stored: list[tuple[Article, Rows]] = []
        seen: set[str] = set()
        for result in results:
            if isinstance(result, InputError):
                report.rejected.append(Rejection(result.source, result.reason))
            elif result[0].id in seen:  # the same input twice in one batch
                report.skipped.append(result[0].id)
            else:
                seen.add(result[0].id)
                stored.append(result)
        added = self.store.add_articles(stored)
        report.added.extend(added)
        newly = set(added)
        report.skipped.extend(a.id for a, _ in stored if a.id not in newly)
        features = []
        for article, rows in stored:
            if article.id not in newly:
                continue
            features.append(cluster.ArticleFeatures.from_json(article.id, rows[self.features_kind]))
            if self._duplicates is not None:
                from wiretrace.trace import signature_from_list

                signature = rows[self._signing().signature_kind]["signature"]
                self._duplicates.add(article.id, signature=signature_from_list(signature))
        return features

    def _cluster_new(
        self, features: Sequence[cluster.ArticleFeatures], *, catch_up: bool = False
    ) -> list[str]:
        """Place new (or re-featurized) articles into events and store the events that changed;
        return their ids.

        Processes placing articles into one SQLite file take turns
        (:meth:`Store.clustering_lock`). Where there is no such lock and another process
        writes the clustering meanwhile, what was computed is dropped and the batch is placed
        again on the state as it now is, up to :data:`WRITE_ATTEMPTS` times
        (:class:`~wiretrace.errors.ConcurrentWriteError` then; the articles stay stored, and
        the next ingest places them).
        """
        return self._retried(lambda: self._cluster_once(features, catch_up=catch_up))

    def _retried(self, attempt: Callable[[], _T]) -> _T:
        """``attempt`` under the store's clustering lock, made again (up to
        :data:`WRITE_ATTEMPTS` times) while another process's write makes it stale."""
        with self.store.clustering_lock(self.on_wait):
            for number in range(1, WRITE_ATTEMPTS + 1):
                try:
                    return attempt()
                except ConcurrentWriteError:
                    if number == WRITE_ATTEMPTS:
                        raise
        raise AssertionError("unreachable")

    def _cluster_once(
        self, features: Sequence[cluster.ArticleFeatures], *, catch_up: bool
    ) -> list[str]:
        """One attempt of :meth:`_cluster_new`.

        The clustering's state lives in the store, so a batch reads only the events its
        articles might join (and, for an article that sorts before stored ones, the
        placements after it): see :mod:`wiretrace.cluster.stored`. A store clustered with
        other settings, or never, is clustered from scratch instead. ``catch_up`` also
        places stored articles that have no place (an ingest stopped before clustering).
        """
        from wiretrace.cluster.stored import StoredState

        if self._cluster_state is None:
            self._cluster_state = StoredState(self.store, self.settings.index_terms)
        state = self._cluster_state
        # the generation first: a from-scratch run with other settings by another process
        # after this point makes the flush below refuse, and the next attempt reclusters
        state.begin()
        if self.store.info(CLUSTERING_INFO) != self._clustering_fingerprint():
            before = {e.id: e.article_ids() for e in self.store.events()}
            after = self._recluster_once()  # retried by the caller's loop, not a nested one
            return [e.id for e in after if before.get(e.id) != e.article_ids()]
        try:
            clusterer = cluster.Clusterer(self.settings, load=self._load_features, state=state)
            clusterer.add(features)
            # articles stored by an ingest that stopped before clustering
            stray = state.unplaced() if catch_up else []
            if stray:
                clusterer.add(self._load_features(stray).values())
            gone, updated = clusterer.take_changes()
            primaries = [m.article_id for _, ms in updated for m in ms if m.role == "primary"]
            dressed = cluster.dress_events(updated, self.store.headlines(primaries))
            with self.store.writing() as conn:
                state.flush(conn)
                return self.store.update_events_in(
                    conn, {cluster.event_id(s) for s in gone}, dressed
                )
        except BaseException as exc:
            # reads made while another process wrote can disagree with each other (an event
            # gone that a placement names): then the failure is that writer's, and retried
            stale = type(exc) is not ConcurrentWriteError and isinstance(exc, Exception)
            stale = stale and state.superseded()
            state.rollback()
            if stale:
                raise ConcurrentWriteError(
                    f"{self.store.shown}: another process wrote the clustering meanwhile ({exc!r})"
                ) from exc
            raise

    def _clustering_fingerprint(self) -> str:
        """What the stored clustering depends on: the features and every setting."""
        return f"{self.features_kind}:{content_hash(repr(self.settings))[:12]}"

    def processor(self) -> ArticleProcessor:
        """What ingest runs on each new document before storing it, with this store's
        settings, parser (none when ingest does not extract) and worker processes."""
        parser = self.parser if self.extract_on_ingest else None
        return ArticleProcessor(
            self.settings, parser, processes=self.processes, signer=self._signing()
        )

    def _signing(self) -> NearDuplicateIndex:
        """An index with the default parameters, to make and name the stored signatures
        (making one needs no index, only its hash functions)."""
        if self._signer is None:
            from wiretrace.trace.lsh import NearDuplicateIndex

            self._signer = NearDuplicateIndex()
        return self._signer

    def _store_features(
        self, articles: Sequence[Article], extractions: Sequence[Extraction | None]
    ) -> list[cluster.ArticleFeatures]:
        """Cache clustering features; with an extraction they include names, places, years."""
        features = [
            cluster.featurize(a, self.settings, x)
            for a, x in zip(articles, extractions, strict=True)
        ]
        self.store.put_features(self.features_kind, [(f.article_id, f.to_json()) for f in features])
        return features

    def recluster(self) -> list[Event]:
        """Cluster every stored article from scratch and replace the stored events (and the
        clustering's stored state).

        The method visits articles in a canonical order (see :mod:`wiretrace.cluster`), so the
        result does not depend on the order in which articles were ingested; later ingests
        then update it batch by batch. Retried like :meth:`_cluster_new` when another
        process writes the clustering meanwhile.
        """
        return self._retried(self._recluster_once)

    def _recluster_once(self) -> list[Event]:
        from wiretrace.cluster.stored import StoredState

        stored = StoredState(self.store, self.settings.index_terms)
        stored.begin()  # the generation this clustering reads under, checked at the flush
        headlines = self.store.headlines()
        cached = dict(self.store.iter_features(self.features_kind))
        features = [cluster.ArticleFeatures.from_json(i, data) for i, data in cached.items()]
        features += self._load_features(sorted(set(headlines) - set(cached))).values()
        memory = cluster.MemoryState(self.settings.index_terms)
        clusterer = cluster.Clusterer(self.settings, load=self._load_features, state=memory)
        clusterer.add(features)
        events = cluster.dress_events(clusterer.events(), headlines)
        stored.replace_with(memory)
        with self.store.writing() as conn:
            stored.flush(conn)
            self.store.replace_events_in(conn, events)
            self.store.set_info(conn, CLUSTERING_INFO, self._clustering_fingerprint())
        self._cluster_state = None  # the next batch reads the new state afresh
        return events

    def _load_features(self, ids: Sequence[str]) -> dict[str, cluster.ArticleFeatures]:
        """Stored articles' clustering features; those stored under other settings (or none
        yet) are computed once, with the article's stored extraction of this extractor
        version, and kept.

        Whichever model made that extraction: features follow what the store holds (and
        :meth:`extract` with another model refreshes the features of each article it
        redoes), and clustering needs no spaCy model (``extract=False``).
        """
        found = {
            i: cluster.ArticleFeatures.from_json(i, data)
            for i, data in self.store.features_of(self.features_kind, ids).items()
        }
        missing = [i for i in ids if i not in found]
        if missing:
            known = set(self.store.headlines(missing))
            stored = self.store.features_of(EXTRACTION_KIND, missing)
            fresh = {
                i: cluster.featurize(
                    self.store.article(i), self.settings, current_extraction(i, stored)
                )
                for i in missing
                if i in known
            }
            self.store.put_features(
                self.features_kind, [(i, f.to_json()) for i, f in fresh.items()]
            )
            found.update(fresh)
        return found

    @property
    def parser(self) -> Parser:
        if self._parser is None:
            self._parser = default_parser()
        return self._parser

    def extract(
        self, article_ids: Iterable[str] | None = None, *, redo: bool = False
    ) -> list[Extraction]:
        """Extract facts from stored articles (all by default) and store them.

        Articles whose stored extraction is current (made by this extractor version with
        this :attr:`parser`'s model, :attr:`Parser.name`) are read back, not redone, unless
        ``redo``; one made with another model, or recorded without its model, is redone.
        When any was (re)done, the events are re-clustered with the new facts. Parses are
        stored too (per model), so redoing extraction after a rule change does not parse
        again.
        """
        ids = list(article_ids) if article_ids is not None else sorted(self.store.headlines())
        extractions, fresh = self._extract(ids, redo=redo)
        if fresh:  # their clustering features now include the facts: regroup the events
            self._cluster_new(fresh)
        return extractions

    def _extract(
        self, ids: list[str], *, redo: bool
    ) -> tuple[list[Extraction], list[cluster.ArticleFeatures]]:
        """:meth:`extract` without the re-cluster; also returns the clustering features of
        the articles (re)done, which now include their facts."""
        done: dict[str, Extraction] = {}
        if not redo:
            stored = self.store.features_of(EXTRACTION_KIND, ids)
            if stored:  # the name is read from the model's meta: the model is not loaded
                model = self.parser.name
                for article_id in stored:
                    current = current_extraction(article_id, stored, model=model)
                    if current is not None:
                        done[article_id] = current
        todo = [i for i in ids if i not in done]
        refeatured: list[cluster.ArticleFeatures] = []
        if not todo:  # everything current: no need to load the model
            return [done[i] for i in ids], refeatured
        parse_kind = PARSE_KIND + self.parser.name
        for start in range(0, len(todo), BATCH_SIZE):
            chunk = todo[start : start + BATCH_SIZE]
            articles = [self.store.article(i) for i in chunk]
            cached = self.store.features_of(parse_kind, chunk)
            for article in articles:
                if article.id in cached:
                    docbin = base64.b64decode(cached[article.id]["docbin"])
                    self.parser.load_bytes(docbin, article.text)
            extractions = extract_articles(articles, self.parser, processes=self.processes)
            fresh_parses = [
                (a.id, {"docbin": base64.b64encode(self.parser.to_bytes([a.text])).decode()})
                for a in articles
                if a.id not in cached
            ]
            self.store.put_features(parse_kind, fresh_parses)
            self.store.put_features(
                EXTRACTION_KIND, [(x.article_id, stored_record(x)) for x in extractions]
            )
            done.update((x.article_id, x) for x in extractions)
            # the clustering features cached without (or with older) facts are refreshed
            refeatured += self._store_features(articles, extractions)
        return [done[i] for i in ids], refeatured

    # -- trace ----------------------------------------------------------------------------
    @property
    def duplicates_index(self) -> NearDuplicateIndex:
        """The MinHash LSH index of every stored article, rebuilt from stored signatures.

        Built once per :class:`Wiretrace` (on first use); ingest adds each new article to it,
        so checking a new article against the whole store costs a constant number of
        look-ups, not a pass over the store. Articles without a stored signature of the
        index's parameters (stored before signatures were kept, or signed with other
        parameters) are signed from their text here, once, and their signatures stored.
        """
        if self._duplicates is None:
            from wiretrace.trace import NearDuplicateIndex, signature_from_list

            index = NearDuplicateIndex()
            kind = index.signature_kind
            for article_id, data in self.store.iter_features(kind):
                index.add(article_id, signature=signature_from_list(data["signature"]))
            missing = [i for i in sorted(self.store.headlines()) if i not in index]
            for start in range(0, len(missing), BATCH_SIZE):
                chunk = missing[start : start + BATCH_SIZE]
                signed = [(i, index.add(i, self.store.article(i).text)) for i in chunk]
                self.store.put_features(kind, [(i, {"signature": s.tolist()}) for i, s in signed])
            self._duplicates = index
        return self._duplicates

    def near_duplicates(self, article_id: str, min_jaccard: float = 0.5) -> list[Candidate]:
        """Stored articles whose text nearly equals this one's (estimated Jaccard, best first)."""
        index = self.duplicates_index
        if article_id in index:
            signature = index.get_signature(article_id)
        else:  # stored since the index was built, by another process (or an unknown id:
            # NotFoundError)
            signature = index.add(article_id, self.store.article(article_id).text)
            self.store.put_features(
                index.signature_kind, [(article_id, {"signature": signature.tolist()})]
            )
        found = index.query(signature=signature, min_jaccard=min_jaccard, exclude=article_id)
        return sorted(found, key=lambda c: (-c.jaccard, c.article_id))

    def trace(self, event_id: str) -> EventTrace:
        """How the event's reports derive from each other and whom they cite.

        Uses the stored extractions where there are some (quotes' attribution chains, named
        organisations); articles without one are traced from their text alone.
        """
        return self._traced(self.store.event(event_id))[1]

    def _traced(
        self, event: Event, stored: dict[str, dict[str, Any]] | None = None
    ) -> tuple[dict[str, Extraction | None], EventTrace]:
        """The event's primaries' stored extractions (by id) and the event's trace;
        ``stored``: the stored extraction records already read (the export reads them all
        once), else the primaries' are read here."""
        from wiretrace.trace import trace_event

        ids = event.article_ids("primary")
        if stored is None:
            stored = self.store.features_of(EXTRACTION_KIND, ids)
        extractions = {i: current_extraction(i, stored) for i in ids}
        articles = [self.store.article(i) for i in ids]
        return extractions, trace_event(articles, [extractions[i] for i in ids])

    def record(self, event_id: str) -> EventRecord:
        """The event's consolidated record: when, where, who, what was said and claimed,
        each value with the reports behind it, counted in independent lines of reporting
        (``docs/records.md``). Computed from the stored extractions and the event's trace."""
        from wiretrace.consolidate import consolidate_event

        event = self.store.event(event_id)
        return consolidate_event(event, *self._traced(event))

    def export(self, fmt: str = "json", out: IO[str] | None = None) -> str | None:
        """Write the ``json`` or ``csv`` export to ``out``; without ``out``, return it."""
        export.check_format(fmt)
        extractions: dict[str, dict[str, Any]] = {}
        traces: dict[str, dict[str, Any]] = {}
        records: dict[str, dict[str, Any]] = {}
        events = self.events()
        if fmt == "json":
            stored = dict(self.store.iter_features(EXTRACTION_KIND))
            extractions = exported_records(stored)
            from wiretrace.consolidate import consolidate_event
            from wiretrace.consolidate.records import record_json
            from wiretrace.trace.records import trace_record

            for event in events:
                by_id, event_trace = self._traced(event, stored)
                traces[event.id] = trace_record(event_trace)
                records[event.id] = record_json(consolidate_event(event, by_id, event_trace))
        if out is not None:
            export.write(fmt, self.articles(), events, out, extractions, traces, records)
            return None
        buffer = io.StringIO()
        export.write(fmt, self.articles(), events, buffer, extractions, traces, records)
        return buffer.getvalue()
