"""Reading a store: events, articles, their extractions, search and where a name appears.

These calls read what ingest stored and change nothing, so they live apart from the
writing half of :class:`wiretrace.api.Wiretrace` (which inherits them): a reader needs a
:class:`~wiretrace.store.Store` and no parser, clusterer or worker processes.
"""

from __future__ import annotations

from collections.abc import Iterator

from wiretrace.errors import NotFoundError
from wiretrace.extract.records import current_extraction
from wiretrace.models import Article, Event, Extraction, Person, Role, SearchResult
from wiretrace.processing import EXTRACTION_KIND
from wiretrace.store import Store

__all__ = ["StoreReader"]


class StoreReader:
    """The read-only calls of the Python API, over one store."""

    store: Store

    def extraction(self, article_id: str) -> Extraction:
        """The stored extraction of one article, if this extractor version made it (with
        whichever model: its ``model`` says which; reading loads none);
        :class:`NotFoundError` if it has none."""
        stored = self.store.features_of(EXTRACTION_KIND, [article_id])
        extraction = current_extraction(article_id, stored)
        if extraction is None:
            self.store.article(article_id)  # NotFoundError for an unknown id
            raise NotFoundError(
                f"article {article_id!r} has no current extraction; run Wiretrace.extract()"
            )
        return extraction

    def events(self) -> list[Event]:
        """All events, earliest first report first."""
        return self.store.events()

    def event(self, event_id: str) -> Event:
        """One event; :class:`~wiretrace.errors.NotFoundError` if there is none."""
        return self.store.event(event_id)

    def events_of(self, article_id: str) -> list[tuple[Event, Role]]:
        """The events an article belongs to, each with its role there (``primary`` or
        ``mention``), in timeline order; :class:`NotFoundError` for an unknown article."""
        found = [
            (event, member.role)
            for event in self.store.events_with([article_id])
            for member in event.members
            if member.article_id == article_id
        ]
        if not found:
            self.store.article(article_id)  # NotFoundError for an unknown id
        return found

    def search(self, text: str, limit: int = 1000) -> SearchResult:
        """The events whose reports (primary or mention) hold ``text`` in their headline or
        body, as one phrase, case folded, earliest first. At most ``limit`` matching
        articles are read (``truncated`` says when more matched). A blank ``text`` finds
        nothing; one holding a NUL character is a :class:`UsageError`."""
        if not text.strip():
            return SearchResult(text)
        found = self.store.search_articles(text, limit + 1)
        events = self.store.events_with(found[:limit])
        return SearchResult(text, events, truncated=len(found) > limit)

    def appearances(self, name: str) -> list[tuple[Event, str, Person]]:
        """Where a person or organisation is named: ``(event, article id, person)`` for each
        primary report whose extraction names ``name`` (folded; a spelling the article uses),
        events in timeline order. A scan of the stored extractions, not an index."""
        from wiretrace.consolidate.people import names_match

        found: dict[str, list[Person]] = {}
        for article_id, data in self.store.iter_features(EXTRACTION_KIND):
            extraction = current_extraction(article_id, {article_id: data})
            for person in extraction.people if extraction else ():
                if names_match(name, person):
                    found.setdefault(article_id, []).append(person)
        return [
            (event, article_id, person)
            for event in self.store.events_with(found)
            for article_id in event.article_ids("primary")
            for person in found.get(article_id, [])
        ]

    def article(self, article_id: str) -> Article:
        """One stored article; :class:`~wiretrace.errors.NotFoundError` if there is none."""
        return self.store.article(article_id)

    def articles(self) -> Iterator[Article]:
        """Every stored article, in id order."""
        return self.store.iter_articles()
