"""The REST API as a client sees it: routes, JSON shapes shared with the CLI, one error shape.

Most tests use FastAPI's in-process client over a store of the sample corpus; the last one
starts ``wiretrace serve`` as a real process and talks to it over a socket.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.conftest import served
from wiretrace import Wiretrace
from wiretrace.consolidate.records import record_json
from wiretrace.web import create_app

pytestmark = pytest.mark.slow


def _largest_event(sample_client: TestClient) -> dict[str, Any]:
    events = sample_client.get("/api/events").json()["events"]
    return max(events, key=lambda e: e["primary"])


def assert_error(response: httpx.Response, status: int, kind: str) -> None:
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"type", "message"}
    assert body["error"]["type"] == kind and body["error"]["message"]


def test_events_list_with_member_counts(sample_client: TestClient) -> None:
    events = sample_client.get("/api/events").json()["events"]
    assert sorted((e["primary"], e["mention"]) for e in events) == [(1, 0), (4, 1)]


def test_an_event_with_its_members_headlines(sample_client: TestClient) -> None:
    event = _largest_event(sample_client)
    data = sample_client.get(f"/api/events/{event['id']}").json()
    assert data["id"] == event["id"] and data["title"] == event["title"]
    assert [m["role"] for m in data["articles"]].count("primary") == 4
    assert all("title" in m and "published" in m for m in data["articles"])


def test_record_and_trace_are_the_python_apis(
    sample_client: TestClient, sample_store: Wiretrace
) -> None:
    event_id = _largest_event(sample_client)["id"]
    record = sample_client.get(f"/api/events/{event_id}/record").json()
    assert record == json.loads(json.dumps(record_json(sample_store.record(event_id))))
    assert record["corroboration"]["lines"] == 3
    trace = sample_client.get(f"/api/events/{event_id}/trace").json()
    assert trace["independent_lines"] == 3


def test_an_article_with_its_extraction(sample_client: TestClient, sample_store: Wiretrace) -> None:
    article_id = sample_store.events()[0].article_ids("primary")[0]
    data = sample_client.get(f"/api/articles/{article_id}").json()
    exported = json.loads(sample_store.export("json") or "")
    (expected,) = [a for a in exported["articles"] if a["id"] == article_id]
    events = data.pop("events")
    assert data == expected
    assert data["extraction"]["people"]
    held = [
        {"id": e["id"], "role": member["role"]}
        for e in exported["events"]
        for member in e["articles"]
        if member["id"] == article_id
    ]
    assert events == held and {"id": sample_store.events()[0].id, "role": "primary"} in events


def test_search_finds_events_by_their_reports_words(sample_client: TestClient) -> None:
    found = sample_client.get("/api/search", params={"q": "ARTILLERY SHELL"}).json()
    assert found["query"] == "ARTILLERY SHELL"
    assert any("artillery" in (e["title"] or "").lower() for e in found["events"])
    assert (
        sample_client.get("/api/search", params={"q": "no report says zyxwvut"}).json()["events"]
        == []
    )
    assert_error(sample_client.get("/api/search"), 422, "invalid_request")


def test_every_error_has_one_shape(sample_client: TestClient) -> None:
    assert_error(sample_client.get("/api/events/ev-nothing"), 404, "not_found")
    assert_error(sample_client.get("/api/events/ev-nothing/record"), 404, "not_found")
    assert_error(sample_client.get("/api/articles/nothing"), 404, "not_found")
    assert_error(sample_client.get("/api/nothing"), 404, "not_found")
    assert_error(sample_client.delete("/api/events"), 405, "method_not_allowed")
    assert_error(sample_client.get("/api/export", params={"format": "xml"}), 400, "bad_request")


def test_export_as_json_and_csv(sample_client: TestClient) -> None:
    as_json = sample_client.get("/api/export")
    assert as_json.headers["content-type"].startswith("application/json")
    assert len(as_json.json()["events"]) == 2
    as_csv = sample_client.get("/api/export", params={"format": "csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert as_csv.text.splitlines()[0].startswith("event_id,")


def test_ingest_stores_good_records_names_bad_ones_and_never_duplicates(
    tmp_path: Path,
) -> None:
    body = (
        json.dumps(
            {
                "url": "https://example.org/a",
                "title": "Harbour closed as storm nears",
                "text": "The port authority closed the harbour on Tuesday as a storm neared "
                "the coast. Fishing boats were told to stay moored until Friday.",
                "published": "2031-03-04",
            }
        )
        + "\n{not json\n"
    ).encode()
    opened = Wiretrace(tmp_path / "w.db", extract=False)
    with opened, TestClient(create_app(wiretrace=opened)) as client:
        first = client.post("/api/ingest", content=body)
        assert first.status_code == 200
        report = first.json()
        assert len(report["added"]) == 1 and report["skipped"] == []
        (rejected,) = report["rejected"]
        assert rejected["source"] == "request:2" and "JSON" in rejected["reason"]
        again = client.post("/api/ingest", content=body).json()
        assert again["added"] == [] and again["skipped"] == report["added"]
        assert len(client.get("/api/events").json()["events"]) == 1


def test_wiretrace_serve_answers_over_http(sample_store: Wiretrace) -> None:
    with served(str(sample_store.store.engine.url.database)) as base:
        response = httpx.get(f"{base}/api/events", timeout=30)
    assert response.status_code == 200
    assert len(response.json()["events"]) == 2


def test_serve_with_an_unopenable_database_is_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wiretrace", "serve", "--db", str(tmp_path / "no" / "w.db")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("error:")
    assert "Traceback" not in result.stderr


def test_search_reads_a_phrase_literally_and_says_when_it_stopped(
    sample_client: TestClient,
) -> None:
    assert sample_client.get("/api/search", params={"q": "%"}).json()["events"] == []
    assert sample_client.get("/api/search", params={"q": "_"}).json()["events"] == []
    capped = sample_client.get("/api/search", params={"q": "the", "limit": 1}).json()
    assert capped["truncated"] is True and len(capped["events"]) == 1
    whole = sample_client.get("/api/search", params={"q": "the"}).json()
    assert whole["truncated"] is False and len(whole["events"]) == 2
    assert_error(sample_client.get("/api/search", params={"q": "\x00"}), 400, "bad_request")


def test_search_folds_every_script(tmp_path: Path) -> None:
    report = {
        "url": "https://example.org/e",
        "title": "ÉCOLE fermée à Ærø",
        "text": "L'École de Ærø est fermée depuis mardi à cause de la tempête.",
    }
    opened = Wiretrace(tmp_path / "w.db", extract=False)
    with opened, TestClient(create_app(wiretrace=opened)) as client:
        client.post(
            "/api/ingest",
            content=json.dumps(report).encode(),
            headers={"content-type": "application/x-ndjson"},
        )
        for phrase in ("école", "ÆRØ", "Fermée"):
            found = client.get("/api/search", params={"q": phrase}).json()["events"]
            assert len(found) == 1, phrase


def test_ingest_refuses_what_a_web_page_could_post_and_what_is_too_large(
    tmp_path: Path,
) -> None:
    opened = Wiretrace(tmp_path / "w.db", extract=False)
    with opened, TestClient(create_app(wiretrace=opened)) as client:
        for kind in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
            refused = client.post("/api/ingest", content=b"{}", headers={"content-type": kind})
            assert_error(refused, 415, "unsupported_media_type")
        huge = client.post(
            "/api/ingest",
            content=b"x",
            headers={"content-type": "application/octet-stream", "content-length": str(10**12)},
        )
        assert_error(huge, 413, "too_large")
        assert opened.store.count_articles() == 0


def test_failures_keep_the_error_shape_and_their_details_in_the_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from wiretrace.errors import StoreError

    opened = Wiretrace(tmp_path / "w.db", extract=False)
    app = create_app(wiretrace=opened)
    secret = "postgresql://me:***@db.internal/news"

    def store_fails() -> list[Any]:
        raise StoreError(f"could not read {secret}: disk full")

    def bug() -> list[Any]:
        raise RuntimeError("a bug")

    with opened, TestClient(app, raise_server_exceptions=False) as client:
        opened.events = store_fails  # type: ignore[method-assign]
        failed = client.get("/api/events")
        assert_error(failed, 500, "store")
        assert "db.internal" not in failed.text and "db.internal" in caplog.text
        opened.events = bug  # type: ignore[method-assign]
        assert_error(client.get("/api/events"), 500, "internal")
        page = client.get("/")
        assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")


def test_only_the_allowed_host_names_are_answered(sample_store: Wiretrace) -> None:
    app = create_app(wiretrace=sample_store, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://localhost:8000") as client:
        assert client.get("/api/events").status_code == 200
    with TestClient(app, base_url="http://rebound.example") as client:
        assert_error(client.get("/api/events"), 400, "bad_request")


def test_serve_on_a_port_in_use_is_one_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [
                *(sys.executable, "-m", "wiretrace", "serve"),
                *("--db", str(tmp_path / "w.db"), "--port", str(port)),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert result.stderr.startswith("error: cannot serve on 127.0.0.1:")
