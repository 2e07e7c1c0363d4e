"""Quotes and reported speech, each with who said it: :func:`find_quotes`.

A report's claims are only as good as their sources, so every statement the article
attributes is kept with its source span, its cue and the resolved speaker. Three kinds:

* **direct**: a whole sentence in quote marks ("X said: “...”", "“...,” X said.");
* **partial**: a quoted fragment inside the reporter's sentence ('he called it “a step”');
  a fragment with no speech verb near it is a scare quote, not a quote, and is dropped;
* **indirect**: reported speech found in the dependency parse: a speech or cognition verb
  ("said", "warned", "believes") whose clausal complement is the content and whose subject
  is the source, and "according to X" with the rest of the sentence as content.

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

from spacy.tokens import Doc, Span, Token

from wiretrace.extract.cues import (
    COGNITION_VERBS,
    CUE_VERBS,
    INTENT_VERBS,
    LISTENERS,
    OBJECT_VERBS,
    STANCE_ADJECTIVES,
)
from wiretrace.extract.speakers import SpeakerResolver
from wiretrace.models import Quote, QuoteKind

__all__ = ["CUE_VERBS", "QUOTE_PAIRS", "find_quotes", "quote_spans"]

QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("«", "»"))
OPENERS = {o for o, _ in QUOTE_PAIRS}
CLOSER_OF = dict(QUOTE_PAIRS)


SUBJECTS = ("nsubj", "nsubjpass", "csubj")


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


def quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted span of ``text``, paragraph continuations joined, in order.

    Marks are paired by kind. A quote still open at the end of a paragraph continues if the
    next paragraph opens with a mark, and otherwise ends there (a missing closing mark).
    """
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


def _subtree_span(token: Token, exclude: Iterable[Token] = ()) -> tuple[int, int]:
    """Character extent of ``token``'s subtree without ``exclude`` and edge punctuation."""
    skip = {t.i for t in exclude}
    tokens = [t for t in token.subtree if t.i not in skip]
    while tokens and (tokens[0].is_punct and tokens[0].text not in OPENERS):
        tokens.pop(0)
    while tokens and tokens[-1].is_punct and tokens[-1].text not in '”"»':
        tokens.pop()
    if not tokens:
        return token.idx, token.idx + len(token.text)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _source_of(cue: Token, depth: int = 0) -> Token | None:
    """The token heading the source of a cue verb: its subject, a passive's agent, or, for a
    verb with no subject of its own ("he laughed and said", "issued a statement, saying",
    "began by saying"), the subject of the verb it hangs from."""
    for child in cue.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
    for child in cue.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    if depth >= 3 or cue.dep_ not in ("conj", "advcl", "xcomp", "pcomp", "acl"):
        return None
    head = cue.head
    if head.dep_ == "prep" and cue.dep_ == "pcomp":
        head = head.head
    if cue.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
        # "a group backing X": the noun holds the view; "the plan announced" is the content.
        return head if cue.tag_ == "VBG" else None
    if head.pos_ in ("VERB", "AUX") and head.i != cue.i:
        return _source_of(head, depth + 1)
    return None


def _inverted_source(cue: Token) -> Token | None:
    """The source after a cue the parser left without a subject ("... tells X, founder")."""
    doc = cue.doc
    i = cue.i + 1
    while i < len(doc) and doc[i].pos_ in ("ADV", "PUNCT") and doc[i].text not in OPENERS:
        i += 1
    if i >= len(doc) or doc[i].pos_ not in ("PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM"):
        return None
    token = doc[i]
    while token.head.i > cue.i and token.head.pos_ in ("PROPN", "NOUN") and token.head != token:
        token = token.head
    return token


def _is_cue(token: Token) -> bool:
    """A speech verb, not the end of a compound adjective ("so-called", "self-described")."""
    if token.lower_ not in CUE_VERBS or not token.tag_.startswith("VB"):
        return False
    return not (token.i > 0 and token.nbor(-1).text == "-" and not token.nbor(-1).whitespace_)


def _cue_extent(cue: Token) -> tuple[int, int]:
    """The cue as written: the verb, its auxiliaries and particles, and a listener."""
    tokens = [cue]
    for child in cue.children:
        helper = child.dep_ in ("aux", "auxpass", "neg", "prt") and child.i < cue.i + 3
        listener = child.dep_ in ("dobj", "dative") and child.lower_ in LISTENERS
        if helper or listener:
            tokens.append(child)
    lo = min(t.i for t in tokens)
    hi = max(t.i for t in tokens)
    if hi - lo > 4:
        lo = hi = cue.i
        for t in tokens:
            if abs(t.i - cue.i) <= 2:
                lo, hi = min(lo, t.i), max(hi, t.i)
    span = cue.doc[lo : hi + 1]
    return span.start_char, span.end_char


def _according(token: Token) -> Token | None:
    """The object of "according to" at ``token`` ("according"), if it is one."""
    if token.lower_ != "according" or token.i + 1 >= len(token.doc):
        return None
    to = token.doc[token.i + 1]
    if to.lower_ != "to":
        return None
    for child in to.children:
        if child.dep_ == "pobj":
            return child
    return to.doc[to.i + 1] if to.i + 1 < len(to.doc) else None


def _chain(text: str, sent: Span, skip: set[int]) -> list[tuple[int, str]]:
    """The "according to X" / "citing Y" sources of a sentence as ``(offset, text)``."""
    out = []
    for token in sent:
        if token.i in skip:
            continue
        head = _according(token)
        if head is None and token.lower_ in ("citing", "quoting"):
            head = next((c for c in token.children if c.dep_ in ("dobj", "pobj")), None)
        if head is not None:
            s, e = _subtree_span(head)
            out.append((s, " ".join(text[s:e].split())))
    return out


def _chain_tokens(head: Token) -> list[Token]:
    """The "according to X" / "citing Y" phrases inside ``head``'s subtree: the chain, not
    the content."""
    out: list[Token] = []
    for token in head.subtree:
        if token.lower_ in ("according", "citing", "quoting") and token.i != head.i:
            out.extend(token.subtree)
            if token.lower_ == "according" and token.i + 1 < len(token.doc):
                out.extend(token.doc[token.i + 1].subtree)
    return out


def _object_part(verb: Token, prep: Token, parts: list[Token]) -> bool:
    """Whether a child of the verb carries a stated position: its object ("criticized X",
    "called him a liar") or a preposition right after the verb or its object ("called for
    X", "talked about X", "referred to X")."""
    if prep.dep_ in ("dobj", "oprd", "ccomp", "xcomp"):
        return prep.i > verb.i
    if prep.dep_ != "prep":
        return False
    if prep.lower_ not in ("for", "against", "about", "on", "at", "over") and not (
        prep.lower_ == "to" and verb.lower_.startswith(("refer", "point"))
    ):
        return False
    return prep.i == verb.i + 1 or bool(parts and prep.i > parts[-1].i)


class _Builder:
    """State for one document: resolver, taken tokens and the quotes so far."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each call: read it once
        self.resolver = SpeakerResolver(doc)
        self.quotes: list[Quote] = []
        self.spans = quote_spans(self.text)
        self.quoted = [False] * len(doc)
        for qs in self.spans:
            chunk = _chunk(doc, qs.opened, min(qs.end + 1, len(self.text)))
            if chunk is not None:
                for t in chunk:
                    self.quoted[t.i] = True
        self.used_cues: set[int] = set()

    # -- attribution of a source/cue pair --------------------------------------------------

    def attribute(
        self, quote: Quote, cue: Token | None, source: Token | None, according: bool = False
    ) -> None:
        """Fill speaker, source span, cue and via of ``quote`` from a cue and its source."""
        doc = self.doc
        skip: set[int] = set()
        if cue is not None:
            self.used_cues.add(cue.i)
            if according:
                quote.cue = "according to"
                quote.cue_start = cue.idx
                quote.cue_end = doc[cue.i + 1].idx + len(doc[cue.i + 1].text)
                skip.add(cue.i)
            else:
                quote.cue_start, quote.cue_end = _cue_extent(cue)
                quote.cue = self.text[quote.cue_start : quote.cue_end]
        if source is not None:
            s, e = _subtree_span(source, exclude=[t for t in source.subtree if self.quoted[t.i]])
            s, e = self.same_paragraph(s, e, cue.idx if cue is not None else source.idx)
            span = _chunk(doc, s, e)
            if span is not None:
                quote.source_start, quote.source_end = s, e
                quote.speaker = self.resolver.resolve(span)
        anchor = cue if cue is not None else source
        if anchor is not None:
            chain = _chain(self.text, anchor.sent, skip)
            quote.via = [text for offset, text in chain if offset != quote.source_start]

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

    def find_cue(self, qs: QuoteSpan, lo: int, hi: int) -> Token | None:
        """The cue verb nearest the quote, outside quote marks, in its paragraph and frame.

        A cue with a clause of its own that is not this quote, or with another quote
        between it and this one, belongs to that clause or quote.
        """
        text = self.text
        best: tuple[int, Token] | None = None
        for token in self.doc[lo:hi]:
            if self.quoted[token.i]:
                continue
            if not (_is_cue(token) or _according(token) is not None):
                continue
            between = (token.idx, qs.opened) if token.idx < qs.opened else (qs.end, token.idx)
            if "\n" in text[between[0] : between[1]]:
                continue
            distance = between[1] - between[0]
            if any(between[0] < o.start < between[1] for o in self.spans):
                distance += 1000
            if token.lower_ in COGNITION_VERBS:
                distance += 40
            for child in token.children:
                if child.dep_ == "ccomp":
                    s, e = _subtree_span(child)
                    if e <= qs.opened or s >= qs.end:
                        distance += 500
            if best is None or distance < best[0]:
                best = (distance, token)
        if best is not None:
            return best[1]
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
        cues = [t for t in sent if _is_cue(t) and not self.quoted[t.i]]
        if cues:
            return cues[-1]
        root = sent.root
        if root.pos_ in ("VERB", "AUX") and not self.quoted[root.i] and _source_of(root):
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
            cue = self.find_cue(qs, lo, hi) or (None if partial else self.cue_before_colon(qs))
            if cue is not None:
                obj = _according(cue)
                if obj is not None:
                    self.attribute(quote, cue, obj, according=True)
                else:
                    self.attribute(quote, cue, _source_of(cue) or _inverted_source(cue))
                quote.confidence = 0.9 if quote.speaker else 0.6
            if partial and cue is None:
                continue  # a scare quote or a title, not a statement
            if cue is not None:
                pass
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
        doc = self.doc
        for token in doc:
            if self.quoted[token.i]:
                continue
            obj = _according(token)
            if obj is not None:
                self.according(token, obj)
                continue
            if token.lower_ in STANCE_ADJECTIVES and token.pos_ == "ADJ":
                self.stance(token)
                continue
            if not _is_cue(token) and token.lower_ not in INTENT_VERBS:
                if token.lower_ in OBJECT_VERBS and token.tag_.startswith("VB"):
                    self.object_content(token)
                elif token.pos_ == "VERB" and _source_of(token) is not None:
                    self.any_clause(token)
                continue
            content = next((c for c in token.children if c.dep_ == "ccomp"), None)
            if content is None and token.lower_ in INTENT_VERBS:
                content = next((c for c in token.children if c.dep_ == "xcomp"), None)
            if content is not None:
                start, end = _subtree_span(content, exclude=_chain_tokens(content))
                # "said" inside its own content ("X is, he said, Y") is not content.
            elif token.dep_ in ("parataxis", "ccomp") and token.head.pos_ in ("VERB", "AUX"):
                cue_tokens = list(token.subtree)
                start, end = _subtree_span(token.head, exclude=cue_tokens)
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
            self.attribute(quote, token, _source_of(token))
            quote.confidence = 0.7 if quote.speaker else 0.4
            self.quotes.append(quote)

    def any_clause(self, verb: Token) -> None:
        """A verb outside the lexicon with a finite clause ("X has made clear that ...")."""
        content = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
        if content is None or not any(c.dep_ == "mark" for c in content.children):
            return
        start, end = self.same_paragraph(*_subtree_span(content), verb.idx)
        if end - start < 8 or self.covered(start, end):
            return
        quote = Quote(text=_clean(self.text[start:end]), start=start, end=end, kind="indirect")
        self.attribute(quote, verb, _source_of(verb))
        quote.confidence = 0.4
        self.quotes.append(quote)

    def stance(self, adjective: Token) -> None:
        """ "X is convinced/worried that ...": the clause is X's view."""
        content = next((c for c in adjective.children if c.dep_ in ("ccomp", "xcomp")), None)
        head = adjective.head
        if content is None or adjective.dep_ not in ("acomp", "amod") or head.i == adjective.i:
            return
        source = _source_of(head)
        if source is None:
            return
        start, end = self.same_paragraph(*_subtree_span(content), adjective.idx)
        if end - start < 8 or self.covered(start, end):
            return
        quote = Quote(text=_clean(self.text[start:end]), start=start, end=end, kind="indirect")
        self.attribute(quote, adjective, source)
        quote.confidence = 0.5
        self.quotes.append(quote)

    def object_content(self, verb: Token) -> None:
        """A stated position given as the verb's object: "criticized the plan", "called for a
        ban", "called him a liar". Needs a source, or it is a plain action."""
        source = _source_of(verb)
        if source is None:
            return
        parts: list[Token] = []
        for child in verb.children:
            if _object_part(verb, child, parts):
                parts.append(child)
        if not parts:
            return
        spans = [_subtree_span(p) for p in parts]
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        if end - start < 3 or self.covered(start, end):
            return
        quote = Quote(text=_clean(self.text[start:end]), start=start, end=end, kind="indirect")
        self.attribute(quote, verb, source)
        quote.confidence = 0.5
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
            colon = _headline_source(line)
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
        phrase_end = _subtree_span(obj)[1]
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


def _headline_source(line: str) -> int | None:
    """Where the colon of a headline-style attribution is ("Minister: Talks have failed"):
    a short name before it, no verb, a statement after it."""
    head, colon, rest = line.partition(":")
    words = head.split()
    if not colon or not 1 <= len(words) <= 6 or len(rest.split()) < 3:
        return None
    if not words[0][:1].isupper() or any(w[:1].isdigit() for w in words):
        return None
    return len(head)


def find_quotes(doc: Doc) -> list[Quote]:
    """Direct, partial and indirect quotes of a parsed document, sorted by start.

    ``doc`` needs the parser and NER (``wiretrace.nlp.default_parser().parse(text)``).
    """
    builder = _Builder(doc)
    builder.from_marks()
    builder.from_headlines()
    builder.from_parse()
    return sorted(builder.quotes, key=lambda q: (q.start, q.end))


def iter_quotes(docs: Iterable[Doc]) -> Iterator[list[Quote]]:
    """:func:`find_quotes` for each document, in order."""
    for doc in docs:
        yield find_quotes(doc)
