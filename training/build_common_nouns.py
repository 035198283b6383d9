"""Build core/data/common_nouns.txt: German common nouns that are never names.

    pip install -r training/requirements-gazetteers.txt
    python training/build_common_nouns.py

German capitalises every noun, so a capitalised word is no evidence of a name.
The rule components use this list to refuse names such as ``Telefonat`` or
``Waffenstillstand``. Source: german-nouns (Wiktionary, CC BY-SA 4.0): every
inflected form of a lemma tagged only ``Substantiv`` (lemmas that Wiktionary
also lists as a surname, first name or place, such as ``Fischer``, are left
out), for lemmas that wordfreq gives a Zipf frequency of at least 2.5 (about
once in 3 million words). Written lowercase, sorted.
"""

from __future__ import annotations

import csv
from pathlib import Path

from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "core" / "data" / "common_nouns.txt"
NAME_TAGS = {"Nachname", "Vorname", "Toponym", "Eigenname", "Familienname"}
MIN_ZIPF = 2.5
FORM_COLUMNS_FROM = 7  # the columns after lemma, pos and the genus columns hold the forms


def noun_rows():
    import german_nouns

    folder = Path(next(iter(german_nouns.__path__)))
    with (folder / "nouns.csv").open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        yield from reader


def main() -> None:
    names: set[str] = set()
    forms_by_lemma: dict[str, set[str]] = {}
    for row in noun_rows():
        lemma, tags = row[0], set(row[1].split(","))
        if tags & NAME_TAGS:
            names.add(lemma.casefold())
            continue
        if tags != {"Substantiv"} or not lemma[:1].isupper():
            continue
        forms = {form.split(")")[-1].strip() for form in row[FORM_COLUMNS_FROM:] if form.strip()}
        forms_by_lemma.setdefault(lemma, set()).update({lemma, *forms})
    words = set()
    for lemma, forms in forms_by_lemma.items():
        if lemma.casefold() in names:
            continue
        if max(zipf_frequency(form, "de") for form in forms) < MIN_ZIPF:
            continue
        words.update(form.casefold() for form in forms if " " not in form and form[:1].isupper())
    header = [
        "# German common nouns that are never names (lowercase, all inflected forms).",
        "# Built by training/build_common_nouns.py from german-nouns (Wiktionary, CC BY-SA 4.0)",
        f"# and wordfreq (Zipf >= {MIN_ZIPF}). Do not edit by hand.",
    ]
    TARGET.write_text("\n".join([*header, *sorted(words)]) + "\n", encoding="utf-8")
    print(f"{len(words):,} forms of {len(forms_by_lemma):,} lemmas ({len(names):,} name lemmas excluded) -> {TARGET}")


if __name__ == "__main__":
    main()
