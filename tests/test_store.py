"""The store: schema versioning, idempotent writes, atomic transactions (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from wiretrace.errors import NotFoundError, StoreError
from wiretrace.models import Article, Event, Membership, RemovedLine
from wiretrace.schema import SCHEMA_VERSION, schema_info
from wiretrace.store import Store


def make_article(n: int, **extra: object) -> Article:
    values: dict[str, object] = {
        "id": f"a{n:03d}",
        "source": f"file{n}.txt",
        "format": "text",
        "text": f"Paragraph one of article {n}.\n\nParagraph two.",
        "raw": f"raw {n}",
        "title": f"Headline {n}",
        "published": date(2024, 1, n % 28 + 1),
        "published_from": "text",
        "removed": [RemovedLine("Home | News", "menu")],
        "metadata": {"lang": "en"},
    }
    values.update(extra)
    return Article(**values)  # type: ignore[arg-type]


def test_new_database_has_current_schema_version(database: str) -> None:
    store = Store(database)
    assert store.schema_version == SCHEMA_VERSION
    store.close()
    assert Store(database).schema_version == SCHEMA_VERSION  # reopening migrates nothing


def test_newer_schema_is_refused_with_a_clear_error(database: str) -> None:
    store = Store(database)
    with store.engine.begin() as conn:
        conn.execute(sa.update(schema_info).values(value=str(SCHEMA_VERSION + 1)))
    store.close()
    with pytest.raises(StoreError, match="newer than this wiretrace"):
        Store(database)


def test_articles_round_trip_with_every_field(database: str) -> None:
    store = Store(database)
    article = make_article(1, seen=date(2024, 2, 2), dateline="Paris, Jan 3", byline="A. Writer")
    assert store.add_articles([(article, {"cluster": {"x": 1}})]) == ["a001"]
    assert store.article("a001") == article
    assert dict(store.iter_features("cluster")) == {"a001": {"x": 1}}
    assert store.headlines() == {"a001": ("Headline 1", date(2024, 1, 2))}


def test_adding_the_same_article_twice_stores_it_once(database: str) -> None:
    store = Store(database)
    batch = [(make_article(1), {}), (make_article(2), {}), (make_article(1), {})]
    assert store.add_articles(batch) == ["a001", "a002"]
    assert store.add_articles(batch) == []
    assert store.count_articles() == 2


def test_a_failing_batch_leaves_nothing_half_written(database: str) -> None:
    store = Store(database)
    good, bad = make_article(1), make_article(2)
    with pytest.raises(TypeError):  # a feature value JSON cannot hold fails mid-transaction
        store.add_articles([(good, {"cluster": {}}), (bad, {"cluster": {"v": {1, 2}}})])
    assert store.count_articles() == 0
    assert list(store.iter_features("cluster")) == []


def test_events_are_replaced_atomically_and_read_back_in_order(database: str) -> None:
    store = Store(database)
    store.add_articles([(make_article(n), {}) for n in (1, 2, 3)])
    first = Event("ev-b", "B", date(2024, 1, 2), [Membership("a001", "primary", 1.0)])
    second = Event(
        "ev-a",
        "A",
        None,
        [Membership("a003", "mention", 0.5), Membership("a002", "primary", 1.0)],
    )
    store.replace_events([second, first])
    events = store.events()
    assert [e.id for e in events] == ["ev-b", "ev-a"]  # dated first, undated last
    assert [m.role for m in events[1].members] == ["primary", "mention"]
    assert store.event("ev-a") == events[1]  # read alone, the same event and member order
    store.replace_events([first])
    assert [e.id for e in store.events()] == ["ev-b"]
    with pytest.raises(NotFoundError):
        store.event("ev-a")


def test_events_with_reads_only_the_events_holding_the_articles(database: str) -> None:
    store = Store(database)
    store.add_articles([(make_article(n), {}) for n in range(1, 6)])
    early = Event("ev-x", "X", date(2024, 1, 2), [Membership("a001", "primary", 1.0)])
    late = Event(
        "ev-y",
        "Y",
        date(2024, 1, 9),
        [Membership("a002", "primary", 1.0), Membership("a001", "mention", 0.4)],
    )
    other = Event("ev-z", "Z", None, [Membership("a003", "primary", 1.0)])
    store.replace_events([other, late, early])
    everything = store.events()
    assert store.events_with(["a001"]) == [e for e in everything if e.id in {"ev-x", "ev-y"}]
    assert [e.id for e in store.events_with(["a003", "a002", "a003"])] == ["ev-y", "ev-z"]
    assert store.events_with(["a004"]) == store.events_with([]) == []


def test_unknown_article_is_not_found(database: str) -> None:
    with pytest.raises(NotFoundError, match="no article"):
        Store(database).article("nope")


def test_unusable_database_path_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open database"):
        Store(tmp_path / "missing-folder" / "x.db")


def test_a_version_1_database_is_migrated_without_losing_articles(db_path: Path) -> None:
    from wiretrace import store as store_module

    engine = sa.create_engine(f"sqlite:///{db_path}")
    with engine.begin() as conn:  # build a database as wiretrace 0.1 (schema 1) left it
        store_module.MIGRATIONS[0](conn)
        conn.execute(sa.insert(schema_info).values(key="version", value="1"))
        conn.execute(
            sa.text(
                "INSERT INTO articles (id, source, format, text, raw, removed, metadata, "
                "ingested_at) VALUES ('old1', 'a.txt', 'text', 'Body.', 'Body.', '[]', '{}', "
                "'2026-01-01T00:00:00+00:00')"
            )
        )
    engine.dispose()
    store = Store(db_path)
    assert store.schema_version == SCHEMA_VERSION
    old = store.article("old1")
    assert old.text == "Body." and old.provenance == {} and old.language is None
    new = make_article(5, language="fr", updated=date(2024, 2, 1), provenance={"title": "text"})
    store.add_articles([(new, {})])
    assert store.article("a005") == new


def test_there_is_one_migration_per_schema_version() -> None:
    from wiretrace import store as store_module

    assert len(store_module.MIGRATIONS) == SCHEMA_VERSION


def test_a_missing_database_driver_is_a_store_error_with_a_hint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import builtins

    real_import = builtins.__import__

    def without_psycopg(name: str, *args: object, **kwargs: object) -> object:
        if name.split(".")[0] == "psycopg":
            raise ModuleNotFoundError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_psycopg)
    with pytest.raises(StoreError, match=r"no driver: .*wiretrace\[postgres\]"):
        Store("postgresql+psycopg://user@localhost/news")
