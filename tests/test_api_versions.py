"""What the store's derived data was made with: extractions name their model, signatures
their parameters, and only what matches is reused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from wiretrace import Wiretrace
from wiretrace.api import EXTRACTION_KIND, PARSE_KIND
from wiretrace.models import RawDocument
from wiretrace.nlp import Parser
from wiretrace.schema import article_features
from wiretrace.trace.lsh import NearDuplicateIndex, signature_kind

REPORT_A = (
    "Mayor Julia Weiss opened a new bridge in Hamburg on Monday. "
    "“This bridge connects two halves of our city,” Weiss said.\n\n"
    "About 2,000 residents attended, according to the city police.\n"
)
REPORT_B = "Engineers in Vienna tested a tram on Friday. The test went well, officials said.\n"
OTHER_MODEL = "en_other_model-9.9.9+wt2"


class RenamedParser(Parser):
    """The installed model under another name: what another model looks like to the store."""

    @property
    def name(self) -> str:
        return OTHER_MODEL


def doc(text: str, name: str) -> RawDocument:
    return RawDocument(source=name, format="text", content=text)


def stored_record(wt: Wiretrace, article_id: str) -> dict[str, Any]:
    return wt.store.features_of(EXTRACTION_KIND, [article_id])[article_id]


def forbid_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        pytest.fail("extracted again")

    monkeypatch.setattr("wiretrace.api.extract_articles", refuse)


@pytest.fixture
def ingested(db_path: Path, parser: Parser) -> tuple[Path, str]:
    """A store with two articles extracted by the default model; the first one's id."""
    with Wiretrace(db_path, parser=parser) as wt:
        first, _ = wt.ingest_documents([doc(REPORT_A, "a.txt"), doc(REPORT_B, "b.txt")]).added
    return db_path, first


def test_the_stored_extraction_names_its_model(ingested: tuple[Path, str], parser: Any) -> None:
    db_path, first = ingested
    with Wiretrace(db_path) as wt:
        record = stored_record(wt, first)
    assert record["model"] == parser.name
    assert record["version"]


def test_another_models_extraction_is_redone(
    ingested: tuple[Path, str], parser: Parser, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path, first = ingested
    with Wiretrace(db_path, parser=RenamedParser()) as wt:
        ids = sorted(wt.store.headlines())
        done = wt.extract()
        assert [x.article_id for x in done] == ids
        assert {x.model for x in done} == {OTHER_MODEL}
        assert {stored_record(wt, i)["model"] for i in ids} == {OTHER_MODEL}
        # parsed again with that model, and its parses stored under its name
        assert set(wt.store.features_of(PARSE_KIND + OTHER_MODEL, ids)) == set(ids)
        assert wt.extraction(first).people  # the same facts: the same model underneath
    forbid_extraction(monkeypatch)
    with Wiretrace(db_path, parser=RenamedParser()) as wt:  # now current for this parser
        assert {x.model for x in wt.extract()} == {OTHER_MODEL}


def test_the_same_models_extraction_is_reused_without_loading_the_model(
    ingested: tuple[Path, str], parser: Parser, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path, first = ingested
    forbid_extraction(monkeypatch)
    fresh = Parser()
    with Wiretrace(db_path, parser=fresh) as wt:
        before = stored_record(wt, first)
        done = wt.extract()
        assert {x.model for x in done} == {parser.name}
        assert stored_record(wt, first) == before
    assert fresh._nlp is None  # its name was read from the model's meta


def test_a_record_without_its_model_is_readable_but_redone(
    ingested: tuple[Path, str], parser: Parser
) -> None:
    db_path, first = ingested
    with Wiretrace(db_path, parser=parser) as wt:
        legacy = {k: v for k, v in stored_record(wt, first).items() if k != "model"}
        wt.store.put_features(EXTRACTION_KIND, [(first, legacy)])
        assert wt.extraction(first).model is None  # still read and shown
        exported = json.loads(wt.export("json") or "")
        by_id = {a["id"]: a["extraction"] for a in exported["articles"]}
        assert by_id[first]["model"] is None
        assert all(x["model"] == parser.name for i, x in by_id.items() if i != first)
        done = {x.article_id: x for x in wt.extract()}
        assert done[first].model == parser.name
        assert stored_record(wt, first)["model"] == parser.name


def test_reading_shows_another_models_extraction_with_its_name(
    ingested: tuple[Path, str], parser: Parser
) -> None:
    db_path, first = ingested
    renamed = RenamedParser()
    with Wiretrace(db_path, parser=renamed) as wt:
        assert wt.extraction(first).model == parser.name
        exported = json.loads(wt.export("json") or "")
        models = {a["extraction"]["model"] for a in exported["articles"]}
        assert models == {parser.name}
        event = wt.events()[0]
        assert wt.trace(event.id).chains
    assert renamed._nlp is None  # reading loads no model


def test_the_name_read_from_meta_is_the_loaded_models(parser: Parser) -> None:
    assert parser._nlp is not None
    meta = parser.nlp.meta
    fresh = Parser()
    assert fresh.name == f"{meta['lang']}_{meta['name']}-{meta['version']}+wt2"
    assert fresh._nlp is None


def test_the_signature_kind_fingerprints_the_parameters() -> None:
    default = NearDuplicateIndex()
    assert default.signature_kind == "minhash-75be0cd80e15"  # stable across processes
    assert signature_kind(dict(reversed(list(default.params.items())))) == default.signature_kind
    assert NearDuplicateIndex(threshold=0.3).signature_kind == default.signature_kind
    others = {
        NearDuplicateIndex(num_perm=64).signature_kind,
        NearDuplicateIndex(seed=2).signature_kind,
        NearDuplicateIndex(shingle_size=4).signature_kind,
        NearDuplicateIndex(unit="content-words").signature_kind,
    }
    assert len(others) == 4 and default.signature_kind not in others


def test_signatures_under_the_old_kind_are_made_again(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = "Breaking news. " + REPORT_A + "\nRead more stories on our site.\n"
    kind = NearDuplicateIndex().signature_kind
    with Wiretrace(db_path, extract=False) as wt:
        docs = [doc(REPORT_A, "a.txt"), doc(copy, "copy.txt"), doc(REPORT_B, "b.txt")]
        first, second, third = wt.ingest_documents(docs).added
        made = dict(wt.store.iter_features(kind))
        assert set(made) == {first, second, third}
        # what a store written before the fingerprint holds: every signature as "minhash-v1"
        with wt.store.writing() as conn:
            conn.execute(
                sa.update(article_features)
                .where(article_features.c.kind == kind)
                .values(kind="minhash-v1")
            )
        assert not dict(wt.store.iter_features(kind))
    with Wiretrace(db_path, extract=False) as wt:
        (candidate,) = wt.near_duplicates(first)
        assert candidate.article_id == second and candidate.jaccard > 0.5
        assert dict(wt.store.iter_features(kind)) == made  # made again, and kept
        # an article ingested now joins the index built from them
        (fourth,) = wt.ingest_documents([doc(copy + "Updated.\n", "copy2.txt")]).added
        found = {c.article_id for c in wt.near_duplicates(first)}
        assert found == {second, fourth}
    monkeypatch.setattr(NearDuplicateIndex, "signature", lambda *_: pytest.fail("signed again"))
    with Wiretrace(db_path, extract=False) as wt:  # read back, not made again
        assert {c.article_id for c in wt.near_duplicates(first)} == {second, fourth}
