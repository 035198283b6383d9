"""The user's corrections of the tagger and of linking, kept in ``<config dir>/entities.toml``.

Tables (one record each, see :mod:`core.corrections.models`): ``[[merge]]``, ``[[split]]``,
``[[tag]]``, ``[[untag]]``, ``[[relabel]]``, ``[[speaker]]``, ``[[not_quote]]``.
:class:`CorrectionsFile` reads the file and adds or removes one correction safely;
:mod:`core.corrections.apply` applies them to annotated articles after the cached NLP.
"""

from core.corrections.models import (
    TABLES,
    Correction,
    Corrections,
    Merge,
    NotQuote,
    Relabel,
    Speaker,
    Split,
    Tag,
    Untag,
    table_of,
)
from core.corrections.toml_file import CorrectionsFile

__all__ = [
    "TABLES",
    "Correction",
    "Corrections",
    "CorrectionsFile",
    "Merge",
    "NotQuote",
    "Relabel",
    "Speaker",
    "Split",
    "Tag",
    "Untag",
    "table_of",
]
