"""The CLI as a user runs it: a real subprocess, its output and its exit code."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wiretrace", *args],
        cwd=cwd,
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import SEEDS

    folder = tmp_path_factory.mktemp("cli")
    result = run("ingest", str(SEEDS), "--db", "w.db", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "5 added" in result.stdout
    return folder


def test_events_lists_two_events(ingested: Path) -> None:
    result = run("events", "--db", "w.db", cwd=ingested)
    assert result.returncode == 0
    assert "2 events" in result.stdout


def test_recluster_keeps_the_events(ingested: Path) -> None:
    before = json.loads(run("export", "--db", "w.db", cwd=ingested).stdout)["events"]
    result = run("recluster", "--db", "w.db", cwd=ingested)
    assert result.returncode == 0, result.stderr
    assert "2 event(s) from 5 article(s)" in result.stdout
    assert json.loads(run("export", "--db", "w.db", cwd=ingested).stdout)["events"] == before


def test_show_accepts_an_id_prefix_and_lists_roles(ingested: Path) -> None:
    exported = json.loads(run("export", "--db", "w.db", cwd=ingested).stdout)
    event_id = exported["events"][0]["id"]
    result = run("show", event_id[:7], "--db", "w.db", cwd=ingested)
    assert result.returncode == 0, result.stderr
    assert event_id in result.stdout and "primary" in result.stdout


def test_export_json_and_csv(ingested: Path) -> None:
    document = json.loads(run("export", "--format", "json", "--db", "w.db", cwd=ingested).stdout)
    assert len(document["articles"]) == 5 and len(document["events"]) == 2
    result = run("export", "-f", "csv", "--out", "e.csv", "--db", "w.db", cwd=ingested)
    assert result.returncode == 0
    rows = list(csv.DictReader(io.StringIO((ingested / "e.csv").read_text())))
    assert len(rows) == sum(len(e["articles"]) for e in document["events"])


def test_record_prints_the_event_record_and_its_json(ingested: Path) -> None:
    exported = json.loads(run("export", "--db", "w.db", cwd=ingested).stdout)
    event = max(exported["events"], key=lambda e: len(e["articles"]))
    result = run("record", event["id"][:7], "--db", "w.db", cwd=ingested)
    assert result.returncode == 0, result.stderr
    lines = event["record"]["corroboration"]["lines"]
    assert f"{lines} independent line(s) of reporting" in result.stdout
    assert "event date: not disclosed" in result.stdout
    as_json = run("record", event["id"], "--json", "--db", "w.db", cwd=ingested)
    assert json.loads(as_json.stdout) == event["record"]
    missing = run("record", "ev-nothing", "--db", "w.db", cwd=ingested)
    assert missing.returncode == 1 and "no event" in missing.stderr


def test_search_lists_the_events_holding_a_phrase(ingested: Path) -> None:
    exported = json.loads(run("export", "--db", "w.db", cwd=ingested).stdout)
    holding = {
        a["id"]
        for a in exported["articles"]
        if "artillery shell" in f"{a['title']} {a['text']}".casefold()
    }
    expected = {e["id"] for e in exported["events"] if holding & {m["id"] for m in e["articles"]}}
    result = run("search", "ARTILLERY SHELL", "--db", "w.db", cwd=ingested)
    assert result.returncode == 0, result.stderr
    assert expected and f"{len(expected)} events" in result.stdout
    assert all(event_id in result.stdout for event_id in expected)
    nothing = run("search", "no report says zyxwvut", "--db", "w.db", cwd=ingested)
    assert "0 events" in nothing.stdout


def test_unknown_event_is_one_line_and_exit_1(ingested: Path) -> None:
    result = run("show", "ev-nothing", "--db", "w.db", cwd=ingested)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "no event" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "db",
    ["sqlite:///", ":memory:", "sqlite+pysqlite:///:memory:", "sqlite:///file::memory:?uri=true"],
)
def test_an_in_memory_database_is_refused(tmp_path: Path, db: str) -> None:
    # it would take the articles and lose them when the command ends
    result = run("events", "--db", db, cwd=tmp_path)
    assert result.returncode == 2
    assert "in-memory" in result.stderr and "Traceback" not in result.stderr


def test_bad_export_format_is_one_line(ingested: Path) -> None:
    result = run("export", "--format", "xml", "--db", "w.db", cwd=ingested)
    assert result.returncode == 1
    assert result.stderr.strip() == ("error: unknown export format 'xml'; choose one of: json, csv")


def test_ingest_from_stdin_with_a_bad_line_exits_non_zero(tmp_path: Path) -> None:
    body = " ".join(["Firefighters contained the warehouse blaze after six hours."] * 10)
    lines = json.dumps({"url": "https://example.org/fire", "title": "Blaze", "text": body})
    result = run("ingest", "-", "--db", "s.db", cwd=tmp_path, stdin=(lines + "\n{oops\n").encode())
    assert result.returncode == 1
    assert "1 added" in result.stdout
    assert "<stdin>:2" in result.stderr and "Traceback" not in result.stderr


def test_unopenable_database_is_one_line(tmp_path: Path) -> None:
    result = run("events", "--db", str(tmp_path / "no" / "such" / "dir.db"), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("error: cannot open database")
    assert result.stderr.strip().count("\n") == 0


def test_demo_prints_the_sample_events(tmp_path: Path) -> None:
    result = run("demo", "--db", "demo.db", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "2 events" in result.stdout
    assert "mention" in result.stdout
    # the tank-factory visit: three independent lines of reporting (one is a rewrite), a
    # visit date no report discloses, a place one lawmaker says it likely is
    assert "4 report(s), 3 independent line(s) of reporting" in result.stdout
    assert "event date: not disclosed" in result.stdout
    assert "(likely, according to" in result.stdout


def test_demo_never_touches_the_database_named_in_the_environment(tmp_path: Path) -> None:
    import os

    mine = tmp_path / "mine.db"
    mine.write_bytes(b"precious")
    env = {**os.environ, "WIRETRACE_DB": str(mine)}
    result = subprocess.run(
        [sys.executable, "-m", "wiretrace", "demo"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert mine.read_bytes() == b"precious"
    assert (tmp_path / "wiretrace-demo.db").exists()
