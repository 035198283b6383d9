"""Where the tasks run: this process, local worker processes, or a Dask cluster.

Every engine loads the pipeline once per worker: in this process on first use,
in each local process by its initializer, on each Dask worker by a worker
plugin (:class:`PipelineLoader`) when the worker joins.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed


class InProcess:
    """Run the tasks one after another here (``--jobs 1``)."""

    def map_unordered(self, function: Callable, items: Sequence, *shared) -> Iterator:
        for item in items:
            yield function(item, *shared)

    def share(self, value):
        return value

    def close(self) -> None:
        pass


def _load(model: str | None) -> None:
    from core.pipeline import load_pipeline

    load_pipeline(model)


class LocalProcesses(InProcess):
    """``--jobs N`` worker processes (spawned: the caller may have threads)."""

    def __init__(self, jobs: int, model: str | None) -> None:
        context = multiprocessing.get_context("spawn")
        self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_load, initargs=(model,))

    def map_unordered(self, function: Callable, items: Sequence, *shared) -> Iterator:
        futures = [self.pool.submit(function, item, *shared) for item in items]
        for future in as_completed(futures):
            yield future.result()

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


class DaskEngine:
    """Tasks on a Dask distributed cluster: an existing one (``address``) or a LocalCluster of
    ``jobs`` worker processes with one thread each."""

    def __init__(self, address: str | None, jobs: int, model: str | None) -> None:
        import dask
        from distributed import Client, LocalCluster

        from core.scale.plugin import PipelineLoader

        self.cluster = None
        if address:
            self.client = Client(address, timeout="30s")
        else:
            dask.config.set({"distributed.worker.daemon": False, "distributed.admin.system-monitor.gil.enabled": False})
            self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                        dashboard_address="127.0.0.1:0", silence_logs=40)  # fmt: skip
            self.client = Client(self.cluster)
        self.client.register_plugin(PipelineLoader(model), name="newslens-pipeline")

    @property
    def dashboard(self) -> str | None:
        try:
            return self.client.dashboard_link
        except Exception:  # no bokeh, or the scheduler serves none
            return None

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info(n_workers=-1)["workers"])

    def map_unordered(self, function: Callable, items: Sequence, *shared) -> Iterator:
        from distributed import as_completed as completed

        if not items:
            return
        futures = self.client.map(function, list(items), *[[value] * len(items) for value in shared], pure=False)
        try:
            for future in completed(futures):
                yield future.result()
                future.release()
        finally:
            self.client.cancel(futures)

    def share(self, value):
        return self.client.scatter([value], broadcast=True, hash=False)[0]  # a list: one value, even a set

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
