"""Without pyspark, ``wiretrace spark-ingest`` says what to install, in one line (this runs
whether or not pyspark is installed: the import is made to fail)."""

from __future__ import annotations

import sys

import pytest

from wiretrace.errors import UsageError
from wiretrace.spark import local_name, spark_session


def test_a_missing_pyspark_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    with pytest.raises(UsageError, match=r"wiretrace\[spark\]"):
        spark_session("local[1]")


def test_local_names() -> None:
    assert local_name("file:/data/news%20a.txt") == "/data/news a.txt"
    assert local_name("hdfs://head:8020/news/a.txt") == "hdfs://head:8020/news/a.txt"
