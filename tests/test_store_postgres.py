"""PostgreSQL as the store: the same results as a SQLite file, on a real server.

The store's own tests and the concurrency tests run on both databases through the
``database`` fixture (tests/conftest.py); this file checks the whole pipeline end to end.
The server comes from the ``pgserver`` wheel (the dev extra); without it these tests skip.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import SEEDS, new_postgres_database
from wiretrace import Wiretrace


def _without_times(value: Any) -> Any:
    """An export with the moments of ingest left out (they differ between two runs)."""
    if isinstance(value, dict):
        return {k: _without_times(v) for k, v in value.items() if k != "ingested_at"}
    if isinstance(value, list):
        return [_without_times(v) for v in value]
    return value


def _run(db: str) -> dict[str, Any]:
    with Wiretrace(db) as wt:
        report = wt.ingest([SEEDS])
        again = wt.ingest([SEEDS])
        events = wt.events()
        return {
            "added": sorted(report.added),
            "added again": again.added,
            "events": [(e.id, e.title, e.first_reported, e.members) for e in events],
            "traces": {e.id: wt.trace(e.id).independent_lines for e in events},
            "export": _without_times(json.loads(wt.export("json") or "")),
            "csv": wt.export("csv"),
        }


def test_the_sample_corpus_gives_the_same_records_in_postgresql_as_in_sqlite(
    tmp_path: Path, postgres_server: Any
) -> None:
    in_sqlite = _run(str(tmp_path / "news.db"))
    in_postgres = _run(new_postgres_database(postgres_server))
    assert in_sqlite["added"] and in_sqlite["added again"] == []
    assert in_postgres == in_sqlite
