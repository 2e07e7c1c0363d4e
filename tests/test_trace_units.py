"""The trace stage on hand-made texts; every expected value is written by hand."""

from __future__ import annotations

from wiretrace.models import Quote
from wiretrace.trace import (
    NearDuplicateIndex,
    SourceResolver,
    TracedText,
    align_quotes,
    derive,
    find_citations,
    signature_from_bytes,
    signature_from_list,
    signature_to_bytes,
    signature_to_list,
)
from wiretrace.trace.sources import damerau_levenshtein, same_source
from wiretrace.trace.text import normalise, sentences, shingles

STORY = (
    "The city council approved a new budget on Tuesday after a long debate about road repairs. "
    "Council members voted nine to four in favour of the plan, which raises spending on "
    "schools and public transport. The mayor said the budget would protect essential services "
    "while keeping taxes stable for another year. Opposition members argued that the plan "
    "relied on optimistic revenue forecasts and warned of cuts later. The budget takes effect "
    "in January, and a review is scheduled for the summer when new figures are available."
)
OTHER = (
    "A heavy storm closed the mountain pass for two days, stranding hundreds of drivers. "
    "Rescue teams brought blankets and food to people waiting in their cars overnight. "
    "Engineers inspected the bridge at the top of the pass before it reopened on Friday. "
    "Forecasters expect more snow next week and advise travellers to carry chains."
)


def test_normalisation_folds_case_punctuation_and_width() -> None:
    assert normalise("The Mayor’s “ＢＵＤＧＥＴ” plan!") == "the mayors budget plan"
    assert shingles("one two three", 5) == {"one two three"}
    assert len(shingles("a b c d e f", 5)) == 2


def test_sentences_keep_titles_and_initials_together() -> None:
    assert sentences("Rep. Smith met U.S. officials. They agreed.") == [
        "Rep. Smith met U.S. officials.",
        "They agreed.",
    ]


def test_index_finds_copy_not_unrelated_and_signatures_round_trip() -> None:
    index = NearDuplicateIndex()
    index.add("story", STORY)
    index.add("other", OTHER)
    found = index.query("Home | News\n" + STORY + "\nRead more")
    assert [c.article_id for c in found] == ["story"]
    assert found[0].jaccard > 0.8
    signature = index.get_signature("story")
    assert (signature_from_bytes(signature_to_bytes(signature)) == signature).all()
    assert (signature_from_list(signature_to_list(signature)) == signature).all()
    rebuilt = NearDuplicateIndex()
    rebuilt.add("story", signature=signature_from_bytes(signature_to_bytes(signature)))
    assert [c.article_id for c in rebuilt.query(STORY)] == ["story"]
    assert index.add_and_query("story-2", STORY)[0].article_id == "story"
    index.remove("story")
    assert "story" not in index and len(index) == 2


def test_copy_with_boilerplate_points_to_the_original() -> None:
    copy = "Menu | Home | Politics\n" + STORY + "\nRead more: our newsletter. Share this story."
    edge = derive(TracedText("orig", STORY), TracedText("copy", copy))
    assert edge is not None and edge.type == "copy"
    assert (edge.source, edge.derived, edge.direction_basis) == ("orig", "copy", "containment")
    assert edge.evidence.containment_source == 1.0


def test_rewrite_with_reordering_swaps_and_padding() -> None:
    rewrite = (
        "Council members backed the plan nine to four, raising spending on schools and public "
        "transport. The city council passed a new budget on Tuesday following a long debate "
        "about road repairs. Readers have been asking what this means for them. The mayor "
        "stated the budget would protect essential services while keeping taxes stable for "
        "another year. Opposition members claimed the plan relied on optimistic revenue "
        "forecasts and warned of cuts later. Stay tuned for more updates on this story."
    )
    edge = derive(TracedText("orig", STORY), TracedText("seo", rewrite))
    assert edge is not None and edge.type == "rewrite"
    assert edge.source == "orig" and edge.derived == "seo"
    assert len(edge.evidence.shared_sentences) >= 3


def test_unrelated_articles_have_no_edge() -> None:
    assert derive(TracedText("a", STORY), TracedText("b", OTHER)) is None


def test_translation_across_languages_by_names_and_numbers() -> None:
    english = TracedText(
        "en",
        "Minister Anna Berg met Paul Roux in Geneva on 12 March; 3,400 jobs at Velmo.",
        language="en",
    )
    french = TracedText(
        "fr",
        "La ministre Anna Berg a rencontré Paul Roux à Geneva le 12 mars ; "
        "3,400 emplois chez Velmo.",
        language="fr",
    )
    edge = derive(english, french)
    assert edge is not None and edge.type == "translation"


def test_citation_phrases_and_chains() -> None:
    text = (
        "The minister resigned, as stated by Wirenet, citing the Northland Press Agency (NPA). "
        "According to Daily Courier, talks failed. The NPA reported the date.\n"
        "(With inputs from agencies.)"
    )
    found = {(c.source, c.through, c.kind) for c in find_citations("x", text)}
    assert ("the Northland Press Agency (NPA)", "Wirenet", "reported-by") in found
    assert ("Wirenet", None, "reported-by") in found
    assert ("Daily Courier", None, "according-to") in found
    assert ("The NPA", None, "reported") in found
    assert ("agencies", None, "agencies") in found


def test_name_variants_resolve_to_one_source() -> None:
    assert damerau_levenshtein("KNCA", "KCNA") == 1
    assert same_source("KNCA", "Kappa Central News Agency")  # initials KCNA, one swap
    assert same_source("the NPA", "Northland Press Agency")
    assert not same_source("NPA", "Southern Broadcasting Corporation")
    assert not same_source("ABC", "ACB")  # three letters: a swap may be another agency
    resolver = SourceResolver(["Kappa Central News Agency (KCNA)", "the KCNA", "KNCA", "Wirenet"])
    assert resolver.resolve("KNCA") == "Kappa Central News Agency"
    assert resolver.resolve("NAP") == "NAP"  # three letters: not a typo of anything here
    assert resolver.resolve("Wirenet") == "Wirenet"


def test_quotes_in_two_wordings_are_one_statement() -> None:
    q1 = Quote(
        "Replacing outdated equipment with modern tanks is the key to our defence",
        0,
        1,
        "direct",
        speaker="Ana Lee",
    )
    q2 = Quote(
        "Replacing outdated armoured vehicles with the latest tanks is crucial for defence",
        0,
        1,
        "direct",
        speaker="Ana  Lee",
    )
    q3 = Quote("The harvest this year was the best in a decade", 0, 1, "direct", speaker="Ana Lee")
    aligned = align_quotes({"a": [q1, q3], "b": [q2]})
    assert len(aligned) == 1
    assert aligned[0].article_ids == ["a", "b"]


def test_texts_without_words_are_not_near_duplicates() -> None:
    from wiretrace.trace import NearDuplicateIndex

    index = NearDuplicateIndex()
    index.add("a", "— — · · …")
    index.add("b", "… … —")
    assert index.query("— —") == []
    assert index.query(signature=index.get_signature("a")) == []
