"""Shared fixtures. Tests that need ../shared skip with a reason where it is absent."""

from __future__ import annotations

import contextlib
import socket
import sys
import urllib.request
import uuid
from collections.abc import Iterable, Iterator
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
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A real PostgreSQL server for the session, from the ``pgserver`` wheel (PostgreSQL's
    own binaries, no system install); the tests that need it skip with the reason when it
    cannot be had (the dev extra installs it; ``make test`` does)."""
    try:
        import pgserver
        import psycopg  # noqa: F401  (the driver the URLs below name)
    except ImportError as exc:
        pytest.skip(f"PostgreSQL tests need pgserver and psycopg (pip install -e '.[dev]'): {exc}")
    try:
        server = pgserver.get_server(tmp_path_factory.mktemp("postgres"), cleanup_mode="stop")
    except Exception as exc:  # pgserver raises its own and OS errors
        pytest.skip(f"could not start a PostgreSQL server with pgserver: {exc!r}")
    yield server
    server.cleanup()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty database: a SQLite file, then a PostgreSQL database (a URL)."""
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    return new_postgres_database(request.getfixturevalue("postgres_server"))


def new_postgres_database(server: Any) -> str:
    """A new, empty database on ``server`` (a :func:`postgres_server`), as a URL."""
    import sqlalchemy as sa

    name = f"wt_{uuid.uuid4().hex[:16]}"
    server.psql(f"CREATE DATABASE {name};")
    url = sa.engine.make_url(server.get_uri())
    return url.set(drivername="postgresql+psycopg", database=name).render_as_string(
        hide_password=False
    )


@pytest.fixture(scope="session")
def parser() -> Any:
    """The default spaCy parser, loaded once per test session (installed by `make setup`)."""
    from wiretrace.nlp import default_parser

    return default_parser()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def served(db: str | Path, timeout: float = 60) -> Iterator[str]:
    """Run ``wiretrace serve`` on ``db`` as a real process; yield its base URL once it
    answers, and stop it afterwards."""
    import subprocess
    import time

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "wiretrace", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/events", timeout=5):
                    break
            except OSError as refused:
                if server.poll() is not None:
                    said = server.stderr.read().decode() if server.stderr else ""
                    raise RuntimeError(f"wiretrace serve stopped: {said}") from refused
                if time.monotonic() > deadline:
                    raise TimeoutError(
                        f"wiretrace serve did not answer in {timeout} s"
                    ) from refused
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A store holding the sample corpus (examples/seeds), ingested once per test module."""
    from wiretrace import Wiretrace

    with Wiretrace(tmp_path_factory.mktemp("samples") / "w.db") as opened:
        assert not opened.ingest([SEEDS]).rejected
        yield opened


@pytest.fixture(scope="module")
def sample_client(sample_store: Any) -> Iterator[Any]:
    """FastAPI's in-process client of the web application over :func:`sample_store`."""
    from fastapi.testclient import TestClient

    from wiretrace.web import create_app

    with TestClient(create_app(wiretrace=sample_store)) as client:
        yield client
