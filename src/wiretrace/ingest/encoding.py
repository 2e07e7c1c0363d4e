"""Bytes to text: the one place ingest decides an encoding.

Scraped pages come in every encoding the web ever used, often mislabelled. The policy, in
order:

1. A byte-order mark wins (UTF-8, UTF-16 and UTF-32, either byte order): it is hard to
   produce by accident.
2. A declared encoding (the HTML ``<meta charset>`` or ``http-equiv`` content type in the first
   4 KiB, the XML declaration of a feed, the HTTP ``Content-Type`` of a WARC response) is used
   when it decodes the bytes. One exception: when the bytes are valid UTF-8 and not plain
   ASCII, UTF-8 wins over a different declared encoding, because valid UTF-8 by accident is
   rare while pages re-saved as UTF-8 with a stale ``charset=iso-8859-1`` are common (and
   decoding those as declared gives mojibake without any error).
3. Without a usable declaration, strict UTF-8.
4. Otherwise ``charset-normalizer`` guesses among the encodings the web uses. A guess with
   no confidence is a rejection ("cannot determine the text encoding"), not mojibake.

Every result says which step decided (``bom``, ``declared``, ``utf-8``, ``sniffed``), so a
user can see why a page came out the way it did. After decoding, :func:`normalize` puts the
text in NFC and removes control characters, so later stages never meet them.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Final, Literal

from wiretrace.ingest._common import Reject

EncodingSource = Literal["bom", "declared", "utf-8", "sniffed"]

CANNOT_DECODE: Final = "cannot determine the text encoding"

DECLARATION_BYTES: Final = 4 * 1024
"""How far into an HTML page or feed the encoding declaration is looked for (as browsers do)."""

_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET: Final = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
"""Both ``<meta charset="x">`` and ``<meta http-equiv=... content="text/html; charset=x">``."""

_XML_ENCODING: Final = re.compile(
    rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""", re.IGNORECASE
)
_CHARSET_PARAM: Final = re.compile(r"""\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

_WHATWG_ALIASES: Final = {"iso8859-1": "cp1252", "ascii": "cp1252", "latin-1": "cp1252"}
"""Labels browsers decode as windows-1252, which fills the C1 range Latin-1 leaves to
control characters (curly quotes, dashes, the euro sign)."""

_SNIFF_CANDIDATES: Final = (
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "cp874", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7",
    "iso8859_8", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
    "koi8_r", "koi8_u", "cp866", "gb18030", "big5", "euc_jp",
    "iso2022_jp", "shift_jis", "euc_kr",
)  # fmt: skip
"""The legacy encodings of the WHATWG Encoding Standard: what web pages are actually in.

Letting the detector consider everything Python knows makes it pick exotic code pages
(``cp1006`` for "café") on short texts. The Mac encodings are left out too: they are rare on
the web and their letters overlap the Windows ones enough to win on coherence (Russian in
windows-1251 scored as ``mac_cyrillic``). UTF-16/32 are left out: without a BOM they would
contain NUL bytes, which the binary check refuses before decoding is tried.
"""

_SNIFF_CHAOS_MARGIN: Final = 0.1
"""Guesses this close to the least "chaotic" one are equally plausible; coherence decides."""

_LINE_BREAKS: Final = str.maketrans({"\r": "\n", "\v": "\n", "\f": "\n"})
_ANSI_ESCAPE: Final = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Decoded:
    """Text and how its encoding was decided."""

    text: str
    encoding: str
    source: EncodingSource

    def metadata(self) -> dict[str, Any]:
        """The ``encoding`` / ``encoding_from`` pair ingest records on every decoded document."""
        return {"encoding": self.encoding, "encoding_from": self.source}


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The codec a byte-order mark at the start of ``data`` names, and the mark's length."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    return None


def is_wide_bom(data: bytes) -> bool:
    """Whether ``data`` starts with a UTF-16 or UTF-32 BOM (text that is full of NUL bytes)."""
    found = bom_encoding(data)
    return found is not None and found[0] != "utf-8"


def html_declared(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag in the first 4 KiB of a page declares, if any."""
    match = _META_CHARSET.search(data, 0, DECLARATION_BYTES)
    return match.group(1).decode("ascii") if match else None


def xml_declared(data: bytes) -> str | None:
    """The encoding the XML declaration at the start of ``data`` names, if any."""
    match = _XML_ENCODING.match(data[:DECLARATION_BYTES])
    return match.group(1).decode("ascii") if match else None


def content_type_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of an HTTP ``Content-Type`` value, if any."""
    if not content_type:
        return None
    match = _CHARSET_PARAM.search(content_type)
    return match.group(1) if match else None


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data`` by the policy of the module docstring; the text is not yet normalised.

    Raises:
        Reject: no encoding decodes the bytes with any confidence.
    """
    found = bom_encoding(data)
    if found is not None:
        codec, size = found
        data = data[size:]
        try:
            return Decoded(data.decode(codec), _label(codec), "bom")
        except UnicodeDecodeError:
            pass  # a lying BOM is a wrong declaration: fall back like one
    stated = _declared_codec(declared)
    utf8 = _try_utf8(data)
    if stated is not None:
        if utf8 is not None and (stated == "utf-8" or not data.isascii()):
            return Decoded(utf8, "utf-8", "declared" if stated == "utf-8" else "utf-8")
        try:
            return Decoded(data.decode(stated), _label(stated), "declared")
        except UnicodeError:  # not only UnicodeDecodeError: some codecs raise their own
            pass
    if utf8 is not None:
        return Decoded(utf8, "utf-8", "utf-8")
    return _sniff(data)


def decode_utf8(data: bytes, offset: int = 0) -> str:
    """Strict UTF-8 (a leading UTF-8 BOM dropped), for JSON Lines, which the format requires.

    ``offset`` is where ``data`` starts in its file, so the error names the byte a user can
    look up with a hex viewer.

    Raises:
        Reject: ``data`` is not valid UTF-8.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        offset += len(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Reject(f"invalid UTF-8 at byte {offset + error.start}") from None


def normalize(text: str) -> str:
    """NFC, newlines as ``\\n``, and no control characters other than ``\\n`` and ``\\t``.

    ``\\r\\n`` and a lone ``\\r`` become ``\\n``; vertical tab and form feed (page breaks in
    text dumps) become ``\\n`` too rather than gluing two words together; terminal colour
    sequences go whole; a BOM left at the start goes. Other C0/C1 controls are dropped: they
    carry no text and break XML, JSON and terminals downstream.
    """
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    if "\x1b" in text:
        text = _ANSI_ESCAPE.sub("", text)
    text = _CONTROL.sub("", text).removeprefix("\ufeff")
    return unicodedata.normalize("NFC", text)


def _try_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


_NOT_WEB_CHARSETS = frozenset(
    {"undefined", "unicode-escape", "raw-unicode-escape", "utf-7", "idna", "punycode"}
    | {"charmap", "palmos", "mbcs", "oem", "utf-8-sig"}
)


def _declared_codec(label: str | None) -> str | None:
    """The Python codec for a declared label, or None when it is unknown or cannot apply.

    A UTF-16/32 label found by scanning the bytes as ASCII is necessarily wrong (browsers
    treat it as UTF-8), so it is ignored.
    """
    if not label:
        return None
    try:
        info = codecs.lookup(label.strip().strip("\"'"))
    except LookupError:
        return None
    name = info.name
    # a codec that is no text encoding ("hex", "base64", "rot13", "zlib"), refuses every byte
    # ("undefined") or is Python's own and no web charset ("unicode-escape", "utf-7",
    # which browsers refuse too) is no charset a page is written in: unknown, like a typo
    if not getattr(info, "_is_text_encoding", True) or name in _NOT_WEB_CHARSETS:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None
    return _WHATWG_ALIASES.get(name, name)


def _label(codec: str) -> str:
    return codecs.lookup(codec).name


def _sniff(data: bytes) -> Decoded:
    """Guess the encoding with charset-normalizer, preferring windows-1252 on a tie.

    Among guesses about as unchaotic as the best, the most coherent (language-like) wins;
    when several are equally coherent, windows-1252 is the most common legacy encoding of the
    web and is preferred. A guess is kept only if it decodes the whole input.
    """
    from charset_normalizer import from_bytes  # deferred: slow to import, rarely needed

    matches = list(from_bytes(data, cp_isolation=list(_SNIFF_CANDIDATES)))
    if not matches:
        raise Reject(CANNOT_DECODE)
    least = min(match.chaos for match in matches)
    plausible = [match for match in matches if match.chaos <= least + _SNIFF_CHAOS_MARGIN]
    best = max(
        plausible,
        key=lambda m: (round(m.coherence, 2), "cp1252" in m.could_be_from_charset),
    )
    codec = "cp1252" if "cp1252" in best.could_be_from_charset else best.encoding
    try:
        return Decoded(data.decode(codec), _label(codec), "sniffed")
    except (UnicodeDecodeError, LookupError):
        raise Reject(CANNOT_DECODE) from None
