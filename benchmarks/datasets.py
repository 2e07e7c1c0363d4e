"""Loaders for the public evaluation sets in ``../shared/eval``.

They unpack a tarball once into a scratch folder (``$WIRETRACE_SCRATCH`` or the system temp
folder) and turn it into plain Python records. Tests and benchmarks share them so both read
the gold data the same way. Nothing here is part of the installed package.
"""

from __future__ import annotations

import json
import os
import re
import tarfile
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WIRETRACE_SHARED", REPO.parent / "shared"))
EVAL = SHARED / "eval"
SEEDS = REPO / "examples" / "seeds"


def scratch_dir() -> Path:
    base = Path(os.environ.get("WIRETRACE_SCRATCH", Path(tempfile.gettempdir()) / "wiretrace-eval"))
    base.mkdir(parents=True, exist_ok=True)
    return base


def unpack(name: str) -> Path:
    """Unpack ``../shared/eval/NAME`` into the scratch folder once; return that folder."""
    archive = EVAL / name
    if not archive.exists():
        raise FileNotFoundError(f"{archive} not found: the shared evaluation data is absent")
    target = scratch_dir() / name.removesuffix(".tar.gz")
    marker = target / ".unpacked"
    if not marker.exists():
        target.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive) as tar:
            tar.extractall(target, filter="data")
        marker.touch()
    return target


@dataclass(frozen=True)
class EcbDocument:
    """One ECB+ document: its gold event is ``topic`` + ``ecb``/``ecbplus`` sub-topic."""

    name: str
    topic: str
    event: str
    url: str | None
    text: str


_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}'])")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def _detokenise(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    text = re.sub(r" n't\b", "n't", text)
    text = re.sub(r" '(s|re|ve|ll|d|m)\b", r"'\1", text)
    return re.sub(r'" (.*?) "', r'"\1"', text)


def iter_ecbplus() -> Iterator[EcbDocument]:
    """Every ECB+ document, in a stable order, rebuilt as plain text (one sentence a line)."""
    root = unpack("ecbplus.tar.gz") / "ecbplus" / "ECB+"
    for path in sorted(root.glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name)):
        tree = ET.parse(path)
        sentences: dict[int, list[str]] = {}
        for token in tree.getroot().iter("token"):
            sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
        lines = [_detokenise(sentences[k]) for k in sorted(sentences)]
        url = None
        if lines and lines[0].replace(" ", "").startswith("http"):
            url = lines.pop(0).replace(" ", "")
        topic = path.parent.name
        kind = "ecbplus" if path.stem.endswith("ecbplus") else "ecb"
        yield EcbDocument(
            name=path.name, topic=topic, event=f"{topic}-{kind}", url=url, text="\n".join(lines)
        )


def ecbplus_jsonl(target: Path, limit: int | None = None) -> list[EcbDocument]:
    """Write ECB+ as a wiretrace JSONL file (one article a line); return the documents."""
    docs = list(iter_ecbplus())[:limit]
    with target.open("w", encoding="utf-8") as out:
        for doc in docs:
            record = {"url": doc.url, "text": doc.text, "corpus": "ecbplus", "doc": doc.name}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return docs


@dataclass(frozen=True)
class TrafilaturaPage:
    """One page of trafilatura's evaluation set with its gold snippets and metadata."""

    url: str
    path: Path
    with_: tuple[str, ...]
    without: tuple[str, ...]
    title: str | None
    date: str | None
    author: str | None

    @property
    def split(self) -> str:
        return split_of(self.url)


def split_of(key: str) -> str:
    """``heldout`` for about a quarter of the keys (fixed by hash), else ``tune``.

    Anything tuned or trained on the evaluation set uses only ``tune``; the held-out quarter
    is for checking that the tuning generalises.
    """
    import hashlib

    return "heldout" if hashlib.sha256(key.encode()).digest()[0] < 64 else "tune"


def iter_trafilatura_eval(split: str = "all") -> Iterator[TrafilaturaPage]:
    """The pages of ``trafilatura-eval.tar.gz`` (990 URLs), in a stable order."""
    root = unpack("trafilatura-eval.tar.gz") / "trafilatura-eval"
    gold = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    for url in sorted(gold):
        item = gold[url]
        candidates = [root / folder / item["file"] for folder in ("eval", "cache")]
        page = TrafilaturaPage(
            url=url,
            path=next((c for c in candidates if c.exists()), candidates[0]),
            with_=tuple(item.get("with", [])),
            without=tuple(item.get("without", [])),
            title=item.get("title") or None,
            date=item.get("date") or None,
            author=item.get("author") or None,
        )
        if page.path.exists() and split in ("all", page.split):
            yield page


def read_html(path: Path) -> str:
    """A page of the evaluation set as text (they are stored as UTF-8 or Latin-1)."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def render_text(html: str) -> str:
    """The page as a reader copies it from a browser: inscriptis' text rendering."""
    from inscriptis import get_text

    return str(get_text(html))
