"""The store's tables and the migrations between schema versions.

The schema carries a version number from day one. :data:`MIGRATIONS` lists the steps from
one version to the next; :class:`wiretrace.store.Store` applies the missing ones in a
transaction when it opens a database, and refuses one written by a newer wiretrace.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

SCHEMA_VERSION = 4

metadata = sa.MetaData()

schema_info = sa.Table(
    "schema_info",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("format", sa.String(16), nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("byline", sa.Text),
    sa.Column("published", sa.String(10)),
    sa.Column("published_from", sa.String(32)),
    sa.Column("seen", sa.String(10)),
    sa.Column("dateline", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("raw", sa.Text, nullable=False),
    sa.Column("removed", sa.Text, nullable=False),
    sa.Column("metadata", sa.Text, nullable=False),
    sa.Column("ingested_at", sa.String(32), nullable=False),
    sa.Column("updated", sa.String(10)),
    sa.Column("language", sa.String(16)),
    sa.Column("provenance", sa.Text, nullable=False, server_default="{}"),
)

article_features = sa.Table(
    "article_features",
    metadata,
    sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("kind", sa.String(), primary_key=True),
    sa.Column("data", sa.Text, nullable=False),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("title", sa.Text),
    sa.Column("first_reported", sa.String(10)),
)

event_articles = sa.Table(
    "event_articles",
    metadata,
    sa.Column("event_id", sa.String(32), sa.ForeignKey("events.id"), primary_key=True),
    sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Index("ix_event_articles_article", "article_id"),
)

# The clustering's state between ingests (wiretrace.cluster.stored): each open event by its
# number, the strongest terms of each (for candidate search), and where each article went.
cluster_events = sa.Table(
    "cluster_events",
    metadata,
    sa.Column("number", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("data", sa.Text, nullable=False),
)

# An event's days span beside each of its terms: a dated article's candidate search reads,
# through the covering index, only the postings of events near its date.
cluster_terms = sa.Table(
    "cluster_terms",
    metadata,
    sa.Column("number", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("term", sa.String(), primary_key=True),
    sa.Column("first_day", sa.Integer, nullable=False),
    sa.Column("last_day", sa.Integer, nullable=False),
    sa.Index("ix_cluster_terms_term", "term", "last_day", "first_day", "number"),
)

cluster_articles = sa.Table(
    "cluster_articles",
    metadata,
    sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("position", sa.String(64), nullable=False),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("mentions", sa.Text, nullable=False),
    # the article's event after refinement: a changed refined event is rebuilt from these
    sa.Column("refined", sa.Integer, nullable=False),
    sa.Index("ix_cluster_articles_position", "position"),
    sa.Index("ix_cluster_articles_refined", "refined"),
)
CLUSTER_TABLES = (cluster_events, cluster_terms, cluster_articles)
#: The ``schema_info`` key naming what the stored clustering was made with.
CLUSTERING_INFO = "clustering"
#: How long a write waits for another process's write to an SQLite file before it fails.
BUSY_TIMEOUT_MS = 120_000

#: Columns that version 2 added to ``articles`` (the update date, the language, provenance).
_V2_COLUMNS = ("updated", "language", "provenance")


def _migrate_to_1(conn: Connection) -> None:
    """Version 1: articles, their cached features, events and memberships."""
    v1_articles = sa.Table(
        "articles",
        sa.MetaData(),
        *(
            sa.Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable)
            for c in articles.columns
            if c.name not in _V2_COLUMNS
        ),
    )
    v1_articles.create(conn)
    for table in (article_features, events, event_articles, schema_info):
        table.create(conn, checkfirst=True)


def _migrate_to_2(conn: Connection) -> None:
    """Version 2: articles gain ``updated``, ``language`` and ``provenance``."""
    for name in _V2_COLUMNS:
        column = articles.c[name]
        ddl = sa.schema.CreateColumn(column).compile(dialect=conn.dialect)
        conn.execute(sa.text(f"ALTER TABLE articles ADD COLUMN {ddl}"))


#: ``MIGRATIONS[n]`` takes a database at version ``n`` to version ``n + 1``.
def _migrate_to_3(conn: Connection) -> None:
    """Version 3: the clustering's state is kept between ingests (filled on the next one)."""
    for table in CLUSTER_TABLES:
        table.create(conn, checkfirst=True)


def _migrate_to_4(conn: Connection) -> None:
    """Version 4: each placement records its event after refinement. The clustering's state
    is derived data: it is emptied, and the next ingest clusters the store from scratch."""
    conn.execute(sa.text("DROP TABLE IF EXISTS cluster_articles"))
    cluster_articles.create(conn)
    for table in (cluster_terms, cluster_events):
        conn.execute(sa.delete(table))
    conn.execute(sa.delete(schema_info).where(schema_info.c.key == CLUSTERING_INFO))


MIGRATIONS: list[Callable[[Connection], None]] = [
    _migrate_to_1,
    _migrate_to_2,
    _migrate_to_3,
    _migrate_to_4,
]
