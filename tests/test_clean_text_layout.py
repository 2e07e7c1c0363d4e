"""The layout of a text scrape (blank lines, indentation, table gaps) and the layout model."""

from __future__ import annotations

from wiretrace.clean import clean_document
from wiretrace.clean.context import with_context
from wiretrace.clean.features import LineLayout, line_features, split_layout, split_lines
from wiretrace.clean.linemodel import load_model
from wiretrace.models import RawDocument

RENDERED = """\
  * Home
  * News
      + Local
      + World

        The harbour council voted on Tuesday to approve a new ferry route linking the islands.

        You will need:
          * 2 tickets
          * 1 bicycle

        Councillors said the service would start in the summer and run four times a day.
        Size    120 cm    80 cm
"""


def test_split_layout_keeps_the_lines_of_split_lines() -> None:
    lines, layout = split_layout(RENDERED)
    assert lines == split_lines(RENDERED)
    assert len(layout) == len(lines)
    assert layout[0] == LineLayout(indent=2, blank_before=True, cells=0)
    assert layout[1].blank_before is False
    assert layout[2].indent == 6
    assert layout[4].blank_before is True and layout[4].indent == 8
    assert layout[-1].cells == 2


def test_flat_text_gets_no_layout_features() -> None:
    flat = "\n".join(split_lines(RENDERED))
    lines, layout = split_layout(flat)
    rows = with_context(lines, line_features(lines), layout)
    assert not any(row.get("lay_indent") or row.get("lay_blank") for row in rows)
    assert load_model().for_rows(rows) is load_model()


def test_rendered_page_uses_the_layout_model() -> None:
    lines, layout = split_layout(RENDERED)
    rows = with_context(lines, line_features(lines), layout)
    assert all(row.get("lay_indent") and row.get("lay_blank") for row in rows)
    model = load_model()
    assert model.layout is not None
    assert model.for_rows(rows) is model.layout
    inside = rows[lines.index("* 2 tickets")]
    assert inside["in_container"] == 1.0
    assert rows[lines.index("* Home")]["out_container"] == 1.0


def test_a_few_indented_bullets_are_not_layout() -> None:
    text = "First line of a report that runs on.\n  • Country:\n  • Elsewhere\nLast line."
    lines, layout = split_layout(text)
    rows = with_context(lines, line_features(lines), layout)
    assert not any(row.get("lay_indent") for row in rows)


def test_clean_document_uses_the_layout() -> None:
    article = clean_document(RawDocument("rendered.txt", "text", RENDERED))
    assert "harbour council voted" in article.text
