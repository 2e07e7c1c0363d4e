"""Reported speech found in the dependency parse, and the state every attribution step
shares: :class:`Attributions`.

An attribution is a cue with its source and content. Here the cue is a word of the lexicon
(:mod:`wiretrace.extract.cues`): a speech or cognition verb whose clausal complement is the
content and whose subject is the source ("X said that ..."), a verb of stated position with
its object ("X criticized the plan"), a stance adjective ("X is convinced that ..."), a
hearsay adverb ("X has reportedly ..."), or "according to X". Quote marks and the trained
model's cues are read by :mod:`wiretrace.extract.quotes`, which builds on this class.

A statement is reported once: a later step keeps only the part of its content that no
earlier quote claims (its words, cue or source), so an attribution inside another one's
words ("X said, citing Y, that ...", "... saying “...”") leaves the outer statement its own
words. The rules are general English; nothing is tuned to particular names or outlets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wiretrace.extract.attribution_model import passive_content
from wiretrace.extract.cues import (
    INTENT_VERBS,
    OBJECT_VERBS,
    STANCE_ADJECTIVES,
    TELL,
    according_object,
    chain,
    chain_tokens,
    cue_extent,
    depths,
    inverted_source,
    is_cue,
    object_part,
    source_of,
    subtree_span,
)
from wiretrace.extract.marks import (
    chunk,
    clean_text,
    quote_spans,
    quoted_tokens,
    trim_edges,
    trim_span,
)
from wiretrace.extract.speakers import SpeakerResolver
from wiretrace.models import Quote
from wiretrace.nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["CHAIN_WORDS", "HEARSAY_ADVERBS", "Attributions"]

# Adverbs that mark a statement as reported by someone unnamed.
HEARSAY_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly"})
# Words of an attribution chain ("according to X", "citing Y"): `via`, not quotes.
CHAIN_WORDS = frozenset({"according", "citing", "quoting"})


class Attributions:
    """State for one document: the text, its quote marks, the speaker resolver and the
    quotes found so far; the attribution of a cue and source, and the parse's reported
    speech (:meth:`from_parse`)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.resolver = SpeakerResolver(doc)
        self.quotes: list[Quote] = []
        self.spans = quote_spans(self.text)
        self.quoted = quoted_tokens(doc, self.spans)

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
            s, e = subtree_span(source, exclude=self.not_source(source))
            s, e = self.same_paragraph(s, e, cue.idx if cue is not None else source.idx)
            dash = max(self.text.rfind(" — ", s, e), self.text.rfind(" -- ", s, e))
            if dash >= 0 and (cue is None or dash < cue.idx) and e - dash > 4:
                s, e = trim_span(self.text, dash + 3, e)  # "CITY (Agency) — X said"
            span = chunk(doc, s, e) if e > s else None
            if span is not None:
                quote.source_start, quote.source_end = s, e
                quote.speaker = self.resolver.resolve(self.antecedent(source) or span)
        anchor = cue if cue is not None else source
        if anchor is not None:
            links = chain(self.text, anchor.sent, skip)
            quote.via = [text for offset, text in links if offset != quote.source_start]

    def antecedent(self, source: Token) -> Span | None:
        """What a relative pronoun source stands for ("X, who said ..."): the noun phrase
        the relative clause hangs on, without the clause."""
        clause = source.head
        if source.tag_ not in ("WP", "WDT") or clause.dep_ != "relcl" or clause.i == source.i:
            return None
        noun = clause.head
        inner = {t.i for t in clause.subtree}
        words = [t for t in noun.subtree if t.i not in inner and not self.quoted[t.i]]
        words = [t for t in words if not t.is_punct] or [noun]
        s, e = self.same_paragraph(words[0].idx, words[-1].idx + len(words[-1].text), noun.idx)
        return chunk(self.doc, s, e) if e > s else None

    def not_source(self, source: Token) -> list[Token]:
        """Tokens of the source's subtree that are not the source as written: quoted words,
        and a relative clause that is an attribution of its own ("X, who said Y, added")."""
        out = [t for t in source.subtree if self.quoted[t.i]]
        for child in source.children:
            own = child.dep_ in ("relcl", "acl") and child.i > source.i
            if own and any(is_cue(t) for t in child.subtree):
                out.extend(child.subtree)
        return out

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

    def add_indirect(
        self, start: int, end: int, cue: Token, source: Token | None, according: bool = False
    ) -> Quote:
        """A new indirect quote of ``start``-``end`` attributed to ``cue`` and ``source``."""
        quote = Quote(clean_text(self.text[start:end]), start, end, "indirect")
        self.attribute(quote, cue, source, according)
        self.quotes.append(quote)
        return quote

    # -- reported speech -------------------------------------------------------------------

    def covered(self, start: int, end: int) -> bool:
        """Whether an earlier quote's content overlaps ``start``-``end``."""
        return any(q.start < end and start < q.end for q in self.quotes)

    def claimed(self, cue: Token, start: int, end: int) -> bool:
        """Whether a quote with this cue already holds part of ``start``-``end`` ("called
        the plan “a historic step”": the quoted words are that statement)."""
        return any(
            q.cue_start is not None
            and q.cue_end is not None
            and q.cue_start <= cue.idx < q.cue_end
            and q.start < end
            and start < q.end
            for q in self.quotes
        )

    def free(self, start: int, end: int, shortest: int = 8) -> tuple[int, int] | None:
        """The longest part of ``start``-``end`` that no earlier quote claims (its content
        with the marks, its cue or its source), if at least ``shortest`` characters long:
        a statement with another attribution inside it keeps only its own words."""
        cuts: list[tuple[int, int]] = []
        for q in self.quotes:
            spans = [(q.start - 1, q.end + 1), (q.cue_start, q.cue_end)]
            spans.append((q.source_start, q.source_end))
            for s, e in spans:
                if s is not None and e is not None and s < end and start < e:
                    cuts.append((s, e))
        if not cuts:
            return (start, end) if end - start >= shortest else None
        pieces: list[tuple[int, int]] = []
        at = start
        for s, e in sorted(cuts):
            if s > at:
                pieces.append((at, s))
            at = max(at, e)
        if at < end:
            pieces.append((at, end))
        best: tuple[int, int] | None = None
        for s, e in pieces:
            s, e = trim_edges(self.text, s, e)
            if e - s >= shortest and (best is None or e - s > best[1] - best[0]):
                best = (s, e)
        return best

    def from_parse(self) -> None:
        """Reported speech from the parse, outermost cue first: in "I doubt it, he said" the
        attribution is the reporter's "he said", and "doubt" only a view inside it."""
        doc = self.doc
        levels = depths(doc)
        for token in sorted(doc, key=lambda t: (levels[t.i], t.i)):
            if self.quoted[token.i]:
                continue
            obj = according_object(token)
            if obj is not None:
                self.according(token, obj)
                continue
            if token.lower_ in STANCE_ADJECTIVES and token.pos_ == "ADJ":
                self.stance(token)
                continue
            if token.lower_ in HEARSAY_ADVERBS and token.dep_ == "advmod":
                self.hearsay(token)
                continue
            if not is_cue(token) and token.lower_ not in INTENT_VERBS:
                if token.lower_ in OBJECT_VERBS and token.tag_.startswith("VB"):
                    if not self.cites_for_chain(token):
                        self.object_content(token)
                elif token.pos_ == "VERB" and source_of(token) is not None:
                    self.any_clause(token)
                continue
            content = self.clause_of(token)
            if content is None and token.lower_ in INTENT_VERBS:
                content = next((c for c in token.children if c.dep_ == "xcomp"), None)
            if content is not None:
                start, end = subtree_span(content, exclude=chain_tokens(content))
                # "said" inside its own content ("X is, he said, Y") is not content.
            elif self.reports_head(token):
                cue_tokens = list(token.subtree)
                start, end = subtree_span(token.head, exclude=cue_tokens)
                if start < token.idx < end:
                    continue
            elif (passive := passive_content(token)) is not None:
                start, end = passive  # "the plan was announced"
            else:
                if token.lower_ in OBJECT_VERBS:
                    self.object_content(token)
                continue
            start, end = self.same_paragraph(start, end, token.idx)
            piece = self.free(start, end)
            if piece is None:
                continue
            start, end = piece
            source = source_of(token)
            if source is None and end <= token.idx:
                source = inverted_source(token)  # "..., said X, who ...": parsed apart
            quote = self.add_indirect(start, end, token, source)
            quote.confidence = 0.7 if quote.speaker else 0.4

    def reports_head(self, cue: Token) -> bool:
        """Whether a cue with no clause of its own reports the clause it hangs from ("X is,
        he said, Y"; "Y, X told a panel."; "Y, X said, and Z"). A cue with an object of its
        own ("announced his bid") states that instead; "told" has a listener."""
        head = cue.head
        if head.pos_ not in ("VERB", "AUX") or head.i == cue.i:
            return False
        for child in cue.children:
            if child.dep_ == "xcomp" or (child.dep_ == "dobj" and cue.lower_ not in TELL):
                return False
        if cue.dep_ in ("parataxis", "ccomp"):
            return True
        if cue.dep_ not in ("conj", "advcl") or head.i > cue.i:
            return False
        # "Y, X told a panel.", "Y, X reported on Tuesday -- ...": the cue's clause set off
        # by a comma, with its own subject, no "and" or "as", and punctuation after it
        left = cue.left_edge
        if left.i == 0 or self.doc[left.i - 1].text not in (",", "--", "—"):
            return False
        if any(t.dep_ == "cc" and t.head.i == head.i for t in self.doc[head.i : cue.i]):
            return False
        if any(c.dep_ in ("mark", "cc") for c in cue.children) or not any(
            c.dep_ == "nsubj" for c in cue.children
        ):
            return False
        after = cue.right_edge.i + 1
        return after >= cue.sent.end or self.doc[after].is_punct

    def clause_of(self, cue: Token) -> Token | None:
        """The clausal complement of a cue: the one after it when it has two (the parser
        hangs the sentence before "...; X argued Y" on the cue too), never one in another
        paragraph."""
        clauses = [c for c in cue.children if c.dep_ == "ccomp"]
        if len(clauses) > 1:
            after = [c for c in clauses if c.i > cue.i]
            clauses = after + [c for c in clauses if c.i < cue.i]
        for clause in clauses:
            start, end = subtree_span(clause)
            if "\n" not in self.text[min(start, cue.idx) : max(end, cue.idx)]:
                return clause
        return clauses[0] if clauses else None

    def cites_for_chain(self, verb: Token) -> bool:
        """Whether "citing Y" continues an "according to X" chain (X cites Y: a `via` link of
        that quote, not a statement of the sentence's subject)."""
        if verb.lower_ not in CHAIN_WORDS:
            return False
        return any(according_object(t) is not None for t in verb.sent if t.i < verb.i)

    def any_clause(self, verb: Token) -> None:
        """A verb outside the lexicon with a finite clause ("X has made clear that ...")."""
        content = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
        if content is None or not any(c.dep_ == "mark" for c in content.children):
            return
        start, end = self.same_paragraph(*subtree_span(content), verb.idx)
        piece = self.free(start, end)
        if piece is not None:
            self.add_indirect(*piece, verb, source_of(verb)).confidence = 0.4

    def hearsay(self, adverb: Token) -> None:
        """ "X has reportedly left": a report with no source named; its clause, on the longer
        side of the adverb, is the content."""
        verb = adverb.head
        if verb.pos_ not in ("VERB", "AUX") or verb.i == adverb.i:
            return
        clause = [t for t in verb.subtree if not (t.is_punct or t.is_space)]
        left = [t for t in clause if t.i < adverb.i]
        right = [t for t in clause if t.i > adverb.i]
        side = left if len(left) > len(right) else right
        if not side:
            return
        start, end = side[0].idx, side[-1].idx + len(side[-1].text)
        start, end = self.same_paragraph(start, end, adverb.idx)
        piece = self.free(start, end)
        if piece is not None:
            self.add_indirect(*piece, adverb, None).confidence = 0.4

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
        piece = self.free(start, end)
        if piece is not None:
            self.add_indirect(*piece, adjective, source).confidence = 0.5

    def object_content(self, verb: Token) -> None:
        """A stated position given as the verb's object: "criticized the plan", "called for a
        ban", "called him a liar". Needs a source, or it is a plain action."""
        source = source_of(verb)
        passive = passive_content(verb)
        if passive is not None:
            start, end = passive  # "the plan was criticized (by X)"
        else:
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
        if self.claimed(verb, start, end):
            return
        piece = self.free(start, end, 3)
        if piece is not None:
            self.add_indirect(*piece, verb, source).confidence = 0.5

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
        piece = self.free(start, end)
        if piece is not None:
            self.add_indirect(*piece, token, obj, according=True).confidence = 0.7
