"""Who said it: speaker phrases around speech cues, without a parser.

Works on a :class:`Frame`: the document's tokens, which of them lie inside
quotation marks, the entities and the sentences. The patterns are those of
German news: ``„…“, sagte X`` (inverted frame), ``X sagte: „…“`` (colon
introduction), ``X sagte, …`` / ``…, sagte X`` (cue subject, either side),
``laut X``, ``X zufolge``, ``nach Angaben von X``, ``so X``. A speaker is an
entity, a pronoun (resolved to the last person named before it) or an
unnamed noun phrase (``ein Beamter``, ``der US-Präsident``; linking resolves
role nouns later).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from core.components.spans import words_of
from core.lexicon import common_nouns, role_nouns, speaker_nouns
from core.names import DETERMINERS
from core.quotes.cues import ADVERBS, AUXILIARIES, PRONOUNS, RELATIVE_STARTS, CueLexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

SPEAKER_LABELS = ("PERSON", "ORG", "PLACE")
CLAUSE_BREAKS = {",", ";", ":", "(", ")", "–", "—"}
MAX_ADVERBS = 3
OBJECT_DETERMINERS = {"den", "dem", "einen", "einem"}
ROLE_MIN_LENGTH = 5  # shorter role nouns (Chef, Dr.) would match too many compound endings
SUBJECT_PRONOUNS = {"er", "sie", "Er", "Sie"}
# "heißt es", "hieß es": an impersonal frame, the source follows ("von X", "in Regierungskreisen")
IMPERSONAL_CUES = ("heiß", "hieß", "heiss", "hiess")
# "nach eigenen Angaben", "nach seinen Worten": the subject of the clause is the source
SUBORDINATING = frozenset({"wenn", "als", "nachdem", "weil", "ob", "dass", "obwohl", "während", "bevor", "seit", "da"})
OWN_WORDS = frozenset({"eigenen", "eigener", "seinen", "seiner", "ihren", "ihrer"})
SOURCE_PREPOSITIONS = frozenset({"von", "vom", "aus", "bei", "beim", "seitens", "in", "im"})
OBJECT_PRONOUNS = frozenset({"ihm", "ihr", "ihnen"})
SENTENCE_OPENERS = {".", "!", "?", ":", "„", "“", "»", "«", '"', "‚", "›", "‹"}


SPEAKER_MIN_LENGTH = 4  # the shortest compound ending of a speaker noun ("Landes|amt" is "amt": 3, whole word only)
# "nach Angaben von X", "nach eigenen Worten", "nach Informationen der Zeitung"
SOURCE_NOUNS = frozenset(
    [
        "Angaben",
        "Worten",
        "Informationen",
        "Erkenntnissen",
        "Mitteilung",
        "Darstellung",
        "Einschätzung",
        "Einschätzungen",
        "Auffassung",
        "Ansicht",
        "Aussage",
        "Aussagen",
        "Berichten",
        "Bericht",
        "Recherchen",
        "Schätzungen",
        "Berechnungen",
        "Ergebnissen",
        "Überzeugung",
        "Meinung",
    ]
)
MAX_EXTENDED_PHRASE = 9  # tokens of "der für … zuständige Vorstand X"
MAX_ATTRIBUTE_WORDS = 5  # "die Beauftragte für Digitale Bildung Petra Lindqvist"
MAX_ATTRIBUTE_CHAIN = 12  # tokens of a genitive chain before an apposition
ATTRIBUTE_WORDS = frozenset({"des", "der", "für", "von", "vom", "und", "(", ")", "im", "in"})
WIE_CLAUSE_REACH = 12  # tokens from "wie" to its verb of saying


@cache
def _role_heads() -> frozenset[str]:
    """Role nouns, lower-cased, that may end a compound (``Verteidigungs|minister``)."""
    return frozenset(role.casefold() for role in role_nouns() if len(role) >= ROLE_MIN_LENGTH)


@cache
def _speaker_heads() -> frozenset[str]:
    """Every noun that can head a speaker phrase: role nouns and speaker nouns, lower-cased."""
    return frozenset(noun.casefold() for noun in (*role_nouns(), *speaker_nouns()))


@dataclass
class Speaker:
    """A speaker phrase: its tokens, and the mention a pronoun refers to."""

    start: int
    end: int
    cue: str
    ref: tuple[int, int] | None = None
    """Character span of the antecedent when the phrase is a pronoun."""
    pronoun: bool = False
    """``er``/``sie``: the antecedent is resolved once all speakers are known."""
    impersonal: bool = False
    """``heißt es``: no one named; the source the text spoke of last goes on."""


class Frame:
    """Token-level view of a document for attribution."""

    def __init__(self, doc: Doc, masked: list[bool], lexicon: CueLexicon) -> None:
        self.doc = doc
        self.masked = masked
        self.lexicon = lexicon
        words = words_of(doc)  # the tokens the rule components read, built once per document
        self.words = words
        self.texts = [word.text for word in words]
        self.starts = [word.idx for word in words]
        """Character offset of each token."""
        self.lower = [text.lower() for text in self.texts]
        self.nouns = common_nouns()
        self.ents = list(doc.ents)  # doc.ents builds its spans on every access
        self.entity_at: list[Span | None] = [None] * len(doc)
        self.place_words = {ent.text for ent in self.ents if ent.label_ in ("PLACE", "ORG") and " " not in ent.text}
        self._cues: dict[tuple[int, int], list[int]] = {}
        self._cue_words = [index for index, word in enumerate(self.lower) if lexicon.may_be_cue(word)]
        for ent in self.ents:
            if ent.label_ in SPEAKER_LABELS:
                for index in range(ent.start, ent.end):
                    self.entity_at[index] = ent

    # -- word classes ------------------------------------------------------

    def is_noun(self, index: int) -> bool:
        """A noun (``Beamter``, ``CDU-Politiker``): German capitalises nouns, but also the first
        word of a sentence, so there (``Später``, ``Das``) only a known common noun counts."""
        text = self.texts[index]
        if not text[:1].isupper() or self.masked[index] or not any(c.islower() for c in text):
            return False
        if text.lower() in DETERMINERS or text in PRONOUNS or not text.replace("-", "").isalpha():
            return False
        if not self.starts_sentence(index):
            return True
        head = text.rsplit("-", 1)[-1].casefold()
        return head in self.nouns or any(head[cut:] in self.nouns for cut in range(2, len(head) - 4))

    def starts_sentence(self, index: int) -> bool:
        """Is token ``index`` the first word of a sentence (or of a quotation)?"""
        previous = index - 1
        while previous >= 0 and self.words[previous].is_space:
            previous -= 1
        return previous < 0 or "\n" in self.words[previous].whitespace or self.texts[previous] in SENTENCE_OPENERS

    def is_cue(self, index: int, end: int) -> bool:
        """A verb of saying at ``index`` (a separable one with its particle before ``end``)."""
        if self.masked[index]:
            return False
        return self.lexicon.is_cue(self.lower[index], self.lower[index + 1 : end])

    def cues(self, start: int, end: int) -> list[int]:
        """Cue tokens outside quotation marks in ``[start, end)``."""
        found = self._cues.get((start, end))
        if found is None:
            words = self._cue_words[bisect_left(self._cue_words, start) : bisect_left(self._cue_words, end)]
            found = self._cues[start, end] = [index for index in words if self.is_cue(index, end)]
        return found

    # -- phrases -----------------------------------------------------------

    def phrase_at(self, index: int, end: int, cue: str, *, speaking: bool = True) -> Speaker | None:
        """The speaker phrase that starts at ``index``: entity, pronoun or noun phrase.

        With ``speaking`` (the default), a noun phrase counts only when its head can speak
        (:meth:`can_speak`): ``der Sprecher``, not ``eine Stellungnahme``."""
        if index >= end or self.masked[index]:
            return None
        if (ent := self.entity_at[index]) is not None:
            named = ent.end + 1
            if (
                ent.label_ != "PERSON"
                and named < end
                and self.is_noun(ent.end)
                and self.can_speak(ent.end)
                and (person := self.entity_at[named]) is not None
                and person.label_ == "PERSON"
                and person.start == named
            ):
                return Speaker(person.start, person.end, cue)  # "Indiens Finanzministerin Nirmala Sitharaman"
            return Speaker(ent.start, ent.end, cue)
        text = self.texts[index]
        if text in PRONOUNS:
            if text.lower() == "es":  # "hieß es aus dem Kreml", "erklärte es (das Ministerium)"
                source = index + 1
                if source + 1 < end and self.texts[source] in ("aus", "von", "vom", "im", "in", "seitens", "beim"):
                    source += 1 + (self.texts[source + 1].lower() in DETERMINERS)
                    if source < end and (ent := self.entity_at[source]) is not None:
                        return Speaker(ent.start, ent.end, cue)
                    if source < end and self.is_noun(source):  # "hieß es aus Diplomatenkreisen": unnamed
                        # "heißt es in einer Stellungnahme": a document, not a speaker (the frame before speaks)
                        return Speaker(source, source + 1, cue) if self.can_speak(source) else None
                if cue.lower().startswith(IMPERSONAL_CUES):
                    return self._impersonal_source(index + 1, end, cue)
            return Speaker(index, index + 1, cue, pronoun=True)
        start = index
        while index < end and (
            self.texts[index].lower() in DETERMINERS or self._adjective(index) or self._place_adjective(index, end)
        ):
            index += 1
        if index < end and self.is_noun(index) and not self.masked[index]:
            if speaking and not self.can_speak(index):
                return None
            noun_end = index + 1
            # apposition: "der Sprecher Dmitri Peskow", "der Autobauer Opel", "die Sprecherin MdB Eva X"
            abbreviation = noun_end + 1 < end and self.texts[noun_end].isupper() and len(self.texts[noun_end]) <= 4
            named = noun_end + abbreviation
            if named < end and (ent := self.entity_at[named]) is not None and ent.label_ in ("PERSON", "ORG"):
                return Speaker(ent.start, ent.end, cue)
            # genitive attribute: "der Sprecher des Ministeriums", "der Chef des Mieterbund Landesverband"
            if noun_end + 1 < end and self.texts[noun_end] in ("des", "der"):
                after = noun_end + 1
                while after < end and self._adjective(after):
                    after += 1
                while after < end and self.is_noun(after) and not self.masked[after]:
                    after += 1
                    noun_end = after
            if (named := self._named_after(noun_end, end)) is not None:
                return Speaker(named.start, named.end, cue)
            return Speaker(start, noun_end, cue)
        return None

    def _impersonal_source(self, index: int, end: int, cue: str) -> Speaker:
        """``heißt es nach Informationen der Zeitung in Regierungskreisen``, ``hieß es von ihm``:
        the first source after a preposition of origin up to the clause's end; without one,
        ``es`` names no one (:attr:`Speaker.impersonal`)."""
        stop = next((i for i in range(index, end) if self.texts[i] in CLAUSE_BREAKS or self.masked[i]), end)
        for at in range(index, stop - 1):
            if self.lower[at] not in SOURCE_PREPOSITIONS:
                continue
            source = at + 1
            while source < stop and (self.lower[source] in DETERMINERS or self._adjective(source)):
                source += 1
            if source >= stop:
                break
            if (ent := self.entity_at[source]) is not None:
                if ent.label_ == "PLACE" and self.lower[at] in ("in", "im"):
                    continue  # "heißt es … in Europa": where, not who
                return Speaker(ent.start, ent.end, cue)
            if self.lower[source] in OBJECT_PRONOUNS:
                return Speaker(source, source + 1, cue, pronoun=True)
            if self.is_noun(source):  # "in Regierungskreisen"; "in einem Aktionsplan": a document, no one
                if self.can_speak(source):
                    return Speaker(source, source + 1, cue)
                break
        return Speaker(index - 1, index, cue, pronoun=True, impersonal=True)

    def _named_after(self, index: int, end: int) -> Span | None:
        """The person a role phrase names after its attribute: ``der Chef des Verbands, Klaus
        Müller,`` (an apposition), ``die Beauftragte für Bildung Petra Lindqvist``."""
        if (named := self.apposition(index)) is not None:
            return named
        if index >= end or self.lower[index] not in ("für", "von", "des", "der"):
            return None
        # a longer attribute up to the comma: "der Leiter des gewerkschaftsnahen Instituts für
        # Arbeitsmarktforschung (IAF), Peter Sommer,"
        after = index
        while (
            after < min(end, index + MAX_ATTRIBUTE_CHAIN)
            and not self.masked[after]
            and (self.texts[after][:1].isupper() or self.lower[after] in ATTRIBUTE_WORDS or self._adjective(after))
        ):
            after += 1
        if after < end and (named := self.apposition(after)) is not None:
            return named
        for after in range(index + 1, min(end, index + MAX_ATTRIBUTE_WORDS + 1)):
            if self.masked[after] or not self.texts[after][:1].isalnum():
                return None
            if (ent := self.entity_at[after]) is not None and ent.label_ == "PERSON" and ent.start == after:
                return ent
        return None

    def _adjective(self, index: int) -> bool:
        text = self.texts[index]
        return (
            text.isalpha()
            and text.islower()
            and text.endswith(("e", "en", "er", "es", "em"))
            and len(text) > 3
            and (text not in ADVERBS and text not in AUXILIARIES and text not in RELATIVE_STARTS)
        )

    def _place_adjective(self, index: int, end: int) -> bool:
        """``Münchner``, ``Kasseler`` before a noun: an adjective, not the head."""
        text = self.texts[index]
        return (
            len(text) > 4
            and text.endswith("er")
            and text[:1].isupper()
            and self.entity_at[index] is None
            and index + 1 < end
            and self.entity_at[index + 1] is None
            and self.is_noun(index + 1)
            and not self.masked[index + 1]
            # "Bundeskanzler Friedrich Merz": a role, not an adjective; "der Lüdenscheider AGV-Chef": an adjective
            and (not self.can_speak(index) or self.can_speak(index + 1))
        )

    def phrase_after(self, cue: int, end: int) -> Speaker | None:
        """Inverted order: ``sagte (zudem) der Minister``."""
        index, skipped = cue + 1, 0
        while index < end and skipped < MAX_ADVERBS and self.texts[index].lower() in ADVERBS:
            index, skipped = index + 1, skipped + 1
            if self.texts[index - 1] in ("am", "im") and index < end and self.is_noun(index):
                index += 1  # "am Montag"
        if self.texts[cue].lower().startswith("zitier") and index < end and self.texts[index] in ("ihn", "sie"):
            return Speaker(index, index + 1, self.texts[cue], pronoun=True)  # "zitierte ihn die Zeitung"
        if index < end and self.texts[index] in OBJECT_DETERMINERS:
            return None  # "begrüßte den Entwurf": an object, not the speaker
        if "gegenüber" in self.lower[cue + 1 : index]:
            return None  # "erklärte gegenüber Fox News": the addressee, not the speaker
        found = self.phrase_at(index, end, self.texts[cue])
        if found is None and index < end and self.lower[index] in ("der", "die"):
            # "sagte die für den Vertrieb zuständige Managerin Eva Brandt": the person it names
            for after in range(index + 1, min(end, index + MAX_EXTENDED_PHRASE)):
                if self.masked[after] or not self.texts[after][:1].isalnum():
                    break
                if (ent := self.entity_at[after]) is not None and ent.label_ == "PERSON":
                    return Speaker(ent.start, ent.end, self.texts[cue])
        return found

    def phrase_before(self, cue: int, start: int) -> Speaker | None:
        """Normal order: the subject before the cue, or the first phrase of its clause."""
        index = cue - 1
        while index >= start and (
            self.texts[index] in AUXILIARIES
            or self.texts[index].lower() in ADVERBS
            or self.masked[index]
            or self.texts[index] == "als"
        ):
            index -= 1
        if index >= start and not self.masked[index]:
            if (ent := self.entity_at[index]) is not None:
                return Speaker(ent.start, ent.end, self.texts[cue])
            if self.texts[index] in PRONOUNS:
                return self.phrase_at(index, cue, self.texts[cue])
            if (
                self.is_noun(index)
                and self.can_speak(index)
                and (index == start or self.texts[index - 1] not in (*CLAUSE_BREAKS, "und"))
            ):
                first = index
                while first > start and (self.texts[first - 1].lower() in DETERMINERS or self._adjective(first - 1)):
                    first -= 1
                    if self.texts[first].lower() in DETERMINERS:
                        break  # one determiner: "das der US-Präsident" is relative pronoun + phrase
                return Speaker(first, index + 1, self.texts[cue])
        return self.clause_subject(cue, start)

    def clause_subject(self, cue: int, start: int) -> Speaker | None:
        """First entity, pronoun or noun phrase of the clause holding the cue."""
        segment_start, segment_end = self.subject_segment(cue, start)
        opening = self.entity_at[segment_start]
        if (opening is None or opening.label_ != "PERSON") and (named := self.apposition(segment_end)) is not None:
            return Speaker(named.start, named.end, self.texts[cue])  # "Der Chef des SBU, Wassyl Maljuk, sagte"
        for index in range(segment_start, segment_end):
            if self.masked[index]:
                continue
            if self.texts[index] in SUBJECT_PRONOUNS and index > segment_start:
                return Speaker(index, index + 1, self.texts[cue], pronoun=True)  # "Dann lud er Trump ein:"
            if (ent := self.entity_at[index]) is not None and ent.label_ in ("PERSON", "ORG"):
                return Speaker(ent.start, ent.end, self.texts[cue])
        for index in range(segment_start, segment_end):
            if self.masked[index] or self.texts[index] in CLAUSE_BREAKS:
                continue
            if (
                index + 1 < segment_end
                and self.texts[index] in RELATIVE_STARTS
                and self.texts[index + 1].lower() in DETERMINERS
            ):
                continue  # "das der US-Präsident …": skip the relative pronoun
            phrase = self.phrase_at(index, segment_end, self.texts[cue])
            if phrase is not None:
                return phrase
        if segment_start > start and self.lower[start] not in SUBORDINATING:
            # "Jürgen Kerner, der … ist, am Mittwoch:", "Der Autor, Matthias Schrader, hat da eine
            # Meinung:": a clause without a subject of its own continues the sentence's first one
            first_break = next(i for i in range(start, segment_start) if self.texts[i] in CLAUSE_BREAKS)
            return self.clause_subject(first_break + 1, start)
        return None

    def apposition(self, comma: int) -> Span | None:
        """The person named between commas at ``comma``: ``…, André Wüstner, …``."""
        if comma + 1 >= len(self.texts) or self.texts[comma] != "," or self.masked[comma]:
            return None
        first = comma + 1 + (comma + 2 < len(self.texts) and self.is_role(comma + 1))  # ", Reddit-Gründer X,"
        ent = self.entity_at[first]
        if ent is None or ent.label_ != "PERSON" or ent.start != first:
            return None
        return ent if ent.end < len(self.texts) and self.texts[ent.end] in (",", ")") else None

    def sentence_subject(self, start: int, end: int) -> Speaker | None:
        """The person a sentence opens with, as its subject: ``Pistorius selbst hält …``,
        ``Der Verteidigungsminister warb …``, ``Der Chef des SBU, Wassyl Maljuk, hatte …``."""
        phrase = self.phrase_at(start, end, "")
        if phrase is None:
            return None
        ent = self.entity_at[phrase.start]
        if ent is not None and ent.label_ != "PERSON":
            return None
        if ent is not None:
            # "Williams' Ehemann, Alexis Ohanian, …": the possessed noun is the subject, not its owner
            possessed = phrase.end + 1
            if not (self.texts[phrase.end : possessed] == ["'"] and possessed < end and self.is_noun(possessed)):
                return phrase
            named = self.apposition(possessed + 1)
            return Speaker(named.start, named.end, "") if named is not None else None
        if (named := self.apposition(phrase.end)) is not None:
            return Speaker(named.start, named.end, "")
        return phrase if self.is_role(phrase.end - 1) and phrase.end - phrase.start <= 3 else None

    def can_speak(self, index: int) -> bool:
        """Can the noun at ``index`` head a speaker phrase: a role or speaker noun (also as the
        end of a compound: ``Landespolizei``, ``VW-Sprecher``) or a demonym of a place the
        document names (``der Lüdenscheider`` beside ``Lüdenscheid``)."""
        word = self.texts[index].rsplit("-", 1)[-1].casefold()
        heads = _speaker_heads()
        forms = [word] + [word[: -len(end)] for end in ("s", "es", "n", "en") if word.endswith(end)]  # inflected
        for form in forms:
            if form in heads or any(form[cut:] in heads for cut in range(1, len(form) - SPEAKER_MIN_LENGTH + 1)):
                return True
        return self.is_demonym(index)

    def is_demonym(self, index: int) -> bool:
        """``Wolfsburger``, ``Lüdenscheiderin``: a place of the document (or a known place) plus -er."""
        text = self.texts[index]
        for ending in ("erin", "ern", "er"):
            if text.endswith(ending) and len(text) > len(ending) + 2:
                return text[: -len(ending)] in self.place_words
        return False

    def is_role(self, index: int) -> bool:
        """A role noun, also as a compound: ``Minister``, ``Verteidigungsminister``, ``Kreml-Sprecher``."""
        word, roles = self.texts[index].rsplit("-", 1)[-1].casefold(), _role_heads()
        return any(word[cut:] in roles for cut in range(len(word) - ROLE_MIN_LENGTH + 1))

    def subject_segment(self, cue: int, start: int) -> tuple[int, int]:
        """Where the cue's subject is: its own clause, or, when a comma comes right before
        the cue, the first segment of the sentence (past appositions and relative clauses).

        ``Ein Beamter, der … wurde, sagte`` -> ``Ein Beamter``;
        ``Wladimir Medinski, ein Berater von Putin, zeigte sich`` -> ``Wladimir Medinski``.
        """
        breaks = [i for i in range(start, cue) if self.texts[i] in CLAUSE_BREAKS and not self.masked[i]]
        if not breaks:
            return start, cue
        if breaks[-1] != cue - 1:
            return breaks[-1] + 1, cue
        return start, breaks[0]

    def antecedent(self, pronoun: int, sentences: list[tuple[int, int]], labels=("PERSON",)) -> tuple[int, int] | None:
        """The subject-like antecedent of a pronoun: the first person (outside quotation marks)
        of the latest sentence before it that names one."""
        candidates = [e for e in self.ents if e.end <= pronoun and e.label_ in labels and not self.masked[e.start]]
        if not candidates:
            return None
        last = candidates[-1]
        sentence = next(((s, e) for s, e in sentences if s <= last.start < e), (last.start, last.end))
        first = next(e for e in candidates if sentence[0] <= e.start)
        return (first.start_char, first.end_char)

    # -- sources -----------------------------------------------------------

    def source(self, start: int, end: int) -> Speaker | None:
        """The speaker of a source phrase in ``[start, end)`` (see :meth:`source_frame`)."""
        found = self.source_frame(start, end)
        return found[1] if found is not None else None

    def source_frame(self, start: int, end: int) -> tuple[int, Speaker | None] | None:
        """A source phrase in ``[start, end)`` and who it names: ``laut X``, ``X zufolge``,
        ``nach Angaben von X`` (``nach eigenen Angaben``: the subject), ``aus Sicht X``,
        ``…, so X``, ``demnach``, ``wie X mitteilte``. The speaker is None where the phrase
        names no one who speaks (``dem Bericht zufolge``, ``demnach``)."""
        for index in range(start, end):
            if self.masked[index]:
                continue
            word = self.lower[index]
            if word == "laut" and index + 1 < end:
                return index, self.phrase_at(index + 1, end, "laut")
            if word == "zufolge" and index > start:
                return index, self._phrase_ending(index, start, "zufolge")
            if word in ("demnach", "demzufolge"):
                return index, None
            if word == "nach" and (found := self._nach_angaben(index, start, end)) is not None:
                return found
            if word == "aus" and index + 2 < end and self.texts[index + 1] == "Sicht":
                after = index + 2 + (self.lower[index + 2] in ("von", "des", "der", "vom"))
                return index, self.phrase_at(after, end, "aus Sicht")
            if word == "so" and index > start and self.texts[index - 1] == ",":
                found = self.phrase_at(index + 1, end, "so")
                if found is not None and found.end < end and self.texts[found.end] not in (".", ",", "!", "?", ";"):
                    found = None
                if found is not None:
                    return index, found
            if word == "wie" and (found := self._wie_frame(index, start, end)) is not None:
                return found
        return None

    def _nach_angaben(self, index: int, start: int, end: int) -> tuple[int, Speaker | None] | None:
        """``nach (den/eigenen) Angaben (von|des|der) X``, ``nach Informationen der Zeitung``."""
        noun = index + 1
        own = False
        while noun < end and (self.lower[noun] in DETERMINERS or self._adjective(noun)):
            own = own or self.lower[noun] in OWN_WORDS
            noun += 1
        if noun >= end or self.texts[noun].rsplit("-", 1)[-1] not in SOURCE_NOUNS:
            return None
        if own:  # "Die Firma hat nach eigenen Angaben …": the subject of the sentence
            return index, self.clause_subject(index, start)
        if "-" in self.texts[noun]:  # "nach FAZ-Informationen": linking finds FAZ in the compound
            ent = self.entity_at[noun]
            return index, Speaker(ent.start, ent.end, "nach Angaben") if ent else Speaker(noun, noun + 1, "nach")
        after = noun + 1
        linked = after < end and self.lower[after] in ("von", "des", "der", "vom", "aus", "dem")
        after += linked
        if after < end and (linked or self.entity_at[after] is not None):  # "nach Angaben Kiews"
            return index, self.phrase_at(after, end, "nach Angaben")
        return index, None  # "nach den Angaben": the source named before

    def _wie_frame(self, index: int, start: int, end: int) -> tuple[int, Speaker | None] | None:
        """``…, wie die Polizei mitteilte`` / ``Wie X berichtet, …`` / ``wie aus Kreisen zu hören war``."""
        if not (index == start or self.texts[index - 1] == ","):
            return None
        reach = range(index + 1, min(end, index + WIE_CLAUSE_REACH))
        stop = next((i for i in reach if self.texts[i] in (",", ";")), end)
        cue = next((i for i in range(index + 1, stop) if self.is_cue(i, stop)), None)
        if cue is None:
            if index + 2 < stop and self.lower[index + 1] == "aus" and "hören" in self.lower[index + 2 : stop]:
                return index, self.phrase_at(index + 2 + (self.lower[index + 2] in DETERMINERS), stop, "wie")
            return None
        phrase = self.phrase_at(index + 1, cue, self.texts[cue])
        if phrase is None and index + 2 < cue and self.lower[index + 1] in ("der", "die", "das", "es"):
            phrase = self.phrase_at(index + 2, cue, self.texts[cue])
        if phrase is None and cue - 1 > index:  # "wie drei mit der Sache vertraute Personen berichten"
            phrase = self.phrase_before(cue, index + 1)
        return index, phrase

    def _phrase_ending(self, index: int, start: int, cue: str) -> Speaker | None:
        """The phrase before ``zufolge``: an entity, ``eigenen Angaben`` (the clause's subject),
        or a noun phrase that can speak (``der Polizei``; not ``einem Dokument``)."""
        if (ent := self.entity_at[index - 1]) is not None:
            return Speaker(ent.start, ent.end, cue)
        noun = index - 1
        if not self.is_noun(noun):
            return None
        first = noun
        while first > start and self._adjective(first - 1):
            first -= 1
        if first > start and self.lower[first - 1] in DETERMINERS:
            first -= 1
        elif first < noun:
            first = noun  # adjectives without a determiner may be verbs ("leiteten einem …"): the noun alone
        if any(self.lower[i] in OWN_WORDS for i in range(max(start, noun - 2), noun)):
            return self.clause_subject(first, start)  # "eigenen Angaben zufolge": the subject
        return Speaker(first, index, cue) if self.can_speak(noun) else None
