"""The REST API: a thin FastAPI layer over :class:`wiretrace.api.Wiretrace`; the same
application serves the web UI's pages (:mod:`wiretrace.web.ui`).

Each route is one call of the Python API, and its JSON is the shape the CLI's ``--json`` and
the export already use (``docs/export.md``, ``docs/trace.md``, ``docs/records.md``), so the
three ways in never drift apart. Every error, whichever layer raises it (wiretrace's own,
FastAPI's request validation, an unknown route), comes back in one shape::

    {"error": {"type": "not_found", "message": "no event with id 'ev-x'"}}

One :class:`Wiretrace` serves every request, behind a lock: its caches (the clustering's
state, the near-duplicate index) are not made for threads, and FastAPI runs plain routes in
a thread pool. Requests are therefore served one at a time; several processes may still
share one database (``docs/clustering.md``, "Several writers").
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from wiretrace import __version__, export
from wiretrace.api import Wiretrace
from wiretrace.errors import (
    ConcurrentWriteError,
    InputError,
    NotFoundError,
    StoreError,
    UsageError,
    WiretraceError,
)
from wiretrace.ingest import read_stream
from wiretrace.models import Event, IngestReport
from wiretrace.web.ui import Call, add_pages, error_page

__all__ = ["ERROR_STATUS", "create_app", "error_body"]

_T = TypeVar("_T")

#: The HTTP status and error ``type`` of each of wiretrace's errors (most specific first).
ERROR_STATUS: tuple[tuple[type[WiretraceError], int, str], ...] = (
    (NotFoundError, 404, "not_found"),
    (InputError, 400, "bad_input"),
    (UsageError, 400, "bad_request"),
    (ConcurrentWriteError, 409, "conflict"),
    (StoreError, 500, "store"),
    (WiretraceError, 500, "error"),
)
#: Largest ingest request body read, in bytes (a bigger upload is refused, not truncated).
MAX_INGEST_BYTES = 64 * 1024 * 1024
#: Content types a page of another site can post without the browser asking first (CORS's
#: "simple" requests): refused for ingest, so no web page can make a visitor's browser
#: store articles in a server it can reach.
CROSS_SITE_TYPES = ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data")

log = logging.getLogger("wiretrace.web")


class RequestRefused(Exception):
    """A request refused before any of wiretrace's calls: its status, type and message."""

    def __init__(self, status: int, kind: str, message: str) -> None:
        super().__init__(message)
        self.status, self.kind = status, kind


def error_body(kind: str, message: str) -> dict[str, Any]:
    """The one JSON shape of every error response."""
    return {"error": {"type": kind, "message": " ".join(message.split())}}


def event_summary(event: Event) -> dict[str, Any]:
    """An event as the list shows it: id, title, first report, member counts."""
    return {
        "id": event.id,
        "title": event.title,
        "first_reported": event.first_reported.isoformat() if event.first_reported else None,
        "primary": len(event.article_ids("primary")),
        "mention": len(event.article_ids("mention")),
    }


def report_json(report: IngestReport) -> dict[str, Any]:
    """What an ingest did, as ``wiretrace ingest`` reports it."""
    return {
        "added": report.added,
        "skipped": report.skipped,
        "rejected": [{"source": r.source, "reason": r.reason} for r in report.rejected],
        "events_changed": report.events_changed,
    }


def create_app(
    db: str | Path = "wiretrace.db",
    *,
    wiretrace: Wiretrace | None = None,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The REST API over the database ``db`` (a SQLite path or a SQLAlchemy URL), or over an
    open ``wiretrace`` (which the caller then closes). Routes are under ``/api``.

    ``allowed_hosts``: the only ``Host`` headers answered (None: any). ``wiretrace serve``
    on a loopback address allows only loopback names, so that a web page cannot reach the
    server through a name of its own that resolves to 127.0.0.1 (DNS rebinding)."""
    own = wiretrace is None
    wt = wiretrace or Wiretrace(db)
    lock = threading.Lock()

    def call(work: Callable[[Wiretrace], _T]) -> _T:
        """Run ``work(wt)`` alone: one request at a time touches the Wiretrace."""
        with lock:
            return work(wt)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if own:
            wt.close()

    app = FastAPI(title="wiretrace", version=__version__, lifespan=lifespan)
    app.state.wiretrace = wt

    if allowed_hosts is not None:
        hosts = {h.lower() for h in allowed_hosts}

        @app.middleware("http")
        async def known_host(request: Request, call_next: Any) -> Response:
            host = request.headers.get("host", "").lower()
            name = host[1:].split("]")[0] if host.startswith("[") else host.rsplit(":", 1)[0]
            if name not in hosts:
                return _error(request, 400, "bad_request", f"host {host!r} is not served here")
            response: Response = await call_next(request)
            return response

    @app.exception_handler(WiretraceError)
    async def wiretrace_error(request: Request, exc: WiretraceError) -> Response:
        status, kind = next((s, k) for t, s, k in ERROR_STATUS if isinstance(exc, t))
        if status >= 500:  # the details (a path, a server's name) stay in the server's log
            log.error("%s %s: %s", request.method, request.url.path, exc.one_line())
            what = "the database failed" if isinstance(exc, StoreError) else "the request failed"
            return _error(request, status, kind, f"{what}; see the server's log")
        return _error(request, status, kind, exc.one_line())

    @app.exception_handler(RequestRefused)
    async def refused(request: Request, exc: RequestRefused) -> Response:
        return _error(request, exc.status, exc.kind, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("%s %s failed", request.method, request.url.path)
        return _error(request, 500, "internal", "unexpected error; see the server's log")

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        message = f"{where}: {first.get('msg', 'invalid request')}"
        return _error(request, 422, "invalid_request", message)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        kind = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return _error(request, exc.status_code, kind, str(exc.detail))

    _routes(app, call)
    add_pages(app, call)
    return app


def _error(request: Request, status: int, kind: str, message: str) -> Response:
    """The one error shape: JSON under ``/api``, the same as a page elsewhere."""
    if request.url.path.startswith("/api/") or request.url.path == "/api":
        return JSONResponse(error_body(kind, message), status_code=status)
    return error_page(status, kind, " ".join(message.split()))


async def _ingest_body(request: Request) -> bytes:
    """The body of an ingest request, refused (without reading it all) when a page of
    another site could have sent it, or when it is larger than :data:`MAX_INGEST_BYTES`."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in CROSS_SITE_TYPES:
        raise RequestRefused(
            415,
            "unsupported_media_type",
            f"content type {content_type!r} is refused (any web page could send it); "
            "send the input as application/octet-stream or its own type",
        )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_INGEST_BYTES:
        raise RequestRefused(413, "too_large", f"request body over {MAX_INGEST_BYTES} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_INGEST_BYTES:
            raise RequestRefused(413, "too_large", f"request body over {MAX_INGEST_BYTES} bytes")
    return bytes(body)


def _routes(app: FastAPI, call: Call) -> None:
    @app.get("/api/events")
    def events() -> dict[str, Any]:
        """Every event, earliest first report first."""
        return {"events": [event_summary(e) for e in call(lambda wt: wt.events())]}

    @app.get("/api/events/{event_id}")
    def event(event_id: str) -> dict[str, Any]:
        """One event with its members (the export's event, without trace and record) and
        each member's headline and publication date."""

        def read(wt: Wiretrace) -> dict[str, Any]:
            found = wt.event(event_id)
            heads = wt.store.headlines(found.article_ids())
            data = export.event_record(found)
            for member in data["articles"]:
                title, published = heads.get(member["id"], (None, None))
                member["title"] = title
                member["published"] = published.isoformat() if published else None
            del data["trace"], data["record"]
            return data

        return call(read)

    @app.get("/api/events/{event_id}/record")
    def record(event_id: str) -> dict[str, Any]:
        """The event's consolidated record (``docs/records.md``)."""
        from wiretrace.consolidate.records import record_json

        return record_json(call(lambda wt: wt.record(event_id)))

    @app.get("/api/events/{event_id}/trace")
    def trace(event_id: str) -> dict[str, Any]:
        """The event's lines of reporting, chains and edges (``docs/trace.md``)."""
        from wiretrace.trace.records import trace_record

        return trace_record(call(lambda wt: wt.trace(event_id)))

    @app.get("/api/articles/{article_id}")
    def article(article_id: str) -> dict[str, Any]:
        """One article as the export shows it, with its extraction (or null) and the events
        it belongs to (``events``: id and role)."""
        from wiretrace.extract.records import to_record

        def read(wt: Wiretrace) -> dict[str, Any]:
            found = wt.article(article_id)
            try:
                facts: dict[str, Any] | None = to_record(wt.extraction(article_id))
            except NotFoundError:
                facts = None
            events = [{"id": e.id, "role": role} for e, role in wt.events_of(article_id)]
            return {**export.article_record(found, facts), "events": events}

        return call(read)

    @app.get("/api/search")
    def search(
        q: str = Query(min_length=1, description="A phrase to find"),
        limit: int = Query(1000, ge=1, le=100_000, description="Matching articles read"),
    ) -> dict[str, Any]:
        """The events whose reports hold the phrase ``q`` in their headline or text."""
        found = call(lambda wt: wt.search(q, limit))
        return {
            "query": q,
            "events": [event_summary(e) for e in found.events],
            "truncated": found.truncated,
        }

    @app.post("/api/ingest")
    async def ingest(request: Request) -> dict[str, Any]:
        """Ingest the request body: any input format ``wiretrace ingest`` reads (JSON Lines,
        HTML, text, RSS/Atom, WARC), detected from the content. Bad records are listed under
        ``rejected`` with their reason (named ``request:LINE`` and so on); the rest is
        stored. The answer is 200 whenever the request was read."""
        body = await _ingest_body(request)
        # in the thread pool, as plain routes run: parsing must not stall the event loop
        report = await run_in_threadpool(
            call, lambda wt: wt.ingest_documents(read_stream(io.BytesIO(body), "request"))
        )
        return report_json(report)

    @app.get("/api/export")
    def export_all(fmt: str = Query("json", alias="format")) -> Response:
        """The export of ``docs/export.md``, as ``wiretrace export`` writes it."""
        export.check_format(fmt)
        text = call(lambda wt: wt.export(fmt)) or ""
        media = "application/json" if fmt == "json" else "text/csv"
        return Response(text, media_type=f"{media}; charset=utf-8")
