"""``wiretrace spark-ingest``: the per-article work on a local Spark, stored and clustered
here, leaves the store as a plain ingest of the same files does.

Needs pyspark (in the dev extra) and Java 17 or newer; skips with the reason otherwise.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS
from wiretrace import Wiretrace

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("pyspark") is None or shutil.which("java") is None,
        reason="pyspark or Java is not installed (pip install 'wiretrace[spark]'; Java 17+)",
    ),
]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from wiretrace.spark import spark_session

    session = spark_session("local[2]", app_name="wiretrace-tests")
    yield session
    session.stop()


def _store(wt: Wiretrace) -> dict[str, Any]:
    document = json.loads(wt.export("json") or "")
    for article in document["articles"]:
        article.pop("seen", None)  # when it was ingested
    return document


def test_spark_ingest_equals_a_plain_ingest(spark: Any, tmp_path: Path) -> None:
    from wiretrace.spark import spark_ingest

    folder = str(SEEDS.resolve())
    with Wiretrace(tmp_path / "plain.db") as plain:
        plain.ingest([folder])
        expected = _store(plain)
    with Wiretrace(tmp_path / "spark.db") as wt:
        report = spark_ingest(wt, [folder], spark=spark)
        assert len(report.added) == 5 and report.rejected == []
        assert _store(wt) == expected
        again = spark_ingest(wt, [folder], spark=spark)  # nothing stored twice
        assert again.added == [] and len(again.skipped) == 5


def test_a_missing_path_is_rejected_and_the_rest_stored(spark: Any, tmp_path: Path) -> None:
    from wiretrace.spark import spark_ingest

    with Wiretrace(tmp_path / "w.db", extract=False) as wt:
        report = spark_ingest(wt, [str(tmp_path / "nothing"), str(SEEDS.resolve())], spark=spark)
        assert [r.source for r in report.rejected] == [str(tmp_path / "nothing")]
        assert len(report.added) == 5
        assert sorted(a for e in wt.events() for a in e.article_ids("primary")) == sorted(
            report.added
        )


def test_the_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            *(sys.executable, "-m", "wiretrace", "spark-ingest", str(SEEDS.resolve())),
            *("--db", "w.db", "--master", "local[2]", "--no-extract"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "5 added, 0 already stored, 0 rejected" in result.stdout
