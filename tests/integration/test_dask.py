"""`vnplan extract --dask local` runs the same per-document function on a Dask LocalCluster and
gives the same records as a local run."""

from __future__ import annotations

import pytest

from pipeline.cli import main

from ..conftest import SEEDS


def _extract(*args: str) -> int:
    with pytest.raises(SystemExit) as exc:
        main(["extract", *args, "--quiet"])
    return int(exc.value.code or 0)


def test_dask_local_cluster_equals_local_run(tmp_path):
    pytest.importorskip("distributed", reason="the dask extra is part of the test install")
    assert _extract(str(SEEDS), "--out", str(tmp_path / "local")) == 0
    assert _extract(str(SEEDS), "--out", str(tmp_path / "dask"), "--dask", "local") == 0
    a = (tmp_path / "local" / "documents.jsonl").read_bytes()
    assert a and a == (tmp_path / "dask" / "documents.jsonl").read_bytes()
