"""The trained line model: is a line of a text scrape article body or page furniture?

A logistic regression over the features of :func:`wiretrace.clean.context.with_context`
(a line's own features, its neighbours' and the page structure around it), trained by
``scripts/train_line_model.py`` on pages of trafilatura's evaluation set (see
``docs/line-model.md``). It ships as plain JSON in ``wiretrace/data/line_model.json``: the
feature names, the standardisation (mean, scale), the coefficients, the intercept and the
decision threshold. Scoring is a dot product with numpy; nothing is unpickled. An optional
second model of the same form (``layout_model``) judges texts whose lines are indented
differently (a rendered page that kept its indentation); see :meth:`LineModel.for_rows`.

The file is read on first use and cached. A missing or malformed file raises
:class:`~wiretrace.errors.WiretraceError` naming the file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from wiretrace.modelfiles import load_model_file

MODEL_FILE: Final = "line_model.json"

#: The keys every model file has (``training_data``, ``trained``, ``sklearn_version`` describe
#: where it came from; the others are the model).
REQUIRED_KEYS: Final = (
    "features",
    "mean",
    "scale",
    "coef",
    "intercept",
    "threshold",
    "training_data",
    "trained",
    "sklearn_version",
)

#: The keys of the optional ``layout_model`` (a model of the same form, without provenance).
LAYOUT_KEYS: Final = ("features", "mean", "scale", "coef", "intercept", "threshold")


def model_resource() -> Traversable:
    """Where the model file is: ``wiretrace/data/line_model.json`` in the installed package."""
    return resources.files("wiretrace") / "data" / MODEL_FILE


@dataclass(frozen=True)
class LineModel:
    """A standardised logistic regression: p(body) = σ(((x - mean) / scale) · coef + b).

    A line is body when p(body) ≥ ``threshold``.
    """

    features: tuple[str, ...]
    mean: npt.NDArray[np.float64]
    scale: npt.NDArray[np.float64]
    coef: npt.NDArray[np.float64]
    intercept: float
    threshold: float
    meta: Mapping[str, Any]
    layout: LineModel | None = None

    def for_rows(self, rows: Sequence[Mapping[str, float]]) -> LineModel:
        """The model for a page: :attr:`layout` when its lines carry indentation features
        (``lay_indent``) and there is one, else this model."""
        if self.layout is not None and any(row.get("lay_indent") for row in rows):
            return self.layout
        return self

    def matrix(self, rows: Sequence[Mapping[str, float]]) -> npt.NDArray[np.float64]:
        """The feature dicts as a matrix in the model's feature order (absent keys are 0)."""
        names = self.features
        return np.array([[row.get(name, 0.0) for name in names] for row in rows], dtype=float)

    def probabilities(self, rows: Sequence[Mapping[str, float]]) -> npt.NDArray[np.float64]:
        """The probability that each line is article body (``rows``: their feature dicts)."""
        if not rows:
            return np.zeros(0)
        z = ((self.matrix(rows) - self.mean) / self.scale) @ self.coef + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0))), dtype=float)

    def probability(self, row: Mapping[str, float]) -> float:
        """The probability that one line (its feature dict) is article body."""
        return float(self.probabilities([row])[0])


def _vector(data: Mapping[str, Any], key: str, size: int) -> npt.NDArray[np.float64]:
    value = np.asarray(data[key], dtype=float)
    if value.shape != (size,) or not np.all(np.isfinite(value)):
        raise ValueError(f"{key!r} must be {size} finite numbers")
    return value


def parse_model(data: Any, keys: Sequence[str] = REQUIRED_KEYS) -> LineModel:
    """Build a :class:`LineModel` from the decoded JSON (``ValueError`` when malformed)."""
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    missing = [key for key in keys if key not in data]
    if missing:
        raise ValueError(f"missing keys: {', '.join(missing)}")
    features = data["features"]
    if not isinstance(features, list) or not all(isinstance(f, str) for f in features):
        raise ValueError("'features' must be a list of names")
    size = len(features)
    scale = _vector(data, "scale", size)
    if np.any(scale <= 0):
        raise ValueError("'scale' must be positive")
    try:
        intercept, threshold = float(data["intercept"]), float(data["threshold"])
    except (TypeError, ValueError) as exc:
        raise ValueError("'intercept' and 'threshold' must be numbers") from exc
    if not 0.0 < threshold < 1.0:
        raise ValueError("'threshold' must lie between 0 and 1")
    layout = None
    if data.get("layout_model") is not None:
        layout = parse_model(data["layout_model"], LAYOUT_KEYS)
    vectors = ("features", "mean", "scale", "coef", "layout_model")
    meta = {k: v for k, v in data.items() if k not in vectors}
    return LineModel(
        features=tuple(features),
        mean=_vector(data, "mean", size),
        scale=scale,
        coef=_vector(data, "coef", size),
        intercept=intercept,
        threshold=threshold,
        meta=meta,
        layout=layout,
    )


@cache
def load_model() -> LineModel:
    """The packaged line model, read once (:class:`WiretraceError` when missing or corrupt)."""
    return load_model_file(
        model_resource(), "line model", "scripts/train_line_model.py", parse_model
    )
