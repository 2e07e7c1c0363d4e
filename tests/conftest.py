"""Shared fixtures. Tests that need ../shared skip with a reason where it is absent."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # so tests can import benchmarks.datasets and tests.conftest

from benchmarks.datasets import EVAL, SEEDS  # noqa: E402

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def needs_shared(name: str) -> pytest.MarkDecorator:
    """Skip unless ``../shared/eval/NAME`` exists (a user's clone may not have it; CI does)."""
    return pytest.mark.skipif(
        not (EVAL / name).exists(),
        reason=f"{EVAL / name} is absent: clone the project with ../shared beside it",
    )


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"
