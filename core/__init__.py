"""newslens core: corpus loading, annotation, linking, indexing and export.

This package never imports ``textual`` or ``rich`` (see DESIGN.md); the
terminal layers live in :mod:`tui`.
"""

__version__ = "0.1.0"
