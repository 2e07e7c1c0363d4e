"""Union-find: the connected components of a relation given pair by pair.

Several stages group things that are linked in pairs (the trace stage's lines of reporting,
the clustering's merged events); they share this one small structure.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

__all__ = ["Components"]

K = TypeVar("K", bound=Hashable)


class Components(Generic[K]):
    """Disjoint sets of keys; a key not seen yet is a set of its own."""

    def __init__(self, keys: Iterable[K] = ()) -> None:
        self._parent: dict[K, K] = {k: k for k in keys}

    def find(self, key: K) -> K:
        """The representative of ``key``'s set (which one it is carries no meaning)."""
        parent = self._parent
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]  # path halving
            key = parent[key]
        return key

    def join(self, a: K, b: K) -> None:
        """Put ``a`` and ``b`` in one set."""
        self._parent[self.find(a)] = self.find(b)

    def groups(self, keys: Iterable[K]) -> list[list[K]]:
        """``keys`` grouped by set, each group and the groups in the order of ``keys``."""
        found: dict[K, list[K]] = {}
        for key in keys:
            found.setdefault(self.find(key), []).append(key)
        return list(found.values())
