"""The words that mark attribution in English news: speech, cognition and stance verbs.

Kept apart from :mod:`wiretrace.extract.quotes` so the lexicon can be read and extended on
its own. The parse runs without spaCy's lemmatizer, so each verb is listed with its
inflections (regular ones generated, irregular ones spelled out) and matched on
``token.lower_``. Only general English verbs: nothing here names a person or an outlet.
"""

from __future__ import annotations

__all__ = [
    "COGNITION_VERBS",
    "CUE_VERBS",
    "INTENT_VERBS",
    "LISTENERS",
    "OBJECT_VERBS",
    "STANCE_ADJECTIVES",
    "inflect",
]


def _words(text: str) -> tuple[str, ...]:
    """A word list written as one string, which keeps long lexicons readable."""
    return tuple(text.split())


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
        "recall joke complain boo pursue champion embrace"
    )
    for form in inflect(base)
) | frozenset(_words("told tell tells telling said say says saying"))
# "told reporters", "said in a statement": the listener or channel is part of the cue.
LISTENERS = frozenset(
    _words("reporters journalists interviewer audience crowd supporters viewers lawmakers")
)
