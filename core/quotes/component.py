"""``newslens_quotes``: direct and reported speech, and who said it.

Writes ``doc._.quotes``: one dict per quotation with the fields of
:class:`core.models.Quote` (offsets in characters) plus ``speaker_ref``, the
span of the mention a pronoun speaker refers to. Direct quotations come from
the quotation marks (:mod:`core.quotes.marks`); titles, names and scare quotes
(``Operation „Spinnennetz“``) get ``speech=False`` and no speaker. Reported
speech (``kind="indirect"``) is a clause after a verb of saying (``X sagte,
dass …``, ``X erklärte, … sei …``), before an inverted frame (``…, sagen
Personen``), a Konjunktiv I statement with ``laut X``/``X zufolge``, or a
Konjunktiv I sentence continuing the one before.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc

from core.components.spans import text_of
from core.quotes.cues import AUXILIARIES, PRONOUNS, CueLexicon, cue_lexicon
from core.quotes.frame import Frame, Speaker
from core.quotes.marks import find_quotes
from core.quotes.reported import PRONOUN_REACH, SENTENCE_END, ReportedSpeech

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)

MAX_AUX_FRAME = 4
MAX_SPLIT_FRAME = 14
# Words that start a sentence after an abbreviation-like token such as "X." or "Nr."
SENTENCE_STARTERS = frozenset(
    [
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "zwei",
        "drei",
        "er",
        "sie",
        "es",
        "wir",
        "ich",
        "man",
        "doch",
        "aber",
        "und",
        "auch",
        "in",
        "im",
        "am",
        "nach",
        "bei",
        "mit",
        "dies",
        "diese",
        "dieser",
        "damit",
        "dann",
        "so",
        "zudem",
        "außerdem",
        "trotzdem",
        "allerdings",
    ]
)
MAX_SCARE_WORDS = 3
MAX_TITLE_WORDS = 8
# lower-case words a title or name may hold ("Bündnis für Arbeit", "Stop Hate for Profit")
TITLE_FUNCTION_WORDS = frozenset(
    ["für", "und", "am", "an", "aus", "von", "vom", "der", "die", "das", "des", "dem", "den", "im", "in", "mit",
     "zum", "zur", "auf", "über", "unter", "of", "for", "the", "and", "in", "on", "to", "a", "de", "du", "la", "le"]
)  # fmt: skip
# words before a one-word name in quotation marks ("dem „Spiegel“", "im „Stern“", "laut „Bild“")
MEDIA_BEFORE = frozenset({"dem", "im", "beim", "vom", "laut", "gegenüber"})
# prepositions a German main clause may open with (the subject then follows the verb)
FRONTED_PREPOSITIONS = frozenset(
    ["in", "im", "auf", "bei", "beim", "mit", "nach", "vor", "seit", "während", "am", "an", "zum", "zur", "über",
     "gegenüber", "angesichts", "trotz", "wegen", "unter", "aus", "für", "von", "vom"]
)  # fmt: skip
OPENING_WORDS = 3  # words at a sentence's start where its subject is named ("Auch Russland lehnt")
CONTINUE_REACH = 2  # sentences a speaker carries on over quotations without a frame
_WORD = re.compile(r"\w+")
_SPEECH_END = re.compile(r"[.!?…]\W*$")


class QuoteFinder:
    """Find quotations in a document and attribute them."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lexicon: CueLexicon = cue_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = _DocumentQuotes(doc, self.lexicon).records()
        return doc


class _DocumentQuotes(ReportedSpeech):
    """The work for one document."""

    def __init__(self, doc: Doc, lexicon: CueLexicon) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.text = text_of(doc)  # spaCy rebuilds doc.text on every access
        self.spans = [q for q in find_quotes(self.text) if q.depth == 0]
        masked = [False] * len(doc)
        self.token_spans: list[tuple[int, int]] = []
        for quote in self.spans:
            span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
            self.token_spans.append((span.start, span.end))
            for index in range(span.start, span.end):
                masked[index] = True
        self.frame = Frame(doc, masked, lexicon)
        self.sentences = self._sentences()

    # -- sentences ---------------------------------------------------------

    def _sentences(self) -> list[tuple[int, int]]:
        """Sentence token ranges; marks inside quotations do not end sentences."""
        masked, texts, bounds, start = self.frame.masked, self.frame.texts, [], 0
        blank = [text.isspace() for text in texts]
        size = len(texts)
        quote_ends = {end: quote for quote, (_, end) in zip(self.spans, self.token_spans, strict=True)}
        for index, text in enumerate(texts):
            boundary = "\n" in text  # spaCy keeps line breaks as tokens: whitespace_ is " " or ""
            following = texts[index + 1] if index + 1 < size else None
            if not boundary and not masked[index] and text in SENTENCE_END:
                boundary = following is None or not following[:1].islower()
            if not boundary and not masked[index] and len(text) > 1 and text.endswith("."):
                # "schrieb Medwedew in X. Zwei der Personen …": an abbreviation ends the sentence too
                boundary = following is not None and following.lower() in SENTENCE_STARTERS
            if not boundary and index + 1 in quote_ends and following is not None:
                quote = quote_ends[index + 1]
                boundary = bool(_SPEECH_END.search(self.text[quote.start : quote.end])) and following[:1].isupper()
            if boundary:
                if not all(blank[start : index + 1]):
                    bounds.append((start, index + 1))
                start = index + 1
        if not all(blank[start:]):
            bounds.append((start, size))
        return bounds

    def sentence_of(self, token: int) -> int:
        """Number of the sentence holding ``token`` (the next one for whitespace between sentences)."""
        for number, (_start, end) in enumerate(self.sentences):
            if token < end:
                return number
        return len(self.sentences) - 1

    # -- direct quotations -------------------------------------------------

    def is_title(self, start: int) -> bool:
        """A name or title in quotation marks: ``Operation „X“``, ``die sogenannte „Y“``."""
        texts = self.frame.texts
        index = start - 1
        while index >= 0 and texts[index].lower() in ("der", "die", "das", "den", "dem", "des") and index > start - 3:
            index -= 1
        return index >= 0 and texts[index].lower() in self.lexicon.title_nouns

    def is_name(self, number: int, inner: str) -> bool:
        """A name in quotation marks, not speech: exactly an entity mention (``„Spiegel“``,
        ``„Neue Osnabrücker Zeitung“``), or title-cased words without a sentence's verb or end
        (``„Abendschau am Sonntag“``, ``„Green Bond Support Program“``; one capitalised word
        may be a quoted noun someone used: ``„Verständigung“``) — unless a frame
        of saying sits right at the quotation (``„Nein“, sagte sie``; ``Sie sagte: „Nein“``)."""
        start, end = self.token_spans[number]
        if self._framed_at(start, end) or _SPEECH_END.search(inner):
            return False
        inside = range(start + 1, end - 1)
        ents = {id(ent): ent for i in inside if (ent := self.frame.entity_at[i]) is not None}
        if len(ents) == 1 and all(self.frame.entity_at[i] is not None for i in inside):
            return True
        words = _WORD.findall(inner)
        if len(words) == 1 and words[0][:1].isupper() and start > 0 and self.frame.lower[start - 1] in MEDIA_BEFORE:
            return True  # "sagte dem „Spiegel“", "laut „Bild“": a medium, not a quoted word
        return (
            2 <= len(words) <= MAX_TITLE_WORDS
            and all(word[:1].isupper() or word.isdigit() or word.lower() in TITLE_FUNCTION_WORDS for word in words)
            and words[0][:1].isupper()
        )

    def _framed_at(self, start: int, end: int) -> bool:
        """Is a verb of saying right after the quotation, or a colon right before it?"""
        texts, frame = self.frame.texts, self.frame
        if start > 0 and texts[start - 1] == ":":
            return True
        after = end + (end < len(texts) and texts[end] == ",")
        s_end = self.sentences[self.sentence_of(max(end - 1, 0))][1]
        return any(frame.is_cue(i, s_end) for i in range(after, min(after + 2, s_end)))

    def attribute(self, number: int) -> Speaker | None:
        """Speaker of the top-level quotation ``number``, by the patterns of German news."""
        frame, texts = self.frame, self.frame.texts
        start, end = self.token_spans[number]
        sentence = self.sentence_of(start)
        s_start, s_end = self.sentences[sentence]
        after = end + (1 if end < s_end and texts[end] == "," else 0)
        # „…“, sagte X  /  „…“ fragte Trump  /  »…«, habe er gesagt
        for cue in range(after, min(after + MAX_AUX_FRAME, s_end)):
            if frame.masked[cue] or texts[cue] in (",", ".", ";", ":"):
                break
            if frame.is_cue(cue, s_end):
                between = next((frame.phrase_at(i, cue, texts[cue]) for i in range(after, cue)
                                if texts[i] not in AUXILIARIES), None)  # fmt: skip
                found = between or frame.phrase_after(cue, s_end) or frame.phrase_before(cue, s_start)
                if found:
                    return found
                break
        # „…“ Trump bat …  (speaker phrase, then the cue)
        phrase = frame.phrase_at(end, s_end, "") if end < s_end else None
        if phrase is not None and phrase.end < s_end and frame.is_cue(phrase.end, s_end):
            phrase.cue = texts[phrase.end]
            return phrase
        # X sagte: „…“  /  X: „…“
        if start > s_start and texts[start - 1] == ":":
            cues = frame.cues(s_start, start - 1)
            if cues:  # "Was … wäre, beschreibt Hinrich Becker so:": the subject either side of the cue
                found = self._cue_speaker(cues[-1], s_start, start - 1)
                return None if found is not None and frame.lower[found.start] == "man" else found  # "sagt man:" a term
            return frame.clause_subject(start - 1, s_start)
        # a cue elsewhere in the sentence: "Der US-Präsident sagte, er sei „sehr unzufrieden“"
        cues = frame.cues(s_start, s_end)
        if cues:
            cue = max((c for c in cues if c < start), default=cues[0])
            found = self._cue_speaker(cue, s_start, s_end)
            if found:
                return found
        if found := frame.source(s_start, s_end):
            return found
        return None

    def _cue_speaker(self, cue: int, s_start: int, s_end: int) -> Speaker | None:
        frame = self.frame
        before_is_break = cue == s_start or frame.texts[cue - 1] in (",", ";") or frame.masked[cue - 1]
        if frame.lower[s_start] in FRONTED_PREPOSITIONS and not any(
            frame.texts[i] in (",", ";", ":") for i in range(s_start, cue)
        ):
            # "In ihrer Rede auf dem … Gipfel teilte Indiens Finanzministerin X mit": a prepositional
            # phrase fills the place before the verb, so the subject follows it
            return frame.phrase_after(cue, s_end) or frame.phrase_before(cue, s_start)
        before = cue - 1
        subject_before = before >= s_start and (frame.entity_at[before] is not None or frame.texts[before] in PRONOUNS)
        after = cue + 1
        subject_after = after < s_end and (frame.texts[after] in PRONOUNS or frame.entity_at[after] is not None)
        if before_is_break or (subject_after and not subject_before and not frame.is_noun(before)):
            return frame.phrase_after(cue, s_end) or frame.phrase_before(cue, s_start)
        return frame.phrase_before(cue, s_start) or frame.phrase_after(cue, s_end)

    def neighbour_speaker(self, number: int, speakers: dict[int, Speaker]) -> Speaker | None:
        """A quotation without a frame: the speaker of the sentence before, or after."""
        start, _ = self.token_spans[number]
        sentence = self.sentence_of(start)
        if number - 1 in speakers and self.sentence_of(self.token_spans[number - 1][0]) >= sentence - 1:
            return speakers[number - 1]
        if sentence > 0:
            p_start, p_end = self.sentences[sentence - 1]
            cues = self.frame.cues(p_start, p_end)
            if cues:
                found = self._cue_speaker(cues[-1], p_start, p_end)
                if found:
                    return found
        if sentence + 1 < len(self.sentences):
            n_start, n_end = self.sentences[sentence + 1]
            cues = [c for c in self.frame.cues(n_start, n_end) if c - n_start <= 3]
            if cues:
                return self._cue_speaker(cues[0], n_start, n_end)
        return None

    # -- records -----------------------------------------------------------

    def records(self) -> list[dict]:
        text = self.text
        speakers: dict[int, Speaker] = {}
        speech: dict[int, bool] = {}
        for number, quote in enumerate(self.spans):
            inner = text[slice(*quote.inner)]
            words = len(_WORD.findall(inner))
            if self.is_title(self.token_spans[number][0]) or self.is_name(number, inner):
                speech[number] = False
                continue
            found = self.attribute(number)
            if found is None and words > MAX_SCARE_WORDS:
                found = self.neighbour_speaker(number, speakers)
            speech[number] = found is not None or words > MAX_SCARE_WORDS or bool(_SPEECH_END.search(inner))
            if found is not None:
                speakers[number] = found
        records = []
        skip: set[int] = set()
        for number, quote in enumerate(self.spans):
            if number in skip:
                continue
            parts = [(quote.start, quote.end)] if len(quote.paragraphs) < 2 else list(quote.paragraphs)
            end = quote.end
            follower = number + 1
            if follower < len(self.spans) and speech[number] and self._split_continues(number, follower, speakers):
                parts.append((self.spans[follower].start, self.spans[follower].end))
                end = self.spans[follower].end
                skip.add(follower)
            records.append(self._record(quote.start, end, "direct", speech[number], speakers.get(number), parts))
        records.extend(self.indirect(speakers))
        records.sort(key=lambda record: record["start"])
        self._share_inner_speakers(records)
        self._continue_speakers(records)
        self._resolve_pronouns(records)
        return records

    def _share_inner_speakers(self, records: list[dict]) -> None:
        """Reported speech with no frame of its own that holds a framed quotation (``X sei
        „ein Fehler“, stellte Y klar``) has that quotation's speaker."""
        direct = [r for r in records if r["kind"] == "direct" and r["_speaker"] is not None]
        for record in records:
            if record["kind"] == "indirect" and record["_speaker"] is None:
                inner = next((r for r in direct if record["start"] <= r["start"] and r["end"] <= record["end"]), None)
                if inner is not None and record["speech"]:
                    self._set_speaker(record, inner["_speaker"])

    def _continue_speakers(self, records: list[dict]) -> None:
        """A speech record without a frame of its own (a quotation after a report, a Konjunktiv
        sentence after a quotation) continues the speaker of the record before it, within
        :data:`CONTINUE_REACH` sentences; one in the headline goes to the first person the
        body names."""
        starts = self.frame.starts
        last: tuple[int, Speaker] | None = None
        title_end = self.text.find("\n")
        for record in records:
            if not record["speech"]:
                continue
            if record["_speaker"] is None and 0 <= record["end"] <= title_end:
                # a quotation in the headline: the person the article then opens with said it
                opener = next((e for e in self.frame.ents if e.label_ == "PERSON" and e.start_char > title_end), None)
                if opener is not None:
                    self._set_speaker(record, Speaker(opener.start, opener.end, ""))
                continue
            sentence = self.sentence_of(max(bisect_right(starts, record["start"]) - 1, 0))
            speaker = record["_speaker"]
            words = len(_WORD.findall(record["text"]))
            if (
                speaker is None
                and last is not None
                and sentence - last[0] <= CONTINUE_REACH
                and words > MAX_SCARE_WORDS
            ):
                self._set_speaker(record, last[1])
                speaker = last[1]
            if speaker is not None:
                last = (sentence, speaker)

    def _resolve_pronouns(self, records: list[dict]) -> None:
        """``er``/``sie`` refer to a person a sentence since the last speaker opened with, else
        continue the last speaker (within two sentences), else the last person named."""
        last: tuple[int, tuple[int, int]] | None = None  # (sentence, character span) of the last speaker
        for record in records:
            speaker: Speaker | None = record.pop("_speaker")
            if speaker is None:
                continue
            sentence = self.sentence_of(speaker.start)
            if speaker.impersonal:  # "…, heißt es.": the source the sentence before names, else the last speaker
                record["speaker_ref"] = (
                    self._opening_entity(sentence - 1)
                    or (last[1] if last is not None and sentence - last[0] <= PRONOUN_REACH else None)
                    or self.frame.antecedent(speaker.start, self.sentences, ("ORG",))
                )
                if record["speaker_ref"] is not None:
                    last = (sentence, record["speaker_ref"])
            elif speaker.pronoun:
                neuter = self.frame.texts[speaker.start].lower() == "es"
                since = last[0] + 1 if last is not None else sentence - PRONOUN_REACH
                subject = None if neuter else self.recent_subject(since, sentence)
                if subject is not None:
                    record["speaker_ref"] = subject
                elif last is not None and sentence - last[0] <= PRONOUN_REACH and not neuter:
                    record["speaker_ref"] = last[1]
                else:
                    labels = ("ORG",) if neuter else ("PERSON",)
                    record["speaker_ref"] = self.frame.antecedent(speaker.start, self.sentences, labels)
                if record["speaker_ref"] is not None:
                    last = (sentence, record["speaker_ref"])
            else:
                last = (sentence, (record["speaker_start"], record["speaker_end"]))

    def _opening_entity(self, sentence: int) -> tuple[int, int] | None:
        """Character span of a name among the first words of sentence ``sentence`` (its subject:
        ``Auch Russland lehnt …``), outside quotation marks."""
        if sentence < 0:
            return None
        start, end = self.sentences[sentence]
        frame = self.frame
        for index in range(start, min(end, start + OPENING_WORDS)):
            if frame.masked[index] or frame.texts[index] in (",", ":"):
                return None
            if (ent := frame.entity_at[index]) is not None:
                return ent.start_char, ent.end_char
        return None

    def recent_subject(self, since: int, sentence: int) -> tuple[int, int] | None:
        """Character span of the person the latest sentence in ``[since, sentence)`` opens with."""
        for number in range(sentence - 1, max(since, sentence - PRONOUN_REACH, 0) - 1, -1):
            start, end = self.sentences[number]
            found = self.frame.sentence_subject(start, end)
            if found is not None:
                last = found.end - 1
                return self.frame.starts[found.start], self.frame.starts[last] + len(self.frame.texts[last])
        return None

    def _split_continues(self, number: int, follower: int, speakers: dict[int, Speaker]) -> bool:
        """„A“, sagte X, „B“ or „A“, sagte X. „B“: one quotation in two parts."""
        speaker = speakers.get(number)
        if speaker is None or speakers.get(follower) not in (None, speaker):
            return False
        _, end = self.token_spans[number]
        next_start, _ = self.token_spans[follower]
        between = self.frame.texts[end:next_start]
        return (
            2 <= len(between) <= MAX_SPLIT_FRAME
            and between[0] == ","
            and between[-1] in (",", ".", ":")
            and any(self.frame.is_cue(i, next_start) for i in range(end, next_start))
        )

    def _record(self, start: int, end: int, kind: str, speech: bool, speaker: Speaker | None, parts) -> dict:
        text = self.text
        record = {
            "start": start,
            "end": end,
            "text": text[start:end],
            "kind": kind,
            "speech": speech,
            "parts": tuple(parts) if len(parts) > 1 else (),
            "speaker": None,
            "speaker_entity": None,
            "cue": None,
            "speaker_start": None,
            "speaker_end": None,
            "speaker_ref": None,
            "_speaker": speaker if speech else None,
        }
        if speaker is not None and speech:
            self._set_speaker(record, speaker)
        return record

    def _set_speaker(self, record: dict, speaker: Speaker) -> None:
        span = self.doc[speaker.start : speaker.end]
        record.update(
            speaker=span.text,
            cue=speaker.cue or None,
            speaker_start=span.start_char,
            speaker_end=span.end_char,
            speaker_ref=speaker.ref,
            _speaker=speaker,
        )


@Language.factory("newslens_quotes")
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    """Direct and reported speech with speakers, in ``doc._.quotes``."""
    return QuoteFinder(name)
