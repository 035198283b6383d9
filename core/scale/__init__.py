"""Corpora too large for one process: a Parquet store, annotated on Dask (or locally).

``newslens annotate PATHS --store DIR [--engine dask]`` builds the store
(:mod:`core.scale.build`); the reader, the commands and ``newslens.open_store``
open it (:mod:`core.scale.reader`). This package needs the ``scale`` extra
(pyarrow; dask[distributed] for ``--engine dask``) and nothing else in newslens
imports it unless a store is used.
"""
