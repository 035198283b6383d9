"""Build core/data/konjunktiv.txt: third-person Konjunktiv I forms of German verbs.

    python training/build_konjunktiv.py

Reported speech in German news is marked by Konjunktiv I (``Die Ukraine
brauche …``, ``das Gespräch spiegele …``). A verb is a frequent lowercase
``-en``/``-ern``/``-eln`` word of wordfreq's German list whose third-person
indicative (``braucht``) is also frequent; its Konjunktiv I adds ``-e`` to
the stem (``brauche``, ``dauere``, ``handle``/``handele``). Matching is on
lowercase words, where a form like ``brauche`` can only be the verb (the noun
would be capitalised), so nouns need no filtering. The irregular forms
(``sei``, ``habe``, ``könne`` …) and the Konjunktiv II forms that replace
Konjunktiv I where it equals the indicative (``hätten``, ``würden``) are added.
"""

from __future__ import annotations

from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "core" / "data" / "konjunktiv.txt"
IRREGULAR = [
    "sei",
    "seien",
    "habe",
    "werde",
    "könne",
    "müsse",
    "dürfe",
    "solle",
    "wolle",
    "möge",
    "wisse",
    "gebe",
    "stehe",
    "liege",
    "gehe",
    "komme",
    "bleibe",
    "hätten",
    "würden",
    "wären",
    "würde",
    "hätte",
    "wäre",
]
# Past tenses look like present stems + -e (hatten -> hatte): never Konjunktiv I.
PAST_FORMS = set(
    [
        "hatte",
        "konnte",
        "sollte",
        "wollte",
        "musste",
        "durfte",
        "mochte",
        "wurde",
        "brachte",
        "dachte",
        "wusste",
        "kannte",
        "nannte",
        "sandte",
        "wandte",
        "rannte",
        "brannte",
        "sagte",
        "machte",
    ]
)
NOT_VERBS = set(
    [
        "einen",
        "keinen",
        "meinen",
        "deinen",
        "seinen",
        "ihren",
        "unseren",
        "anderen",
        "allen",
        "vielen",
        "diesen",
        "jenen",
        "welchen",
        "solchen",
        "manchen",
        "jeden",
        "beiden",
        "wenigen",
        "großen",
        "guten",
        "neuen",
        "ersten",
        "letzten",
        "hohen",
    ]
)


def forms() -> set[str]:
    found = set(IRREGULAR)
    for word in top_n_list("de", 60000):
        if not (word.isalpha() and word.islower() and len(word) > 4) or word in NOT_VERBS:
            continue
        if word.endswith(("ern", "eln")):
            stem = word[:-1]
            third, konjunktiv = stem + "t", stem + "e"
            if word.endswith("eln") and zipf_frequency(third, "de") >= 3.0:
                found.add(word[:-3] + "le")  # handle beside handele
        elif word.endswith("en"):
            stem = word[:-2]
            third = stem + ("et" if stem.endswith(("t", "d")) else "t")
            konjunktiv = stem + "e"
        else:
            continue
        if (
            zipf_frequency(third, "de") >= 3.0
            and zipf_frequency(konjunktiv, "de") >= 1.0
            and konjunktiv not in PAST_FORMS
        ):
            found.add(konjunktiv)
    return found


def main() -> None:
    found = forms()
    header = [
        "# Konjunktiv I (3rd person) forms of German verbs, marking reported speech.",
        "# Built by training/build_konjunktiv.py from wordfreq; do not edit by hand.",
    ]
    TARGET.write_text("\n".join([*header, *sorted(found)]) + "\n", encoding="utf-8")
    print(f"{len(found):,} forms -> {TARGET}")


if __name__ == "__main__":
    main()
