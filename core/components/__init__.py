"""spaCy components of newslens, registered with ``@Language.factory``.

Importing this package registers every factory, so other spaCy pipelines can
use them too::

    import core.components  # noqa: F401
    nlp.add_pipe("newslens_person_rules")

This package imports spaCy; core modules that must start fast import it lazily.
"""

from core.components import (  # noqa: F401  (registration side effects)
    gazetteer,
    label_map,
    noun_filter,
    org_rules,
    person_rules,
    place_rules,
    propagate,
    weapons,
)
from core.quotes import component as quotes  # noqa: F401  (the quotation component lives with its concept)
