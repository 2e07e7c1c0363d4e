"""What ingest computes for each new article before storing it, with no database.

Cleaning, the parse and the extract stage's rules, the MinHash signature and the clustering
features are all per article (cleaning also reads the lines that recur across its batch).
:class:`ArticleProcessor` does that work and gives, per document, the article and the rows
the store keeps beside it, or why the document was rejected. It is apart from
:class:`wiretrace.api.Wiretrace` so that it runs where there is no store: in worker
processes (:mod:`wiretrace.extract.workers`) and on Spark executors (:mod:`wiretrace.spark`).
Storing those rows and clustering stay with the store (:meth:`Wiretrace.ingest_processed`).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from wiretrace import cluster
from wiretrace.errors import InputError
from wiretrace.extract import EXTRACTOR_VERSION
from wiretrace.extract.records import stored_record
from wiretrace.models import Article, Extraction, RawDocument

if TYPE_CHECKING:
    from wiretrace.nlp import Parser
    from wiretrace.trace import NearDuplicateIndex

__all__ = [
    "EXTRACTION_KIND",
    "PARSE_KIND",
    "ArticleProcessor",
    "Processed",
    "Rows",
    "features_kind",
]

#: Stored extractions, parses and MinHash signatures live in the store's per-article
#: feature table. An extraction record carries the extractor ``version`` and the ``model``
#: (:attr:`Parser.name`) that made it; parses are kept per model; signatures under the
#: kind :attr:`NearDuplicateIndex.signature_kind` names (a fingerprint of its parameters).
EXTRACTION_KIND = "extraction"
PARSE_KIND = "parse:"

#: What the store keeps beside an article: kind -> JSON-ready data.
Rows = dict[str, dict[str, Any]]
#: Per document: its article and rows, or why it was rejected.
Processed = tuple[Article, Rows] | InputError


def features_kind(settings: cluster.ClusterSettings) -> str:
    """The kind clustering features are stored under: a fingerprint of the settings that
    shape them and of the extractor whose facts (names, places, years) they include."""
    return f"{cluster.features_kind(settings)}-x{EXTRACTOR_VERSION}"


class ArticleProcessor:
    """Cleans documents and makes each new article's rows (:data:`Rows`).

    ``parser`` None leaves the extract stage out (``ingest --no-extract``); ``processes``
    above 1 (0: one per CPU core) spreads a batch over forked worker processes, with the
    same results.
    """

    def __init__(
        self,
        settings: cluster.ClusterSettings,
        parser: Parser | None,
        *,
        processes: int = 1,
        signer: NearDuplicateIndex | None = None,
    ) -> None:
        self.settings = settings
        self.parser = parser
        self.processes = processes
        self.features_kind = features_kind(settings)
        self._signer = signer

    @property
    def signer(self) -> NearDuplicateIndex:
        """An index with the default parameters, to make and name the signatures (making
        one needs no index, only its hash functions)."""
        if self._signer is None:
            from wiretrace.trace.lsh import NearDuplicateIndex

            self._signer = NearDuplicateIndex()
        return self._signer

    def process(self, docs: Sequence[RawDocument]) -> list[Processed]:
        """Clean ``docs`` as one batch and make each article's rows, in input order."""
        from wiretrace.extract import workers

        _ = self.signer  # made (and the tables loaded) before any fork: workers share them
        cluster.features.load_tables()
        count = workers.resolve_processes(self.processes)
        return workers.clean_and_process(docs, self.parser, count, self.rows_of)

    def rows_of(self, article: Article, extraction: Extraction | None) -> Rows:
        """What the store keeps beside a new article: its MinHash signature, and (when
        there is a parser) its parse and extraction; then clustering features made with
        them. Runs where the article was parsed, so the parse is at hand."""
        row: Rows = {
            self.signer.signature_kind: {"signature": self.signer.signature(article.text).tolist()}
        }
        if extraction is not None and self.parser is not None:
            docbin = base64.b64encode(self.parser.to_bytes([article.text])).decode()
            row[PARSE_KIND + self.parser.name] = {"docbin": docbin}
            row[EXTRACTION_KIND] = stored_record(extraction)
        features = cluster.featurize(article, self.settings, extraction)
        row[self.features_kind] = features.to_json()
        return row
