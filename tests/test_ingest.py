"""Tests for the ingest stage: formats, walking, sniffing and every rejection reason."""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from wiretrace import ingest
from wiretrace.errors import UsageError
from wiretrace.ingest import count_inputs, iter_documents, read_file, read_stream
from wiretrace.models import RawDocument, Rejection

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"


def split(
    items: Iterable[RawDocument | Rejection],
) -> tuple[list[RawDocument], list[Rejection]]:
    docs: list[RawDocument] = []
    rejections: list[Rejection] = []
    for item in items:
        if isinstance(item, RawDocument):
            docs.append(item)
        else:
            rejections.append(item)
    return docs, rejections


def reasons(items: Iterable[RawDocument | Rejection]) -> dict[str, str]:
    return {r.source: r.reason for r in split(items)[1]}


def jsonl(*records: Any) -> bytes:
    """One line per record: dicts and lists are dumped, strings and bytes kept verbatim."""
    lines = []
    for record in records:
        if isinstance(record, bytes):
            lines.append(record)
        elif isinstance(record, str):
            lines.append(record.encode())
        else:
            lines.append(json.dumps(record).encode())
    return b"\n".join(lines) + b"\n"


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    path.write_bytes(data)
    return path


GOOD = {"url": "https://example.com/a", "title": "A", "text": "Body of A.", "outlet": "Ex"}


# --------------------------------------------------------------------------- sample scrapes


def test_sample_scrapes_are_five_intact_text_documents() -> None:
    files = sorted(SEEDS.glob("*.txt"))
    assert len(files) == 5
    docs, rejections = split(iter_documents([SEEDS]))
    assert rejections == []
    assert [d.source for d in docs] == [str(f) for f in files]
    for doc, path in zip(docs, files, strict=True):
        assert doc.format == "text"
        assert doc.content == path.read_text(encoding="utf-8")
        assert (doc.url, doc.title, doc.published, doc.outlet) == (None, None, None, None)
        assert doc.metadata == {"encoding": "utf-8", "encoding_from": "utf-8"}


def test_sample_order_is_deterministic() -> None:
    first = [d.source for d in split(iter_documents([SEEDS]))[0]]
    second = [d.source for d in split(iter_documents([str(SEEDS)]))[0]]
    assert first == second == sorted(first)


def test_sample_file_given_directly_keeps_the_path_as_given() -> None:
    path = sorted(SEEDS.glob("*.txt"))[0]
    (doc,) = iter_documents([str(path)])
    assert isinstance(doc, RawDocument)
    assert doc.source == str(path)
    assert list(read_file(path)) == [doc]


# --------------------------------------------------------------------------- walking


def test_recursion_sorted_and_hidden_skipped(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "b")
    write(tmp_path / "a" / "z.txt", "az")
    write(tmp_path / "a" / "deeper" / "y.txt", "ay")
    write(tmp_path / "c" / "x.txt", "cx")
    write(tmp_path / ".hidden.txt", "hidden")
    write(tmp_path / ".git" / "config.txt", "hidden dir")
    write(tmp_path / "a" / ".DS_Store", b"\x00\x00\x00\x01Bud1")
    write(tmp_path / "__pycache__" / "m.cpython-311.pyc", b"\x00pyc")
    write(tmp_path / "m.pyc", b"\x00pyc")
    write(tmp_path / "notes.txt~", "backup")
    docs, rejections = split(iter_documents([tmp_path]))
    assert rejections == []
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in docs] == [
        "a/deeper/y.txt",
        "a/z.txt",
        "b.txt",
        "c/x.txt",
    ]
    assert [d.content for d in docs] == ["ay", "az", "b", "cx"]
    assert count_inputs([tmp_path]) == 4


def test_walked_source_keeps_the_folder_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "in" / "a.txt", "a")
    monkeypatch.chdir(tmp_path)
    (doc,) = iter_documents(["./in"])
    assert isinstance(doc, RawDocument)
    assert doc.source == os.path.join("./in", "a.txt")


def test_hidden_file_named_explicitly_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / ".notes.txt", "explicit")
    docs, _ = split(iter_documents([path]))
    assert [d.content for d in docs] == ["explicit"]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    write(tmp_path / "d" / "a.txt", "a")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    (tmp_path / "d" / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    docs, rejections = split(iter_documents([tmp_path]))
    assert [d.content for d in docs] == ["a"]
    assert rejections == [Rejection(str(tmp_path / "d" / "dangling.txt"), "broken symbolic link")]


def test_missing_path_is_rejected_and_the_rest_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "a.txt", "a")
    missing = tmp_path / "nope.txt"
    items = list(iter_documents([missing, good]))
    assert items[0] == Rejection(str(missing), "no such file or directory")
    assert isinstance(items[1], RawDocument)
    assert items[1].content == "a"


def test_count_inputs(tmp_path: Path) -> None:
    write(tmp_path / "d" / "a.txt", "a")
    write(tmp_path / "d" / "sub" / "b.jsonl", jsonl(GOOD))
    write(tmp_path / "d" / ".hidden", "h")
    write(tmp_path / "c.html", "<p>c</p>")
    paths: list[str | Path] = [tmp_path / "d", str(tmp_path / "c.html"), "-", tmp_path / "nope"]
    assert count_inputs(paths) == 4
    assert count_inputs([]) == 0
    assert count_inputs([SEEDS]) == 5


# --------------------------------------------------------------------------- formats


def test_html_by_extension(tmp_path: Path) -> None:
    markup = "<html><body><p>Hi</p></body></html>\r\n"
    for name in ("a.html", "b.HTM", "c.xhtml"):
        write(tmp_path / name, markup)
    docs, _ = split(iter_documents([tmp_path]))
    assert [d.format for d in docs] == ["html", "html", "html"]
    assert docs[0].content == "<html><body><p>Hi</p></body></html>\n"


def test_jsonl_fields_metadata_and_sources(tmp_path: Path) -> None:
    record = {
        **GOOD,
        "published": "2025-05-04",
        "lang": "en",
        "tags": ["a", "b"],
        "score": 1.5,
        "extra": None,
    }
    path = write(tmp_path / "a.jsonl", jsonl(record, "", "   ", {"text": "second"}))
    first, second = split(iter_documents([path]))[0]
    assert first.source == f"{path}:1"
    assert first.format == "jsonl"
    assert (first.url, first.title, first.outlet) == (GOOD["url"], "A", "Ex")
    assert first.content == "Body of A."
    assert first.published == "2025-05-04"
    assert first.metadata == {"lang": "en", "tags": ["a", "b"], "score": 1.5, "extra": None}
    assert second.source == f"{path}:4"  # blank lines skipped but still counted
    assert (second.url, second.title, second.published, second.outlet) == (None,) * 4


def test_jsonl_html_record(tmp_path: Path) -> None:
    path = write(tmp_path / "a.ndjson", jsonl({"html": "<p>x</p>\r\n<p>y</p>", "text": " "}))
    (doc,) = iter_documents([path])
    assert isinstance(doc, RawDocument)
    assert doc.content == "<p>x</p>\n<p>y</p>"
    assert doc.metadata == {"content_is_html": True}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2025-05-04", "2025-05-04"),
        ("20250504", "2025-05-04"),
        ("2025-05-04T14:23:00Z", "2025-05-04T14:23:00+00:00"),
        ("2025-05-04T14:23:00+09:00", "2025-05-04T14:23:00+09:00"),
        ("2025-05-04 14:23", "2025-05-04T14:23:00"),
        ("", None),
        (None, None),
    ],
)
def test_jsonl_published_is_normalised(given: str | None, expected: str | None) -> None:
    stream = io.BytesIO(jsonl({"text": "t", "published": given}))
    (doc,) = read_stream(stream)
    assert isinstance(doc, RawDocument)
    assert doc.published == expected


def test_json_extension_that_is_json_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", jsonl(GOOD, GOOD))
    docs, rejections = split(iter_documents([path]))
    assert len(docs) == 2
    assert rejections == []


def test_json_extension_that_is_not_json_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", json.dumps([GOOD], indent=2))
    assert list(iter_documents([path])) == [
        Rejection(str(path), "not JSON Lines: the first line is not a JSON object")
    ]


def test_sniffing_extensionless_html_and_dat_jsonl(tmp_path: Path) -> None:
    write(tmp_path / "page", "\n  <!doctype html>\n<HTML><Body><div>x</div></Body></HTML>")
    write(tmp_path / "records.dat", b"\n" + jsonl(GOOD))
    write(tmp_path / "tagless", "<not really html> just text")
    write(tmp_path / "brace.dat", "{ this is prose in braces }")
    formats = {Path(d.source).name: d.format for d in split(iter_documents([tmp_path]))[0]}
    assert formats == {
        "page": "html",
        "records.dat:2": "jsonl",
        "tagless": "text",
        "brace.dat": "text",
    }


def test_sniffing_a_first_jsonl_line_longer_than_the_sniff_window() -> None:
    record = {"text": "word " * ingest.SNIFF_BYTES}
    docs, rejections = split(read_stream(io.BytesIO(jsonl(record, record))))
    assert rejections == []
    assert [d.format for d in docs] == ["jsonl", "jsonl"]
    assert docs[0].content == record["text"]


def test_txt_extension_wins_over_sniffing(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "<html><body>x</body></html>")
    (doc,) = iter_documents([path])
    assert isinstance(doc, RawDocument)
    assert doc.format == "text"


def test_bom_and_crlf(tmp_path: Path) -> None:
    text = write(tmp_path / "a.txt", b"\xef\xbb\xbfline one\r\nline two\r\n")
    records = write(
        tmp_path / "b.jsonl", b"\xef\xbb\xbf" + jsonl({"text": "x"}).replace(b"\n", b"\r\n")
    )
    docs, rejections = split(iter_documents([text, records]))
    assert rejections == []
    assert docs[0].content == "line one\nline two\n"
    assert docs[1].content == "x"


def test_article_id_is_the_same_for_the_same_content(tmp_path: Path) -> None:
    a = write(tmp_path / "one" / "a.txt", "Same story.\n")
    b = write(tmp_path / "two" / "b.txt", "Same story.\r\n")
    c = write(tmp_path / "two" / "c.txt", "Another story.\n")
    first, second, third = split(iter_documents([a, b, c]))[0]
    assert first.source != second.source
    assert first.article_id == second.article_id
    assert first.article_id != third.article_id


# --------------------------------------------------------------------------- stdin


def test_stdin_jsonl() -> None:
    stream = io.BytesIO(jsonl(GOOD, "{bad", {"text": "t2"}))
    items = list(iter_documents(["-"], stdin=stream))
    docs, rejections = split(items)
    assert [d.source for d in docs] == ["<stdin>:1", "<stdin>:3"]
    assert [r.source for r in rejections] == ["<stdin>:2"]
    assert rejections[0].reason.startswith("malformed JSON: ")


def test_stdin_text_and_html() -> None:
    (doc,) = iter_documents(["-"], stdin=io.BytesIO(b"Plain report.\r\nSecond line."))
    assert isinstance(doc, RawDocument)
    assert (doc.source, doc.format, doc.content) == (
        "<stdin>",
        "text",
        "Plain report.\nSecond line.",
    )
    (page,) = read_stream(io.BytesIO(b"<article><p>x</p></article>"), "page")
    assert isinstance(page, RawDocument)
    assert (page.source, page.format) == ("page", "html")


def test_stdin_given_twice_is_read_once() -> None:
    items = list(iter_documents(["-", Path("-")], stdin=io.BytesIO(b"once")))
    assert len(split(items)[0]) == 1
    assert split(items)[1][0].source == "<stdin>"


def test_dash_without_stdin_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        iter_documents(["-"])


def test_read_stream_does_not_close_the_stream() -> None:
    stream = io.BytesIO(b"text")
    list(read_stream(stream))
    assert not stream.closed


# --------------------------------------------------------------------------- rejections


def test_jsonl_good_bad_missing_good(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", jsonl(GOOD, '{"text": "x",', {"title": "no body"}, GOOD))
    items = list(iter_documents([path]))
    docs, rejections = split(items)
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:4"]
    assert [r.source for r in rejections] == [f"{path}:2", f"{path}:3"]
    assert rejections[0].reason.startswith("malformed JSON: ")
    assert rejections[1].reason == "missing text: a record needs a non-empty 'text' or 'html'"
    assert [type(i) for i in items] == [RawDocument, Rejection, Rejection, RawDocument]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[1, 2]", "expected a JSON object, got list"),
        ('"text"', "expected a JSON object, got string"),
        ("42", "expected a JSON object, got number"),
        ("null", "expected a JSON object, got null"),
        ({"text": 5}, "missing text: a record needs a non-empty 'text' or 'html'"),
        ({"text": "  ", "html": ""}, "missing text: a record needs a non-empty 'text' or 'html'"),
        (
            {"text": "t", "published": "04 May 2025"},
            "'published' is not an ISO 8601 date: '04 May 2025'",
        ),
        ({"text": "t", "published": 2025}, "'published' is not an ISO 8601 date: 2025"),
        ({"text": "t", "url": 3}, "'url' must be a string, got number"),
        ({"text": "t", "title": ["x"]}, "'title' must be a string, got list"),
        ({"text": "t", "outlet": {"n": 1}}, "'outlet' must be a string, got object"),
        ("[" * 100_000, "malformed JSON: nested too deeply"),
    ],
)
def test_jsonl_record_rejections(tmp_path: Path, line: Any, reason: str) -> None:
    path = write(tmp_path / "f.jsonl", jsonl(line, GOOD))
    items = list(read_file(path))
    assert items[0] == Rejection(f"{path}:1", reason)
    assert isinstance(items[1], RawDocument)


def test_malformed_json_names_the_column() -> None:
    _, (rejection,) = split(read_stream(io.BytesIO(jsonl(GOOD, '{"text": "a" "b"}')), "x"))
    assert rejection == Rejection("x:2", "malformed JSON: Expecting ',' delimiter at column 14")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n ", b"\xef\xbb\xbf"])
def test_empty_files(tmp_path: Path, data: bytes) -> None:
    for name in ("a.txt", "b.jsonl", "c.html", "d"):
        write(tmp_path / name, data)
    assert reasons(iter_documents([tmp_path])) == {
        str(tmp_path / name): "empty file" for name in ("a.txt", "b.jsonl", "c.html", "d")
    }


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file, not text (looks like PDF)"),
        (b"PK\x03\x04\x14\x00", "binary file, not text (looks like ZIP (or DOCX/XLSX/EPUB))"),
        (gzip.compress(b"hello"), "binary file, not text (looks like gzip)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file, not text (looks like PNG)"),
        (b"text with a \x00 in it", "binary file, not text (contains NUL bytes)"),
        (b"\x01\x02\x03\x04abcdef", "binary file, not text (40% control characters)"),
    ],
)
def test_binary_files(tmp_path: Path, data: bytes, reason: str) -> None:
    path = write(tmp_path / "a.txt", data)
    assert list(read_file(path)) == [Rejection(str(path), reason)]


def test_text_with_a_few_control_characters_is_text() -> None:
    (doc,) = read_stream(io.BytesIO(b"page one\x0cpage two\x1b[0m\tend" + b" words" * 10))
    assert isinstance(doc, RawDocument)


def test_invalid_utf8(tmp_path: Path) -> None:
    """Text files fall back to encoding sniffing; JSON Lines stay strict UTF-8 per line."""
    text = write(tmp_path / "a.txt", b"caf\xe9 au lait")
    bom = write(tmp_path / "b.txt", b"\xef\xbb\xbfcaf\xe9")
    lines = write(tmp_path / "c.jsonl", jsonl(GOOD) + b'{"text": "caf\xe9"}\n' + jsonl(GOOD))
    items = list(iter_documents([text, bom, lines]))
    assert reasons(items) == {
        f"{lines}:2": f"invalid UTF-8 at byte {len(jsonl(GOOD)) + 13}",
    }
    docs = split(items)[0]
    assert [(d.content, d.metadata.get("encoding_from")) for d in docs[:2]] == [
        ("café au lait", "sniffed"),
        ("café", "sniffed"),  # a BOM that does not decode is a wrong declaration
    ]
    assert len(docs) == 4


def test_unreadable_file(tmp_path: Path) -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root reads any file")
    path = write(tmp_path / "a.txt", "secret")
    path.chmod(0)
    try:
        assert list(iter_documents([path])) == [Rejection(str(path), "Permission denied")]
    finally:
        path.chmod(0o644)


def test_directory_given_to_read_file(tmp_path: Path) -> None:
    (rejection,) = read_file(tmp_path)
    assert isinstance(rejection, Rejection)
    assert rejection.source == str(tmp_path)
    assert rejection.reason == "Is a directory"


def test_read_error_mid_stream_is_a_rejection() -> None:
    class Failing(io.BytesIO):
        """Serves the sniffed start, then fails like a disk error."""

        def readline(self, size: int | None = -1) -> bytes:
            raise OSError(5, "Input/output error")

    data = jsonl(*[GOOD] * 200)
    assert len(data) > ingest.SNIFF_BYTES
    docs, rejections = split(read_stream(Failing(data), "x"))
    assert 0 < len(docs) < 200
    assert rejections == [Rejection("x", "Input/output error")]


def test_file_too_large(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "real text at the start\n" * 400)
    with path.open("r+b") as handle:  # sparse: nothing beyond the start is written
        handle.truncate(ingest.MAX_FILE_BYTES + 1)
    assert list(read_file(path)) == [Rejection(str(path), "file too large (50.1 MB > 50 MB)")]


def test_stream_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 1024 * 1024)
    (rejection,) = read_stream(io.BytesIO(b"a" * (1024 * 1024 + 1)))
    assert rejection == Rejection("<stdin>", "file too large (more than 1 MB)")


def test_jsonl_line_too_large_but_file_is_fine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 1024 * 1024)
    huge = {"text": "x" * (2 * 1024 * 1024)}
    data = jsonl(GOOD, huge, GOOD, GOOD) * 2  # the whole input is far over the limit
    items = list(read_stream(io.BytesIO(data), "big.jsonl"))
    docs, rejections = split(items)
    assert [d.source for d in docs] == [f"big.jsonl:{n}" for n in (1, 3, 4, 5, 7, 8)]
    assert rejections == [
        Rejection("big.jsonl:2", "line too large (2.1 MB > 1 MB)"),
        Rejection("big.jsonl:6", "line too large (2.1 MB > 1 MB)"),
    ]


def test_mixed_folder(tmp_path: Path) -> None:
    write(tmp_path / "01_good.txt", "A good report.")
    write(tmp_path / "02_image.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path / "03_empty.txt", b"")
    write(tmp_path / "04_records.jsonl", jsonl(GOOD, "not json", {"html": "<p>h</p>"}))
    write(tmp_path / "05_page.html", "<html><body><p>page</p></body></html>")
    items = list(iter_documents([tmp_path]))
    docs, rejections = split(items)
    assert [(Path(d.source).name, d.format) for d in docs] == [
        ("01_good.txt", "text"),
        ("04_records.jsonl:1", "jsonl"),
        ("04_records.jsonl:3", "jsonl"),
        ("05_page.html", "html"),
    ]
    assert [(Path(r.source).name, r.reason.split(" (")[0]) for r in rejections] == [
        ("02_image.bin", "binary file, not text"),
        ("03_empty.txt", "empty file"),
        ("04_records.jsonl:2", "malformed JSON: Expecting value at column 1"),
    ]
    assert count_inputs([tmp_path]) == 5
