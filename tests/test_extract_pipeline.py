"""The extract stage wired in: the CLI without a database, the store, the export, the cache."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.test_cli import run
from wiretrace import Wiretrace
from wiretrace.extract.records import from_record, to_record
from wiretrace.models import RawDocument
from wiretrace.nlp import Parser

REPORT_A = (
    "Mayor Julia Weiss opened a new bridge in Hamburg on Monday. "
    "“This bridge connects two halves of our city,” Weiss said.\n\n"
    "About 2,000 residents attended, according to the city police.\n"
)
REPORT_B = "Engineers in Vienna tested a tram on Friday. The test went well, officials said.\n"


def test_extract_json_needs_no_database_and_keeps_input_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(REPORT_B)
    (tmp_path / "a.txt").write_text(REPORT_A)
    (tmp_path / "empty.txt").write_text("")
    result = run("extract", "b.txt", "a.txt", "empty.txt", "--json", cwd=tmp_path)
    assert result.returncode == 1  # one input rejected; the others are still printed
    assert "empty.txt" in result.stderr
    records = json.loads(result.stdout)
    assert [Path(r["source"]).name for r in records] == ["b.txt", "a.txt"]
    assert not list(tmp_path.glob("*.db"))
    record = records[1]
    for key in ("id", "source", "url", "entities", "people", "quotes", "times", "places"):
        assert key in record
    assert set(record["frame"]) == {"who", "what", "when", "where", "why", "how"}
    weiss = next(p for p in record["people"] if p["name"] == "Julia Weiss")
    assert "Mayor" in weiss["titles"]
    quote = next(q for q in record["quotes"] if q["kind"] == "direct")
    assert quote["speaker"] == "Julia Weiss"
    text = REPORT_A.strip()
    assert text[quote["start"] : quote["end"]] == quote["text"]


def doc(text: str, name: str) -> RawDocument:
    return RawDocument(source=name, format="text", content=text)


def test_ingest_stores_extractions_and_the_export_carries_them(db_path: Path) -> None:
    with Wiretrace(db_path) as wt:
        report = wt.ingest_documents([doc(REPORT_A, "a.txt"), doc(REPORT_B, "b.txt")])
        assert len(report.added) == 2
        extraction = wt.extraction(report.added[0])
        assert extraction.people
        exported = json.loads(wt.export("json") or "")
    for article in exported["articles"]:
        assert article["extraction"] is not None
        assert "frame" in article["extraction"]


def test_no_extract_stores_none_and_extract_fills_in_later(db_path: Path) -> None:
    with Wiretrace(db_path, extract=False) as wt:
        (article_id,) = wt.ingest_documents([doc(REPORT_A, "a.txt")]).added
        exported = json.loads(wt.export("json") or "")
        assert exported["articles"][0]["extraction"] is None
        with pytest.raises(Exception, match="no current extraction"):
            wt.extraction(article_id)
        (extraction,) = wt.extract()
        assert extraction.article_id == article_id
        assert wt.extraction(article_id) == extraction


def test_redoing_extraction_reads_the_stored_parse(db_path: Path, monkeypatch: Any) -> None:
    with Wiretrace(db_path) as wt:
        (article_id,) = wt.ingest_documents([doc(REPORT_A, "a.txt")]).added
        first = wt.extraction(article_id)
    fresh = Parser()
    fresh.nlp  # load the model, then forbid parsing: the stored parse must be used  # noqa: B018
    monkeypatch.setattr(fresh.nlp, "pipe", lambda *a, **k: pytest.fail("parsed again"))
    with Wiretrace(db_path, parser=fresh) as wt:
        (again,) = wt.extract([article_id], redo=True)
    assert to_record(again) == to_record(first)


def test_records_round_trip(parser: Any) -> None:
    from wiretrace.extract import extract_article
    from wiretrace.models import Article

    article = Article("x", "x.txt", "text", REPORT_A.strip(), REPORT_A)
    extraction = extract_article(article, parser.parse(article.text))
    assert from_record("x", json.loads(json.dumps(to_record(extraction)))) == extraction


def test_trace_through_the_api_cli_and_export(tmp_path: Path) -> None:
    from tests.conftest import SEEDS

    with Wiretrace(tmp_path / "t.db") as wt:
        wt.ingest([SEEDS])
        event = max(wt.events(), key=lambda e: len(e.article_ids("primary")))
        trace = wt.trace(event.id)
        assert set(trace.chains) == set(event.article_ids("primary"))
        assert trace.independent_lines >= 1
        exported = json.loads(wt.export("json") or "")
        for record in exported["events"]:
            assert record["trace"]["independent_lines"] >= 1
        for article_id in event.article_ids("primary"):
            assert all(c.article_id != article_id for c in wt.near_duplicates(article_id))
    result = run("trace", event.id[:8], "--json", "--db", "t.db", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["independent_lines"] == trace.independent_lines


def test_near_duplicates_finds_a_copy_across_the_store(db_path: Path) -> None:
    copy = "Breaking news. " + REPORT_A + "\nRead more stories on our site.\n"
    with Wiretrace(db_path) as wt:
        first, second = wt.ingest_documents([doc(REPORT_A, "a.txt"), doc(copy, "copy.txt")]).added
    with Wiretrace(db_path) as wt:  # the index is rebuilt from stored signatures
        (candidate,) = wt.near_duplicates(first)
        assert candidate.article_id == second
        assert candidate.jaccard > 0.5


def test_missing_model_stores_nothing_so_a_retry_ingests_everything(db_path: Path) -> None:
    from wiretrace.errors import UsageError

    with Wiretrace(db_path, parser=Parser("no_such_spacy_model")) as wt:
        with pytest.raises(UsageError, match="not installed"):
            wt.ingest_documents([doc(REPORT_A, "a.txt")])
        assert wt.store.count_articles() == 0
    with Wiretrace(db_path) as wt:
        report = wt.ingest_documents([doc(REPORT_A, "a.txt")])
        assert len(report.added) == 1
        assert wt.events() and wt.extraction(report.added[0]).people


def test_the_same_input_twice_in_one_batch_is_counted_as_skipped(db_path: Path) -> None:
    with Wiretrace(db_path) as wt:
        report = wt.ingest_documents([doc(REPORT_A, "a.txt"), doc(REPORT_A, "a.txt")])
    assert len(report.added) == 1
    assert report.skipped == report.added


def test_extract_db_fills_in_articles_ingested_without_extraction(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT_A)
    assert run("ingest", "a.txt", "--no-extract", "--db", "w.db", cwd=tmp_path).returncode == 0
    result = run("extract", "--db", "w.db", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)
    assert any(p["name"] == "Julia Weiss" for p in record["people"])
    assert run("extract", cwd=tmp_path).returncode == 1  # neither files nor --db


def test_a_batch_larger_than_the_parse_cache_is_parsed_whole() -> None:
    small = Parser(cache_size=2)
    texts = [f"Report number {i} says the mayor opened a bridge." for i in range(5)]
    docs = small.parse_many(texts)
    assert [d.text for d in docs] == texts
