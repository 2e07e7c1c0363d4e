"""The ``wiretrace`` command: a thin Typer + Rich layer over :mod:`wiretrace.api`.

Each command maps to one API call. Errors print one line on stderr, no traceback, and the
command exits non-zero (1 for bad input or a missing id, 2 for an unexpected failure; set
``WIRETRACE_DEBUG=1`` to see the traceback of the latter).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from wiretrace import api, samples
from wiretrace.errors import UsageError, WiretraceError
from wiretrace.export import check_format
from wiretrace.ingest import count_inputs
from wiretrace.models import Article, Event, Extraction, IngestReport, Rejection
from wiretrace.store import database_url

if TYPE_CHECKING:
    from wiretrace.consolidate import EventRecord

app = typer.Typer(
    help="Turn a pile of news reports into sourced event records.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def _lasting_db(value: str) -> str:
    """Refuse an in-memory SQLite database: a command would store into it and lose it."""
    try:
        url = make_url(database_url(value))
    except ArgumentError:  # a URL it cannot read is the store's to refuse, with its reason
        return value
    name = url.database or ""
    memory = name in ("", ":memory:") or ":memory:" in name or "mode=memory" in str(url)
    if url.get_backend_name() == "sqlite" and memory:
        raise typer.BadParameter(
            "an in-memory database keeps nothing after the command; name a file"
        )
    return value


DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="WIRETRACE_DB",
        help="SQLite file or SQLAlchemy database URL.",
        callback=_lasting_db,
    ),
]
ProcessesOption = Annotated[
    int,
    typer.Option(
        "--processes",
        "-j",
        min=0,
        help="Worker processes for extraction (0: one per CPU core; 1: none). "
        "Results do not depend on it.",
    ),
]
EventIdArgument = Annotated[str, typer.Argument(help="An event id, or a unique prefix of one.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print it as JSON.")]
DEFAULT_DB = "wiretrace.db"
DEMO_DB = "wiretrace-demo.db"
#: Show a progress bar from this many input files on.
PROGRESS_FROM = 20


def fail(message: str, code: int = 1) -> None:
    err.print(f"error: {' '.join(message.split())}", markup=False, soft_wrap=True)
    raise typer.Exit(code)


def _say_waiting(message: str) -> None:
    """Tell the user why an ingest seems to stand still (another process is clustering)."""
    err.print(f"{message} ...", markup=False, soft_wrap=True)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[str], None] | None]:
    """A Rich progress bar for long runs; nothing at all for a handful of files."""
    if total < PROGRESS_FROM or not err.is_terminal:
        yield None
        return
    columns = (SpinnerColumn(), TextColumn("ingesting"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("ingest", total=None)
        yield lambda _source: bar.advance(task)


def _print_report(report: IngestReport) -> None:
    for rejection in report.rejected:
        err.print(f"rejected: {rejection}", markup=False, soft_wrap=True)
    out.print(
        f"{len(report.added)} added, {len(report.skipped)} already stored, "
        f"{len(report.rejected)} rejected; {len(report.events_changed)} events changed"
    )


def _events_table(events: list[Event]) -> Table:
    table = Table(title=f"{len(events)} events", title_justify="left")
    table.add_column("event")
    table.add_column("first reported")
    table.add_column("primary", justify="right")
    table.add_column("mention", justify="right")
    table.add_column("title")
    for e in events:
        table.add_row(
            e.id,
            e.first_reported.isoformat() if e.first_reported else "-",
            str(len(e.article_ids("primary"))),
            str(len(e.article_ids("mention"))),
            escape(e.title or "(untitled)"),
        )
    return table


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for standard input.")],
    db: DbOption = DEFAULT_DB,
    no_extract: Annotated[
        bool, typer.Option("--no-extract", help="Store and cluster only; skip the extract stage.")
    ] = False,
    processes: ProcessesOption = 0,
) -> None:
    """Read news reports (text scrapes, HTML, JSONL, RSS/Atom, WARC) into the database,
    extract their facts and cluster them."""
    wiretrace = api.Wiretrace(db, extract=not no_extract, processes=processes, on_wait=_say_waiting)
    with wiretrace as wt, _progress(count_inputs(paths)) as progress:
        report = wt.ingest(paths, stdin=sys.stdin.buffer, progress=progress)
    _print_report(report)
    if report.rejected:
        fail(f"{len(report.rejected)} input(s) rejected; the rest was stored")


@app.command()
def extract(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders, or - for standard input; none: the database's."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON list, one object per article.")
    ] = False,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Without PATHS: extract the articles stored here that lack a current "
            "extraction (after `ingest --no-extract` or an upgrade), then update the events.",
        ),
    ] = None,
    processes: ProcessesOption = 0,
) -> None:
    """Extract people, quotes, times, places, claims and the 5W1H frame; no database needed.

    Articles come out in input order; the JSON shape is in docs/extract.md.
    """
    from wiretrace.extract.records import article_record
    from wiretrace.ingest import iter_documents

    if not paths:
        if db is None:
            raise UsageError("give files to extract, or --db DB to extract its stored articles")
        with api.Wiretrace(db, processes=processes, on_wait=_say_waiting) as wt:
            done = wt.extract()
            articles = {a.id: a for a in wt.articles()}
        results = [(articles[x.article_id], x) for x in done]
        rejected: list[Rejection] = []
    else:
        documents = iter_documents(paths, stdin=sys.stdin.buffer)
        results, rejected = api.extract_documents(documents, processes=processes)
    for rejection in rejected:
        err.print(f"rejected: {rejection}", markup=False, soft_wrap=True)
    if as_json:
        records = [article_record(a, x) for a, x in results]
        _print_json(records)
    else:
        for article, extraction in results:
            _print_extraction(article, extraction)
    if rejected:
        fail(f"{len(rejected)} input(s) rejected; the rest was extracted")


def _print_extraction(article: Article, extraction: Extraction) -> None:
    out.print(
        f"\n[bold]{escape(article.title or '(no headline)')}[/bold]  {Path(article.source).name}"
    )
    frame = extraction.frame
    for slot in ("who", "what", "when", "where", "why", "how"):
        value = getattr(frame, slot)
        if value is not None:
            out.print(f"  {slot:6} {value.text}", markup=False)
    status = extraction.event_date or extraction.event_date_status
    out.print(f"  {'date':6} {status}", markup=False)
    for person in extraction.people:
        if person.kind == "person":
            titles = "; ".join(person.titles)
            out.print(
                f"  person {person.name}{'  (' + titles + ')' if titles else ''}", markup=False
            )
    for quote in extraction.quotes:
        via = f" via {' > '.join(quote.via)}" if quote.via else ""
        speaker = quote.speaker or "unknown speaker"
        out.print(f"  quote  {speaker}{via}: {quote.text[:90]}", markup=False)


@app.command()
def events(db: DbOption = DEFAULT_DB) -> None:
    """List the events, earliest first."""
    with api.Wiretrace(db) as wt:
        out.print(_events_table(wt.events()))


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Words to find in headlines and texts.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """List the events whose reports hold TEXT (one phrase, case folded), earliest first."""
    with api.Wiretrace(db) as wt:
        found = wt.search(text)
    out.print(_events_table(found.events))
    if found.truncated:
        err.print("more reports matched than were read: some events may be missing", markup=False)


@app.command()
def recluster(db: DbOption = DEFAULT_DB) -> None:
    """Cluster every stored article from scratch (ingest places new ones incrementally)."""
    with api.Wiretrace(db, on_wait=_say_waiting) as wt:
        found = wt.recluster()
        out.print(f"{len(found)} event(s) from {wt.store.count_articles()} article(s)")


@app.command()
def show(
    event_id: EventIdArgument,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Show one event and the reports behind it."""
    with api.Wiretrace(db) as wt:
        event = wt.event(_resolve(wt, event_id))
        out.print(f"[bold]{escape(event.title or '(untitled)')}[/bold]")
        first = event.first_reported.isoformat() if event.first_reported else "unknown"
        out.print(f"event {event.id}, first reported {first}")
        table = Table()
        for column in ("role", "published", "outlet", "title", "source"):
            table.add_column(column)
        for member in event.members:
            a = wt.article(member.article_id)
            published = a.published.isoformat() if a.published else "-"
            cells = (a.outlet or "-", a.title or "-", a.source)
            table.add_row(member.role, published, *(escape(c) for c in cells))
        out.print(table)


@app.command()
def trace(
    event_id: EventIdArgument,
    as_json: JsonOption = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Show how an event's reports derive from each other and whom they cite: lines of
    reporting, primary sources, attribution chains, copy/rewrite/translation edges."""
    from wiretrace.trace.records import trace_record

    with api.Wiretrace(db) as wt:
        event_trace = wt.trace(_resolve(wt, event_id))
        if as_json:
            _print_json(trace_record(event_trace))
            return
        titles = {
            i: wt.article(i).title or Path(wt.article(i).source).name for i in event_trace.chains
        }
    out.print(f"{event_trace.independent_lines} independent line(s) of reporting")
    for source in event_trace.primary_sources:
        out.print(
            f"  primary source {source.name}: {source.lines} line(s), {source.articles} article(s)",
            markup=False,
        )
    for number, line in enumerate(event_trace.lines, 1):
        out.print(f"line {number}:", markup=False)
        for article_id in line.articles:
            chains = " | ".join(" > ".join(c) for c in event_trace.chains.get(article_id, []))
            out.print(
                f"  {titles.get(article_id, article_id)}  [{chains or 'no chain'}]", markup=False
            )
    for edge in event_trace.edges:
        out.print(
            f"{edge.type}: {titles.get(edge.derived, edge.derived)} <- "
            f"{titles.get(edge.source, edge.source)} (score {edge.score:.2f})",
            markup=False,
        )


@app.command()
def record(
    event_id: EventIdArgument,
    as_json: JsonOption = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Show an event's consolidated record: when, where, who, what was said and claimed,
    each value with the number of independent lines of reporting behind it."""
    from wiretrace.consolidate.records import record_json

    with api.Wiretrace(db) as wt:
        event_record = wt.record(_resolve(wt, event_id))
    if as_json:
        _print_json(record_json(event_record))
        return
    out.print(f"[bold]{escape(event_record.title or '(untitled)')}[/bold]  {event_record.event_id}")
    _print_record_summary(event_record, indent="")
    people = Table(title="people", title_justify="left")
    for column in ("name", "kind", "titles", "lines"):
        people.add_column(column)
    for person in event_record.people:
        titles = "; ".join(t.value for t in person.titles)
        people.add_row(escape(person.name), person.kind, escape(titles), str(person.backing.lines))
    out.print(people)
    sections = (
        (
            "statements",
            [(s.speaker, s.renderings[0].text, s.backing) for s in event_record.statements],
        ),
        ("claims", [(c.asserted_by, c.text, c.backing) for c in event_record.claims]),
        ("assessments", [(c.asserted_by, c.text, c.backing) for c in event_record.assessments]),
    )
    for name, rows in sections:
        out.print(f"{name}: {len(rows)}", markup=False)
        for who, text, backing in rows:
            out.print(
                f"  {who or 'unattributed'}: {text}  [{_lines(backing.lines)}, "
                f"{len(backing.article_ids)} report(s)]",
                markup=False,
            )


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


def _lines(count: int) -> str:
    return f"{count} line" if count == 1 else f"{count} lines"


def _print_record_summary(event_record: EventRecord, indent: str) -> None:
    """Corroboration, when, where and disagreements: what the demo shows of each event."""
    backing = event_record.corroboration
    sources = ", ".join(backing.primary_sources) or "none named"
    when = event_record.when
    backed = when.stated[0].backing.lines if when.value else when.not_disclosed.lines
    date = f"{when.value or when.status}" + (f" ({_lines(backed)})" if backed else "")
    where = [
        f"{p.name} ({', '.join(p.hedges) + ', ' if p.hedged else ''}"
        + (f"according to {', '.join(p.according_to)}, " if p.according_to else "")
        + f"{_lines(p.backing.lines)})"
        for p in event_record.where
    ]
    for text in (
        f"{backing.reports} report(s), {backing.lines} independent line(s) of reporting; "
        f"primary source(s): {sources}",
        f"first reported: {event_record.first_reported or 'unknown'}; event date: {date}",
        f"where: {'; '.join(where) or 'not stated'}",
        *(
            f"disagreement on {d.field}: "
            + "; ".join(f"{f.value} ({_lines(f.backing.lines)})" for f in d.values)
            for d in event_record.disagreements
        ),
    ):
        out.print(f"{indent}{text}", markup=False)


def _resolve(wt: api.Wiretrace, prefix: str) -> str:
    matches = [e.id for e in wt.events() if e.id.startswith(prefix)]
    if len(matches) > 1:
        raise UsageError(f"event id prefix {prefix!r} is ambiguous: {', '.join(matches[:5])}")
    return matches[0] if matches else prefix


@app.command("export")
def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or csv.")] = "json",
    out_path: Annotated[Path | None, typer.Option("--out", "-o", help="File to write.")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export articles and events (the JSON contract is in docs/export.md)."""
    check_format(fmt)
    with api.Wiretrace(db) as wt:
        if out_path is None:
            wt.export(fmt, sys.stdout)
            return
        if out_path.is_dir():
            fail(f"cannot write {out_path}: it is a directory")
        # write beside the target and rename: a failed export never leaves half a file
        partial = out_path.with_name(f".{out_path.name}.partial")
        try:
            with partial.open("w", encoding="utf-8", newline="") as handle:
                wt.export(fmt, handle)
            partial.replace(out_path)
        except OSError as error:
            fail(f"cannot write {out_path}: {error.strerror or error}")
        finally:
            partial.unlink(missing_ok=True)
    err.print(f"wrote {out_path}", markup=False)


@app.command("spark-ingest")
def spark_ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or folders, local or any Spark URI.")],
    db: DbOption = DEFAULT_DB,
    master: Annotated[
        str | None, typer.Option(help="Spark master, e.g. local[4] or spark://host:7077.")
    ] = "local[*]",
    partitions: Annotated[
        int | None, typer.Option(min=1, help="At least this many partitions of the files.")
    ] = None,
    no_extract: Annotated[
        bool, typer.Option("--no-extract", help="Store and cluster only; skip the extract stage.")
    ] = False,
) -> None:
    """Ingest with the per-article work (clean, parse, extract, sign) on Apache Spark; store
    and cluster here (docs/spark.md)."""
    from wiretrace import spark

    with api.Wiretrace(db, extract=not no_extract, on_wait=_say_waiting) as wt:
        report = spark.spark_ingest(wt, paths, master=master, partitions=partitions)
    _print_report(report)
    if report.rejected:
        fail(f"{len(report.rejected)} input(s) rejected; the rest was stored")


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web UI (docs/web.md) and the REST API (docs/rest.md) until interrupted."""
    import uvicorn

    from wiretrace.web import create_app

    loopback = ("127.0.0.1", "localhost", "::1")
    _check_port_free(host, port)
    # a bad database fails here, in one line
    application = create_app(db, allowed_hosts=loopback if host in loopback else None)
    shown = application.state.wiretrace.store.shown  # the URL without its password
    err.print(f"wiretrace: serving {shown} on http://{host}:{port}/", markup=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")


def _check_port_free(host: str, port: int) -> None:
    """Refuse, in one line, an address already in use (uvicorn would print its own error)."""
    import socket

    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.bind((host, port))
    except OSError as taken:
        raise UsageError(f"cannot serve on {host}:{port}: {taken.strerror or taken}") from taken


@app.command()
def demo(
    db: Annotated[
        str,
        typer.Option(
            "--db",
            help="Database to create for the demo; it is deleted first, so never point this "
            "at data you keep. ($WIRETRACE_DB is deliberately not read here.)",
        ),
    ] = DEMO_DB,
    corpus: Annotated[
        Path | None, typer.Option(help="Folder to ingest instead of examples/seeds.")
    ] = None,
) -> None:
    """Ingest the sample corpus into a fresh database and print its events."""
    wt, report = samples.demo(db, corpus=corpus)
    with wt:
        _print_report(report)
        out.print(_events_table(wt.events()))
        for event in wt.events():
            out.print(f"\n[bold]{escape(event.title or '(untitled)')}[/bold]  {event.id}")
            for member in event.members:
                a = wt.article(member.article_id)
                when = a.published.isoformat() if a.published else "date not given"
                out.print(f"  {member.role:8} {when:15} {a.title or '(no headline)'}", markup=False)
                origin = f"{a.outlet or 'outlet not given'}  {Path(a.source).name}"
                out.print(f"  {'':8} {'':15} {origin}", markup=False, style="dim")
            _print_record_summary(wt.record(event.id), indent="  ")
    if report.rejected:
        fail(f"{len(report.rejected)} input(s) rejected")


def main() -> None:
    """Entry point: run the app and turn any error into one line and an exit code.

    Typer itself reports usage errors (exit 2); wiretrace's own errors exit 1; anything else
    is a bug and exits 2 with one line (``WIRETRACE_DEBUG=1`` shows the traceback).
    """
    try:
        app()
    except WiretraceError as exc:
        err.print(f"error: {exc.one_line()}", markup=False, soft_wrap=True)
        sys.exit(1)
    except Exception as exc:  # the one place that turns the unexpected into one line
        if os.environ.get("WIRETRACE_DEBUG"):
            raise
        err.print(f"error: unexpected {type(exc).__name__}: {exc}", markup=False, soft_wrap=True)
        sys.exit(2)
