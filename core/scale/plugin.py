"""The Dask worker plugin that loads the newslens pipeline once per worker."""

from __future__ import annotations

from distributed.diagnostics.plugin import WorkerPlugin


class PipelineLoader(WorkerPlugin):
    """Loads the spaCy pipeline when a worker starts (or joins later), not per task."""

    def __init__(self, model: str | None) -> None:
        self.model = model

    def setup(self, worker) -> None:
        from core.pipeline import load_pipeline

        load_pipeline(self.model)
