"""Quotes and reported speech, each with who said it: :func:`find_quotes`.

A report's claims are only as good as their sources, so every statement the article
attributes is kept with its source span, its cue and the resolved speaker. Three kinds:

* **direct**: a whole sentence in quote marks ("X said: “...”", "“...,” X said.");
* **partial**: a quoted fragment inside the reporter's sentence ('he called it “a step”');
  a fragment with no speech verb near it is a scare quote, not a quote, and is dropped, and
  so is a title in running text ('told the network's “Evening Report”');
* **indirect**: reported speech found in the dependency parse
  (:mod:`wiretrace.extract.reported`: "X said that ...", "X criticized the plan", "according
  to X"); then the cues only the trained attribution model knows
  (:mod:`wiretrace.extract.attribution_model`: "went after", "his announcement of"), which
  also names the cue of a quote no listed verb claims.

Quote marks are read from the text (:mod:`wiretrace.extract.marks`). A direct quote with no
cue takes the speaker of the quote just before it, as readers do. A one-line "Source:
statement" paragraph (a headline) is a direct quote of the source it names.

The rules are general English; nothing is tuned to particular names or outlets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from wiretrace.extract.attribution_model import (
    AttributionModel,
    cue_content,
    cue_source,
    load_model,
    quote_cue,
)
from wiretrace.extract.cues import (
    COGNITION_VERBS,
    according_object,
    headline_source,
    inverted_source,
    is_cue,
    source_of,
    subtree_span,
    word_set,
)
from wiretrace.extract.marks import (
    QUOTE_PAIRS,
    QuoteSpan,
    chunk,
    clean_text,
    quote_spans,
    quoted_tokens,
    trim_span,
)
from wiretrace.extract.reported import CHAIN_WORDS, Attributions
from wiretrace.models import Quote, QuoteKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "QUOTE_PAIRS",
    "QuoteSpan",
    "find_quotes",
    "iter_quotes",
    "quote_spans",
    "quoted_tokens",
]

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Words a title leaves in lower case ("State of the Union").
MINOR = word_set("a an and as at but by for from in into of on or the to with")
# How probable a model cue without a source must be to make a quote.
SOURCELESS_CUE = 0.7
# Words before a colon that label a headline rather than name a speaker ("Breaking: ...").
HEADLINE_LABELS = word_set(
    "latest breaking update updates exclusive revealed watch look wow boom busted correction "
    "contributing q bombshell leaked notice video photos live analysis opinion editorial note "
    "related spoiler reminder here fact check"
)
# Groups and documents that speak in a headline ("Poll: ...", "Insiders: ...").
SOURCE_NOUNS = word_set(
    "poll polls survey report study newspaper insiders historians experts officials sources "
    "analysts critics aides economists scientists voters"
)
PEOPLE_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


class _Builder(Attributions):
    """The attribution steps of one document, in order: quote marks, headline attributions,
    the parse (:class:`~wiretrace.extract.reported.Attributions`), the trained model. A later
    step never reports again what an earlier one holds, so a quoted statement is reported
    once, with the most literal reading.
    """

    def __init__(self, doc: Doc, model: AttributionModel) -> None:
        super().__init__(doc)
        # The trained model's scores; its cues, most probable first (see from_model).
        scores = model.scores(doc, self.quoted)
        self.model_score = {t.i: p for p, t in scores}
        self.model_cues = sorted(
            ((p, t) for p, t in scores if p >= model.threshold), key=lambda pt: -pt[0]
        )

    # -- quote marks -----------------------------------------------------------------------

    def frame(self, qs: QuoteSpan) -> tuple[int, int]:
        """Token range of the sentences the quote opens and closes in, and the sentence after
        it when that is in the same paragraph ("“...!” tweeted X." splits after the mark)."""
        first = chunk(self.doc, qs.opened, qs.opened + 1)
        last = chunk(self.doc, max(qs.end - 1, qs.start), qs.end)
        lo = first.sent.start if first is not None else 0
        hi = last.sent.end if last is not None else len(self.doc)
        if hi < len(self.doc) and "\n" not in self.text[qs.end : self.doc[hi].idx + 1]:
            hi = self.doc[hi].sent.end
        return lo, hi

    def find_cue(self, qs: QuoteSpan, lo: int, hi: int, loose: bool = False) -> Token | None:
        """The cue verb nearest the quote, outside quote marks, in its paragraph and frame.

        ``loose`` (direct quotes) also takes any verb right after the closing mark ("“...,”
        beamed X"), which after a quoted sentence can only be the attribution.

        A cue with a clause of its own that is not this quote, or with another quote
        between it and this one, belongs to that clause or quote.
        """
        text = self.text
        best: tuple[int, Token] | None = None
        inside = chunk(self.doc, qs.start, qs.end)
        # The verbs the quote depends on, nearest first: the outermost one that is a cue is
        # the attribution the quote belongs to ("X said she wants Y to explain “...”").
        governors = (
            {a.i: k for k, a in enumerate(inside.root.ancestors)} if inside is not None else {}
        )
        for token in self.doc[lo:hi]:
            if self.quoted[token.i]:
                continue
            if not (is_cue(token) or according_object(token) is not None):
                continue
            between = (token.idx, qs.opened) if token.idx < qs.opened else (qs.end, token.idx)
            if "\n" in text[between[0] : between[1]]:
                continue
            distance = between[1] - between[0]
            if any(between[0] < o.start < between[1] for o in self.spans):
                distance += 1000
            if token.lower_ in COGNITION_VERBS:
                distance += 40
            if token.i in governors:
                distance = -500 - 100 * governors[token.i]  # a verb the quote depends on
            for child in token.children:
                if child.dep_ == "ccomp":
                    s, e = subtree_span(child)
                    if e <= qs.opened or s >= qs.end:
                        distance += 500
            if best is None or distance < best[0]:
                best = (distance, token)
        if best is not None or not loose:
            return best[1] if best is not None else None
        # "“...,” beamed X." / "“...,” X barked.": any verb right after the quote.
        for token in self.doc[lo:hi]:
            gap = self.text[qs.end : token.idx]
            if token.idx < qs.end or len(gap) > 40 or "\n" in gap or any(c in gap for c in ".?!"):
                continue
            if token.pos_ == "VERB" and token.tag_ in ("VBD", "VBZ") and not self.quoted[token.i]:
                return token
        return None

    def is_partial(self, qs: QuoteSpan, lo: int, hi: int) -> bool:
        """Whether the quote is a fragment of the reporter's sentence, not a sentence."""
        text = self.text
        content = text[qs.start : qs.end].strip()
        before = text[: qs.opened].rstrip()
        opens_sentence = (
            not before
            or before[-1] in ".!?:"
            or text[: qs.opened].rstrip(" \t").endswith("\n")
            or before[-2:] in (".”", "?”", "!”", '."', '?"', '!"')
            or before.endswith(("—", "“"))
            or (lo < len(self.doc) and self.doc[lo].idx >= qs.opened - 1)
        )
        words = len(content.split())
        closes = content[-1:] in ".,!?—-…" if content else False
        if opens_sentence and (closes or words >= 4):
            return False
        # ', “We will,” ...' after a comma: a quoted sentence, if it reads like one.
        return not (before.endswith(",") and content[:1].isupper() and words >= 3)

    def is_title(self, qs: QuoteSpan, lo: int, hi: int) -> bool:
        """Whether a quoted fragment is a title in running text ("he told the network's “Evening
        Report”"): a few words, each capitalised, in a sentence that is not itself a headline."""
        words: list[str] = _WORD.findall(self.text[qs.start : qs.end])
        if not 1 <= len(words) <= 6 or any(w[0].islower() and w not in MINOR for w in words):
            return False
        sent = self.text[self.doc[lo].idx : qs.opened] + self.text[qs.end : self.doc[hi - 1].idx]
        around: list[str] = _WORD.findall(sent)
        return sum(w[0].islower() and w not in MINOR for w in around) >= 3

    def cue_before_colon(self, qs: QuoteSpan) -> Token | None:
        """The cue of an introduction ending in ':' just before the quote ("X said:",
        "X released a statement:"): its last cue verb, else its main verb."""
        before = self.text[: qs.opened].rstrip()
        if not before.endswith(":"):
            return None
        colon = chunk(self.doc, len(before) - 1, len(before))
        if colon is None:
            return None
        sent = colon.sent
        cues = [t for t in sent if is_cue(t) and not self.quoted[t.i]]
        if cues:
            return cues[-1]
        root = sent.root
        if root.pos_ in ("VERB", "AUX") and not self.quoted[root.i] and source_of(root):
            return root
        return None

    def from_marks(self) -> None:
        previous: Quote | None = None
        for qs in self.spans:
            if qs.end - qs.start < 2:
                continue
            lo, hi = self.frame(qs)
            partial = self.is_partial(qs, lo, hi)
            if partial and self.is_title(qs, lo, hi):
                continue
            kind: QuoteKind = "partial" if partial else "direct"
            quote = Quote(
                text=clean_text(self.text[qs.start : qs.end]), start=qs.start, end=qs.end, kind=kind
            )
            cue = self.find_cue(qs, lo, hi, loose=not partial) or (
                None if partial else self.cue_before_colon(qs)
            )
            learned = cue is None
            if learned:
                cue = quote_cue(
                    self.doc, qs.opened, qs.end, self.model_score, self.quoted, lo, hi, self.text
                )
            if cue is not None:
                obj = according_object(cue)
                if obj is not None:
                    self.attribute(quote, cue, obj, according=True)
                else:
                    source = cue_source(cue) if learned else source_of(cue)
                    self.attribute(quote, cue, source or inverted_source(cue))
                quote.confidence = 0.9 if quote.speaker else 0.6
            elif partial:
                continue  # a scare quote or a title, not a statement
            elif previous is not None and previous.speaker and self._adjacent(previous, qs):
                # One attribution spread over paragraphs: same source and cue as written.
                quote.speaker = previous.speaker
                quote.source_start, quote.source_end = previous.source_start, previous.source_end
                quote.cue, quote.cue_start, quote.cue_end = (
                    previous.cue,
                    previous.cue_start,
                    previous.cue_end,
                )
                quote.via = list(previous.via)
                quote.confidence = 0.6
            else:
                quote.confidence = 0.3
            self.quotes.append(quote)
            previous = quote

    def _adjacent(self, previous: Quote, qs: QuoteSpan) -> bool:
        """Whether nothing but one paragraph break separates two quotes' sentences."""
        gap = self.text[previous.end : qs.opened]
        return gap.count("\n\n") <= 1 and len(gap) < 200

    # -- headlines and the trained model ----------------------------------------------

    def from_model(self) -> None:
        """Cues only the trained model knows ("went after", "his announcement of"), most
        probable first, each with its complement as content and its subject as source."""
        used = [(q.cue_start, q.cue_end) for q in self.quotes if q.cue_start is not None]
        for probability, token in self.model_cues:
            if token.lower_ in CHAIN_WORDS or any(s <= token.idx < (e or s) for s, e in used):
                continue
            # "X was quoted as saying": the cue's "as ..." phrase holds an attributed cue, so
            # the cue frames that quote rather than making one of its own
            framed = (g for c in token.children if c.dep_ == "prep" for g in c.children)
            if any(g.dep_ == "pcomp" and g.idx in {s for s, _ in used} for g in framed):
                continue
            source = cue_source(token)
            if source is None and probability < SOURCELESS_CUE:
                continue  # a weak cue with no one holding the view is more often an action
            span = cue_content(token, source)
            if span is None:
                continue
            start, end = self.same_paragraph(*span, token.idx)
            piece = self.free(start, end)
            if piece is None:
                continue
            quote = self.add_indirect(*piece, token, source)
            quote.confidence = round(0.2 + 0.5 * probability, 2)

    def from_headlines(self) -> None:
        """One-line paragraphs of the form "Source: statement" (headlines, subheads)."""
        text = self.text
        offset = 0
        for line in text.split("\n"):
            start_of_line, offset = offset, offset + len(line) + 1
            stripped = line.strip()
            if not stripped or stripped.endswith(":") or len(stripped) > 200:
                continue
            colon = headline_source(line)
            if colon is None:
                continue
            source = chunk(self.doc, start_of_line, start_of_line + colon)
            if source is None or not self.names_source(source):
                continue
            start, end = trim_span(text, start_of_line + colon + 1, start_of_line + len(line))
            if end - start < 8 or self.covered(start, end):
                continue
            quote = Quote(text=clean_text(text[start:end]), start=start, end=end, kind="direct")
            quote.source_start, quote.source_end = trim_span(
                text, source.start_char, source.end_char
            )
            quote.speaker = self.resolver.resolve(source)
            quote.cue, quote.cue_start, quote.cue_end = (
                ":",
                start_of_line + colon,
                start_of_line + colon + 1,
            )
            quote.confidence = 0.5
            self.quotes.append(quote)

    def names_source(self, source: Span) -> bool:
        """Whether the words before a headline's colon name who speaks: a name (a proper
        noun, an entity, a person the article names) or a group or document that reports
        ("Poll:", "Insiders:"), not a label ("Breaking:", "Update:")."""
        words = [t for t in source if t.is_alpha]
        if not words or words[0].lower_ in HEADLINE_LABELS or words[-1].lower_ in HEADLINE_LABELS:
            return False
        named = self.resolver.names
        for t in words:
            if t.pos_ in ("VERB", "AUX") and t.text not in named and not t.ent_type_:
                return False
        return (
            any(t.pos_ == "PROPN" or t.ent_type_ in PEOPLE_ENTS or t.text in named for t in words)
            or words[-1].lower_ in SOURCE_NOUNS
        )


def find_quotes(doc: Doc, model: AttributionModel | None = None) -> list[Quote]:
    """Direct, partial and indirect quotes of a parsed document, sorted by start.

    ``doc`` needs the parser and NER (``wiretrace.nlp.default_parser().parse(text)``);
    ``model`` is the attribution cue model (default: the packaged one).
    """
    builder = _Builder(doc, model if model is not None else load_model())
    builder.from_marks()
    builder.from_headlines()
    builder.from_parse()
    builder.from_model()
    return sorted(builder.quotes, key=lambda q: (q.start, q.end))


def iter_quotes(docs: Iterable[Doc]) -> Iterator[list[Quote]]:
    """:func:`find_quotes` for each document, in order."""
    for doc in docs:
        yield find_quotes(doc)
