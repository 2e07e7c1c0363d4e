"""Issue 4's checks on the sample scrapes: what an analyst would copy out by hand.

The expected values are read off the sample texts by a person (who accompanied whom, with
which title; where the factory likely is and who says so; ...), not produced by the code.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.conftest import SEEDS
from wiretrace.clean import clean_document
from wiretrace.extract import extract_article
from wiretrace.ingest import iter_documents
from wiretrace.models import Article, Extraction, RawDocument


@pytest.fixture(scope="module")
def samples(parser: Any) -> dict[str, tuple[Article, Extraction]]:
    out = {}
    for item in iter_documents([SEEDS]):
        assert isinstance(item, RawDocument)
        article = clean_document(item)
        out[item.source.rsplit("/", 1)[-1][:3]] = (
            article,
            extract_article(article, parser.parse(article.text)),
        )
    return out


def test_the_three_accompanying_officials_with_their_titles(samples: Any) -> None:
    _, extraction = samples["000"]
    titles = {p.name: p.titles for p in extraction.people if p.kind == "person"}
    assert "secretary of the Central Committee" in titles["Jo Chun-ryong"]
    assert "member of the Central Military Commission" in titles["Kim Jong-sik"]
    assert "director of the Academy of National Defense Science" in titles["Kim Yong-hwan"]
    # the leader keeps his own title and is not merged with the officials sharing his surname
    leader = next(p for p in extraction.people if p.name == "Kim Jong-un")
    assert "North Korean leader" in leader.titles
    assert "Kim" in leader.aliases


def test_the_lawmakers_hedged_location(samples: Any) -> None:
    _, extraction = samples["000"]
    (place,) = [p for p in extraction.places if p.role == "event"]
    assert place.text == "Kusong, North Pyongan Province"
    assert place.hedge == "likely"
    assert place.according_to is not None and "Yu Yong-weon" in place.according_to
    assert extraction.frame.where is not None and extraction.frame.where.text == place.text


def test_the_production_claim_with_its_source(samples: Any) -> None:
    _, extraction = samples["004"]
    claims = [c for c in extraction.claims if "four times" in c.text and c.kind == "comparative"]
    assert claims
    assert claims[0].asserted_by == "The Korean Central News Agency"


def test_analysts_comments_are_assessments(samples: Any) -> None:
    _, extraction = samples["004"]
    assessed = {c.asserted_by for c in extraction.claims if c.kind == "assessment"}
    assert {"Lim Eul-chul", "Yang Moo-jin"} <= assessed
    reported = [c for c in extraction.claims if "four times" in c.text]
    assert all(c.kind != "assessment" for c in reported)


def test_visit_date_not_disclosed_and_report_date(samples: Any) -> None:
    article, extraction = samples["000"]
    assert article.published == date(2025, 5, 4)
    assert extraction.event_date_status == "not disclosed"
    assert extraction.event_date is None
    assert extraction.frame.when is None
    _, munitions = samples["004"]
    assert munitions.event_date_status == "not disclosed"
