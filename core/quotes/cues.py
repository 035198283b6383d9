"""Speech cues and the small word classes quotation attribution needs (no spaCy).

Data: core/data/speech_cues.json (verbs of saying in their finite forms and
participles, separable verbs with their particle, source prepositions,
Konjunktiv I forms, nouns that make a quotation a title).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from core.resources import data_dir

PRONOUNS = frozenset({"er", "sie", "Er", "Sie", "es", "Es", "man", "Man"})
AUXILIARIES = frozenset(
    [
        "hat",
        "habe",
        "haben",
        "hatte",
        "hatten",
        "hätte",
        "hätten",
        "ist",
        "sei",
        "seien",
        "war",
        "waren",
        "wäre",
        "wären",
        "wird",
        "werde",
        "werden",
        "wurde",
        "wurden",
        "würde",
        "würden",
        "soll",
        "solle",
        "sollen",
        "sollte",
        "sollten",
        "kann",
        "könne",
        "können",
        "konnte",
        "konnten",
        "könnte",
        "könnten",
        "muss",
        "müsse",
        "müssen",
        "musste",
        "mussten",
        "will",
        "wolle",
        "wollen",
        "wollte",
        "wollten",
    ]
)
ADVERBS = frozenset(
    [
        "auch",
        "zudem",
        "außerdem",
        "bereits",
        "schon",
        "nun",
        "noch",
        "erneut",
        "wiederholt",
        "weiter",
        "ferner",
        "jedoch",
        "aber",
        "dann",
        "später",
        "zuvor",
        "damals",
        "heute",
        "gestern",
        "morgen",
        "inzwischen",
        "mehrfach",
        "öffentlich",
        "ausdrücklich",
        "gegenüber",
        "am",
        "im",
        "zuletzt",
        "ebenfalls",
        "dazu",
        "darauf",
        "davor",
        "daran",
        "dabei",
        "damit",
        "hin",
        "an",
        "mit",
        "ein",
        "zu",
        "hervor",
        "klar",
        "auf",
        "vor",
        "aus",
    ]
)
# Konjunktiv II forms that stand in for Konjunktiv I in reported speech ("sie hätten …
# angekündigt") but also make conditionals ("das würde bedeuten"): they mark reported
# speech only where a report is already running. "sollte", "wollte" are left out: they
# are also the past indicative.
KONJUNKTIV_II = frozenset(
    [
        "würde",
        "würden",
        "hätte",
        "hätten",
        "wäre",
        "wären",
        "käme",
        "kämen",
        "gäbe",
        "gäben",
        "läge",
        "lägen",
        "stünde",
        "stünden",
        "bliebe",
        "blieben",
        "ginge",
        "gingen",
        "hieße",
        "wüsste",
        "wüssten",
        "könnte",
        "könnten",
        "müsste",
        "müssten",
        "dürfte",
        "dürften",
        "bräuchte",
        "bräuchten",
        "sähe",
        "sähen",
    ]
)
# Set phrases with a Konjunktiv I form that report nothing ("es sei denn", "Gott sei Dank").
KONJUNKTIV_IDIOMS = (("sei", "denn"), ("sei", "es"), ("sei", "dank"), ("sei", "gesagt"), ("auch", "sei"))
SUBORDINATORS = frozenset({"dass", "daß", "ob", "wie", "warum", "weshalb", "wann", "wo", "wer", "was"})
RELATIVE_STARTS = frozenset({"der", "die", "das", "dem", "den", "deren", "dessen", "welcher", "welche", "welches"})


@dataclass(frozen=True)
class CueLexicon:
    """Everything the quote component looks up."""

    cues: frozenset[str]
    separable: dict[str, tuple[str, ...]]
    sources: dict[str, str]
    konjunktiv: frozenset[str]
    """Konjunktiv I forms (and the Konjunktiv II ones in :data:`KONJUNKTIV_II`)."""
    title_nouns: frozenset[str]

    def may_be_cue(self, word: str) -> bool:
        """Can the lower-case ``word`` be a verb of saying anywhere (:meth:`is_cue` decides)?"""
        if word in self.cues or word in self.separable:
            return True
        swiss = word.replace("ss", "ß") if "ss" in word else ""
        return bool(swiss) and (swiss in self.cues or swiss in self.separable)

    def is_cue(self, word: str, rest_of_clause: Sequence[str]) -> bool:
        """Is ``word`` a verb of saying here (a separable one needs its particle later)?
        ``rest_of_clause`` holds the following words in lower case."""
        lowered = word.lower()
        if lowered in self.cues:
            return True
        if "ss" in lowered and lowered not in self.separable:  # Swiss spelling: "heisst", "liessen"
            lowered = lowered.replace("ss", "ß")
            if lowered in self.cues:
                return True
        particles = self.separable.get(lowered, ())
        return any(particle in rest_of_clause for particle in particles)


def _konjunktiv_forms() -> frozenset[str]:
    """Generated Konjunktiv I forms (training/build_konjunktiv.py)."""
    lines = (data_dir() / "konjunktiv.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@cache
def cue_lexicon() -> CueLexicon:
    """Load core/data/speech_cues.json once."""
    data = json.loads((data_dir() / "speech_cues.json").read_text(encoding="utf-8"))
    return CueLexicon(
        cues=frozenset(data["cues"]),
        separable={word: tuple(particles) for word, particles in data["separable"].items()},
        sources=dict(data["sources"]),
        konjunktiv=frozenset(data["konjunktiv"]) | _konjunktiv_forms(),
        title_nouns=frozenset(data["title_nouns"]),
    )
