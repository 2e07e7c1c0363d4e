"""Incremental near-duplicate search: MinHash signatures in a banded LSH index.

Comparing every new article with every stored one is quadratic; a MinHash signature of an
article's word shingles estimates Jaccard similarity in a fixed number of comparisons, and
locality-sensitive hashing (bands of the signature as hash-table keys) finds the articles
likely to be similar without looking at the others. Adding or querying one article costs a
signature (linear in its length) plus one lookup per band, whatever the size of the index.

Persistence seam: :meth:`NearDuplicateIndex.signature` is a pure function of the text and
the index parameters (``num_perm``, ``shingle_size``, ``unit``, ``seed``; the shingle hash is
CRC-32, stable across processes and platforms). The store keeps
:func:`signature_to_bytes` (``num_perm`` little-endian uint32, 512 bytes by default) per
article with :attr:`NearDuplicateIndex.params`, and rebuilds the index at start-up with
``index.add(article_id, signature=signature_from_bytes(blob))``, without re-reading texts.
Signatures made with other parameters must not be mixed in: :meth:`add` checks the length.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
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
    "signature_to_bytes",
    "signature_to_list",
]

Signature = npt.NDArray[np.uint32]
Unit = Literal["shingles", "content-words"]


_EMPTY_VALUE = np.uint32(0xFFFFFFFF)


def _is_empty(signature: Signature) -> bool:
    """Whether the signature is that of an empty shingle set (every value still the maximum)."""
    return bool(signature.size) and bool((signature == _EMPTY_VALUE).all())


def _crc32(data: bytes) -> int:
    """The shingle hash: fast, and the same in every process (unlike ``hash``)."""
    return zlib.crc32(data)


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
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._template = MinHash(num_perm=num_perm, seed=seed, hashfunc=_crc32, scheme="affine32")
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
        }

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

    def _minhash(self, signature: Signature) -> MinHash:
        if signature.shape != (self.num_perm,):
            raise ValueError(
                f"signature has {signature.shape} values; this index uses {self.num_perm}"
            )
        return MinHash(
            num_perm=self.num_perm,
            seed=self.seed,
            hashvalues=signature,
            permutations=self._template.permutations,
            scheme="affine32",
        )

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
        if article_id in self._row:
            self.remove(article_id)
        if not _is_empty(signature):  # a text with no words is like no other text
            self._lsh.insert(article_id, self._minhash(signature), check_duplication=False)
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
        return signature

    def remove(self, article_id: str) -> None:
        """Drop an article from the index (a no-op when it is absent)."""
        row = self._row.pop(article_id, None)
        if row is None:
            return
        if article_id in self._lsh.keys:
            self._lsh.remove(article_id)
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
        if _is_empty(signature):
            return []
        keys = [k for k in self._lsh.query(self._minhash(signature)) if k != exclude]
        if not keys:
            return []
        rows = np.fromiter((self._row[k] for k in keys), dtype=np.int64, count=len(keys))
        estimates = (self._matrix[rows] == signature).mean(axis=1)
        found = [
            Candidate(key, float(estimate))
            for key, estimate in zip(keys, estimates, strict=True)
            if estimate >= min_jaccard
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
