"""What marks attribution in English news: the cue words, and where their source and
content sit in the dependency parse.

Kept apart from :mod:`wiretrace.extract.quotes` so the lexicon, and the small parse
patterns that find a cue's source and object, can be read and extended on their own. The
parse runs without spaCy's lemmatizer, so each verb is listed with its inflections (regular
ones generated, irregular ones spelled out) and matched on ``token.lower_``. Only general
English words: nothing here names a person, a place or an outlet.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


__all__ = [
    "COGNITION_VERBS",
    "CUE_VERBS",
    "INTENT_VERBS",
    "LISTENERS",
    "OBJECT_VERBS",
    "STANCE_ADJECTIVES",
    "TELL",
    "according_object",
    "chain",
    "chain_tokens",
    "cue_extent",
    "depth",
    "depths",
    "headline_source",
    "inflect",
    "inverted_source",
    "is_cue",
    "object_part",
    "source_of",
    "subtree_span",
    "word_set",
]


def _words(text: str) -> tuple[str, ...]:
    """A word list written as one string, which keeps long lexicons readable."""
    return tuple(text.split())


def word_set(text: str) -> frozenset[str]:
    """The words of ``text`` (a word list written as one string) as a set."""
    return frozenset(text.split())


def inflect(base: str) -> set[str]:
    """Regular inflections of a verb: say -> says, said is irregular and listed separately."""
    forms = {base}
    if base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {base + "es", base + "ed", base + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
    return forms


# Verbs of saying, and of thinking/knowing that news attributes as a source's position.
_SPEECH = (
    "acknowledge add admit advise affirm agree allege announce answer argue ask assert "
    "assure boast brag caution charge claim comment complain concede conclude confirm "
    "contend counter declare deny describe disclose dismiss emphasize emphasise estimate "
    "explain insist indicate inform joke lament maintain mention note object observe "
    "predict proclaim promise propose protest question recall recount reiterate remark "
    "repeat reply report respond retort reveal scoff signal state stress suggest "
    "testify tweet urge vow warn wonder worry mock criticize criticise accuse "
    "demand acknowledge pledge threaten announce declare quip shout exclaim snap "
    "believe hope fear expect doubt assume guess suspect realize realise recognize "
    "recognise feel imagine decide notice figure want call label dub brand continue "
    "echo confess point"
)
_IRREGULAR = {
    "say": "say says said saying",
    "tell": "tell tells told telling",
    "think": "think thinks thought thinking",
    "know": "know knows knew known knowing",
    "write": "write writes wrote written writing",
    "find": "find finds found finding",
    "show": "show shows showed shown showing",
    "hear": "hear hears heard hearing",
    "read": "read reads reading",
    "speak": "speak speaks spoke spoken speaking",
    "swear": "swear swears swore sworn swearing",
    "forecast": "forecast forecasts forecasting",
    "understand": "understand understands understood understanding",
    "admit": "admit admits admitted admitting",
    "regret": "regret regrets regretted regretting",
    "agree": "agree agrees agreed agreeing",
    "see": "see sees saw seen seeing",
    "mean": "mean means meant meaning",
}
CUE_VERBS: frozenset[str] = frozenset(
    {form for base in _SPEECH.split() for form in inflect(base)}
    | {form for forms in _IRREGULAR.values() for form in forms.split()}
)
# Verbs of thinking and wanting: cues of reported speech, but a quote in the same sentence
# is more likely the object of a nearby verb of saying.
COGNITION_VERBS: frozenset[str] = frozenset(
    form
    for base in _words(
        "believe hope fear expect doubt assume guess suspect realize realise recognize "
        "recognise feel imagine decide notice figure want wonder worry"
    )
    for form in inflect(base)
) | frozenset(_words("think thinks thought thinking know knows knew known knowing"))
# Adjectives of stance whose clause is the content: "they are convinced that ...".
STANCE_ADJECTIVES = frozenset(
    _words(
        "concerned convinced sure confident certain worried aware skeptical sceptical "
        "optimistic pessimistic hopeful afraid adamant adamantly insistent unconvinced"
    )
)
# Verbs whose infinitive complement is the content: "vowed to", "urged them to".
INTENT_VERBS: frozenset[str] = frozenset(
    form
    for base in _words("promise vow pledge threaten urge ask want plan hope expect refuse")
    for form in inflect(base)
)
# Verbs whose noun-phrase object is the content of a stated position: "criticized the plan",
# "endorsed X", "called for a ban". Attributed only when the verb has a source.
OBJECT_VERBS: frozenset[str] = frozenset(
    form
    for base in _words(
        "announce criticize criticise support endorse back praise propose thank mention discuss "
        "deny confirm question dismiss reject condemn blame accuse mock defend oppose favor "
        "favour prefer want like describe claim predict promise demand urge call express "
        "reveal disclose acknowledge admit slam attack applaud welcome recommend suggest "
        "dispute challenge denounce deplore hail blast decry doubt fear hope request warn "
        "threaten vow pledge insist estimate show list repeat tweet refer point talk vote "
        "encourage invite recommend target tout apologize apologise trash balk swipe lament "
        "recall joke complain boo pursue champion embrace cite quote"
    )
    for form in inflect(base)
) | frozenset(_words("told tell tells telling said say says saying"))
# Verbs whose object is the listener, not what was said.
TELL = word_set("tell tells told telling")
# "told reporters", "said in a statement": the listener or channel is part of the cue.
LISTENERS = frozenset(
    _words("reporters journalists interviewer audience crowd supporters viewers lawmakers")
)


# Words for a share of a group, which the parser may leave as a modifier of the cue.
SHARES = word_set("half third thirds quarter quarters majority most many some few all")


# -- cue patterns in the dependency parse ----------------------------------------------------

OPENERS = frozenset('“"«')


def subtree_span(token: Token, exclude: Iterable[Token] = ()) -> tuple[int, int]:
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


def source_of(cue: Token, depth: int = 0) -> Token | None:
    """The token heading the source of a cue verb: its subject (the nearest one on its line if
    the parse gives two), a passive's agent, a share of people the parser left as a modifier
    ("About 4 in 10 say"), the subject of a clause the parser hung before the cue ("X did Y,
    then says Z"), or, for a verb with no subject of its own ("he laughed and said", "issued
    a statement, saying", "began by saying", "is likely to say"), the subject of the verb it
    hangs from."""
    subjects = [c for c in cue.children if c.dep_ in ("nsubj", "csubj")]
    if len(subjects) == 1:
        return subjects[0]
    if subjects:
        # A parse run over a line break can give the cue a second subject there.
        return min(subjects, key=lambda c: (_line_break(c, cue), abs(c.i - cue.i)))
    for child in cue.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    # "About 4 in 10 say", "half said so": a share of people the parser left as a modifier.
    before = cue.doc[cue.i - 1] if cue.i > 0 else None
    if (
        before is not None
        and before.head.i == cue.i
        and before.dep_ in ("nummod", "npadvmod", "advmod", "nmod")
        and (before.pos_ == "NUM" or before.lower_ in SHARES)
    ):
        return before
    # "X did Y, then says Z": the parser hangs the first clause on the cue as a complement;
    # its subject is the cue's.
    if any(c.dep_ in ("ccomp", "xcomp") and c.i > cue.i for c in cue.children):
        for clause in cue.children:
            if clause.dep_ == "ccomp" and clause.i < cue.i:
                for child in clause.children:
                    if child.dep_ in ("nsubj", "nsubjpass"):
                        return child
    if depth >= 3 or cue.dep_ not in ("conj", "advcl", "xcomp", "pcomp", "acl"):
        return None
    head = cue.head
    if head.dep_ == "prep" and cue.dep_ == "pcomp":
        head = head.head
    if cue.dep_ in ("xcomp", "pcomp") and head.pos_ == "ADJ" and head.dep_ == "acomp":
        head = head.head  # "X is likely to say", "X was quick to point out"
    if cue.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
        # "a group backing X": the noun holds the view; "the plan announced" is the content.
        if head.dep_ == "ROOT" and (
            cue.tag_ in ("VBZ", "VBP", "VBD") or any(c.dep_ == "ccomp" for c in cue.children)
        ):
            return head  # "A poll found that ...": a sentence the parser made a noun phrase
        if cue.tag_ != "VBG":
            return None
        # "X issued a statement saying ...": a thing said is its sayer's, not a source.
        verb = head.head.head if head.dep_ == "pobj" else head.head
        if (
            head.pos_ == "NOUN"
            and not head.ent_type_
            and head.dep_ in ("dobj", "pobj")
            and verb.pos_ == "VERB"
        ):
            holder = source_of(verb, depth + 1)
            if holder is not None:
                return holder
        return head
    if head.pos_ in ("VERB", "AUX") and head.i != cue.i:
        found = source_of(head, depth + 1)
        if found is None and cue.dep_ in ("conj", "pcomp", "xcomp", "advcl"):
            # "X was forced into it and said ...", "X was quoted as saying ...": the passive
            # subject is the speaker.
            found = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        return found
    return None


def _line_break(a: Token, b: Token) -> bool:
    """Whether a line break separates two tokens."""
    lo, hi = sorted((a.i, b.i))
    return any("\n" in t.text or "\n" in t.whitespace_ for t in a.doc[lo:hi])


def inverted_source(cue: Token) -> Token | None:
    """The source after a cue the parser left without a subject ("... tells X, founder")."""
    doc = cue.doc
    i = cue.i + 1
    while i < len(doc) and doc[i].pos_ in ("ADV", "PUNCT") and doc[i].text not in OPENERS:
        i += 1
    if i >= len(doc) or doc[i].pos_ not in ("PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM"):
        return None
    if doc[i].ent_type_ in ("DATE", "TIME") or doc[i].dep_ == "npadvmod":
        return None  # "said Tuesday"
    token = doc[i]
    while token.head.i > cue.i and token.head.pos_ in ("PROPN", "NOUN") and token.head != token:
        token = token.head
    return token


def is_cue(token: Token) -> bool:
    """A speech verb, not the end of a compound adjective ("so-called", "self-described")."""
    if token.lower_ not in CUE_VERBS or not token.tag_.startswith("VB"):
        return False
    return not (token.i > 0 and token.nbor(-1).text == "-" and not token.nbor(-1).whitespace_)


def cue_extent(cue: Token) -> tuple[int, int]:
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


def according_object(token: Token) -> Token | None:
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


def chain_tokens(head: Token) -> list[Token]:
    """The "according to X" / "citing Y" phrases inside ``head``'s subtree: the chain, not
    the content."""
    out: list[Token] = []
    for token in head.subtree:
        if token.lower_ in ("according", "citing", "quoting") and token.i != head.i:
            out.extend(token.subtree)
            if token.lower_ == "according" and token.i + 1 < len(token.doc):
                out.extend(token.doc[token.i + 1].subtree)
    return out


def chain(text: str, sent: Span, skip: set[int]) -> list[tuple[int, str]]:
    """The "according to X" / "citing Y" sources of a sentence as ``(offset, text)``."""
    out = []
    for token in sent:
        if token.i in skip:
            continue
        head = according_object(token)
        if head is None and token.lower_ in ("citing", "quoting"):
            head = next((c for c in token.children if c.dep_ in ("dobj", "pobj")), None)
        if head is not None:
            s, e = subtree_span(head)
            if text.count("(", s, e) > text.count(")", s, e) and text[e : e + 1] == ")":
                e += 1  # "the X Agency (XA)": the parser hangs the closing bracket elsewhere
            out.append((s, " ".join(text[s:e].split())))
    return out


def object_part(verb: Token, prep: Token, parts: list[Token]) -> bool:
    """Whether a child of the verb carries a stated position: its object ("criticized X",
    "called him a liar") or a preposition right after the verb or its object ("called for
    X", "talked about X", "referred to X")."""
    if prep.dep_ in ("dobj", "oprd", "ccomp", "xcomp"):
        # "told a network": the object of "tell" is the listener, not what was said
        return prep.i > verb.i and not (prep.dep_ == "dobj" and verb.lower_ in TELL)
    if prep.dep_ != "prep":
        return False
    if prep.lower_ in ("of", "as") and parts and prep.i > parts[-1].i:
        return True  # "accused X of Y", "described X as Y"
    if prep.lower_ not in ("for", "against", "about", "on", "at", "over", "of") and not (
        prep.lower_ == "to" and verb.lower_.startswith(("refer", "point"))
    ):
        return False
    return prep.i == verb.i + 1 or bool(parts and prep.i > parts[-1].i)


def depths(doc: Doc) -> list[int]:
    """:func:`depth` of every token of ``doc``, from the head indices alone."""
    heads = [t.head.i for t in doc]
    out: list[int] = [-1] * len(heads)
    for i in range(len(heads)):
        path: list[int] = []
        j = i
        while out[j] < 0 and heads[j] != j and len(path) < 50:
            path.append(j)
            j = heads[j]
        if out[j] < 0:
            out[j] = 0  # the root (or, past 50 steps, where the count stops)
        base = out[j]
        for k, node in enumerate(reversed(path), 1):
            out[node] = base + k
    return out


def depth(token: Token) -> int:
    """How many heads above ``token`` its sentence root is."""
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


def headline_source(line: str) -> int | None:
    """Where the colon of a headline-style attribution is ("Minister: Talks have failed"):
    a short name before it, no verb, a statement after it."""
    head, colon, rest = line.partition(":")
    words = head.split()
    if not colon or not 1 <= len(words) <= 6 or len(rest.split()) < 3:
        return None
    if not words[0][:1].isupper() or any(w[:1].isdigit() for w in words):
        return None
    return len(head)
