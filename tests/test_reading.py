"""The read-only half of the Python API works over a bare store: no parser, no clusterer."""

from __future__ import annotations

from typing import Any

import pytest

from wiretrace.errors import NotFoundError
from wiretrace.reading import StoreReader
from wiretrace.store import Store


class _Reader(StoreReader):
    def __init__(self, store: Store) -> None:
        self.store = store


def test_a_reader_over_the_store_sees_what_the_pipeline_stored(sample_store: Any) -> None:
    reader = _Reader(Store(sample_store.store.url))
    try:
        events = reader.events()
        assert [e.id for e in events] == [e.id for e in sample_store.events()]
        first = events[0].article_ids("primary")[0]
        assert reader.article(first).title == sample_store.article(first).title
        assert reader.extraction(first) == sample_store.extraction(first)
        word = reader.article(first).title.split()[-1]
        assert events[0] in reader.search(word).events
        with pytest.raises(NotFoundError):
            reader.event("ev-none")
    finally:
        reader.store.close()
