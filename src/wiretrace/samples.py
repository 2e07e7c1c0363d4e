"""The sample corpus the demo ingests, and the demo itself (``wiretrace demo``).

Apart from :mod:`wiretrace.api` because it is about the checkout's files, not the pipeline.
"""

from __future__ import annotations

from pathlib import Path

from wiretrace.api import ProgressCallback, Wiretrace
from wiretrace.errors import UsageError
from wiretrace.models import IngestReport

__all__ = ["demo", "sample_corpus"]


def sample_corpus() -> Path:
    """The folder of sample scrapes the demo ingests: ``examples/seeds`` of the checkout."""
    folder = Path(__file__).resolve().parents[2] / "examples" / "seeds"
    if not folder.is_dir():
        raise UsageError(
            "the sample corpus ships with the source checkout (examples/seeds); "
            "pass a folder of your own with --corpus"
        )
    return folder


def demo(
    db: str | Path,
    *,
    corpus: str | Path | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[Wiretrace, IngestReport]:
    """Ingest the sample corpus (or ``corpus``) into a fresh database at ``db``."""
    source = Path(corpus) if corpus else sample_corpus()
    path = Path(str(db))
    if "://" not in str(db):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    wt = Wiretrace(db)
    try:
        return wt, wt.ingest([source], progress=progress)
    except BaseException:
        wt.close()
        raise
