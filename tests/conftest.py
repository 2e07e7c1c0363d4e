"""Shared fixtures. Tests that need ../shared skip with a reason where it is absent."""

from __future__ import annotations

import socket
import sys
import urllib.request
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # so tests can import benchmarks.datasets and tests.conftest

from benchmarks.datasets import EVAL, SEEDS  # noqa: E402
from wiretrace.models import RawDocument, Rejection  # noqa: E402

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def needs_shared(name: str) -> pytest.MarkDecorator:
    """Skip unless ``../shared/eval/NAME`` exists (a user's clone may not have it; CI does)."""
    return pytest.mark.skipif(
        not (EVAL / name).exists(),
        reason=f"{EVAL / name} is absent: clone the project with ../shared beside it",
    )


def split(
    items: Iterable[RawDocument | Rejection],
) -> tuple[list[RawDocument], list[Rejection]]:
    """Ingest's output separated into documents and rejections, each in order."""
    every = list(items)
    docs = [i for i in every if isinstance(i, RawDocument)]
    return docs, [i for i in every if isinstance(i, Rejection)]


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the code under test opens a socket or a URL (ingest reads files only)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("ingest tried to use the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture(scope="session")
def parser() -> Any:
    """The default spaCy parser, loaded once per test session (installed by `make setup`)."""
    from wiretrace.nlp import default_parser

    return default_parser()
