"""The web UI: a timeline of events, event pages, article pages, entity pages and search.

Plain HTML rendered on the server from the same Python API calls as the REST API (no
JavaScript, nothing fetched from elsewhere), so it works offline and in any browser. Every
value on an event page links to the reports behind it, and shows how many independent
lines of reporting those are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import Any, Protocol, TypeVar
from urllib.parse import urlparse

from fastapi import FastAPI, Query
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from wiretrace.api import Wiretrace
from wiretrace.models import Article, Event, Person

__all__ = ["PAGE_SIZE", "Call", "add_pages", "error_page"]

_T = TypeVar("_T")


class Call(Protocol):
    """Runs ``work(wiretrace)`` under the application's lock and returns what it returns."""

    def __call__(self, work: Callable[[Wiretrace], _T]) -> _T: ...


#: Events on one page of the timeline.
PAGE_SIZE = 200


def label(article: Article) -> str:
    """How a report is named in links: its headline, else its outlet, else its file."""
    return article.title or article.outlet or Path(article.source).name or article.id


def web_link(url: str | None) -> str | None:
    """A report's URL if it may be a link: http or https only (a ``javascript:`` URL from
    a report is shown as text, never made a link)."""
    return url if url and urlparse(url.strip()).scheme.lower() in ("http", "https") else None


@cache
def _templates() -> Environment:
    env = Environment(
        loader=PackageLoader("wiretrace.web", "templates"),
        autoescape=select_autoescape(default=True),
    )
    env.globals["label"] = label
    env.filters["web_link"] = web_link
    return env


#: The pages run no script and load nothing from elsewhere; the browser is told so, so that
#: text from a report that got past escaping still could not run.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


def render(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page from its template, with the security policy above."""
    response = HTMLResponse(_templates().get_template(template).render(**context), status_code)
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def error_page(status: int, kind: str, message: str) -> HTMLResponse:
    """The HTML form of the one error shape, for pages (the API answers JSON)."""
    return render("error.html", status, status=status, kind=kind, message=message)


def _by_month(events: Sequence[Event]) -> list[tuple[str, list[Event]]]:
    """Events in timeline order, grouped under their month's name (undated ones last)."""

    def month(event: Event) -> str:
        return event.first_reported.strftime("%B %Y") if event.first_reported else "Undated"

    return [(name, list(group)) for name, group in groupby(events, key=month)]


def _grouped_by_event(
    found: Sequence[tuple[Event, str, Person]],
) -> Iterator[tuple[Event, list[tuple[str, Person]]]]:
    """Appearances of a name, one row per event: its articles and the person each names."""
    for _, group in groupby(found, key=lambda item: item[0].id):
        items = list(group)
        yield items[0][0], [(article_id, person) for _, article_id, person in items]


def add_pages(app: FastAPI, call: Call) -> None:
    """Register the pages on ``app``; ``call(work)`` runs ``work(wiretrace)`` under the
    application's lock."""

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def timeline(offset: int = Query(0, ge=0)) -> HTMLResponse:
        events = call(lambda wt: wt.events())
        offset = min(offset, max(len(events) - 1, 0) // PAGE_SIZE * PAGE_SIZE)
        shown = events[offset : offset + PAGE_SIZE]
        return render(
            "timeline.html",
            months=_by_month(shown),
            total=len(events),
            shown=len(shown),
            offset=offset,
            page_size=PAGE_SIZE,
        )

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(event_id: str) -> HTMLResponse:
        def read(wt: Wiretrace) -> dict[str, Any]:
            event = wt.event(event_id)
            return {
                "event": event,
                "record": wt.record(event_id),
                "articles": {a: wt.article(a) for a in event.article_ids()},
                "mentions": event.article_ids("mention"),
            }

        return render("event.html", **call(read))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str) -> HTMLResponse:
        def read(wt: Wiretrace) -> dict[str, Any]:
            return {"article": wt.article(article_id), "events": wt.events_of(article_id)}

        return render("article.html", **call(read))

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(name: str = Query(min_length=1)) -> HTMLResponse:
        found = call(lambda wt: wt.appearances(name))
        return render("entity.html", name=name, groups=list(_grouped_by_event(found)))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(q: str = "") -> HTMLResponse:
        found = call(lambda wt: wt.search(q))
        return render("search.html", query=q, events=found.events, truncated=found.truncated)
