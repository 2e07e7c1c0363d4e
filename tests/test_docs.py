"""Keep the docs honest: what they name must be what the code does."""

from __future__ import annotations

import re
from datetime import date

from tests.conftest import REPO
from wiretrace import export
from wiretrace.cli import app
from wiretrace.models import Article, Event, Membership

DOCS = REPO / "docs"


def documented_fields(section: str) -> set[str]:
    text = (DOCS / "export.md").read_text()
    block = text.split(f"### {section}")[1].split("###")[0].split("## CSV")[0]
    return set(re.findall(r"^\| `(\w+)` \|", block, flags=re.MULTILINE))


def test_export_doc_lists_exactly_the_exported_fields() -> None:
    article = Article("a", "s", "text", "t", "r", published=date(2024, 1, 1))
    event = Event("e", None, None, [Membership("a", "primary")])
    assert documented_fields("Articles") == set(export.article_record(article))
    assert documented_fields("Events") == set(export.event_record(event))


def test_export_doc_lists_the_csv_columns() -> None:
    text = (DOCS / "export.md").read_text()
    assert ", ".join(export.CSV_COLUMNS) in text


def test_cli_doc_covers_every_command() -> None:
    names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    text = (DOCS / "cli.md").read_text()
    documented = set(re.findall(r"^\| `wiretrace ([\w-]+)", text, flags=re.MULTILINE))
    assert documented == names


def test_readme_commands_exist_in_the_makefile() -> None:
    readme = (REPO / "README.md").read_text()
    makefile = (REPO / "Makefile").read_text()
    for target in re.findall(r"^make (\w[\w-]*)", readme, flags=re.MULTILINE):
        assert re.search(rf"^{target}:", makefile, flags=re.MULTILINE), target
    assert "make test" in (REPO / ".ci" / "run").read_text()


def test_extract_doc_lists_exactly_the_extract_json_fields() -> None:
    from wiretrace.extract.records import article_record
    from wiretrace.models import Extraction

    text = (DOCS / "extract.md").read_text().split("## JSON shape")[1].split("##")[0]
    documented: set[str] = set()
    for cell in re.findall(r"^\| ([^|]+) \|", text, flags=re.MULTILINE):
        documented.update(re.findall(r"`(\w+)`", cell))
    record = article_record(Article("a", "s", "text", "t", "r"), Extraction("a"))
    assert documented == set(record)


def test_records_doc_lists_exactly_the_record_json_fields() -> None:
    from wiretrace.consolidate import EventRecord
    from wiretrace.consolidate.records import record_json

    text = (DOCS / "records.md").read_text().split("## JSON shape")[1].split("##")[0]
    documented = set(re.findall(r"^\| `(\w+)` \|", text, flags=re.MULTILINE))
    assert documented == set(record_json(EventRecord("ev", None, None)))
