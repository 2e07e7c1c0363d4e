"""Encoding detection and text normalisation in ingest, and the malformed inputs around them."""

from __future__ import annotations

import io
import subprocess
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pytest

from wiretrace import ingest
from wiretrace.ingest import iter_documents, read_file, read_stream
from wiretrace.ingest.encoding import decode, html_declared, normalize, xml_declared
from wiretrace.models import RawDocument, Rejection

FRENCH = (
    "Le garçon a mangé une crème brûlée à la fenêtre. Naïve, déjà vue, "
    "l'hôtel était fermé pour l'été."
)


def only_doc(items: Iterable[RawDocument | Rejection]) -> RawDocument:
    (item,) = list(items)
    assert isinstance(item, RawDocument), item
    return item


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>T</title></head><body><p>{body}</p></body></html>"


def encoding_of(doc: RawDocument) -> tuple[str, str]:
    return doc.metadata["encoding"], doc.metadata["encoding_from"]


# --------------------------------------------------------------------------- declared and sniffed


def test_plain_utf8_text() -> None:
    doc = only_doc(read_stream(io.BytesIO(FRENCH.encode())))
    assert doc.content == FRENCH
    assert encoding_of(doc) == ("utf-8", "utf-8")


@pytest.mark.parametrize(
    "head",
    [
        '<meta charset="windows-1252">',
        "<meta charset=windows-1252>",
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
        "<META HTTP-EQUIV='content-type' CONTENT='text/html;charset=ISO-8859-1'>",
    ],
)
def test_html_declared_charset(tmp_path: Path, head: str) -> None:
    path = tmp_path / "a.html"
    path.write_bytes(page(FRENCH, head).encode("cp1252"))
    doc = only_doc(read_file(path))
    assert FRENCH in doc.content
    assert encoding_of(doc) == ("cp1252", "declared")


def test_declaration_beyond_4_kib_is_not_read() -> None:
    data = (" " * 5000 + '<meta charset="koi8-r">').encode()
    assert html_declared(data) is None
    assert html_declared(b'<meta charset="koi8-r">') == "koi8-r"


def test_latin1_page_declaring_utf8_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "lying.html"
    path.write_bytes(page(FRENCH, '<meta charset="utf-8">').encode("latin-1"))
    doc = only_doc(read_file(path))
    assert FRENCH in doc.content
    assert encoding_of(doc) == ("cp1252", "sniffed")


def test_utf8_page_declaring_latin1_is_read_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "stale.html"
    path.write_bytes(page(FRENCH, '<meta charset="iso-8859-1">').encode("utf-8"))
    doc = only_doc(read_file(path))
    assert FRENCH in doc.content  # not "Le garÃ§on"
    assert encoding_of(doc) == ("utf-8", "utf-8")


def test_ascii_page_keeps_its_declaration() -> None:
    doc = only_doc(read_stream(io.BytesIO(page("plain", '<meta charset="koi8-r">').encode())))
    assert encoding_of(doc) == ("koi8-r", "declared")


def test_unknown_declared_encoding_is_ignored() -> None:
    data = page(FRENCH, '<meta charset="x-no-such-thing">').encode()
    doc = only_doc(read_stream(io.BytesIO(data)))
    assert encoding_of(doc) == ("utf-8", "utf-8")


def test_legacy_text_without_declaration_is_sniffed() -> None:
    russian = "Президент подписал закон о бюджете на следующий год. Депутаты одобрили его."
    doc = only_doc(read_stream(io.BytesIO(russian.encode("cp1251"))))
    assert doc.content == russian
    assert encoding_of(doc) == ("cp1251", "sniffed")


def test_xml_declaration() -> None:
    assert xml_declared(b'<?xml version="1.0" encoding="ISO-8859-15"?><rss/>') == "ISO-8859-15"
    assert xml_declared(b"<rss/>") is None


def test_sniffing_prefers_windows_1252_on_a_tie() -> None:
    decoded = decode("Niño, señor, año, mañana.".encode("latin-1"))
    assert decoded.text == "Niño, señor, año, mañana."
    assert (decoded.encoding, decoded.source) == ("cp1252", "sniffed")


# --------------------------------------------------------------------------- BOMs


@pytest.mark.parametrize(
    ("codec", "label"),
    [
        ("utf-16", "utf-16-le"),  # Python writes the native (little-endian) BOM
        ("utf-16-be", "utf-16-be"),
        ("utf-32", "utf-32-le"),
        ("utf-8-sig", "utf-8"),
    ],
)
def test_bom_files_are_decoded(tmp_path: Path, codec: str, label: str) -> None:
    text = "Zürich, 4 May.\nΑθήνα — 東京.\n"
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "notes.txt"
    path.write_bytes(data)
    doc = only_doc(read_file(path))
    assert doc.content == text
    assert doc.format == "text"
    assert encoding_of(doc) == (label, "bom")


def test_utf16_html_and_jsonl_are_sniffed_after_decoding(tmp_path: Path) -> None:
    (tmp_path / "page").write_bytes(page("Grüße").encode("utf-16"))
    (tmp_path / "records").write_bytes('{"text": "Grüße"}\n{"text": "два"}\n'.encode("utf-16"))
    docs = [i for i in iter_documents([tmp_path]) if isinstance(i, RawDocument)]
    assert [(Path(d.source).name, d.format) for d in docs] == [
        ("page", "html"),
        ("records:1", "jsonl"),
        ("records:2", "jsonl"),
    ]
    assert docs[2].content == "два"


def test_utf16_with_a_broken_tail(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes("Hello there, this is fine.".encode("utf-16") + b"\x00")  # odd length
    items = list(read_file(path))
    assert len(items) == 1  # decoded some other way, or rejected: never a crash


# --------------------------------------------------------------------------- normalisation


def test_nfc_and_control_characters() -> None:
    decomposed = unicodedata.normalize("NFD", "café crème")
    raw = f"{decomposed}\x00?\r\nline\x07 two\rthree\x0cfour\t\x1b[31mred\x1b[0m\x85.".encode()
    assert normalize(raw.decode()) == "café crème?\nline two\nthree\nfour\tred."
    doc = only_doc(read_stream(io.BytesIO(raw.replace(b"\x00", b""))))
    assert doc.content == "café crème?\nline two\nthree\nfour\tred."


def test_jsonl_content_is_normalised_too() -> None:
    line = '{"text": "cafe\\u0301\\u0007", "title": "e\\u0301t\\u00e9"}\n'
    doc = only_doc(read_stream(io.BytesIO(line.encode())))
    assert (doc.content, doc.title) == ("café", "été")


# --------------------------------------------------------------------------- malformed inputs


def test_undecodable_text_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    data = bytes(range(0xA0, 0x100)) * 4  # high bytes only: no encoding makes sense of it
    assert list(read_stream(io.BytesIO(data), "junk")) == [
        Rejection("junk", "cannot determine the text encoding")
    ]


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 40,
        b"\x00\x01\x02\x03" * 1000,
        b"GIF89a\x01\x00\x01\x00",
        b"\x00\x00\x00\x18ftypmp42",
    ],
)
def test_binary_data_is_rejected(data: bytes) -> None:
    (rejection,) = read_stream(io.BytesIO(data), "blob")
    assert isinstance(rejection, Rejection)
    assert rejection.reason.startswith("binary file, not text")


def test_html_without_a_body_is_yielded(tmp_path: Path) -> None:
    path = tmp_path / "nobody.html"
    path.write_text("<html><head><title>Only a head</title></head></html>")
    doc = only_doc(read_file(path))
    assert doc.format == "html"
    assert doc.content == "<html><head><title>Only a head</title></head></html>"


def test_page_over_50_mb_is_rejected_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:  # sparse: only the first bytes are written
        handle.write(page("start " * 2000).encode())  # beyond the sniffed head
        handle.truncate(51 * 1024 * 1024)
    assert list(read_file(path)) == [Rejection(str(path), "file too large (51 MB > 50 MB)")]


def test_utf16_file_over_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 1024 * 1024)
    path = tmp_path / "big16.txt"
    path.write_bytes(("word " * 120_000).encode("utf-16"))
    assert list(read_file(path)) == [Rejection(str(path), "file too large (1.2 MB > 1 MB)")]


def test_importing_ingest_loads_no_parser() -> None:
    code = (
        "import sys, wiretrace.ingest; "
        "print(sorted(m for m in ('feedparser', 'warcio', 'charset_normalizer') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
