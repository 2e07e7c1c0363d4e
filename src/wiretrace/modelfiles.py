"""Reading the small trained models wiretrace ships as JSON (``wiretrace/data/*.json``).

The text path's line model and the quote stage's attribution model are both plain JSON,
trained by a script in ``scripts/``. A missing or damaged file is an installation problem
a user can fix, so it becomes one :class:`~wiretrace.errors.WiretraceError` naming the file
and the script that rebuilds it, never a bare ``KeyError`` from deep inside a stage.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib.abc import Traversable
from typing import Any, TypeVar

from wiretrace.errors import WiretraceError

__all__ = ["load_model_file"]

ModelT = TypeVar("ModelT")


def load_model_file(
    resource: Traversable, what: str, script: str, parse: Callable[[Any], ModelT]
) -> ModelT:
    """Decode ``resource`` and build the model with ``parse`` (which raises ``ValueError``
    on malformed data); ``what`` names the model in errors, ``script`` rebuilds it."""
    hint = f"reinstall wiretrace or run {script}"
    try:
        return parse(json.loads(resource.read_text(encoding="utf-8")))
    except FileNotFoundError as exc:
        raise WiretraceError(f"{what} file {resource} is missing: {hint}") from exc
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError) as exc:
        raise WiretraceError(f"{what} file {resource} is corrupt ({exc}): {hint}") from exc
