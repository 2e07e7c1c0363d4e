"""Quotes and reported speech, each with who said it: :func:`find_quotes`.

A report's claims are only as good as their sources, so every statement the article
attributes is kept with its source span, its cue and the resolved speaker. Three kinds:

* **direct**: a whole sentence in quote marks ("X said: “...”", "“...,” X said.");
* **partial**: a quoted fragment inside the reporter's sentence ('he called it “a step”');
  a fragment with no speech verb near it is a scare quote, not a quote, and is dropped;
* **indirect**: reported speech found in the dependency parse: a speech or cognition verb
  ("said", "warned", "believes") whose clausal complement is the content and whose subject
  is the source, and "according to X" with the rest of the sentence as content; then the
  cues only the trained attribution model knows (:mod:`wiretrace.extract.attribution_model`:
  "went after", "his announcement of"), which also names the cue of a quote no listed verb
  claims.

Quote marks are read from the text, not the tokens, because the tokenizer does not pair
them. A paragraph that ends inside a quote continues it when the next paragraph opens with a
mark (the newspaper convention for quotes longer than a paragraph). A direct quote with no
cue takes the speaker of the quote just before it, as readers do.

The rules are general English; nothing is tuned to particular names or outlets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
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
    INTENT_VERBS,
    OBJECT_VERBS,
    STANCE_ADJECTIVES,
    according_object,
    chain,
    chain_tokens,
    cue_extent,
    depth,
    headline_source,
    inverted_source,
    is_cue,
    object_part,
    source_of,
    subtree_span,
)
from wiretrace.extract.speakers import SpeakerResolver
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

QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("«", "»"))
OPENERS = {o for o, _ in QUOTE_PAIRS}
CLOSER_OF = dict(QUOTE_PAIRS)


SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# How probable a model cue without a source must be to make a quote.
SOURCELESS_CUE = 0.7
# Words of an attribution chain ("according to X", "citing Y"): `via`, not quotes.
CHAIN_WORDS = frozenset({"according", "citing", "quoting"})


@dataclass(frozen=True)
class QuoteSpan:
    """The content between quote marks: ``start``/``end`` exclude the marks."""

    start: int
    end: int
    opened: int  # offset of the opening mark


def _is_opener(text: str, i: int) -> bool:
    """Whether a straight double quote at ``i`` opens (start of text, after space or bracket)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/") and not after.isspace()


_DOUBLE_APOSTROPHE = re.compile(r"(?<!')''(?!')")


def _fold_apostrophes(text: str) -> str:
    """``text`` with each '' written as one straight double quote plus a space, keeping every
    offset: the space goes before an opening mark (''We...) and after a closing one."""
    if "''" not in text:
        return text

    def fold(match: re.Match[str]) -> str:
        i = match.start()
        return ' "' if i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-/" else '" '

    return _DOUBLE_APOSTROPHE.sub(fold, text)


def quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted span of ``text``, paragraph continuations joined, in order.

    Marks are paired by kind. A quote still open at the end of a paragraph continues if the
    next paragraph opens with a mark, and otherwise ends there (a missing closing mark). Two
    apostrophes ('') are a typewriter double quote, as news archives write it.
    """
    text = _fold_apostrophes(text)
    spans: list[QuoteSpan] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch not in OPENERS or (ch == '"' and not _is_opener(text, i)):
            i += 1
            continue
        closer = CLOSER_OF[ch]
        j = i + 1
        end = None
        while j < n:
            c = text[j]
            if c == closer and (closer != '"' or not _is_opener(text, j)):
                end = j
                break
            if c == "\n":
                k = j
                while k < n and text[k].isspace():
                    k += 1
                if k < n and text[k] in OPENERS:
                    j = k + 1
                    continue
                end = j
                while end > i + 1 and text[end - 1].isspace():
                    end -= 1
                break
            j += 1
        if end is None:
            end = n
        if end > i + 1 and text[i + 1 : end].strip():
            spans.append(QuoteSpan(i + 1, end, i))
        i = end + 1
    return spans


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without surrounding space and quote marks."""
    while start < end and (text[start].isspace() or text[start] in "“”\"‘’'"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "“”\"‘’'"):
        end -= 1
    return start, end


def _clean(text: str) -> str:
    """Quote text for display: paragraph breaks and the reopening marks folded away."""
    text = re.sub(r"\s*\n\s*[“\"«]?", " ", text)
    return " ".join(text.split())


def _chunk(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def quoted_tokens(doc: Doc, spans: Iterable[QuoteSpan] | None = None) -> list[bool]:
    """A flag per token of ``doc``: inside quote marks (the marks included)."""
    text = doc.text
    quoted = [False] * len(doc)
    for qs in quote_spans(text) if spans is None else spans:
        chunk = _chunk(doc, qs.opened, min(qs.end + 1, len(text)))
        if chunk is not None:
            for t in chunk:
                quoted[t.i] = True
    return quoted


class _Builder:
    """State for one document: the text, its quote marks, the resolver and the quotes so far.

    Quote marks go first, then headline attributions, then the parse; a later step never
    adds a quote overlapping an earlier one, so a quoted statement is reported once, with
    the most literal reading.
    """

    def __init__(self, doc: Doc, model: AttributionModel) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each call: read it once
        self.resolver = SpeakerResolver(doc)
        self.quotes: list[Quote] = []
        self.spans = quote_spans(self.text)
        self.quoted = quoted_tokens(doc, self.spans)
        # The trained model's scores; its cues, most probable first (see from_model).
        scores = model.scores(doc, self.quoted)
        self.model_score = {t.i: p for p, t in scores}
        self.model_cues = sorted(
            ((p, t) for p, t in scores if p >= model.threshold), key=lambda pt: -pt[0]
        )

    # -- attribution of a source/cue pair --------------------------------------------------

    def attribute(
        self, quote: Quote, cue: Token | None, source: Token | None, according: bool = False
    ) -> None:
        """Fill speaker, source span, cue and via of ``quote`` from a cue and its source."""
        doc = self.doc
        skip: set[int] = set()
        if cue is not None:
            if according:
                quote.cue = "according to"
                quote.cue_start = cue.idx
                quote.cue_end = doc[cue.i + 1].idx + len(doc[cue.i + 1].text)
                skip.add(cue.i)
            else:
                quote.cue_start, quote.cue_end = cue_extent(cue)
                quote.cue = self.text[quote.cue_start : quote.cue_end]
        if source is not None:
            s, e = subtree_span(source, exclude=[t for t in source.subtree if self.quoted[t.i]])
            s, e = self.same_paragraph(s, e, cue.idx if cue is not None else source.idx)
            dash = max(self.text.rfind(" — ", s, e), self.text.rfind(" -- ", s, e))
            if dash >= 0 and (cue is None or dash < cue.idx) and e - dash > 4:
                s, e = trim_span(self.text, dash + 3, e)  # "CITY (Agency) — X said"
            span = _chunk(doc, s, e) if e > s else None
            if span is not None:
                quote.source_start, quote.source_end = s, e
                quote.speaker = self.resolver.resolve(span)
        anchor = cue if cue is not None else source
        if anchor is not None:
            links = chain(self.text, anchor.sent, skip)
            quote.via = [text for offset, text in links if offset != quote.source_start]

    def same_paragraph(self, start: int, end: int, anchor: int) -> tuple[int, int]:
        """``start``/``end`` cut to the paragraph of ``anchor``: a parse that runs a subtree
        over a paragraph break (a dateline, a headline) has gone wrong there."""
        cut = self.text.rfind("\n", start, min(end, anchor))
        if cut >= 0:
            start = cut + 1
        cut = self.text.find("\n", max(start, anchor), end)
        if cut >= 0:
            end = cut
        return trim_span(self.text, start, end)

    # -- quote marks -----------------------------------------------------------------------

    def frame(self, qs: QuoteSpan) -> tuple[int, int]:
        """Token range of the sentences the quote opens and closes in, and the sentence after
        it when that is in the same paragraph ("“...!” tweeted X." splits after the mark)."""
        first = _chunk(self.doc, qs.opened, qs.opened + 1)
        last = _chunk(self.doc, max(qs.end - 1, qs.start), qs.end)
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
        inside = _chunk(self.doc, qs.start, qs.end)
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

    def cue_before_colon(self, qs: QuoteSpan) -> Token | None:
        """The cue of an introduction ending in ':' just before the quote ("X said:",
        "X released a statement:"): its last cue verb, else its main verb."""
        before = self.text[: qs.opened].rstrip()
        if not before.endswith(":"):
            return None
        colon = _chunk(self.doc, len(before) - 1, len(before))
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
            kind: QuoteKind = "partial" if partial else "direct"
            quote = Quote(
                text=_clean(self.text[qs.start : qs.end]), start=qs.start, end=qs.end, kind=kind
            )
            cue = self.find_cue(qs, lo, hi, loose=not partial) or (
                None if partial else self.cue_before_colon(qs)
            )
            learned = cue is None
            if learned:
                cue = quote_cue(self.doc, qs.opened, qs.end, self.model_score, self.quoted, lo, hi)
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

    # -- reported speech -------------------------------------------------------------------

    def covered(self, start: int, end: int) -> bool:
        return any(q.start < end and start < q.end for q in self.quotes)

    def from_parse(self) -> None:
        """Reported speech from the parse, outermost cue first: in "I doubt it, he said" the
        attribution is the reporter's "he said", and "doubt" only a view inside it."""
        doc = self.doc
        for token in sorted(doc, key=lambda t: (depth(t), t.i)):
            if self.quoted[token.i]:
                continue
            obj = according_object(token)
            if obj is not None:
                self.according(token, obj)
                continue
            if token.lower_ in STANCE_ADJECTIVES and token.pos_ == "ADJ":
                self.stance(token)
                continue
            if not is_cue(token) and token.lower_ not in INTENT_VERBS:
                if token.lower_ in OBJECT_VERBS and token.tag_.startswith("VB"):
                    self.object_content(token)
                elif token.pos_ == "VERB" and source_of(token) is not None:
                    self.any_clause(token)
                continue
            content = next((c for c in token.children if c.dep_ == "ccomp"), None)
            if content is None and token.lower_ in INTENT_VERBS:
                content = next((c for c in token.children if c.dep_ == "xcomp"), None)
            if content is not None:
                start, end = subtree_span(content, exclude=chain_tokens(content))
                # "said" inside its own content ("X is, he said, Y") is not content.
            elif token.dep_ in ("parataxis", "ccomp") and token.head.pos_ in ("VERB", "AUX"):
                cue_tokens = list(token.subtree)
                start, end = subtree_span(token.head, exclude=cue_tokens)
                if start < token.idx < end:
                    continue
            else:
                if token.lower_ in OBJECT_VERBS:
                    self.object_content(token)
                continue
            start, end = self.same_paragraph(start, end, token.idx)
            if end - start < 8 or self.covered(start, end):
                continue
            quote = Quote(text=_clean(self.text[start:end]), start=start, end=end, kind="indirect")
            source = source_of(token)
            if source is None and end <= token.idx:
                source = inverted_source(token)  # "..., said X, who ...": parsed apart
            self.attribute(quote, token, source)
            quote.confidence = 0.7 if quote.speaker else 0.4
            self.quotes.append(quote)

    def any_clause(self, verb: Token) -> None:
        """A verb outside the lexicon with a finite clause ("X has made clear that ...")."""
        content = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
        if content is None or not any(c.dep_ == "mark" for c in content.children):
            return
        start, end = self.same_paragraph(*subtree_span(content), verb.idx)
        if end - start < 8 or self.covered(start, end):
            return
        quote = Quote(text=_clean(self.text[start:end]), start=start, end=end, kind="indirect")
        self.attribute(quote, verb, source_of(verb))
        quote.confidence = 0.4
        self.quotes.append(quote)

    def stance(self, adjective: Token) -> None:
        """ "X is convinced/worried that ...": the clause is X's view."""
        content = next((c for c in adjective.children if c.dep_ in ("ccomp", "xcomp")), None)
        head = adjective.head
        if content is None or adjective.dep_ not in ("acomp", "amod") or head.i == adjective.i:
            return
        source = source_of(head)
        if source is None:
            return
        start, end = self.same_paragraph(*subtree_span(content), adjective.idx)
        if end - start < 8 or self.covered(start, end):
            return
        quote = Quote(text=_clean(self.text[start:end]), start=start, end=end, kind="indirect")
        self.attribute(quote, adjective, source)
        quote.confidence = 0.5
        self.quotes.append(quote)

    def object_content(self, verb: Token) -> None:
        """A stated position given as the verb's object: "criticized the plan", "called for a
        ban", "called him a liar". Needs a source, or it is a plain action."""
        source = source_of(verb)
        if source is None:
            return
        parts: list[Token] = []
        for child in verb.children:
            if object_part(verb, child, parts):
                parts.append(child)
        if not parts:
            return
        spans = [subtree_span(p) for p in parts]
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        if end - start < 3 or self.covered(start, end):
            return
        quote = Quote(text=_clean(self.text[start:end]), start=start, end=end, kind="indirect")
        self.attribute(quote, verb, source)
        quote.confidence = 0.5
        self.quotes.append(quote)

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
            if end - start < 8 or self.covered(start, end):
                continue
            text = _clean(self.text[start:end])
            quote = Quote(text=text, start=start, end=end, kind="indirect")
            self.attribute(quote, token, source)
            quote.confidence = round(0.2 + 0.5 * probability, 2)
            self.quotes.append(quote)

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
            source = _chunk(self.doc, start_of_line, start_of_line + colon)
            if source is None or any(t.pos_ in ("VERB", "AUX") for t in source):
                continue
            if not any(t.pos_ == "PROPN" for t in source):
                continue
            start, end = trim_span(text, start_of_line + colon + 1, start_of_line + len(line))
            if end - start < 8 or self.covered(start, end):
                continue
            quote = Quote(text=_clean(text[start:end]), start=start, end=end, kind="direct")
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

    def according(self, token: Token, obj: Token) -> None:
        """ "according to X": the rest of the sentence, on the longer side, is the content."""
        sent = token.sent
        phrase_end = subtree_span(obj)[1]
        left = [t for t in sent if t.idx < token.idx and not t.is_punct]
        right = [t for t in sent if t.idx >= phrase_end and not t.is_punct]
        side = left if len(left) >= len(right) else right
        if len(side) < 3:
            return
        start, end = side[0].idx, side[-1].idx + len(side[-1].text)
        if self.covered(start, end):
            return
        quote = Quote(text=_clean(self.text[start:end]), start=start, end=end, kind="indirect")
        self.attribute(quote, token, obj, according=True)
        quote.confidence = 0.7
        self.quotes.append(quote)


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
