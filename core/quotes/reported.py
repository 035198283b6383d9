"""Reported speech (``kind="indirect"``), found for :mod:`core.quotes.component`.

A clause after a verb of saying (``X sagte, dass …``, ``X erklärte, der Krieg
habe …``), the clause before an inverted frame (``…, sagen Personen``), a
Konjunktiv I statement with ``laut X``/``X zufolge`` or after a colon
(``Rubio dämpfte die Erwartungen: Ein Durchbruch sei …``), and Konjunktiv I
sentences that continue the last speaker.
"""

from __future__ import annotations

import re

from core.names import DETERMINERS
from core.quotes.cues import AUXILIARIES, KONJUNKTIV_IDIOMS, KONJUNKTIV_II, RELATIVE_STARTS, SUBORDINATORS, CueLexicon
from core.quotes.frame import Frame, Speaker

SENTENCE_END = {".", "!", "?", "…"}
PRONOUN_REACH = 2  # sentences back to the speaker a pronoun continues
SPEAKER_REACH = 3  # sentences back to the speaker a Konjunktiv sentence or a bare source continues
MIN_FREE_WORDS = 2  # words of a reported clause outside quotation marks (fewer: a direct quotation)

SUBORDINATE_STARTS = frozenset(
    [
        "nachdem",
        "als",
        "weil",
        "wenn",
        "während",
        "obwohl",
        "bevor",
        "seit",
        "seitdem",
        "sobald",
        "falls",
        "damit",
        "indem",
        "ehe",
        "sofern",
        "wobei",
        "wodurch",
        "womit",
        "woraufhin",
        "sodass",
        "zumal",
        "da",
        "bis",
        "solange",
    ]
)
NOT_STATEMENT_STARTS = frozenset({"und", "oder", "aber", "um", "ohne", "statt", "anstatt", "sondern", "denn"})
_ZU_INFINITIVE = re.compile(
    r"^(?:ab|an|auf|aus|bei|ein|fest|her|hin|mit|nach|vor|weg|zurück|zusammen|durch|um|wieder|los|frei)zu[a-zäöüß]{2,}e?n$"
)
MAX_FRAME_TOKENS = 8
# forms of the Konjunktiv list that news use as plain statements ("Die Bahn möchte …")
NOT_KONJUNKTIV = frozenset({"möchte"})
# words after which a Konjunktiv-I-looking "-e" word is an adjective ("sehr große", "zu hohe")
ADJECTIVE_BEFORE = frozenset({"sehr", "zu", "besonders", "äußerst", "im", "beim", "zum"})
MAX_DASS_FRAME = 15  # tokens from the cue to the comma of a dass-clause
NEGATIONS = frozenset({"nicht", "nie", "niemals"})
# lower-case words an apposition may hold ("Chefvolkswirt beim Bankhaus X")
APPOSITION_WORDS = frozenset(
    {"bei", "beim", "von", "vom", "im", "in", "am", "für", "und", "an", "aus", "zu", "zum", "zur"}
)


class ReportedSpeech:
    """Mixin of the per-document quotation finder: everything about reported speech.

    The host provides ``doc``, ``frame``, ``lexicon``, ``sentences``,
    ``token_spans``, ``sentence_of``, ``_cue_speaker`` and ``_record``.
    """

    doc: object
    frame: Frame
    lexicon: CueLexicon
    sentences: list[tuple[int, int]]
    token_spans: list[tuple[int, int]]

    def indirect(self, direct_speakers: dict[int, Speaker]) -> list[dict]:
        """Reported statements: clauses after (or before) verbs of saying, sourced statements,
        and Konjunktiv sentences that continue a report (each sentence its own record)."""
        frame, texts = self.frame, self.frame.texts
        found: list[dict] = []
        previous: tuple[int, Speaker] | None = None  # (sentence number, speaker) of the last report
        speaking: set[int] = {self.sentence_of(self.token_spans[number][1] - 1) for number in direct_speakers}
        direct_sentences = [
            (self.sentence_of(self.token_spans[number][1] - 1), speaker) for number, speaker in direct_speakers.items()
        ]
        for number, (s_start, s_end) in enumerate(self.sentences):
            recent = max(
                [p for p in [previous, *direct_sentences] if p and number - SPEAKER_REACH <= p[0] < number],
                key=lambda p: p[0],
                default=None,
            )
            clause = self._framed(s_start, s_end, recent)
            if clause is None and self._continues(number, s_start, s_end, speaking):
                # the person the sentence before opens with, when newer than the last speaker
                newer = recent is None or recent[0] < number - 1
                subject = frame.sentence_subject(*self.sentences[number - 1]) if newer and number else None
                # no speaker near: the frame has not changed since the last one, which goes on
                latest = max(
                    [p for p in [previous, *direct_sentences] if p and p[0] < number], key=lambda p: p[0], default=None
                )
                fallback = recent or latest
                clause = (s_start, self._trim_end(s_start, s_end), subject or (fallback[1] if fallback else None))
            if clause is None:
                continue
            start, end, speaker = clause
            free = [i for i in range(start, end) if not frame.masked[i] and texts[i][:1].isalnum()]
            if end <= start or len(free) < MIN_FREE_WORDS:
                continue  # a direct quotation with its frame, already recorded as one
            char_start = frame.starts[start]
            char_end = frame.starts[end - 1] + len(texts[end - 1])
            found.append(self._record(char_start, char_end, "indirect", True, speaker, [(char_start, char_end)]))
            speaking.add(number)
            if speaker is not None:
                previous = (number, speaker)
        return found

    def _framed(
        self, s_start: int, s_end: int, recent: tuple[int, Speaker] | None
    ) -> tuple[int, int, Speaker | None] | None:
        """The reported clause of a sentence with a frame of its own, and its speaker."""
        cues = self.frame.cues(s_start, s_end)
        clause = next((c for cue in cues if (c := self._inverted_frame(cue, s_start, s_end))), None)
        if clause is None:
            clause = next((c for cue in cues if (c := self._complement_clause(cue, s_start, s_end))), None)
        # a sentence that opens with a quotation ("„…“, fragte X laut Y"): the source frames the quotation
        quoted = self.frame.masked[s_start] and not self._konjunktiv(s_start, s_end, second=True)
        if clause is None and not quoted and (sourced := self.frame.source_frame(s_start, s_end)) is not None:
            _, speaker = sourced  # "dem Bericht zufolge", "demnach": the source named before
            clause = (s_start, self._trim_end(s_start, s_end), speaker or (recent[1] if recent else None))
        if clause is None:
            clause = self._colon_statement(s_start, s_end)
        return clause

    def _continues(self, number: int, s_start: int, s_end: int, speaking: set[int]) -> bool:
        """A sentence without a frame that is reported speech: Konjunktiv I, or Konjunktiv II
        right after a sentence that reports or quotes."""
        frame = self.frame
        colon = next((i for i in range(s_start, s_end - 1) if frame.texts[i] == ":" and frame.masked[i + 1]), None)
        if colon is not None and frame.cues(s_start, colon):
            return False  # "X habe geantwortet: „…“": the Konjunktiv frames a direct quotation
        if self._konjunktiv(s_start, s_end):
            return True
        # Konjunktiv II continues a report only in the main clause ("Hinzu kämen …"), not in a
        # relative clause of a plain statement ("…, die geliefert werden könnten")
        main_end = next((i for i in range(s_start, s_end) if frame.texts[i] == "," and not frame.masked[i]), s_end)
        return number - 1 in speaking and self._konjunktiv_two(s_start, main_end)

    def _inverted_frame(self, cue: int, s_start: int, s_end: int) -> tuple[int, int, Speaker | None] | None:
        """``…, sagen Personen(, die …).``: the clause before the frame is reported."""
        frame, texts = self.frame, self.frame.texts
        if cue <= s_start + 2 or texts[cue - 1] != ",":
            return None
        if frame.masked[cue - 2] and not self._konjunktiv(s_start, cue - 1, second=True):
            return None  # „…“, sagte X: a direct quotation (but "Dieser bezwecke, „…“, hieß es" reports)
        if texts[s_start].lower() in SUBORDINATE_STARTS:
            return None  # "Nachdem …, erklärte Putin, …": the frame belongs to what follows
        opening = frame.phrase_at(s_start, cue, "")
        if opening is not None and (named := frame.apposition(opening.end)) is not None and named.end + 1 == cue:
            return None  # "Der Chef des Verbands, André Wüstner, begrüßte …": subject and apposition, no report
        speaker = frame.phrase_after(cue, s_end)
        impersonal = speaker is None and cue + 1 < s_end and frame.lower[cue + 1] == "es"
        if speaker is None and not impersonal:
            return None
        # after the speaker only particles and adverbials may follow ("teilte das Militär am Sonntag mit"),
        # a relative clause or an apposition on the speaker ("sagen Personen, die …", "sagte X, Chef von Y"),
        # or a second frame ("betonte X, erklärte aber nicht …")
        after = speaker.end if speaker is not None else cue + 2
        rest = range(after, self._trim_end(after, s_end))
        if any(frame.lower[i] in NEGATIONS for i in range(cue + 1, rest.stop)):
            return None  # "gab die Staatsanwaltschaft nicht bekannt": negated saying reports nothing
        comma = next((i for i in rest if texts[i] in (",", ":", ";") and not frame.masked[i]), None)
        if comma is None or (
            texts[comma] == ","
            and comma + 2 < s_end
            and (
                self._relative_clause_at(comma + 1)
                or self._apposition(comma + 1, s_end)
                or frame.is_cue(comma + 1, s_end)
                or (frame.lower[comma + 1] == "wie" and bool(frame.cues(comma + 2, s_end)))  # "…, wie X berichtet"
            )
        ):
            return (s_start, cue - 1, speaker)
        return None

    def _apposition(self, start: int, end: int) -> bool:
        """``Chefvolkswirt beim Bankhaus X`` after a name: a noun phrase, no verb."""
        texts, frame = self.frame.texts, self.frame
        segment_end = next((i for i in range(start, end) if texts[i] in (",", ";", ":")), end)
        segment_end = self._trim_end(start, segment_end)
        words = [texts[i] for i in range(start, segment_end)]
        if not words or frame.masked[start] or not (words[0][:1].isupper() or words[0] in DETERMINERS):
            return False
        verbs = self.lexicon.konjunktiv | KONJUNKTIV_II | AUXILIARIES
        return all(
            word[:1].isupper()
            or word in APPOSITION_WORDS
            or word in DETERMINERS
            or (frame._adjective(start + n) and word not in verbs and not word.endswith("er"))
            for n, word in enumerate(words)
            if word[:1].isalnum()
        )

    def _relative_clause_at(self, index: int) -> bool:
        """``die über … informiert sind`` (relative), not ``der Krieg habe …`` (an article)."""
        texts = self.frame.texts
        return texts[index].lower() in RELATIVE_STARTS and not self.frame.is_noun(index + 1)

    def _complement_clause(self, cue: int, s_start: int, s_end: int) -> tuple[int, int, Speaker] | None:
        """``X sagte (darauf), dass …`` / ``X fragte Y, ob …`` / ``erklärte Putin, der Krieg habe …``."""
        frame, texts = self.frame, self.frame.texts
        comma = next((i for i in range(cue + 1, min(s_end, cue + MAX_DASS_FRAME)) if texts[i] == ","), None)
        if comma is None or comma + 1 >= s_end or any(frame.masked[cue + 1 : comma]):
            return None
        clause_start, clause_end = comma + 1, self._trim_end(comma + 1, s_end)
        first = texts[clause_start].lower()
        if comma >= cue + MAX_FRAME_TOKENS and first not in ("dass", "daß"):
            return None  # a long frame only before a dass-clause ("sagen zwei Drittel der Befragten, dass …")
        if any(frame.lower[i] in NEGATIONS for i in range(cue + 1, comma)):
            return None  # "sagte nicht, ob …"
        if first == "wie" and frame.cues(clause_start, clause_end):
            return None  # "…, wie die Zeitung berichtet": a source, not what was said
        if frame.is_cue(clause_start, clause_end) or self._apposition(clause_start, s_end):
            return None  # "betonte X, erklärte aber …" / "sagte X, Chef von Y"
        if first not in SUBORDINATORS and not self._statement(clause_start, clause_end):
            return None
        speaker = self._cue_speaker(cue, s_start, s_end)
        if speaker is None or clause_start <= speaker.start < clause_end:
            return None
        return (clause_start, clause_end, speaker)  # a dass-clause keeps its "dass"

    def _statement(self, start: int, end: int) -> bool:
        """A main clause after ``sagte,``: not ``als …``/``um … zu``, not an infinitive clause."""
        texts, masked = self.frame.texts, self.frame.masked
        if texts[start].lower() in SUBORDINATE_STARTS | NOT_STATEMENT_STARTS or self._relative_clause_at(start):
            return False
        segment_end = next((i for i in range(start, end) if texts[i] == "," and not masked[i]), end)
        free = [i for i in range(start, segment_end) if not masked[i]]
        if len(free) < 2:
            return False
        infinitive = any(texts[i] == "zu" and i + 1 < segment_end and texts[i + 1].endswith("en") for i in free[-3:])
        infinitive = infinitive or bool(_ZU_INFINITIVE.match(texts[free[-1]]))
        return not infinitive or self._konjunktiv(start, segment_end, second=True)

    def _colon_statement(self, s_start: int, s_end: int) -> tuple[int, int, Speaker] | None:
        """``Rubio dämpfte die Erwartungen: Ein Durchbruch sei erst möglich …``."""
        frame = self.frame
        colon = next((i for i in range(s_start + 1, s_end - 2) if frame.texts[i] == ":" and not frame.masked[i]), None)
        if colon is None or not self._konjunktiv(colon + 1, s_end, second=True) or frame.masked[colon + 1]:
            return None
        speaker = frame.clause_subject(colon, s_start)
        return (colon + 1, self._trim_end(colon + 1, s_end), speaker) if speaker else None

    def _konjunktiv(self, start: int, end: int, *, second: bool = False) -> bool:
        """A Konjunktiv I form outside quotation marks in ``[start, end)`` (not ``ich habe``, not
        ``es sei denn``); with ``second``, a Konjunktiv II form (``hätten``, ``käme``) too."""
        frame, lexicon = self.frame, self.lexicon
        for i in range(start, end):
            word = frame.texts[i]
            if frame.masked[i] or (word not in lexicon.konjunktiv and not (second and word in KONJUNKTIV_II)):
                continue
            if not second and word in KONJUNKTIV_II:
                continue
            neighbours = (frame.lower[i - 1] if i > start else "", frame.lower[i + 1] if i + 1 < end else "")
            if "ich" in neighbours or (frame.lower[i], neighbours[1]) in KONJUNKTIV_IDIOMS:
                continue
            if (neighbours[0], frame.lower[i]) in KONJUNKTIV_IDIOMS or word in NOT_KONJUNKTIV:
                continue
            following = frame.texts[i + 1] if i + 1 < end else ""
            if (neighbours[0] in DETERMINERS or neighbours[0] in ADJECTIVE_BEFORE) and following[:1].isupper():
                continue  # "die verdächtige Personen", "eine längerfristige Lösung": an adjective before its noun
            return True
        return False

    def _konjunktiv_two(self, start: int, end: int) -> bool:
        return self._konjunktiv(start, end, second=True)

    def _trim_end(self, start: int, end: int) -> int:
        """Drop the final punctuation (and whitespace) of a clause."""
        while end > start and (self.frame.texts[end - 1] in SENTENCE_END or self.frame.words[end - 1].is_space):
            end -= 1
        return end
