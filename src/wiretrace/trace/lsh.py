"""Incremental near-duplicate search: MinHash signatures in a banded LSH index.

Comparing every new article with every stored one is quadratic; a MinHash signature of an
article's word shingles estimates Jaccard similarity in a fixed number of comparisons, and
locality-sensitive hashing (bands of the signature as hash-table keys) finds the articles
likely to be similar without looking at the others. Adding or querying one article costs a
signature (linear in its length) plus one lookup per band, whatever the size of the index.

The bands are datasketch ``MinHashLSH``'s (same ``b`` bands of ``r`` values for a threshold,
so the same candidates), but stored leanly: one dict per band from the band's bytes to the
row of the article in the signature matrix (an ``int``), or, for a bucket shared by several
articles, to their rows packed as little-endian int32 ``bytes``. None of these objects is
tracked by Python's cyclic garbage collector, so the index adds nothing to what a full
collection scans. (``MinHashLSH`` keeps a ``set`` per bucket and a list of band keys per
article: about 25 tracked objects and 9 kB per article, and full collections that took
0.5-1.2 s at 100,000 articles; this index takes 3.4 kB per article.)

Persistence seam: :meth:`NearDuplicateIndex.signature` is a pure function of the text and
the index parameters (``num_perm``, ``shingle_size``, ``unit``, ``seed``; the shingle hash is
CRC-32, stable across processes and platforms). The store keeps
:func:`signature_to_bytes` (``num_perm`` little-endian uint32, 512 bytes by default) per
article with :attr:`NearDuplicateIndex.params`, and rebuilds the index at start-up with
``index.add(article_id, signature=signature_from_bytes(blob))``, without re-reading texts.
Signatures made with other parameters must not be mixed in: :meth:`add` checks the length,
and :func:`signature_kind` names stored signatures by a fingerprint of the parameters, so
that signatures made with others are not found (and are made again) rather than misread.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable, Mapping
from functools import cache, cached_property
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]

from wiretrace.trace.model import Candidate
from wiretrace.trace.text import content_words, shingles

__all__ = [
    "NearDuplicateIndex",
    "Signature",
    "signature_from_bytes",
    "signature_from_list",
    "signature_kind",
    "signature_to_bytes",
    "signature_to_list",
]

Signature = npt.NDArray[np.uint32]
Unit = Literal["shingles", "content-words"]


_EMPTY_VALUE = np.uint32(0xFFFFFFFF)
#: Bumped when the code that turns a text into its shingle set (normalising, tokenising,
#: stemming) or its set into a signature changes in a way the parameters do not show.
SIGNATURE_VERSION = 1


@cache
def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows per band: exactly those ``MinHashLSH`` chooses for these parameters."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return int(lsh.b), int(lsh.r)


def _is_empty(signature: Signature) -> bool:
    """Whether the signature is that of an empty shingle set (every value still the maximum)."""
    return bool(signature.size) and bool((signature == _EMPTY_VALUE).all())


def _crc32(data: bytes) -> int:
    """The shingle hash: fast, and the same in every process (unlike ``hash``)."""
    return zlib.crc32(data)


def _pack(row: int) -> bytes:
    return row.to_bytes(4, "little")


def signature_to_bytes(signature: Signature) -> bytes:
    """A signature as ``len * 4`` little-endian bytes, for a BLOB column."""
    return np.asarray(signature, dtype="<u4").tobytes()


def signature_from_bytes(blob: bytes) -> Signature:
    """The inverse of :func:`signature_to_bytes`."""
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


def signature_to_list(signature: Signature) -> list[int]:
    """A signature as a JSON-friendly list of ints."""
    return [int(v) for v in signature]


def signature_from_list(values: Iterable[int]) -> Signature:
    """The inverse of :func:`signature_to_list`."""
    return np.asarray(list(values), dtype=np.uint32)


def signature_kind(params: Mapping[str, Any]) -> str:
    """The name stored signatures made with ``params`` (:attr:`NearDuplicateIndex.params`)
    are kept under: ``minhash-`` and 12 hex digits of a hash of the parameters.

    The same parameters give the same name in every process; other parameters, another
    name, so signatures made with them are not found and are computed again.
    """
    canonical = json.dumps(dict(params), sort_keys=True, separators=(",", ":"))
    return "minhash-" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


class NearDuplicateIndex:
    """Articles by MinHash signature; finds the indexed articles similar to a text.

    ``unit="shingles"`` (the default) hashes ``shingle_size``-word shingles of the normalised
    text: it finds copies and lightly edited copies. ``unit="content-words"`` hashes the
    set of content-word stems, which survives reordering and most paraphrase: with a lower
    ``threshold`` it finds rewrite candidates (and more unrelated articles on the same
    topic, which the derivation step then sorts out).
    """

    def __init__(
        self,
        threshold: float = 0.5,
        num_perm: int = 128,
        shingle_size: int = 5,
        unit: Unit = "shingles",
        seed: int = 1,
    ) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.unit: Unit = unit
        self.seed = seed
        self._template = MinHash(num_perm=num_perm, seed=seed, hashfunc=_crc32, scheme="affine32")
        self.bands, self.band_size = _bands(threshold, num_perm)
        # band bytes -> row (one article) or packed "<i4" rows (several); see the module doc
        self._tables: list[dict[bytes, int | bytes]] = [{} for _ in range(self.bands)]
        # Signatures in one growing matrix: estimating many candidates is one vector op.
        self._matrix: Signature = np.zeros((1024, num_perm), dtype=np.uint32)
        self._row: dict[str, int] = {}
        self._ids: list[str | None] = []
        self._free: list[int] = []

    @property
    def params(self) -> dict[str, Any]:
        """What a stored signature depends on; store it with the signatures."""
        return {
            "num_perm": self.num_perm,
            "shingle_size": self.shingle_size,
            "unit": self.unit,
            "seed": self.seed,
            "hash": "crc32",
            "scheme": "affine32",
            "version": SIGNATURE_VERSION,
        }

    @cached_property
    def signature_kind(self) -> str:
        """:func:`signature_kind` of this index's :attr:`params`: where the store keeps its
        signatures (computed once: ingest names every new article's signature with it)."""
        return signature_kind(self.params)

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._row

    def features(self, text: str) -> set[str]:
        """The set the signature summarises (shingles or content-word stems)."""
        if self.unit == "content-words":
            return set(content_words(text))
        return shingles(text, self.shingle_size)

    def signature(self, text: str) -> Signature:
        """The MinHash signature of ``text`` (``num_perm`` uint32 values)."""
        minhash = self._template.copy()
        minhash.update_batch([f.encode("utf-8") for f in self.features(text)])
        values: Signature = np.asarray(minhash.hashvalues, dtype=np.uint32)
        return values

    def _checked(self, signature: Signature) -> Signature:
        values: Signature = np.asarray(signature, dtype=np.uint32)
        if values.shape != (self.num_perm,):
            raise ValueError(
                f"signature has {values.shape} values; this index uses {self.num_perm}"
            )
        return values

    def _band_keys(self, signature: Signature) -> list[bytes]:
        """The signature's bands (``band_size`` consecutive values each) as dict keys."""
        data = signature[: self.bands * self.band_size].tobytes()
        step = 4 * self.band_size
        return [data[i : i + step] for i in range(0, len(data), step)]

    def _insert(self, keys: list[bytes], row: int) -> None:
        for table, key in zip(self._tables, keys, strict=True):
            held = table.get(key)
            if held is None:
                table[key] = row
            elif isinstance(held, int):
                table[key] = _pack(held) + _pack(row)
            else:
                table[key] = held + _pack(row)

    def _delete(self, keys: list[bytes], row: int) -> None:
        for table, key in zip(self._tables, keys, strict=True):
            held = table[key]
            if isinstance(held, int):
                del table[key]
                continue
            rows = np.frombuffer(held, dtype="<i4")
            rows = rows[rows != row]
            table[key] = int(rows[0]) if len(rows) == 1 else rows.tobytes()

    def _lookup(self, keys: list[bytes]) -> list[int]:
        """The rows sharing at least one band with ``keys`` (each once, in no set order)."""
        single: set[int] = set()
        packed: list[bytes] = []
        for table, key in zip(self._tables, keys, strict=True):
            held = table.get(key)
            if held is None:
                continue
            if isinstance(held, int):
                single.add(held)
            else:
                packed.append(held)
        if packed:
            single.update(np.frombuffer(b"".join(packed), dtype="<i4").tolist())
        return list(single)

    def add(
        self, article_id: str, text: str | None = None, *, signature: Signature | None = None
    ) -> Signature:
        """Index an article by its text or a stored signature; return the signature.

        Adding an id again replaces its signature.
        """
        if signature is None:
            if text is None:
                raise ValueError("add() needs a text or a signature")
            signature = self.signature(text)
        signature = self._checked(signature)
        if article_id in self._row:
            self.remove(article_id)
        if self._free:
            row = self._free.pop()
            self._ids[row] = article_id
        else:
            row = len(self._ids)
            self._ids.append(article_id)
            if row >= len(self._matrix):
                grown = np.zeros((len(self._matrix) * 2, self.num_perm), dtype=np.uint32)
                grown[: len(self._matrix)] = self._matrix
                self._matrix = grown
        self._matrix[row] = signature
        self._row[article_id] = row
        if not _is_empty(signature):  # a text with no words is like no other text
            self._insert(self._band_keys(signature), row)
        return signature

    def remove(self, article_id: str) -> None:
        """Drop an article from the index (a no-op when it is absent)."""
        row = self._row.pop(article_id, None)
        if row is None:
            return
        signature = self._matrix[row]
        if not _is_empty(signature):
            self._delete(self._band_keys(signature), row)
        self._ids[row] = None
        self._free.append(row)

    def get_signature(self, article_id: str) -> Signature:
        """The stored signature of an indexed article (a copy)."""
        return np.array(self._matrix[self._row[article_id]], dtype=np.uint32)

    def query(
        self,
        text: str | None = None,
        *,
        signature: Signature | None = None,
        min_jaccard: float = 0.0,
        exclude: str | None = None,
    ) -> list[Candidate]:
        """Indexed articles that LSH finds similar to ``text``, best first.

        Each has its estimated Jaccard similarity; ``min_jaccard`` drops the candidates LSH
        returns below it, ``exclude`` an id (the queried article itself).
        """
        if signature is None:
            if text is None:
                raise ValueError("query() needs a text or a signature")
            signature = self.signature(text)
        signature = self._checked(signature)
        if _is_empty(signature):
            return []
        skip = self._row.get(exclude) if exclude is not None else None
        rows = [row for row in self._lookup(self._band_keys(signature)) if row != skip]
        if not rows:
            return []
        estimates = (self._matrix[rows] == signature).mean(axis=1)
        found = [
            Candidate(key, float(estimate))
            for key, estimate in zip((self._ids[row] for row in rows), estimates, strict=True)
            if key is not None and estimate >= min_jaccard
        ]
        found.sort(key=lambda c: (-c.jaccard, c.article_id))
        return found

    def add_and_query(
        self, article_id: str, text: str, min_jaccard: float = 0.0
    ) -> list[Candidate]:
        """Query with an article's text, then add it: the incremental ingest step."""
        signature = self.signature(text)
        found = self.query(signature=signature, min_jaccard=min_jaccard, exclude=article_id)
        self.add(article_id, signature=signature)
        return found
