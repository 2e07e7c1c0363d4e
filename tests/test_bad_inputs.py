"""Inputs found by fuzzing (2026-11-24) that broke the ingest rule: a bad input gets a
clear one-line rejection naming the file or record, the rest of the batch goes on, nothing
stored is lost or duplicated, and there is never a traceback.

Each test failed on the code before its fix; its docstring says what happened then and
what is expected. Inputs are small, inline and generic; nothing touches the network. Tests
that only need ingest, cleaning and storing run with ``extract=False`` (no spaCy model).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wiretrace import Wiretrace
from wiretrace.ingest import read_file, read_stream
from wiretrace.models import RawDocument, Rejection

SRC = Path(__file__).resolve().parent.parent / "src"

ART = (
    "Officials in Westford said on Tuesday that a new rail line would open next year. "
    '"We are on schedule," project director Sam Lee said. The line will link three towns.'
)
ART2 = (
    "The Eastport council approved a new budget on Friday after a long debate. "
    "Mayor Alex Smith said the plan would fund two new schools. Opposition members voted "
    "against it."
)


def page(body_text: str = ART, head: str = "") -> str:
    return (
        f"<html><head><title>Rail line</title>{head}</head><body><article>"
        f"<h1>Rail line to open</h1><p>{body_text}</p><p>{ART2}</p></article></body></html>"
    )


def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(f"Budget approved in Eastport\n\n{ART2}\n", encoding="utf-8")
    return path


def ingest_ok(db: Path, paths: list[Path]) -> tuple[list[str], list[Rejection]]:
    """Ingest ``paths`` in one batch; it must not raise. Returns (added ids, rejections)."""
    with Wiretrace(db, extract=False) as wt:
        report = wt.ingest(paths)
    return report.added, report.rejected


def warc_record(uri: str, body: bytes, content_type: str = "text/html") -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n".encode() + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(uri))}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("WIRETRACE_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "wiretrace", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


# --------------------------------------------------------------------------------------
# 1. A declared charset that names a Python codec which is not a text encoding


NON_TEXT_CODECS = ["hex", "base64", "rot13", "zlib", "bz2", "uu", "undefined"]


@pytest.mark.parametrize("charset", NON_TEXT_CODECS)
def test_html_meta_charset_naming_a_non_text_codec_is_not_a_crash(
    tmp_path: Path, charset: str
) -> None:
    """``<meta charset="hex">`` (or base64, rot13, zlib, bz2, uu, undefined) on a page that is
    not valid UTF-8 raised LookupError/UnicodeError out of ``encoding.decode``. Expected: the
    declaration is treated like any unknown label ("x-unknown-enc" already is): ignored,
    and the page decoded by the next step (UTF-8, then sniffing) or rejected with a reason."""
    path = tmp_path / "page.html"
    path.write_bytes(page("caf\xe9 " + ART, f'<meta charset="{charset}">').encode("cp1252"))
    items = list(read_file(path))  # raised LookupError / UnicodeError
    assert items and all(isinstance(i, RawDocument | Rejection) for i in items)


@pytest.mark.parametrize("charset", ["unicode_escape", "utf-7"])
def test_a_charset_of_python_but_not_of_the_web_is_ignored(tmp_path: Path, charset: str) -> None:
    """``unicode_escape`` turned a literal ``\\u00e9`` of an ASCII page into "é" and UTF-7
    (which browsers refuse) "+2AA-" into a lone surrogate: such a label is unknown now, and
    the page is read as what it is."""
    path = tmp_path / "page.html"
    path.write_text(
        page("A path C:\\u00e9t\\u00e9 and +2AA- stay. " + ART, f'<meta charset="{charset}">')
    )
    (document,) = list(read_file(path))
    assert isinstance(document, RawDocument)
    assert "C:\\u00e9t\\u00e9 and +2AA-" in document.content
    assert document.metadata["encoding"] == "utf-8"


def test_feed_xml_declaration_naming_a_non_text_codec_is_not_a_crash(tmp_path: Path) -> None:
    """``<?xml version="1.0" encoding="rot13"?>`` on a feed with a windows-1252 byte raised
    LookupError. Expected: the declaration is ignored (as ``encoding="nonsense"`` is)."""
    path = tmp_path / "feed.rss"
    feed = (
        '<?xml version="1.0" encoding="rot13"?><rss version="2.0"><channel><title>T</title>'
        f"<item><title>Rail line</title><description>caf\xe9 {ART}</description></item>"
        "</channel></rss>"
    )
    path.write_bytes(feed.encode("cp1252"))
    items = list(read_file(path))
    assert items and all(isinstance(i, RawDocument | Rejection) for i in items)


def test_warc_content_type_charset_naming_a_non_text_codec_is_not_a_crash(
    tmp_path: Path,
) -> None:
    """A WARC response with ``Content-Type: text/html; charset=hex`` raised LookupError.
    Expected: the charset is ignored like an unknown one, the record read or rejected as
    ``FILE@OFFSET``."""
    path = tmp_path / "crawl.warc"
    path.write_bytes(warc_record("http://x.example/1", page().encode(), "text/html; charset=hex"))
    items = list(read_file(path))
    assert items and all(isinstance(i, RawDocument | Rejection) for i in items)


def test_non_text_codec_page_does_not_lose_the_rest_of_the_batch(tmp_path: Path) -> None:
    """One such page in a folder made ``wiretrace ingest`` stop with ``error: unexpected
    LookupError`` (exit 2) and store none of the good files of the batch. Expected: the good
    file is stored; the odd page is stored or rejected; exit 0 or 1, never 2."""
    folder = tmp_path / "in"
    folder.mkdir()
    good_file(folder)
    (folder / "odd.html").write_bytes(
        page("caf\xe9 " + ART, '<meta charset="hex">').encode("cp1252")
    )
    result = run_cli("ingest", str(folder), "--db", "w.db", "--no-extract", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    assert "unexpected" not in result.stderr
    assert "1 added" in result.stdout or "2 added" in result.stdout


def test_rest_ingest_of_a_non_text_codec_page_is_not_a_500(tmp_path: Path) -> None:
    """``POST /api/ingest`` with that page answered 500 ``internal``. Expected: 200 with the
    page added or listed under ``rejected``."""
    from fastapi.testclient import TestClient

    from wiretrace.web import create_app

    body = page("caf\xe9 " + ART, '<meta charset="rot13">').encode("cp1252")
    with TestClient(create_app(db=tmp_path / "w.db"), raise_server_exceptions=False) as client:
        response = client.post(
            "/api/ingest", content=body, headers={"Content-Type": "application/octet-stream"}
        )
    assert response.status_code == 200, response.text


# --------------------------------------------------------------------------------------
# 2. Lone UTF-16 surrogates (JSON "\ud800" escapes, XML "&#xD800;", JSON-LD) reach the store


SURROGATE_RECORDS = {
    "text": {"text": ART + " \ud800 More."},
    "title": {"text": ART, "title": "Rail \ud800 line"},
    "url": {"text": ART, "url": "https://news.example.com/\ud800"},
    "outlet": {"text": ART, "outlet": "Example \udfff Daily"},
    "metadata_value": {"text": ART, "section": "\ud800"},
    "html": {"html": f"<p>{ART} \ud800</p><p>{ART2}</p>"},
}


@pytest.mark.parametrize("field", sorted(SURROGATE_RECORDS))
def test_jsonl_lone_surrogate_escape_is_rejected_or_replaced(tmp_path: Path, field: str) -> None:
    """A JSON Lines record holding a lone surrogate escape (``"\\ud800"``, valid JSON, common
    in scrapes that cut a string inside an emoji) raised ``UnicodeEncodeError: surrogates not
    allowed`` (in ``RawDocument.content_hash`` or the SQLite insert), so the whole batch was
    lost. Expected: the record is rejected as ``FILE:LINE`` with a reason, or stored with
    the surrogate replaced; the good record on line 2 is stored either way."""
    path = tmp_path / "scrape.jsonl"
    lines = [json.dumps(SURROGATE_RECORDS[field]), json.dumps({"text": ART2, "title": "Budget"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    added, rejected = ingest_ok(tmp_path / "w.db", [path])  # raised UnicodeEncodeError
    assert len(added) + len(rejected) == 2
    assert all(r.source.startswith(str(path)) for r in rejected)


@pytest.mark.parametrize(
    "reference", ["&#xD800;", "&#55296;", "&#1234567890123;", "&#x0000000000000D800;"]
)
def test_feed_references_to_no_character_are_replaced(tmp_path: Path, reference: str) -> None:
    """An RSS item holding ``&#xD800;`` raised UnicodeEncodeError inside feedparser, so the
    whole batch was lost; a first fix caught references of up to 12 digits only, and a longer
    one (OverflowError) or a zero-padded surrogate still crashed it. Each is U+FFFD now."""
    path = tmp_path / "feed.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
        f"<title>Rail {reference} line</title><description>{ART}</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    added, rejected = ingest_ok(tmp_path / "w.db", [path, good_file(tmp_path)])
    assert len(added) == 2, rejected


def test_json_ld_surrogate_escape_is_not_a_crash(tmp_path: Path) -> None:
    """An HTML page whose JSON-LD says ``"headline": "Rail \\ud800 line"`` raised
    UnicodeEncodeError while storing. Expected: the page is stored (the title cleaned) or
    rejected with a reason; the rest of the batch stored."""
    path = tmp_path / "page.html"
    ld = (
        '{"@type": "NewsArticle", "headline": "Rail \\ud800 line", "author": {"name": "A \\udc00"}}'
    )
    path.write_text(page(head=f'<script type="application/ld+json">{ld}</script>'), "utf-8")
    added, rejected = ingest_ok(tmp_path / "w.db", [path, good_file(tmp_path)])
    assert len(added) + len(rejected) == 2


def test_rest_ingest_of_a_surrogate_record_is_not_a_500(tmp_path: Path) -> None:
    """``POST /api/ingest`` with such a JSON Lines body answered 500 ``internal`` and stored
    nothing. Expected: 200, the bad line under ``rejected`` as ``request:1`` (or added with
    the surrogate replaced), the good line added."""
    from fastapi.testclient import TestClient

    from wiretrace.web import create_app

    body = (
        json.dumps({"text": ART, "title": "Rail \ud800"}) + "\n" + json.dumps({"text": ART2}) + "\n"
    ).encode()
    with TestClient(create_app(db=tmp_path / "w.db"), raise_server_exceptions=False) as client:
        response = client.post(
            "/api/ingest", content=body, headers={"Content-Type": "application/octet-stream"}
        )
    assert response.status_code == 200, response.text
    answer = response.json()
    assert len(answer["added"]) + len(answer["rejected"]) == 2


# --------------------------------------------------------------------------------------
# 3. A file name that is not valid UTF-8


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="needs byte file names")
def test_non_utf8_file_name_does_not_lose_the_batch(tmp_path: Path) -> None:
    """A folder holding ``caf\\xe9.txt`` (a Latin-1 name, common in old archives) made ingest
    raise ``UnicodeEncodeError: surrogates not allowed`` at the SQLite insert of the
    ``source`` column (the CLI: ``error: unexpected ...``, exit 2), and no file of the batch
    was stored. Expected: the file is stored under a printable source name (or rejected
    naming it); the other file of the folder is stored."""
    folder = tmp_path / "in"
    folder.mkdir()
    good_file(folder)
    odd = folder / os.fsdecode(b"caf\xe9.txt")
    odd.write_text(f"Rail line to open\n\n{ART}\n", encoding="utf-8")
    added, rejected = ingest_ok(tmp_path / "w.db", [folder])  # raised UnicodeEncodeError
    assert len(added) + len(rejected) == 2
    assert len(added) >= 1


# --------------------------------------------------------------------------------------
# 4. Quadratic time on one long token (clean.features: _EMAIL_RE)


def test_a_long_token_does_not_make_cleaning_quadratic(tmp_path: Path) -> None:
    """A text whose one line is a 100,000-character token (a hash, a pasted blob, a run of
    one letter) took about 30-45 s in ``clean.features.line_features``: ``_EMAIL_RE =
    [\\w.+-]+@...`` was tried from every start position of the run, quadratic (3 MB runs for
    hours, far below the 50 MB file limit). Now an address's local part starts where its
    run starts and is at most 64 characters (RFC 5321), so each position is tried once.
    Checked by what the pattern matches, not by a clock; the file is ingested."""
    from wiretrace.clean.features import _EMAIL_RE

    assert _EMAIL_RE.search("write to desk.news+tips@example.org today")
    assert not _EMAIL_RE.search("x" * 65 + "@example.org")  # no address: no match inside it
    assert not _EMAIL_RE.search("x" * 100 + "y@example.org")  # nor one starting mid-run
    path = tmp_path / "blob.txt"
    path.write_text(f"Rail line to open\n\n{ART}\n\n{'x' * 100_000}\n\n{ART2}\n", "utf-8")
    added, rejected = ingest_ok(tmp_path / "w.db", [path])
    assert len(added) == 1 and not rejected


# --------------------------------------------------------------------------------------
# 5. Deeply nested JSON-LD


@pytest.mark.parametrize(
    "ld",
    [
        "[" * 2000 + "]" * 2000,
        '{"@type": "NewsArticle", "headline": ' + "[" * 900 + '"x"' + "]" * 900 + "}",
    ],
    ids=["nested-document", "nested-headline"],
)
def test_deeply_nested_json_ld_is_skipped_not_a_crash(tmp_path: Path, ld: str) -> None:
    """JSON-LD nested 2,000 levels raised RecursionError out of
    ``clean.structured.json_ld_articles`` (it catches ValueError only); a headline nested
    900 lists deep raised RecursionError in ``structured._text``. The module docstring says
    broken JSON-LD is skipped, never raised. Expected: the page is cleaned from its HTML and
    stored."""
    path = tmp_path / "page.html"
    path.write_text(page(head=f'<script type="application/ld+json">{ld}</script>'), "utf-8")
    added, rejected = ingest_ok(tmp_path / "w.db", [path])  # raised RecursionError
    assert len(added) == 1, rejected


# --------------------------------------------------------------------------------------
# 6. JSON Lines without a file name whose first line is a bad record


BAD_FIRST_LINE_BODY = (
    '{"title": "Cut record", "text": "cut off in the mid\n'
    + json.dumps({"title": "Rail line", "text": ART})
    + "\n"
    + json.dumps({"title": "Budget", "text": ART2})
    + "\n"
).encode()


def test_stdin_jsonl_with_a_malformed_first_line_is_read_as_jsonl() -> None:
    """On standard input (and for ``POST /api/ingest`` and an extension-less file) the format
    is sniffed from the first line only; when that one record is malformed the whole body
    became ONE plain-text article holding raw JSON, the two good records were never read as
    records, nothing was rejected and the exit code was 0. Expected: the body is read as
    JSON Lines: ``<stdin>:1`` rejected as malformed JSON, lines 2 and 3 as two documents."""
    items = list(read_stream(io.BytesIO(BAD_FIRST_LINE_BODY)))
    docs = [i for i in items if isinstance(i, RawDocument)]
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert [d.title for d in docs] == ["Rail line", "Budget"]
    assert [r.source for r in rejected] == ["<stdin>:1"]


@pytest.mark.parametrize("size", [100, 20_000], ids=["short", "longer-than-the-sniffed-head"])
def test_an_unnamed_jsonl_with_a_broken_first_record_and_no_final_newline(size: int) -> None:
    """The first fix looked at whole lines within 8 KiB only: a broken first record longer
    than that (most article records), or a second line without its final newline, made the
    body one plain-text article of raw JSON again."""
    text = "word " * (size // 5)
    body = (
        json.dumps({"title": "Cut", "text": text})[:-10]
        + "\n"
        + json.dumps({"title": "Budget", "text": ART2})
    ).encode()
    items = list(read_stream(io.BytesIO(body)))
    assert [i.source for i in items if isinstance(i, Rejection)] == ["<stdin>:1"]
    assert [i.title for i in items if isinstance(i, RawDocument)] == ["Budget"]


def test_plain_text_opening_with_a_brace_stays_text() -> None:
    body = ("{Editor's note} " + ART + "\n\n" + ART2 + "\n").encode()
    (document,) = list(read_stream(io.BytesIO(body)))
    assert isinstance(document, RawDocument) and document.format == "text"


def test_rest_jsonl_with_a_malformed_first_line_stores_the_good_records(tmp_path: Path) -> None:
    """The same body posted to ``/api/ingest`` answered ``added: [1 id], rejected: []``: one
    article whose text is the raw JSON. Expected: two added, ``request:1`` rejected."""
    from fastapi.testclient import TestClient

    from wiretrace.web import create_app

    with TestClient(create_app(db=tmp_path / "w.db"), raise_server_exceptions=False) as client:
        answer = client.post(
            "/api/ingest",
            content=BAD_FIRST_LINE_BODY,
            headers={"Content-Type": "application/octet-stream"},
        ).json()
    assert len(answer["added"]) == 2, answer
    assert [r["source"] for r in answer["rejected"]] == ["request:1"]


# --------------------------------------------------------------------------------------
# 7. A single-stream .warc.gz is reported at a negative offset


def test_single_gzip_stream_warc_reports_a_real_offset(tmp_path: Path) -> None:
    """A ``.warc.gz`` compressed as one gzip stream (not one member per record) yields its
    first record, then ``corrupt WARC record at byte -658: the file is one gzip stream ...``:
    a negative offset a user cannot look up. Expected: a non-negative byte offset (that of
    the gzip member, 0 here, or of the record in the uncompressed stream)."""
    records = b"".join(
        warc_record(f"http://x.example/{i}", page(ART.replace("three", str(i))).encode())
        for i in range(3)
    )
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(records))
    rejected = [i for i in read_file(path) if isinstance(i, Rejection)]
    assert rejected, "a single-stream archive should be reported"
    assert all("byte -" not in r.reason for r in rejected), [r.reason for r in rejected]


# --------------------------------------------------------------------------------------
# 8. export --out to a path that cannot be written


@pytest.mark.parametrize(
    "target", ["missing/dir/out.json", "outdir", "."], ids=["no-folder", "a-folder", "dot"]
)
def test_export_to_an_unwritable_path_is_one_line_and_exit_1(tmp_path: Path, target: str) -> None:
    """``wiretrace export --out missing/dir/out.json`` printed ``error: unexpected
    FileNotFoundError ...``, ``--out outdir`` (an existing folder) ``error: unexpected
    IsADirectoryError ...`` and ``--out .`` ``error: unexpected ValueError: PosixPath('.') has
    an empty name``, all exit 2, which docs/cli.md reserves for bugs. Expected: one line
    ``error: cannot write ...: No such file or directory`` / ``Is a directory``, exit 1."""
    ingest_ok(tmp_path / "w.db", [good_file(tmp_path)])
    (tmp_path / "outdir").mkdir()
    result = run_cli("export", "--db", "w.db", "--out", target, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "unexpected" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# --------------------------------------------------------------------------------------
# 9. Minor messages


def test_malformed_json_reason_does_not_double_at(tmp_path: Path) -> None:
    """A raw control character (a tab) inside a JSON string gives ``malformed JSON: Invalid
    control character at at column 12``: the parser's message already ends in "at".
    Expected: ``... Invalid control character at column 12`` (one "at")."""
    path = tmp_path / "s.jsonl"
    path.write_bytes(b'{"text": "a\tb", "x": 1}\n' + json.dumps({"text": ART}).encode() + b"\n")
    (rejection,) = [i for i in read_file(path) if isinstance(i, Rejection)]
    assert "at at" not in rejection.reason, rejection.reason


@pytest.mark.skipif(sys.platform == "win32", reason="needs a newline in a file name")
def test_rejection_of_a_file_name_with_a_newline_is_one_line(tmp_path: Path) -> None:
    """An empty file named ``new\\nline.txt`` printed ``rejected: in/new`` and ``line.txt:
    empty file`` on two lines; a script reading one rejection per line miscounts. Expected:
    the name is escaped (``new\\nline.txt``) so every stderr line is one rejection or the
    summary."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "new\nline.txt").write_bytes(b"")
    result = run_cli("ingest", "in", "--db", "w.db", "--no-extract", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert all(line.startswith(("rejected: ", "error: ")) for line in lines), lines


# --------------------------------------------------------------------------------------
# After a failed run, a re-run of the good batch adds each article once (this passes; it
# pins the recovery the findings above rely on)


def test_rerun_after_a_crashed_batch_neither_loses_nor_duplicates(tmp_path: Path) -> None:
    records = [
        {
            "url": f"https://news.example.com/{i}",
            "title": f"Council plan {i}",
            "text": f"WESTFORD - The council approved plan number {i} on Tuesday, officials said. "
            f"It will cost {i * 1000} dollars. Work starts in {2025 + i % 3}.",
        }
        for i in range(5)
    ]
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(json.dumps(r) for r in records) + "\n", "utf-8")
    db = tmp_path / "w.db"
    with Wiretrace(db, extract=False) as wt:
        first = wt.ingest([good])
        again = wt.ingest([good])
        assert len(first.added) == 5 and not again.added and len(again.skipped) == 5
        assert wt.store.count_articles() == 5
        ids = [a for e in wt.events() for a in e.article_ids("primary")]  # one event each
        assert sorted(ids) == sorted(first.added)


# --------------------------------------------------------------------------------------
# 10. Python API: one path given as a str instead of a list


def test_a_single_str_path_is_not_read_character_by_character(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``Wiretrace(db).ingest("news/")`` (one path as a str, a natural slip; a str is a
    ``Sequence[str]``) iterated the characters: ``"n"``, ``"e"``, ... were rejected as missing
    files and ``"/"`` made ingest walk the WHOLE file system from the root, storing scripts
    from /bin as articles (it ran for minutes until killed). Expected: a ``UsageError`` (or
    the str taken as one path), never a walk of ``/``."""
    import itertools

    from wiretrace.errors import UsageError
    from wiretrace.ingest import iter_documents

    monkeypatch.chdir(tmp_path)  # a relative name without "-" (which raises a stdin error)
    try:
        items = list(itertools.islice(iter_documents("news/"), 8))  # type: ignore[arg-type]
    except UsageError:
        return
    sources = [i.source for i in items]
    assert not any(s.startswith("/") for s in sources), sources


# --------------------------------------------------------------------------------------
# 11. Databases that are SQLite but not (or no longer) wiretrace's


def test_a_damaged_schema_version_is_one_line_and_exit_1(tmp_path: Path) -> None:
    """A store whose ``schema_info`` version is not a number (a hand edit, a damaged file)
    made every command print ``error: unexpected ValueError: invalid literal for int() with
    base 10: 'abc'`` and exit 2 (``Store._version`` does ``int(row[0])``). Expected: ``error:
    cannot open database ...: schema version 'abc' is not a number`` (or the like), exit 1."""
    import sqlite3

    ingest_ok(tmp_path / "w.db", [good_file(tmp_path)])
    with sqlite3.connect(tmp_path / "w.db") as conn:
        conn.execute("UPDATE schema_info SET value = 'abc' WHERE key = 'version'")
    result = run_cli("events", "--db", "w.db", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "unexpected" not in result.stderr


def test_another_programs_sqlite_database_is_not_written_into(tmp_path: Path) -> None:
    """``--db`` naming another program's SQLite file (a slip of the tab key) that holds no
    table wiretrace uses: ingest created wiretrace's nine tables inside it, next to the
    owner's, and reported success. (When a name clashes, e.g. the file has ``articles``, it
    does refuse: ``table articles already exists``.) Expected: a non-empty database without
    wiretrace's ``schema_info`` is refused with one line (``not a wiretrace database``) and
    left untouched."""
    import sqlite3

    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE users (id INTEGER, name TEXT)")
        conn.execute("INSERT INTO users VALUES (1, 'someone')")
    result = run_cli(
        "ingest", str(good_file(tmp_path)), "--db", str(db), "--no-extract", cwd=tmp_path
    )
    with sqlite3.connect(db) as conn:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert tables == {"users"}, sorted(tables)
    assert result.returncode == 1


def test_nan_and_infinity_in_a_record_are_read_as_no_value(tmp_path: Path) -> None:
    """Python's ``json.dumps`` writes ``NaN`` and ``Infinity``, which JSON has not: they were
    stored as they came, so the store held non-standard JSON. They are read as null now (no
    value, nothing invented), and the record is kept."""
    path = tmp_path / "s.jsonl"
    line = json.dumps({"text": ART, "score": float("nan"), "rank": float("inf")})
    path.write_text(line.replace("}", ', "big": 1e999, "ok": 2.5}') + "\n")
    (document,) = list(read_file(path))
    assert isinstance(document, RawDocument)
    assert [document.metadata[k] for k in ("score", "rank", "big", "ok")] == [None, None, None, 2.5]


def test_undecodable_bytes_in_a_command_line_word_are_not_a_crash(tmp_path: Path) -> None:
    """``wiretrace search $'caf\\xff'`` (bytes the locale cannot decode reach Python as lone
    surrogates) ended in ``error: unexpected UnicodeEncodeError`` at the SQL query."""
    ingest_ok(tmp_path / "w.db", [good_file(tmp_path)])
    found = run_cli("search", "caf\udcff", "--db", "w.db", cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    missing = run_cli("show", "ev\udcff", "--db", "w.db", cwd=tmp_path)
    assert missing.returncode == 1 and "unexpected" not in missing.stderr
