"""``newslens_propagate``: one name, one label, everywhere in the document.

A name the document tags several times gets the label most of its mentions
have (``Trump`` as PERSON five times and ORG once is a PERSON), and untagged
repeats of a tagged name are tagged too, including genitives (``Putins``) and
the surname alone after a full name (``Selenskyj`` after ``Wolodymyr
Selenskyj``). The corpus-wide version of this lives in core.linking.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span

from core.components.spans import mark_source, set_ents, source_of, words_of
from core.lexicon import genitive

LABELS = ("PERSON", "PLACE", "ORG")


def base_form(text: str, known: set[str]) -> str:
    """``Putins`` -> ``Putin`` and ``Merz'`` -> ``Merz`` when the base is known."""
    for suffix in ("s", "'", "’"):
        if text.endswith(suffix) and text[: -len(suffix)] in known:
            return text[: -len(suffix)]
    return text


def _forms(doc: Doc) -> dict[str, Counter]:
    """Label votes per name form, from the tagged entities."""
    texts = {ent.text for ent in doc.ents if ent.label_ in LABELS}
    votes: dict[str, Counter] = defaultdict(Counter)
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        votes[base_form(ent.text, texts)][ent.label_] += 1
        if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].is_title:
            # a full name is strong evidence: its surname outvotes a lone other tag
            votes[base_form(ent[-1].text, texts)]["PERSON"] += 2
    return votes


@Language.component("newslens_propagate")
def propagate(doc: Doc) -> Doc:
    """Vote labels per name and tag untagged repeats of tagged names."""
    votes = _forms(doc)
    if not votes:
        return doc
    winners = {form: counts.most_common(1)[0][0] for form, counts in votes.items()}
    texts = set(winners)
    ents = []
    for ent in doc.ents:
        winner = winners.get(base_form(ent.text, texts))
        if winner and winner != ent.label_ and ent.label_ in LABELS and source_of(doc, ent) == "model":
            ent = Span(doc, ent.start, ent.end, label=winner, span_id=ent.id_)
        ents.append(ent)
    single_token = {form: label for form, label in winners.items() if " " not in form}
    single_token.update({genitive(form): label for form, label in list(single_token.items())})
    taken = {index for ent in ents for index in range(ent.start, ent.end)}
    for token in words_of(doc):
        if token.i in taken or not token.text.istitle():
            continue
        label = single_token.get(token.text)
        if label is not None:
            span = Span(doc, token.i, token.i + 1, label=label)
            ents.append(span)
            mark_source(doc, span, "propagated")
    set_ents(doc, sorted(ents, key=lambda span: span.start))
    return doc
