"""The web UI: its pages over the sample corpus, in process and in a real browser.

The in-process tests read the HTML with lxml; the browser tests start ``wiretrace serve`` and
drive Debian's Chromium through ChromeDriver (Selenium): a user opens the timeline, follows an
event, a person and a report, and searches. They skip, with the reason, where Chromium or
ChromeDriver is not installed (``make test`` installs them where it can).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import html

from tests.conftest import served
from wiretrace import Wiretrace
from wiretrace.web import create_app

pytestmark = pytest.mark.slow


def page(sample_client: TestClient, path: str, status: int = 200) -> Any:
    response = sample_client.get(path)
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    return html.fromstring(response.text)


def tank_event(sample_store: Wiretrace) -> str:
    return max(sample_store.events(), key=lambda e: len(e.article_ids("primary"))).id


def test_the_timeline_links_every_event_by_month(
    sample_client: TestClient, sample_store: Wiretrace
) -> None:
    tree = page(sample_client, "/")
    links = {a.get("href") for a in tree.xpath("//table[@class='events']//a")}
    assert links == {f"/events/{e.id}" for e in sample_store.events()}
    assert [h.text_content() for h in tree.xpath("//section[@class='month']/h2")] == [
        "May 2025",
        "Undated",
    ]


def test_the_event_page_shows_the_record_with_its_reports(
    sample_client: TestClient, sample_store: Wiretrace
) -> None:
    event_id = tank_event(sample_store)
    tree = page(sample_client, f"/events/{event_id}")
    text = " ".join(tree.text_content().split())
    assert "4 report(s) in 3 independent line(s) of reporting" in text
    assert "Event date: not disclosed" in text
    assert "Kusong, North Pyongan Province (likely, according to Rep. Yu Yong-weon)" in text
    # as many disagreements shown as the record holds (the samples' tank event has none
    # since extractor version 28 stopped reading the agency's report day as the visit's)
    shown = tree.xpath("//section[@id='disagreements']//div[@class='disagreement']")
    assert len(shown) == len(sample_store.record(event_id).disagreements)
    rows = {
        " ".join(r.xpath("td[1]/a")[0].text_content().split()): " ".join(
            r.xpath("td[2]")[0].text_content().split()
        )
        for r in tree.xpath("//tr[@class='person']")
    }
    assert "secretary of the Central Committee" in rows["Jo Chun-ryong"]
    assert "director of the Academy of National Defense Science" in rows["Kim Yong-hwan"]
    # every value's backing links to reports of this event, and the lines list them all
    primaries = set(sample_store.event(event_id).article_ids())
    backing_links = {a.get("href") for a in tree.xpath("//span[@class='backing']/a")}
    assert backing_links and backing_links <= {f"/articles/{a}" for a in primaries}
    listed = tree.xpath("//section[@id='reports']//a/@href")
    assert {h.removeprefix("/articles/") for h in listed} == primaries


def test_an_entity_page_lists_the_events_naming_it(
    sample_client: TestClient, sample_store: Wiretrace
) -> None:
    tree = page(sample_client, "/entities?name=Kim+Jong+Un")
    events = {a.get("href") for a in tree.xpath("//tr[@class='appearance']/td[2]/a")}
    assert events == {f"/events/{e.id}" for e in sample_store.events()}
    assert "No report names" in page(sample_client, "/entities?name=Nobody+At+All").text_content()


def test_an_article_page_names_its_events(
    sample_client: TestClient, sample_store: Wiretrace
) -> None:
    event = sample_store.event(tank_event(sample_store))
    mention = event.article_ids("mention")[0]
    tree = page(sample_client, f"/articles/{mention}")
    text = " ".join(tree.text_content().split())
    assert "mention report of" in text and "primary report of" in text
    assert sample_store.article(mention).text.split("\n")[0][:40] in tree.text_content()


def test_a_timeline_offset_past_the_end_shows_the_last_page(sample_client: TestClient) -> None:
    tree = page(sample_client, "/?offset=5000")
    assert len(tree.xpath("//table[@class='events']//a")) == 2


def test_search_and_errors_are_pages(sample_client: TestClient) -> None:
    tree = page(sample_client, "/search?q=artillery+shell")
    assert tree.xpath("//table[@class='events']//a")
    assert "No report holds" in page(sample_client, "/search?q=zyxwvut").text_content()
    assert "no event" in page(sample_client, "/events/ev-nothing", 404).text_content()
    assert page(sample_client, "/nothing", 404).xpath("//h1")


def test_text_from_reports_is_escaped_and_never_a_script_link(tmp_path: Path) -> None:
    hostile = {
        "url": "javascript:alert(document.domain)",
        "title": "<script>alert(1)</script> Harbour closed",
        "text": "The port authority closed the harbour on <b>Tuesday</b> as a storm neared.",
        "published": "2031-03-04",
    }
    opened = Wiretrace(tmp_path / "w.db", extract=False)
    with opened, TestClient(create_app(wiretrace=opened)) as client:
        report = client.post("/api/ingest", content=json.dumps(hostile).encode()).json()
        (article_id,) = report["added"]
        pages = [client.get(p) for p in ("/", f"/articles/{article_id}", "/search?q=harbour")]
        event_id = opened.events()[0].id
        pages.append(client.get(f"/events/{event_id}"))
    for response in pages:
        assert "<script>" not in response.text and "<b>Tuesday" not in response.text
        assert "default-src 'none'" in response.headers["content-security-policy"]
    article_page = html.fromstring(pages[1].text)
    assert not [h for h in article_page.xpath("//a/@href") if h.startswith("javascript:")]
    assert "javascript:alert(document.domain)" in article_page.text_content()  # shown as text


# -- in a real browser ----------------------------------------------------------------------
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
needs_browser = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="Chromium and ChromeDriver are not installed (Debian: apt-get install chromium "
    "chromium-driver; `make test` does it where it runs as root)",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@needs_browser
def test_a_user_follows_an_event_a_person_and_a_search(
    browser: Any, sample_store: Wiretrace
) -> None:
    from selenium.webdriver.common.by import By

    with served(str(sample_store.store.engine.url.database)) as base:
        browser.get(f"{base}/")
        assert "Timeline" in browser.title
        event = sample_store.event(tank_event(sample_store))
        browser.find_element(By.LINK_TEXT, event.title).click()
        assert browser.current_url.endswith(f"/events/{event.id}")
        lines = browser.find_element(By.ID, "lines").text
        assert lines == "3 independent line(s) of reporting"
        browser.find_element(By.LINK_TEXT, "Jo Chun-ryong").click()
        assert "/entities?name=" in browser.current_url
        browser.find_element(By.LINK_TEXT, event.title).click()
        assert browser.current_url.endswith(f"/events/{event.id}")
        box = browser.find_element(By.NAME, "q")
        box.send_keys("artillery shell")
        box.submit()
        assert "/search?q=artillery+shell" in browser.current_url
        results = browser.find_elements(By.CSS_SELECTOR, "table.events a")
        assert results
        results[0].click()
        assert "/events/" in browser.current_url
        assert browser.find_element(By.TAG_NAME, "h1").text


def test_disagreements_are_shown_each_value_with_its_reports(
    sample_client: TestClient, sample_store: Wiretrace, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the samples agree now, so two dates are put into the real record of one event
    from dataclasses import replace

    from wiretrace.consolidate.model import Backing, Disagreement, Finding, Support

    event_id = tank_event(sample_store)
    one, two = sample_store.event(event_id).article_ids("primary")[:2]
    real = sample_store.record(event_id)
    clash = Disagreement(
        "when",
        [
            Finding("2031-05-04", Backing([Support(one, "Sunday", 0, 6)], 1)),
            Finding("2031-05-05", Backing([Support(two, "Monday", 0, 6)], 1)),
        ],
    )
    monkeypatch.setattr(sample_store, "record", lambda _id: replace(real, disagreements=[clash]))
    tree = page(sample_client, f"/events/{event_id}")
    (shown,) = tree.xpath("//section[@id='disagreements']//div[@class='disagreement']")
    text = " ".join(shown.text_content().split())
    assert "when" in text and "2031-05-04" in text and "2031-05-05" in text
    assert {a.get("href") for a in shown.xpath(".//a")} == {f"/articles/{one}", f"/articles/{two}"}
