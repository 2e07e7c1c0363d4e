"""Clean stage: the five sample scrapes, judged by what their content is, plus invented pages.

The seed assertions name sentences that a reader of each page can see are article body (or
furniture), never outputs copied from the cleaner. The invented pages check that the rules
hold for sites, languages and layouts the samples do not have.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from wiretrace.clean import CleanContext, clean_batch, clean_document
from wiretrace.clean import text as text_module
from wiretrace.clean.text import line_features, score_line, split_lines
from wiretrace.errors import InputError
from wiretrace.models import Article, RawDocument

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"


def _seed_docs() -> list[RawDocument]:
    return [
        RawDocument(source=str(path), format="text", content=path.read_text(encoding="utf-8"))
        for path in sorted(SEEDS.glob("*.txt"))
    ]


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    """The five seeds cleaned as one batch, keyed by their number ("000" ... "004")."""
    docs = _seed_docs()
    assert len(docs) == 5, f"expected five seed scrapes in {SEEDS}"
    results = clean_batch(docs)
    out: dict[str, Article] = {}
    for doc, result in zip(docs, results, strict=True):
        assert isinstance(result, Article), result
        out[Path(doc.source).name[:3]] = result
    return out


def _assert_all_in(article: Article, sentences: list[str]) -> None:
    missing = [s for s in sentences if s not in article.text]
    assert not missing, f"body text lost: {missing}"


def _assert_none_in(article: Article, fragments: list[str]) -> None:
    present = [s for s in fragments if s in article.text]
    assert not present, f"furniture kept: {present}"


# --- every body paragraph is kept ------------------------------------------------------------


def test_000_body_kept_including_attribution(seeds: dict[str, Article]) -> None:
    a = seeds["000"]
    _assert_all_in(
        a,
        [
            "inspected a tank factory and emphasized the modernization of the army",
            "The report did not specify the name or location of the factory",
            "kneeling on top of a tank, actively examining its interior",
            "is the key to military buildup and modernization,” Kim said",
            "second armored force revolution,” Kim further added.",
            "generally considered inferior to South Korea’s",
            "solid foundation for serial production had been established.",
            "contributions of the factory’s engineers",
            "the factory is likely located in Kusong, North Pyongan Province.",
            "automatically intercepts incoming anti-tank weapons.",
            "Senior officials who accompanied Kim on the visit included Jo Chun-ryong",
            "Translated from the JoongAng Ilbo using generative AI and edited by Korea "
            "JoongAng Daily staff.",
        ],
    )
    assert len(a.paragraphs) == 12  # eleven report paragraphs and the translation note


def test_001_body_kept_with_dateline_paragraph(seeds: dict[str, Article]) -> None:
    a = seeds["001"]
    _assert_all_in(
        a,
        [
            "Seoul, May 4 (NationPress) North Korean leader Kim Jong-un conducted an inspection",
            "as stated by Yonhap, citing the Korean Central News Agency (KCNA).",
            "referring to it solely as an “important” tank manufacturing site.",
            "is crucial for strengthening our armed forces,” Kim was quoted as saying",
            "a reassessment of tank design perspectives.",
            "a second revolution in armoured force.”",
            "dependability for high-thrust engines.",
            "being actively pursued through consistent development and production achievements",
            "gained practical combat experience from this deployment.",
            "seems to be concentrating on modernizing its conventional weaponry.",
            "pivotal in determining the success or failure in modern warfare,” Yang stated.",
        ],
    )
    assert len(a.paragraphs) == 11


def test_002_clean_text_comes_through_unchanged(seeds: dict[str, Article]) -> None:
    raw = (SEEDS / "002_f73735a0767adba9.txt").read_text(encoding="utf-8")
    paragraphs = [line.strip() for line in raw.splitlines() if line.strip()]
    a = seeds["002"]
    assert a.text == "\n\n".join(paragraphs)
    assert a.removed == []


def test_003_body_kept_including_standfirst_and_note(seeds: dict[str, Article]) -> None:
    a = seeds["003"]
    _assert_all_in(
        a,
        [
            "reviewed progress at a key tank factory, emphasizing advancements in homegrown",
            "amidst speculations of Russian assistance for the Ukraine conflict.",
            "has made a significant visit to an essential tank manufacturing facility",
            "Recent displays of military progress have included the unveiling of a new naval "
            "destroyer and testing of advanced drones.",
            "However, concrete details regarding this collaboration have not yet been confirmed.",
            "(With inputs from agencies.)",
        ],
    )
    assert len(a.paragraphs) == 5  # standfirst, three report paragraphs, the agency note


def test_004_body_kept_including_last_paragraphs(seeds: dict[str, Article]) -> None:
    a = seeds["004"]
    _assert_all_in(
        a,
        [
            "visited a series of major munitions factories, including an artillery shell",
            "four times the average year level and nearly twice the peak-year level.”",
            "the Worker’s Party of Korea’s policy on modernizing munitions industry",
            "produce more shells to contribute to the expansion of the combat power",
            "reported on May 4 that Kim had visited a tank factory",
            "The move is also seen as a sales pitch to meet weapons demand",
            "treaty signed in June 2023.",
            "paving the way for deeper technological cooperation with Russia.”",
            "multifunctional machine-building equipment.”",
            "The newspaper did not disclose the specific date of Kim’s visit.",
            "Some experts say the publicity may target potential arms buyers among anti-Western "
            "nations attending the event.",
            "anticipating additional arms requests from Russia.”",
        ],
    )
    assert len(a.paragraphs) == 13


# --- furniture is dropped ---------------------------------------------------------------------


def test_003_trending_list_and_footer_dropped(seeds: dict[str, Article]) -> None:
    a = seeds["003"]
    _assert_none_in(
        a,
        [
            "TRENDING",
            "Uncertain Future for Head Start",
            "Sanctuary Breach",
            "Clash of Tariffs",
            "Crossroads of Trade and Politics",
            "United States",
            "Global",
            "OPINION / BLOG / INTERVIEW",
            "Mental health AI research often fails",
            "Banks embrace GenAI",
            "Lightweight LLMs power autonomous cyber defense",
            "AI in education must think deeper",
            "Latest News",
            "Connect us on",
            "LinkedIn",
            "Give Feedback",
            "Newsletter",
            "SECTORS",
            "EDITIONS",
            "@",
            "Phone",
            "+91",
            "Privacy Policy",
            "Terms of use",
            "Disclaimer",
            "©",
            "Copyright",
            "Left Menu",
            "Country:",
            "News Desk",
            "IST",
        ],
    )
    # the headline is the title, not a body paragraph, and its repeat is gone too
    assert a.title is not None and a.title not in a.text
    assert "Kim Jong Un" not in a.paragraphs


def test_000_comment_prompt_and_byline_dropped(seeds: dict[str, Article]) -> None:
    a = seeds["000"]
    _assert_none_in(
        a,
        [
            "To write comments",
            "log in",
            "(0/250",
            "BY JANG",
            "email",
            "with the Korea",
            "Published:",
        ],
    )
    assert not a.text.startswith("date ")


def test_001_summary_block_dropped(seeds: dict[str, Article]) -> None:
    a = seeds["001"]
    _assert_none_in(
        a,
        [
            "Synopsis",
            "Key Takeaways",
            "Kim Jong-un inspected an upgraded tank factory in North Korea.",
            "He stressed the importance of modernizing military forces.",
            "There is a push for advanced tank and armoured vehicle development.",
            "Recent events highlight the significance of conventional warfare.",
        ],
    )
    assert {r.reason for r in a.removed if r.text.startswith("- ")} == {"summary"}


def test_004_captions_weather_ad_and_team_blurb_dropped(seeds: dict[str, Article]) -> None:
    a = seeds["004"]
    caption = "North Korean leader Kim Jong-un visits a munitions factory, in this file photo"
    raw_copies = a.raw.count(caption)
    assert raw_copies >= 2
    assert a.text.count(caption) == 0
    assert sum(1 for r in a.removed if r.text.startswith(caption)) == raw_copies  # every copy
    _assert_none_in(
        a,
        [
            "72.7 F",
            "Los Angeles",
            "Thursday, May 8, 2025",
            "Advertisement",
            "Digital Team",
            "operates the largest",
            "core staff of 10 digital journalists",
            "BY CHUNG",
            "[KOREAN CENTRAL NEWS AGENCY]",
        ],
    )
    assert a.title is not None and a.title not in a.text


def test_every_line_is_kept_or_accounted_for(seeds: dict[str, Article]) -> None:
    for a in seeds.values():
        lines = split_lines(a.raw)
        assert len(a.paragraphs) + len(a.removed) == len(lines)
        assert all(r.reason for r in a.removed)


# --- metadata ----------------------------------------------------------------------------------


def test_publication_dates(seeds: dict[str, Article]) -> None:
    assert seeds["000"].published == date(2025, 5, 4)
    assert seeds["000"].published_from == "text"  # "Published: 04 May. 2025", not "Updated"
    assert seeds["000"].metadata.get("updated") == "2025-05-04"
    assert seeds["003"].published == date(2025, 5, 4)  # "Created: 04-05-2025 03:49 IST"
    assert seeds["003"].published_from == "text"
    assert seeds["002"].published is None and seeds["002"].published_from is None


def test_viewing_date_is_not_publication_date(seeds: dict[str, Article]) -> None:
    a = seeds["004"]  # "Thursday, May 8, 2025" next to "72.7 F" at the top of the page
    assert a.published is None
    assert a.seen == date(2025, 5, 8)


def test_yearless_dateline_gives_partial_date_only(seeds: dict[str, Article]) -> None:
    a = seeds["001"]
    assert a.published is None
    assert a.dateline is not None and a.dateline.startswith("Seoul, May 4")
    assert a.metadata["published_partial"] == "--05-04"
    assert a.outlet == "NationPress"  # the outlet named in the dateline


def test_headlines(seeds: dict[str, Article]) -> None:
    assert seeds["000"].title == (
        "North's Kim Jong-un calls for modernized tanks in factory inspection"
    )
    assert seeds["001"].title == "Did North Korea's Kim Inspect an Upgraded Tank Factory?"
    assert seeds["002"].title is None
    assert seeds["003"].title == "Kim Jong Un Unveils Ambitious Tank Technology Advances"
    assert seeds["004"].title == (
        "Kim Jong-un orders artillery shell boost during munitions factory visit"
    )


def test_bylines_and_outlets(seeds: dict[str, Article]) -> None:
    assert (seeds["000"].byline or "").casefold() == "jang gu-seul"
    # 000 names its outlet only in credit lines ("with the ...", "edited by ... staff"): no
    # general rule reads those, so the outlet stays empty rather than guessed
    assert seeds["000"].outlet is None
    assert "News Desk" in (seeds["003"].byline or "")
    assert seeds["003"].outlet == "Devdiscourse"
    assert seeds["003"].dateline == "Seoul"
    assert (seeds["004"].byline or "").casefold() == "chung yeong-gyo"
    assert seeds["002"].byline is None and seeds["002"].outlet is None
    assert seeds["001"].byline is None


def test_batch_and_single_agree_on_seeds() -> None:
    for doc, batch in zip(_seed_docs(), clean_batch(_seed_docs()), strict=True):
        assert isinstance(batch, Article)
        assert clean_document(doc).text == batch.text


# --- invented pages ----------------------------------------------------------------------------

GERMAN_SITE = """Startseite
Politik | Wirtschaft | Kultur | Sport | Wetter
Suche
Hafenrat genehmigt neue Fährverbindung zu den Nordinseln
Von Lena Hartmann
12.03.2024, 09:15 Uhr
Der Hafenrat hat am Dienstag eine neue Fährverbindung zwischen den Nordinseln und dem \
Festland genehmigt und damit einen zwei Jahre langen Streit beendet.
Anzeige
Die Verbindung soll im Sommer starten und viermal täglich fahren, im Winter gilt ein \
reduzierter Fahrplan, weil dann weniger Menschen reisen.
Teilen
Gegner hatten gewarnt, die Route schade den Fischgründen, doch ein im vergangenen Monat \
veröffentlichtes Gutachten fand kein erhebliches Risiko.
„Das ist ein guter Tag für alle, die auf den Inseln leben“, sagte die Vorsitzende.
Mit Material von dpa.
Weitere Nachrichten
Neue Kräne für den Containerhafen
Bürgermeisterin legt Haushaltsentwurf vor
Streik bei der Stadtbahn am Freitag
Kommentare
Impressum | Datenschutz | Kontakt
© 2024 Beispiel Medien GmbH
"""


def test_invented_german_site() -> None:
    a = clean_document(RawDocument("invented-de.txt", "text", GERMAN_SITE))
    assert a.title == "Hafenrat genehmigt neue Fährverbindung zu den Nordinseln"
    assert a.byline == "Lena Hartmann"
    assert a.published == date(2024, 3, 12) and a.published_from == "text"
    assert [p[:20] for p in a.paragraphs] == [
        "Der Hafenrat hat am ",
        "Die Verbindung soll ",
        "Gegner hatten gewarn",
        "„Das ist ein guter T",
        "Mit Material von dpa",
    ]
    reasons = {r.text: r.reason for r in a.removed}
    assert reasons["Anzeige"] == "advert"
    assert reasons["Teilen"] == "share"
    assert reasons["Weitere Nachrichten"] == "trending"
    assert reasons["Streik bei der Stadtbahn am Freitag"] == "trending"
    assert reasons["© 2024 Beispiel Medien GmbH"] == "copyright"


ENGLISH_SITE = """Skip to main content
Home | World | Business | Tech | Climate
Sign in
Harbour council approves new ferry route after two-year dispute
By Priya Raman and Tom Ellis
March 3, 2024
The harbour council voted on Tuesday to approve a new ferry route linking the northern \
islands with the mainland, ending a dispute that lasted more than two years.
Share this article
Facebook X Email
Councillors said the service would start in the summer and run four times a day, with a \
reduced timetable in winter.
Advertisement
Opponents had argued that the route would damage fishing grounds, but a review found no \
significant risk to local stocks.
It was a close vote.
Related Stories
Port authority names new chief executive
Island school wins national science prize
Most Read
1
Storm closes coastal road for second day
2
Fishing fleet returns with record catch
Sign up for our newsletter
Privacy Policy | Terms of Service | Contact Us
© 2024 Example Media Group. All rights reserved.
"""


def test_invented_english_site() -> None:
    a = clean_document(RawDocument("invented-en.txt", "text", ENGLISH_SITE))
    assert a.title == "Harbour council approves new ferry route after two-year dispute"
    assert a.byline == "Priya Raman and Tom Ellis"
    assert a.published == date(2024, 3, 3)
    assert len(a.paragraphs) == 4
    assert a.paragraphs[-1] == "It was a close vote."  # a short final sentence is body
    _assert_none_in(
        a,
        [
            "Skip",
            "Sign in",
            "Share",
            "Facebook",
            "Advertisement",
            "Related",
            "Port authority",
            "Most Read",
            "Storm closes",
            "newsletter",
            "Privacy",
            "©",
        ],
    )


def test_french_and_spanish_furniture_between_paragraphs() -> None:
    body = [
        "Le conseil municipal a adopté lundi un nouveau budget après un long débat qui a "
        "duré jusque tard dans la soirée.",
        "El ayuntamiento aprobó el lunes un nuevo presupuesto tras un largo debate que se "
        "prolongó hasta bien entrada la noche.",
        "Les élus de l'opposition ont jugé les économies insuffisantes et ont annoncé un "
        "recours devant le tribunal administratif.",
    ]
    page = "\n".join(
        [
            body[0],
            "Partager",
            "Publicité",
            body[1],
            "Compartir",
            "Publicidad",
            body[2],
            "Lire aussi",
            "Un autre titre sans rapport avec le sujet",
        ]
    )
    a = clean_document(RawDocument("invented-fr-es.txt", "text", page))
    assert a.paragraphs == body


CLEAN_ARTICLE = [
    "The city council approved a new budget on Monday after a debate that stretched late into "
    "the evening.",
    "The plan raises spending on schools and public transport while cutting administrative "
    "costs by a tenth.",
    "Opposition members said the cuts were too small and that the city would need to borrow "
    "again next year.",
    "Nobody disputed that.",
    "The mayor said she was confident the budget would hold, and that residents would see the "
    "first changes by the summer.",
]


def test_clean_plain_article_is_unchanged() -> None:
    content = "\n".join(CLEAN_ARTICLE)
    a = clean_document(RawDocument("clean.txt", "text", content))
    assert a.paragraphs == CLEAN_ARTICLE
    assert a.text == "\n\n".join(CLEAN_ARTICLE)
    assert a.removed == [] and a.title is None and a.published is None


def test_jsonl_fields_take_priority() -> None:
    doc = RawDocument(
        "feed.jsonl:3",
        "jsonl",
        "\n\n".join(CLEAN_ARTICLE),
        url="https://www.example-news.test/city/budget",
        title="Council passes budget",
        published="2024-02-05T10:00:00Z",
        outlet="Example News",
        metadata={"lang": "en"},
    )
    a = clean_document(doc)
    assert a.paragraphs == CLEAN_ARTICLE
    assert (a.title, a.outlet, a.url) == ("Council passes budget", "Example News", doc.url)
    assert a.published == date(2024, 2, 5) and a.published_from == "jsonl"
    assert a.metadata["lang"] == "en"


def test_outlet_from_url_host() -> None:
    doc = RawDocument("x.txt", "text", "\n".join(CLEAN_ARTICLE), url="https://www.example.org/a")
    assert clean_document(doc).outlet == "example.org"


def _filler(n: int) -> str:
    return (
        f"Paragraph {n} of this report describes the local situation in some detail, with "
        f"figures from the regional office and comments from residents of district {n}."
    )


def test_cross_document_short_line_dropped_long_sentence_kept() -> None:
    menu = "Weekend Picks Live"
    shared = (
        "The agency said the measure would take effect next month and would apply to all "
        "regions without exception, according to a statement released on Sunday."
    )
    short_shared_sentence = "Officials declined to comment."
    docs = []
    for k in range(6):
        lines = [_filler(10 * k + 1), shared, _filler(10 * k + 2)]
        if k < 5:
            lines.insert(2, menu)
            lines.insert(3, short_shared_sentence)
        lines.append(_filler(10 * k + 3))
        docs.append(RawDocument(f"doc{k}.txt", "text", "\n".join(lines)))
    results = clean_batch(docs)
    for k, result in enumerate(results):
        assert isinstance(result, Article)
        assert shared in result.paragraphs  # syndicated body sentence: kept
        assert menu not in result.text
        if k < 5:
            assert short_shared_sentence in result.paragraphs  # a sentence in the body: kept
            assert {r.reason for r in result.removed if r.text == menu} == {"cross-document"}
    # alone, the same page keeps the line: it is the batch that shows it is furniture
    assert menu in clean_document(docs[0]).paragraphs


def test_clean_context_thresholds() -> None:
    context = CleanContext.from_texts(["Site Menu\nA\n", "Site Menu\nB\n", "Site Menu\nC\n"])
    assert context.doc_count("site menu") == 3
    assert context.is_shared_boilerplate("Site Menu")
    assert not CleanContext.from_texts(["Site Menu", "Site Menu"]).is_shared_boilerplate(
        "Site Menu"
    )


HTML_PAGE = """<!doctype html><html><head><title>Harbour council approves new ferry route |
The Valley Courier</title>
<meta property="og:site_name" content="The Valley Courier">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Harbour council approves new ferry route","datePublished":"2024-03-12T09:00:00Z",
"author":{"@type":"Person","name":"Mara Lindqvist"}}</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Harbour council approves new ferry route</h1><p class="byline">By Mara Lindqvist</p>
<p>The harbour council voted on Tuesday to approve a new ferry route linking the northern
islands with the mainland, ending a dispute that lasted more than two years.</p>
<p>Councillors said the service would start in the summer and run four times a day, with a
reduced timetable during the winter months when demand is lower.</p>
<p>Opponents had argued that the route would damage fishing grounds, but an environmental
review published last month found no significant risk to local stocks.</p>
<p>"This is a good day for everyone who lives on the islands," the council chair said.</p>
</article>
<footer><p>© 2024 The Valley Courier. All rights reserved.</p>
<a href="/privacy">Privacy Policy</a></footer></body></html>"""


def test_html_page_body_title_and_metadata() -> None:
    doc = RawDocument("page.html", "html", HTML_PAGE, url="https://www.valley-courier.test/n/1")
    a = clean_document(doc)
    assert a.title == "Harbour council approves new ferry route"
    assert a.byline == "Mara Lindqvist"
    assert a.published == date(2024, 3, 12) and a.published_from == "json-ld"
    assert a.outlet == "valley-courier.test"
    assert a.metadata["sitename"] == "The Valley Courier"
    assert len(a.paragraphs) == 4
    assert a.paragraphs[0].startswith("The harbour council voted on Tuesday")
    assert a.paragraphs[-1].endswith("the council chair said.")
    _assert_none_in(a, ["Home", "Sport", "©", "Privacy Policy", "All rights reserved"])


def test_jsonl_html_content_uses_html_path() -> None:
    doc = RawDocument("feed.jsonl:1", "jsonl", HTML_PAGE, metadata={"content_is_html": True})
    a = clean_document(doc)
    assert a.paragraphs[0].startswith("The harbour council voted on Tuesday")
    assert "<p>" not in a.text


def test_html_without_body_is_an_input_error() -> None:
    empty = "<html><body><nav><a href='/'>Home</a></nav><footer>(c) 2024</footer></body></html>"
    doc = RawDocument("empty.html", "html", empty)
    with pytest.raises(InputError):
        clean_document(doc)
    [result] = clean_batch([doc])
    assert isinstance(result, InputError)
    assert result.source == "empty.html"


def test_batch_reports_empty_documents_and_goes_on() -> None:
    docs = [
        RawDocument("blank.txt", "text", "   \n\n  "),
        RawDocument("menu-only.txt", "text", "Home\nNews\nSport\nSearch\nMenu"),
        RawDocument("good.txt", "text", "\n".join(CLEAN_ARTICLE)),
    ]
    results = clean_batch(docs)
    assert [type(r).__name__ for r in results] == ["InputError", "InputError", "Article"]
    assert isinstance(results[0], InputError)
    assert results[0].reason == "no article text after cleaning"


def test_features_are_floats_and_scores_are_explained() -> None:
    lines = split_lines(GERMAN_SITE)
    features = line_features(lines)
    assert len(features) == len(lines)
    assert all(isinstance(v, float) for f in features for v in f.values())
    reason, score = score_line(features[lines.index("Anzeige")])
    assert reason == "advert" and score >= text_module.DROP_THRESHOLD


LEVY = [
    "The finance ministry said on Sunday it would cut the fuel levy by a third from next month, "
    "easing pressure on households after a winter of high prices.",
    "The measure will cost the treasury about 1.2 billion a year, officials said, and will be "
    "reviewed in the autumn budget.",
    "Opposition lawmakers called the cut too little, too late, and demanded a broader package "
    "of support for low-income families.",
]


def test_invented_wire_page_keeps_dateline_and_credits() -> None:
    page = [
        "World",
        "Markets",
        "Ministry cuts fuel levy as winter bills bite",
        "By Jane Doe and John Roe",
        "May 4, 2025 3:14 PM GMT+1 Updated 2 hours ago",
        "LISBON, May 4 (Wirewire) - " + LEVY[0],
        LEVY[1],
        LEVY[2],
        "Reporting by Jane Doe; Editing by Alex Smith",
        "Suggested Topics:",
        "World",
    ]
    a = clean_document(RawDocument("wire.txt", "text", "\n".join(page)))
    assert a.byline == "Jane Doe and John Roe"
    assert a.published == date(2025, 5, 4) and a.published_from == "text"
    assert a.dateline == "LISBON, May 4 (Wirewire)"
    assert a.paragraphs == [
        page[5],
        LEVY[1],
        LEVY[2],
        "Reporting by Jane Doe; Editing by Alex Smith",
    ]


def test_single_photo_credit_and_wire_copyright_dropped() -> None:
    copyright_line = (
        "Copyright 2025 The Example Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed."
    )
    about_copyright = (
        "The lawsuit accused the company of copyright infringement over more than two thousand "
        "songs, court papers show."
    )
    page = [
        "Ministry cuts fuel levy as winter bills bite",
        "By JANE DOE | May 4, 2025",
        LEVY[0],
        "Protesters gather outside the finance ministry on Sunday. (AP Photo/Jane Roe)",
        LEVY[1],
        LEVY[2],
        about_copyright,
        copyright_line,
    ]
    a = clean_document(RawDocument("ap.txt", "text", "\n".join(page)))
    assert a.byline == "JANE DOE" and a.published == date(2025, 5, 4)
    assert a.paragraphs == [*LEVY, about_copyright]
    reasons = {r.text: r.reason for r in a.removed}
    assert reasons[page[3]] == "caption" and reasons[copyright_line] == "copyright"


def test_readers_comments_dropped_but_not_at_a_comment_count_link() -> None:
    page = [
        "Ministry cuts fuel levy as winter bills bite",
        "571 Comments",
        LEVY[0],
        LEVY[1],
        LEVY[2],
        "3 Comments",
        "Alex Moreno says:",
        "I think this is a sensible decision and it should have come months ago, frankly.",
        "Reply",
        "Sam Okafor says:",
        "Too little and too late for most of us who already paid the winter bills in full.",
        "Reply",
    ]
    a = clean_document(RawDocument("blog.txt", "text", "\n".join(page)))
    assert a.paragraphs == LEVY
