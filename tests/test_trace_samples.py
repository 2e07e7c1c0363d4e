"""The trace stage on the sample corpus: the answers an analyst reads off the five texts.

000, 001, 002 and 003 report one tank-factory inspection; 002 is an SEO rewrite of 001,
which reports it "as stated by Yonhap, citing the Korean Central News Agency (KCNA)"; 004
(another event) misspells the agency's abbreviation as "KNCA".
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import SEED_FILES
from wiretrace.clean import clean_document
from wiretrace.extract import extract_articles
from wiretrace.models import Article, Extraction, RawDocument
from wiretrace.trace import trace_event

pytestmark = pytest.mark.slow
AGENCY = "Korean Central News Agency"


@pytest.fixture(scope="module")
def samples() -> dict[str, tuple[Article, Extraction]]:
    articles = [
        clean_document(RawDocument(str(p), "text", p.read_text(encoding="utf-8")))
        for p in SEED_FILES
    ]
    extractions = extract_articles(articles)
    return {p.name[:3]: (a, e) for p, a, e in zip(SEED_FILES, articles, extractions, strict=True)}


def _trace(samples: Any, keys: list[str]) -> Any:
    return trace_event([samples[k][0] for k in keys], [samples[k][1] for k in keys])


def test_the_seo_rewrite_points_to_the_wire_based_report(samples: Any) -> None:
    trace = _trace(samples, ["000", "001", "002", "003"])
    ids = {k: samples[k][0].id for k in ("000", "001", "002", "003")}
    assert [(e.source, e.derived, e.type) for e in trace.edges] == [
        (ids["001"], ids["002"], "rewrite")
    ]


def test_the_attribution_chain_of_the_wire_based_report(samples: Any) -> None:
    trace = _trace(samples, ["001"])
    assert trace.chains[samples["001"][0].id] == [[AGENCY, "Yonhap", "NationPress"]]


def test_the_misspelt_abbreviation_is_the_same_agency(samples: Any) -> None:
    trace = _trace(samples, ["000", "004"])
    (agency,) = [s for s in trace.sources if s.name == AGENCY]
    assert {"KCNA", "KNCA"} <= set(agency.aliases)
    assert trace.chains[samples["004"][0].id][0][0] == AGENCY


def test_one_primary_source_through_three_independent_lines(samples: Any) -> None:
    trace = _trace(samples, ["000", "001", "002", "003"])
    assert trace.independent_lines == 3
    assert sorted(len(line.articles) for line in trace.lines) == [1, 1, 2]
    (primary,) = trace.primary_sources
    assert (primary.name, primary.lines, primary.articles) == (AGENCY, 3, 4)


def test_the_leaders_main_quote_in_two_translations_is_one_quote(samples: Any) -> None:
    trace = _trace(samples, ["000", "001", "002", "003"])
    wanted = {samples["000"][0].id, samples["001"][0].id}
    main = [
        q
        for q in trace.quotes
        if wanted <= set(q.article_ids)
        and any("outdated" in r.text for r in q.renderings if r.article_id in wanted)
    ]
    assert len(main) == 1
    assert main[0].speaker == "Kim Jong-un"
    texts = {r.article_id: r.text for r in main[0].renderings}
    assert texts[samples["000"][0].id].startswith("Replacing outdated equipment")
    assert texts[samples["001"][0].id].startswith("Modernizing our army")
