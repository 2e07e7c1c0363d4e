"""The NLP stage: the indexed attribute ruler, cached entities and parses kept as bytes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import SEED_FILES
from wiretrace.nlp import DEFAULT_MODEL, Parser, ents_in, ents_of, load_pipeline, text_key
from wiretrace.nlp.attributes import (
    ATTRIBUTE_RULER,
    INDEXED_ATTRIBUTES,
    IndexedAttributeRuler,
    index_attribute_ruler,
)

TEXTS = [
    "The Prime Minister's office said on Tuesday that talks with the unions ain't over. "
    "\u201cWe're gonna keep talking,\u201d a spokeswoman told reporters in Lisbon.",
    "Dr. Amara Obi, 54, who heads the city's public-health agency, wasn't available.\n\n"
    "Ships can't dock there; the port's two cranes, built in 1998, were out of service.",
    "  Stocks fell 3.2%   in early trading.\nU.S. officials didn't comment.\tOthers did.",
]


def _texts() -> list[str]:
    return TEXTS + [path.read_text(encoding="utf-8") for path in SEED_FILES]


@pytest.fixture(scope="module")
def plain() -> Any:
    """wiretrace's pipeline with spaCy's own attribute ruler."""
    return load_pipeline(DEFAULT_MODEL, indexed_ruler=False)


def test_indexed_ruler_finds_the_same_matches_as_spacy(plain: Any) -> None:
    ruler = plain.get_pipe(ATTRIBUTE_RULER)
    indexed = IndexedAttributeRuler(ruler)
    assert indexed.indexed > 0  # most patterns are looked up, not matched
    with plain.select_pipes(disable=[ATTRIBUTE_RULER]):
        docs = list(plain.pipe(_texts()))
    for doc in docs:
        assert indexed.match(doc) == ruler.match(doc)
        assert indexed.match(doc) == ruler.match(doc)  # again, from the memo


def test_pipeline_with_the_indexed_ruler_tags_every_token_alike(plain: Any, parser: Any) -> None:
    assert INDEXED_ATTRIBUTES in parser.nlp.pipe_names
    assert ATTRIBUTE_RULER not in parser.nlp.pipe_names
    for text in _texts():
        ours, theirs = parser.nlp(text), plain(text)
        assert [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in ours] == [
            (t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in theirs
        ]


def test_a_pipeline_without_a_ruler_is_left_alone() -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    assert index_attribute_ruler(nlp) is False
    assert nlp.pipe_names == []


def test_ents_in_is_span_ents(parser: Any) -> None:
    for text in _texts():
        doc = parser.nlp(text)
        assert list(ents_of(doc)) == list(doc.ents)
        for sent in doc.sents:
            assert ents_in(sent) == list(sent.ents)
        assert ents_in(doc[0:0]) == []


def test_a_parse_kept_as_bytes_is_stored_as_is_and_read_back_on_demand() -> None:
    text = TEXTS[1]
    source = Parser()
    data = source.to_bytes([text])
    parser = Parser()
    assert not parser.is_cached(text)
    parser.remember_bytes(text, data)
    assert parser.is_cached(text)
    assert parser.to_bytes([text]) is data  # not parsed, not re-serialised
    assert parser._cache[text_key(text)] is data
    doc = parser.parse(text)
    assert [(t.text, t.dep_, t.ent_type_) for t in doc] == [
        (t.text, t.dep_, t.ent_type_) for t in source.parse(text)
    ]
    assert parser.parse(text) is doc  # read once, then kept as a Doc
