"""``newslens_label_map``: map another pipeline's labels to newslens labels.

For ``--model de_core_news_lg`` and the like: PER/LOC/ORG (German models) or
PERSON/GPE/LOC/ORG (English ones) become PERSON/PLACE/ORG; MISC and the rest
are dropped, since newslens has no label for them.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

DEFAULT_MAPPING = {
    "PER": "PERSON",
    "PERSON": "PERSON",
    "LOC": "PLACE",
    "GPE": "PLACE",
    "PLACE": "PLACE",
    "FAC": "PLACE",
    "ORG": "ORG",
}


@Language.factory("newslens_label_map", default_config={"mapping": DEFAULT_MAPPING})
def make_label_map(nlp: Language, name: str, mapping: dict[str, str]):
    """Relabel entities through ``mapping``; unmapped labels are dropped."""

    def relabel(doc: Doc) -> Doc:
        doc.ents = [
            Span(doc, ent.start, ent.end, label=mapping[ent.label_], span_id=ent.id_)
            for ent in doc.ents
            if ent.label_ in mapping
        ]
        return doc

    return relabel
