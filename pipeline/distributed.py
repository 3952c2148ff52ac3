"""Running the same per-document function on a Dask cluster (``vnplan extract --dask ADDRESS``).

``--dask local`` starts a :class:`distributed.LocalCluster` on this machine; any other value is a
scheduler address (``tcp://10.0.0.5:8786``). Each document is one task calling
:func:`pipeline.run.process` on a worker — the worker must see the input paths (a shared
filesystem) and have vnplan installed — and results come back to this process as they complete,
which writes the outputs as in a local run (so ``--resume`` works the same).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.workers import Done, outcome


def process_one(path: str, settings: object) -> Done:
    from pipeline.run import process

    return outcome(path, process(Path(path), settings))  # type: ignore[arg-type]


def run(paths: list[str], settings: object, address: str,
        on_result: Callable[[Done], None]) -> None:
    """Process ``paths`` on the cluster at ``address`` (or a local one)."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # optional dependency
        raise SystemExit("--dask needs the 'dask' extra: pip install 'vnplan[dask]'") from exc
    if not paths:
        return
    cluster = None
    if address == "local":
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(address)
    try:
        futures = client.map(process_one, paths, settings=settings, pure=False)
        for fut in as_completed(futures):
            on_result(fut.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
