"""The near-duplicate index: same candidates as datasketch's MinHashLSH, stable signatures,
and band storage the cyclic garbage collector never has to scan."""

from __future__ import annotations

import gc
import hashlib

import numpy as np
from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]

from tests.test_trace_units import STORY
from wiretrace.trace import NearDuplicateIndex, signature_to_bytes


def planted_signatures(rng: np.random.Generator, n: int) -> list[np.ndarray]:
    """Random signatures, a third of them variants of an earlier one (some bands shared),
    and a run of identical ones (one bucket holding many articles)."""
    out: list[np.ndarray] = []
    for k in range(n):
        signature = rng.integers(0, 2**32 - 1, size=128, dtype=np.uint32)
        if k % 3 == 1 and out:
            base = out[int(rng.integers(len(out)))]
            kept = rng.random(128) < rng.uniform(0.3, 0.95)
            signature = np.where(kept, base, signature).astype(np.uint32)
        if 50 <= k < 70:
            signature = out[49].copy() if k > 50 else signature
        out.append(signature)
    return out


def datasketch_candidates(lsh: MinHashLSH, signature: np.ndarray, exclude: str) -> set[str]:
    found = lsh.query(MinHash(num_perm=128, hashvalues=signature, scheme="affine32"))
    return {k for k in found if k != exclude}


def test_candidates_are_exactly_minhashlsh_ones_through_adds_and_removes() -> None:
    rng = np.random.default_rng(7)
    signatures = planted_signatures(rng, 600)
    for threshold in (0.5, 0.3):
        index = NearDuplicateIndex(threshold=threshold)
        lsh = MinHashLSH(threshold=threshold, num_perm=128)
        assert (index.bands, index.band_size) == (lsh.b, lsh.r)
        for k, signature in enumerate(signatures):
            index.add(f"d{k}", signature=signature)
            lsh.insert(f"d{k}", MinHash(num_perm=128, hashvalues=signature, scheme="affine32"))
        for k in range(0, 600, 7):  # removals, some in the shared bucket; re-adds elsewhere
            index.remove(f"d{k}")
            lsh.remove(f"d{k}")
            if k % 2:
                moved = signatures[(k * 31) % 600]
                index.add(f"d{k}", signature=moved)
                lsh.insert(f"d{k}", MinHash(num_perm=128, hashvalues=moved, scheme="affine32"))
        shared = 0
        for k, signature in enumerate(signatures):
            expected = datasketch_candidates(lsh, signature, f"d{k}")
            found = index.query(signature=signature, exclude=f"d{k}")
            assert {c.article_id for c in found} == expected
            shared += len(expected) > 1
            for c in found:  # the estimate is the share of equal values
                mine = index.get_signature(c.article_id)
                assert c.jaccard == float((mine == signature).mean())
        assert shared > 50  # the planted variants and the run of copies were found


def test_removing_from_a_shared_bucket_keeps_the_others() -> None:
    index = NearDuplicateIndex()
    signature = index.signature(STORY)
    for name in ("a", "b", "c"):
        index.add(name, signature=signature)
    index.remove("b")
    assert [c.article_id for c in index.query(signature=signature)] == ["a", "c"]
    index.remove("a")
    assert [c.article_id for c in index.query(signature=signature)] == ["c"]
    index.add("c", "Another text entirely, about the weather in the mountains this week.")
    assert index.query(signature=signature) == []
    index.add("a", signature=signature)  # the freed row is reused
    assert [c.article_id for c in index.query(signature=signature, exclude="a")] == []
    assert [c.article_id for c in index.query(signature=signature)] == ["a"]


def test_signatures_are_unchanged() -> None:
    """Stored signatures must stay valid: these bytes were computed before the index change."""
    shingle = NearDuplicateIndex().signature(STORY)
    words = NearDuplicateIndex(unit="content-words").signature(STORY)
    assert shingle[:4].tolist() == [9691870, 141065443, 159363250, 27054266]
    assert hashlib.sha256(signature_to_bytes(shingle)).hexdigest() == (
        "c5b6c30a4bf8922a92135204b4df0e83e4edf3b59f2a4b04236f10f25a20659b"
    )
    assert hashlib.sha256(signature_to_bytes(words)).hexdigest() == (
        "07ca76101016be2550bd9d89629cda153db6682707d94e75f12b09fea4b067de"
    )


def test_the_index_adds_no_objects_for_the_garbage_collector_to_scan() -> None:
    rng = np.random.default_rng(3)
    signatures = planted_signatures(rng, 3000)
    index = NearDuplicateIndex()
    gc.collect()
    before = len(gc.get_objects())
    for k, signature in enumerate(signatures):
        index.add(f"d{k}", signature=signature)
    index.query(signature=signatures[50])
    gc.collect()
    assert len(gc.get_objects()) - before < 100  # MinHashLSH: about 25 per article
    assert not any(gc.is_tracked(table) for table in index._tables)


def test_signatures_of_another_length_or_type_are_checked() -> None:
    index = NearDuplicateIndex()
    signature = index.signature(STORY)
    index.add("a", signature=signature.astype(np.int64))  # converted, same bands
    assert [c.article_id for c in index.query(signature=signature)] == ["a"]
    try:
        index.add("b", signature=signature[:64])
    except ValueError as error:
        assert "128" in str(error)
    else:
        raise AssertionError("a short signature was accepted")
    assert "b" not in index
