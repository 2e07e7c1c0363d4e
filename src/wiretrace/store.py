"""Persistent storage: SQLite by default, any SQLAlchemy URL later (PostgreSQL for teams).

The schema (tables and migrations) is in :mod:`wiretrace.schema`; opening a store applies
the missing migrations in a transaction, and refuses a database written by a newer
wiretrace rather than guessing at it.

Every write is one transaction: an article, its cached features and nothing else land
together, and the event table is replaced as a whole, so a crash never leaves half an
article or a half-written clustering behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from wiretrace.errors import NotFoundError, StoreError, UsageError
from wiretrace.models import (
    Article,
    Event,
    Membership,
    RemovedLine,
    event_order,
    iso_date,
    without_surrogates,
)

if TYPE_CHECKING:
    from filelock import BaseFileLock

from wiretrace.schema import (  # re-exported: the tables are the store's
    BUSY_TIMEOUT_MS,
    MIGRATIONS,
    SCHEMA_VERSION,
    article_features,
    articles,
    cluster_articles,
    event_articles,
    events,
    metadata,
    schema_info,
)


def database_url(db: str | Path) -> str:
    """A SQLAlchemy URL for ``db``: a URL is kept, anything else is a SQLite file path."""
    text = str(db)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser()}"


def shown_url(url: str) -> str:
    """A database URL as messages show it: the password replaced by ``***``."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)


class Store:
    """Articles, events and the cached features clustering needs, in one database."""

    def __init__(self, db: str | Path = "wiretrace.db") -> None:
        self.url = database_url(db)
        #: the URL as messages show it, without its password
        self.shown = shown_url(self.url)
        self._clustering_lock: BaseFileLock | None = None
        try:
            self.engine: Engine = sa.create_engine(self.url)
        except (sa.exc.SQLAlchemyError, ValueError) as exc:
            raise StoreError(f"cannot open database {self.shown}: {_reason(exc)}") from exc
        except ImportError as exc:  # the URL's database driver is not installed
            hint = " (pip install 'wiretrace[postgres]')" if self.url.startswith("postgres") else ""
            raise StoreError(f"cannot open database {self.shown}: no driver: {exc}{hint}") from exc
        # the SQLite file, resolved now (a later change of folder must not move its lock
        # file); None for in-memory databases, "file:" URIs and other servers
        name = self.engine.url.database if self.engine.dialect.name == "sqlite" else None
        plain = bool(name) and name != ":memory:" and not str(name).startswith("file:")
        self._sqlite_path = os.path.realpath(str(name)) if plain else None
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            self._migrate()
        except sa.exc.SQLAlchemyError as exc:
            self.engine.dispose()
            raise StoreError(f"cannot open database {self.shown}: {_reason(exc)}") from exc
        except StoreError:
            self.engine.dispose()
            raise

    @contextmanager
    def clustering_lock(self, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
        """Held while a process places articles into events, so that two processes ingesting
        into one SQLite file at once take turns (the later waits) instead of racing and
        retrying. A file beside the database (``news.db.cluster-lock``, left there), locked
        by the operating system, so a process that dies releases it. ``on_wait`` is called
        with a message, once, when another process holds it (the CLI prints it, so that a
        wait does not look like a hang). Reentrant, also across ``Store`` objects of one
        file in one thread. In-memory databases, SQLite ``file:`` URIs and other servers get
        no lock here: the clustering's generation check still refuses a stale write
        (:class:`~wiretrace.errors.ConcurrentWriteError`)."""
        name = self._sqlite_path
        if name is None:
            yield
            return
        from filelock import FileLock, Timeout

        if self._clustering_lock is None:
            # one lock object per file in this process (is_singleton): a from-scratch run
            # inside a batch, or a second Store of the same file, re-enters it rather than
            # waiting on itself
            self._clustering_lock = FileLock(f"{name}.cluster-lock", is_singleton=True)
        lock = self._clustering_lock
        try:
            try:
                lock.acquire(timeout=0)
            except Timeout:
                if on_wait is not None:
                    on_wait(f"waiting for another process to finish clustering {name}")
                lock.acquire()
        except OSError as exc:
            raise StoreError(f"cannot lock {name}.cluster-lock: {exc}") from exc
        try:
            yield
        finally:
            lock.release()

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A connection for reads; database failures become :class:`StoreError`."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"could not read {self.shown}: {_reason(exc)}") from exc

    def reading(self) -> contextlib.AbstractContextManager[Connection]:
        """A connection for reads (for the stages that keep their own tables here)."""
        return self._reading()

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One transaction for writes that must land together; failures become
        :class:`StoreError` and nothing of the transaction is kept."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"could not write to {self.shown}: {_reason(exc)}") from exc

    def info(self, key: str) -> str | None:
        """A value kept in the ``schema_info`` table (say, what made the stored clustering)."""
        with self._reading() as conn:
            row = conn.execute(sa.select(schema_info.c.value).where(schema_info.c.key == key))
            found = row.first()
        return str(found[0]) if found else None

    @staticmethod
    def set_info(conn: Connection, key: str, value: str) -> None:
        # update in place (a row another writer holds is waited for, not deleted under it);
        # insert only a key not there yet
        where = schema_info.c.key == key
        if not conn.execute(sa.update(schema_info).where(where).values(value=value)).rowcount:
            conn.execute(sa.insert(schema_info).values(key=key, value=value))

    # -- schema -------------------------------------------------------------------------
    def _migrate(self) -> None:
        with self.engine.begin() as conn:
            try:
                version = self._version(conn)
            except StoreError as error:
                raise StoreError(f"cannot open database {self.shown}: {error}") from None
            if version == 0 and self.engine.dialect.name == "sqlite":
                self._refuse_foreign(conn)
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"database {self.shown} has schema version {version}, newer than this "
                    f"wiretrace understands ({SCHEMA_VERSION}); upgrade wiretrace"
                )
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](conn)
                self._set_version(conn, step + 1)

    @staticmethod
    def _version(conn: Connection) -> int:
        if not sa.inspect(conn).has_table("schema_info"):
            return 0
        row = conn.execute(
            sa.select(schema_info.c.value).where(schema_info.c.key == "version")
        ).first()
        if row is None:
            return 0
        try:
            return int(row[0])
        except ValueError:
            raise StoreError(
                f"schema version {row[0]!r} is not a number: the database is damaged"
            ) from None

    def _refuse_foreign(self, conn: Connection) -> None:
        """An SQLite file holding tables, none of them wiretrace's, is another program's
        database (a slip of the ``--db`` name): refused, left as it is. A PostgreSQL
        database may well be shared with other programs, so it is not refused."""
        names = set(sa.inspect(conn).get_table_names())
        if names and not names & set(metadata.tables):
            shown = ", ".join(sorted(names)[:3]) + (", ..." if len(names) > 3 else "")
            raise StoreError(
                f"cannot open database {self.shown}: it is not a wiretrace database (it "
                f"holds another program's tables: {shown}); wiretrace writes nothing into it"
            )

    @staticmethod
    def _set_version(conn: Connection, version: int) -> None:
        conn.execute(sa.delete(schema_info).where(schema_info.c.key == "version"))
        conn.execute(sa.insert(schema_info).values(key="version", value=str(version)))

    @property
    def schema_version(self) -> int:
        with self._reading() as conn:
            return self._version(conn)

    def close(self) -> None:
        self.engine.dispose()

    # -- articles -----------------------------------------------------------------------
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(set(ids))
        found: set[str] = set()
        with self._reading() as conn:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                rows = conn.execute(sa.select(articles.c.id).where(articles.c.id.in_(chunk)))
                found.update(r[0] for r in rows)
        return found

    def add_articles(self, batch: Sequence[tuple[Article, dict[str, dict[str, Any]]]]) -> list[str]:
        """Store articles with their features in one transaction; return the ids added.

        An article already stored (same content hash) is skipped, so re-ingesting is a no-op.
        """
        if not batch:
            return []
        known = self.known_ids(a.id for a, _ in batch)
        added: list[str] = []
        now = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            with self.engine.begin() as conn:
                for article, features in batch:
                    if article.id in known or article.id in added:
                        continue
                    conn.execute(sa.insert(articles).values(**_article_row(article, now)))
                    for kind, data in features.items():
                        conn.execute(
                            sa.insert(article_features).values(
                                article_id=article.id, kind=kind, data=json.dumps(data)
                            )
                        )
                    added.append(article.id)
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"could not store articles: {_reason(exc)}") from exc
        return added

    def article(self, article_id: str) -> Article:
        """One stored article; :class:`NotFoundError` if there is none."""
        article_id = without_surrogates(article_id)  # from a command line: no id holds one
        with self._reading() as conn:
            row = conn.execute(sa.select(articles).where(articles.c.id == article_id)).first()
        if row is None:
            raise NotFoundError(f"no article with id {article_id!r}")
        return _article_from_row(row._mapping)

    def iter_articles(self) -> Iterator[Article]:
        """All articles in id order (stable), streamed."""
        with self._reading() as conn:
            for row in conn.execute(sa.select(articles).order_by(articles.c.id)):
                yield _article_from_row(row._mapping)

    def search_articles(self, text: str, limit: int = 1000) -> list[str]:
        """Ids of the articles whose headline or text holds ``text`` (one phrase; ``%`` and
        ``_`` are plain characters), case folded, at most ``limit``, by id. In SQLite the
        folding is Python's (every script); in PostgreSQL, ``lower`` as the database's
        locale folds. A scan of the texts: fine for a desk's store, not an index for
        millions."""
        if "\x00" in text:
            raise UsageError("a search cannot hold a NUL character")
        sqlite = self.engine.dialect.name == "sqlite"
        fold = sa.func.wiretrace_casefold if sqlite else sa.func.lower
        text = without_surrogates(text)  # undecodable bytes of a command line: UTF-8 refuses
        needle = text.casefold() if sqlite else text.lower()
        query = (
            sa.select(articles.c.id)
            .where(
                sa.or_(
                    fold(articles.c.title).contains(needle, autoescape=True),
                    fold(articles.c.text).contains(needle, autoescape=True),
                )
            )
            .order_by(articles.c.id)
            .limit(limit)
        )
        with self._reading() as conn:
            return [row.id for row in conn.execute(query)]

    def count_articles(self) -> int:
        with self._reading() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one())

    def count_placed(self) -> int:
        """How many articles the stored clustering has placed: fewer than
        :meth:`count_articles` while some wait to be clustered (an ingest stopped, or its
        process died, between storing them and placing them)."""
        with self._reading() as conn:
            query = sa.select(sa.func.count()).select_from(cluster_articles)
            return int(conn.execute(query).scalar_one())

    def headlines(
        self, ids: Iterable[str] | None = None
    ) -> dict[str, tuple[str | None, date | None]]:
        """Each article's (title, publication date), without loading texts: every article's,
        or those of ``ids`` (unknown ids are left out)."""
        query = sa.select(articles.c.id, articles.c.title, articles.c.published)
        with self._reading() as conn:
            if ids is None:
                return {r.id: (r.title, iso_date(r.published)) for r in conn.execute(query)}
            wanted = list(dict.fromkeys(ids))
            found: dict[str, tuple[str | None, date | None]] = {}
            for start in range(0, len(wanted), 500):
                chunk = query.where(articles.c.id.in_(wanted[start : start + 500]))
                found.update((r.id, (r.title, iso_date(r.published))) for r in conn.execute(chunk))
            return found

    def iter_features(self, kind: str) -> Iterator[tuple[str, dict[str, Any]]]:
        query = (
            sa.select(article_features.c.article_id, article_features.c.data)
            .where(article_features.c.kind == kind)
            .order_by(article_features.c.article_id)
        )
        with self._reading() as conn:
            for article_id, data in conn.execute(query):
                yield article_id, json.loads(data)

    def features_of(self, kind: str, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Stored data of one kind for the given article ids (absent ids are left out)."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, dict[str, Any]] = {}
        with self._reading() as conn:
            for start in range(0, len(wanted), 500):
                query = sa.select(article_features.c.article_id, article_features.c.data).where(
                    (article_features.c.kind == kind)
                    & article_features.c.article_id.in_(wanted[start : start + 500])
                )
                found.update((i, json.loads(d)) for i, d in conn.execute(query))
        return found

    def put_features(self, kind: str, items: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Replace cached features of one kind for the given articles, in one transaction."""
        try:
            self._put_features(kind, items)
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"could not store {kind} data: {_reason(exc)}") from exc

    def _put_features(self, kind: str, items: Iterable[tuple[str, dict[str, Any]]]) -> None:
        with self.engine.begin() as conn:
            for article_id, data in items:
                conn.execute(
                    sa.delete(article_features).where(
                        (article_features.c.article_id == article_id)
                        & (article_features.c.kind == kind)
                    )
                )
                conn.execute(
                    sa.insert(article_features).values(
                        article_id=article_id, kind=kind, data=json.dumps(data)
                    )
                )

    # -- events -------------------------------------------------------------------------
    def replace_events(self, new_events: Sequence[Event]) -> None:
        """Swap the whole clustering for a new one, atomically."""
        with self.writing() as conn:
            self.replace_events_in(conn, new_events)

    @staticmethod
    def replace_events_in(conn: Connection, new_events: Sequence[Event]) -> None:
        """:meth:`replace_events` within a transaction of the caller's."""
        conn.execute(sa.delete(event_articles))
        conn.execute(sa.delete(events))
        if new_events:
            conn.execute(sa.insert(events), [_event_row(e) for e in new_events])
            conn.execute(sa.insert(event_articles), _member_rows(new_events))

    @staticmethod
    def update_events_in(
        conn: Connection, removed: Iterable[str], changed: Sequence[Event]
    ) -> list[str]:
        """Drop the events ``removed`` and store ``changed`` (new or replacing the stored ones
        of the same id), in the caller's transaction; return the ids whose articles differ
        from before."""
        before: dict[str, set[str]] = defaultdict(set)
        wanted = sorted(set(removed) | {e.id for e in changed})
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = conn.execute(
                sa.select(event_articles.c.event_id, event_articles.c.article_id).where(
                    event_articles.c.event_id.in_(chunk)
                )
            )
            for event_id, article_id in rows:
                before[event_id].add(article_id)
            conn.execute(sa.delete(event_articles).where(event_articles.c.event_id.in_(chunk)))
            conn.execute(sa.delete(events).where(events.c.id.in_(chunk)))
        if changed:
            conn.execute(sa.insert(events), [_event_row(e) for e in changed])
            conn.execute(sa.insert(event_articles), _member_rows(changed))
        return [e.id for e in changed if before.get(e.id) != set(e.article_ids())]

    def events(self) -> list[Event]:
        """All events, earliest first report first (undated last), then by id."""
        with self._reading() as conn:
            return _read_events(conn, None)

    def events_with(self, article_ids: Iterable[str]) -> list[Event]:
        """The events that hold any of these articles (as primary or mention), in the order
        of :meth:`events`: found through the membership table's article index, so a page
        about a few articles does not read every event."""
        wanted = sorted(set(article_ids))
        if not wanted:
            return []
        with self._reading() as conn:
            found: set[str] = set()
            for start in range(0, len(wanted), 500):
                query = sa.select(event_articles.c.event_id).where(
                    event_articles.c.article_id.in_(wanted[start : start + 500])
                )
                found.update(conn.execute(query).scalars())
            return _read_events(conn, sorted(found))

    def event(self, event_id: str) -> Event:
        """One event and its members (primaries first), read without loading the others."""
        event_id = without_surrogates(event_id)  # from a command line: no id holds one
        with self._reading() as conn:
            row = conn.execute(sa.select(events).where(events.c.id == event_id)).first()
            member_rows = conn.execute(
                sa.select(event_articles)
                .where(event_articles.c.event_id == event_id)
                .order_by(event_articles.c.role.desc(), event_articles.c.article_id)
            ).all()
        if row is None:
            raise NotFoundError(f"no event with id {event_id!r}")
        members = [Membership(m.article_id, m.role, float(m.score)) for m in member_rows]
        return Event(row.id, row.title, iso_date(row.first_reported), members)


def _read_events(conn: Connection, event_ids: Sequence[str] | None) -> list[Event]:
    """The events of these ids (all with ``None``) with their members, primaries first, in
    timeline order."""
    event_rows: list[Any] = []
    member_rows: list[Any] = []
    chunks = (
        [None]
        if event_ids is None
        else [event_ids[i : i + 500] for i in range(0, len(event_ids), 500)]
    )
    for chunk in chunks:
        rows = sa.select(events)
        members = sa.select(event_articles).order_by(
            event_articles.c.event_id,
            event_articles.c.role.desc(),  # primary before mention
            event_articles.c.article_id,
        )
        if chunk is not None:
            rows = rows.where(events.c.id.in_(chunk))
            members = members.where(event_articles.c.event_id.in_(chunk))
        event_rows += conn.execute(rows).all()
        member_rows += conn.execute(members).all()
    by_event: dict[str, list[Membership]] = {}
    for m in member_rows:
        by_event.setdefault(m.event_id, []).append(Membership(m.article_id, m.role, float(m.score)))
    result = [
        Event(r.id, r.title, iso_date(r.first_reported), by_event.get(r.id, [])) for r in event_rows
    ]
    result.sort(key=event_order)
    return result


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # another process's write (storing a batch, a flush, a from-scratch clustering) can hold
    # the database's write lock for a while: wait for it rather than fail after 5 s
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
    # SQLite's own lower() folds ASCII letters only; search folds every script
    dbapi_connection.create_function("wiretrace_casefold", 1, _casefold, deterministic=True)


def _casefold(value: str | None) -> str | None:
    return value.casefold() if isinstance(value, str) else value


def _reason(exc: Exception) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig or exc).splitlines()[0]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _article_row(article: Article, now: str) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "format": article.format,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "byline": article.byline,
        "published": _iso(article.published),
        "published_from": article.published_from,
        "seen": _iso(article.seen),
        "dateline": article.dateline,
        "text": article.text,
        "raw": article.raw,
        "removed": json.dumps([[r.text, r.reason] for r in article.removed], ensure_ascii=False),
        "metadata": json.dumps(article.metadata, ensure_ascii=False, default=str),
        "ingested_at": now,
        "updated": _iso(article.updated),
        "language": article.language,
        "provenance": json.dumps(article.provenance, ensure_ascii=False),
    }


def _article_from_row(row: Any) -> Article:
    return Article(
        id=row["id"],
        source=row["source"],
        format=row["format"],
        text=row["text"],
        raw=row["raw"],
        url=row["url"],
        outlet=row["outlet"],
        title=row["title"],
        byline=row["byline"],
        published=iso_date(row["published"]),
        published_from=row["published_from"],
        seen=iso_date(row["seen"]),
        dateline=row["dateline"],
        updated=iso_date(row["updated"]),
        language=row["language"],
        removed=[RemovedLine(t, r) for t, r in json.loads(row["removed"])],
        metadata=json.loads(row["metadata"]),
        provenance=json.loads(row["provenance"] or "{}"),
    )


def _member_rows(new_events: Sequence[Event]) -> list[dict[str, Any]]:
    return [
        {"event_id": e.id, "article_id": m.article_id, "role": m.role, "score": m.score}
        for e in new_events
        for m in e.members
    ]


def _event_row(event: Event) -> dict[str, Any]:
    return {"id": event.id, "title": event.title, "first_reported": _iso(event.first_reported)}
