"""Quotations: direct and reported speech in German news, and who said it.

One package for the whole concept, in the order the work is done:

- :mod:`core.quotes.marks`: quoted passages by their quotation marks (no NLP);
- :mod:`core.quotes.cues`: the speech-cue lexicon and the small word classes;
- :mod:`core.quotes.frame`: speaker phrases around cues (:class:`Frame`, :class:`Speaker`);
- :mod:`core.quotes.reported`: reported speech (Konjunktiv, dass-clauses, frames);
- :mod:`core.quotes.component`: the spaCy component ``newslens_quotes`` that puts it
  together and writes ``doc._.quotes``;
- :mod:`core.quotes.speakers`: after linking, the entity each speaker stands for
  (roles, definite descriptions), on plain records.

Importing the package imports no spaCy: only :mod:`core.quotes.component` does
(``core.components`` imports it to register the factory).
"""
