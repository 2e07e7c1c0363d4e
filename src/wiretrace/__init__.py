"""wiretrace: turn a pile of news reports into sourced event records.

The public API is small: :class:`Wiretrace` (a database and the pipeline that fills it), the
data model in :mod:`wiretrace.models`, and the exception tree in :mod:`wiretrace.errors`.
Importing the package runs nothing; models and word lists load on first use.
"""

from wiretrace.api import Wiretrace
from wiretrace.errors import InputError, NotFoundError, StoreError, UsageError, WiretraceError
from wiretrace.models import Article, Event, IngestReport, Membership, RawDocument, Rejection
from wiretrace.samples import demo

__all__ = [
    "Article",
    "Event",
    "IngestReport",
    "InputError",
    "Membership",
    "NotFoundError",
    "RawDocument",
    "Rejection",
    "StoreError",
    "UsageError",
    "Wiretrace",
    "WiretraceError",
    "demo",
]
__version__ = "0.1.0"
