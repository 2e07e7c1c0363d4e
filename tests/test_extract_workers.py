"""Extraction in worker processes gives what one process gives, in input order."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

from tests.test_cli import run
from wiretrace import Wiretrace
from wiretrace.api import extract_documents
from wiretrace.errors import InputError, UsageError
from wiretrace.extract import extract_articles, workers
from wiretrace.extract.records import to_record
from wiretrace.models import Article, RawDocument
from wiretrace.nlp import Parser

PEOPLE = ["Mayor Julia Weiss", "Governor Tomas Lind", "Senator Ana Duarte", "Minister Ravi Rao"]
PLACES = ["Hamburg", "Vienna", "Porto", "Leeds", "Tampere"]
DAYS = ["Monday", "Tuesday", "last Friday", "May 3"]


def _report(i: int) -> str:
    person = PEOPLE[i % len(PEOPLE)]
    surname = person.split()[-1]
    place = PLACES[i % len(PLACES)]
    return (
        f"{person} opened a new bridge in {place} on {DAYS[i % len(DAYS)]}. "
        f"\u201cThis bridge number {i} connects two halves of our city,\u201d {surname} said.\n\n"
        f"About {1000 + 37 * i} residents attended, according to the city police. "
        f"Analysts said the project would likely cost twice the original estimate.\n"
    )


def _articles(count: int) -> list[Article]:
    return [Article(f"a{i}", f"a{i}.txt", "text", _report(i), _report(i)) for i in range(count)]


def test_workers_give_the_same_extractions_in_order() -> None:
    if not workers.can_fork():
        pytest.skip("worker processes need fork()")
    articles = _articles(workers.MIN_PARALLEL + 5)
    one = [to_record(x) for x in extract_articles(articles, Parser(), processes=1)]
    parser = Parser()
    made = extract_articles(articles, parser, processes=2)
    assert [to_record(x) for x in made] == one
    assert [x.article_id for x in made] == [a.id for a in articles]
    # the parses came back as bytes, and are read again only when asked for
    assert all(parser.is_cached(a.text) for a in articles)
    assert [t.dep_ for t in parser.parse(articles[0].text)] == [
        t.dep_ for t in Parser().parse(articles[0].text)
    ]
    # parses that need not be kept stay in the workers
    lean = Parser()
    made = extract_articles(articles, lean, processes=2, keep_parses=False)
    assert [to_record(x) for x in made] == one
    assert not any(lean.is_cached(a.text) for a in articles)


def test_cached_parses_are_not_sent_to_workers(monkeypatch: Any) -> None:
    articles = _articles(workers.MIN_PARALLEL + 3)
    parser = Parser()
    parser.parse_many([a.text for a in articles[:3]])  # three already parsed here
    sent: list[str] = []
    real = workers.extract_in_processes

    def spy(batch: Any, p: Parser, processes: int, **kwargs: Any) -> Any:
        sent.extend(a.id for a in batch)
        return real(batch, p, processes, **kwargs)

    monkeypatch.setattr(workers, "extract_in_processes", spy)
    monkeypatch.setattr(workers, "can_fork", lambda: True)
    done = extract_articles(articles, parser, processes=2)
    assert [x.article_id for x in done] == [a.id for a in articles]
    assert sent == [a.id for a in articles[3:]]


def test_a_small_batch_stays_in_this_process(monkeypatch: Any) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("a pool was started for a small batch")

    monkeypatch.setattr(workers, "extract_in_processes", refuse)
    articles = _articles(workers.MIN_PARALLEL - 1)
    assert len(extract_articles(articles, Parser(), processes=4)) == len(articles)


def test_process_counts() -> None:
    assert workers.resolve_processes(3) == 3
    assert workers.resolve_processes(0) >= 1
    assert workers.resolve_processes(None) >= 1
    with pytest.raises(UsageError, match="processes"):
        workers.resolve_processes(-1)
    with pytest.raises(UsageError, match="2 or more"):
        workers.extract_in_processes(_articles(1), Parser(), 1)


def _stored_rows(wt: Wiretrace) -> dict[str, dict[str, Any]]:
    """Every row the store keeps beside its articles, by kind, for the kinds ingest writes."""
    ids = [a.id for a in wt.articles()]
    kinds = [wt._signing().signature_kind, wt.features_kind]
    if wt.extract_on_ingest:
        kinds += ["extraction", "parse:" + wt.parser.name]
    return {kind: wt.store.features_of(kind, ids) for kind in kinds}


@pytest.mark.parametrize("extract", [True, False])
def test_ingest_with_workers_stores_what_one_process_stores(tmp_path: Path, extract: bool) -> None:
    """Workers clean, extract, sign and featurize; what they store is what one process does."""
    if not workers.can_fork():
        pytest.skip("worker processes need fork()")
    docs = [RawDocument(f"r{i}.txt", "text", _report(i)) for i in range(workers.MIN_PARALLEL + 2)]
    docs.insert(4, RawDocument("blank.txt", "text", "   \n\n  "))
    docs.append(docs[2])  # the same input twice in one batch
    stored = []
    for processes in (1, 2):
        with Wiretrace(tmp_path / f"p{processes}.db", processes=processes, extract=extract) as wt:
            report = wt.ingest_documents(docs)
            assert len(report.added) == len(docs) - 2
            assert [r.source for r in report.rejected] == ["blank.txt"]
            assert report.skipped == [docs[2].article_id]
            rows = _stored_rows(wt)
            assert all(len(found) == len(report.added) for found in rows.values())
            stored.append((rows, sorted(e.article_ids() for e in wt.events())))
    assert stored[0] == stored[1]


def test_extract_documents_in_workers_cleans_and_rejects_as_one_process() -> None:
    if not workers.can_fork():
        pytest.skip("worker processes need fork()")
    docs: list[RawDocument] = [
        RawDocument(f"r{i}.txt", "text", _report(i)) for i in range(workers.MIN_PARALLEL + 3)
    ]
    docs.insert(5, RawDocument("blank.txt", "text", "   \n\n  "))
    one, rejected_one = extract_documents(docs, parser=Parser(), processes=1)
    two, rejected_two = extract_documents(docs, parser=Parser(), processes=2)
    assert [r.source for r in rejected_two] == [r.source for r in rejected_one] == ["blank.txt"]
    assert [r.reason for r in rejected_two] == [r.reason for r in rejected_one]
    assert [a for a, _ in two] == [a for a, _ in one]
    assert [to_record(x) for _, x in two] == [to_record(x) for _, x in one]


def test_a_rejection_survives_the_trip_from_a_worker() -> None:
    error = pickle.loads(pickle.dumps(InputError("feed.jsonl:3", "no text")))
    assert (error.source, error.reason, str(error)) == (
        "feed.jsonl:3",
        "no text",
        "feed.jsonl:3: no text",
    )


def test_cli_extract_takes_a_process_count(tmp_path: Path) -> None:
    for i in range(workers.MIN_PARALLEL + 1):
        (tmp_path / f"r{i:02d}.txt").write_text(_report(i))
    one = run("extract", ".", "--json", "-j", "1", cwd=tmp_path)
    two = run("extract", ".", "--json", "--processes", "2", cwd=tmp_path)
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout == two.stdout


def _page(i: int) -> str:
    """An HTML page: the same site menu on every page (batch-wide furniture), then a report."""
    paragraphs = "".join(f"<p>{p}</p>" for p in _report(i).split("\n") if p.strip())
    return (
        "<html><head><title>Bridge report</title></head><body>"
        "<nav><ul><li>Home</li><li>City</li><li>Sport</li></ul></nav>"
        f"<article><h1>Bridge number {i} opens</h1>{paragraphs}</article>"
        "<footer>Subscribe to our newsletter</footer></body></html>"
    )


def test_html_pages_are_extracted_in_workers_as_in_one_process(monkeypatch: Any) -> None:
    """trafilatura runs in the workers (a round before the batch's line counts are made);
    the articles, rejections and their order are those of one process."""
    if not workers.can_fork():
        pytest.skip("worker processes need fork()")
    docs = [RawDocument(f"p{i}.html", "html", _page(i)) for i in range(workers.MIN_PARALLEL + 2)]
    docs.insert(3, RawDocument("empty.html", "html", "<html><body><nav>Home</nav></body></html>"))
    docs.insert(7, RawDocument("r.txt", "text", _report(99)))
    one = workers.clean_and_process(docs, None, 1, lambda article, _x: article.id)
    rounds: list[int] = []
    run = workers._run

    def counted(tasks: Any, work: Any, parser: Any, processes: int) -> Any:
        rounds.append(len(tasks))
        return run(tasks, work, parser, processes)

    loads: list[None] = []
    load = workers.load_html_tools
    monkeypatch.setattr(workers, "_run", counted)
    monkeypatch.setattr(workers, "load_html_tools", lambda: loads.append(load()))
    two = workers.clean_and_process(docs, None, 2, lambda article, _x: article.id)
    assert len(rounds) == 2  # the pages' extraction, then finishing the batch
    assert len(loads) == 1  # trafilatura readied once, before the fork
    assert [str(r) if isinstance(r, InputError) else r for r in two] == [
        str(r) if isinstance(r, InputError) else r for r in one
    ]
    assert [r.source for r in one if isinstance(r, InputError)] == ["empty.html"]
