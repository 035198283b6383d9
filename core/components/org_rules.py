"""``newslens_org_rules``: organisations told by the words around them.

German news introduces an organisation it does not expect the reader to know
with a descriptor (``der Netzwerkausrüster Huawei``, ``Finanzaufsicht Bafin``),
a legal form (``Deutsche Stahl AG``), an institution head with its remit
(``Bundesamt für Wirtschaft und Ausfuhrkontrolle``), a place it serves
(``Bezirksregierung Arnsberg``), a club prefix (``SV Mattersburg``), an acronym
in brackets (``Bundesagentur für Arbeit (BA)``), a compound (``Wirecard-Aktie``:
the name is a character-level part) or, for newspapers, a quoted title in a
reporting phrase (``sagte er der „Welt“``). The cue words are data
(core/data/org_cues.json). Model entities under such a cue are relabelled or
trimmed (the descriptor is not part of the name); untagged names are added.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from core.components.spans import PARTS_KEY, Word, mark_source, set_ents, source_of, words_of
from core.lexicon import common_nouns, first_names, lowercase_words
from core.names import slug
from core.resources import data_dir

MAX_NAME_TOKENS = 4
MAX_REMIT_TOKENS = 10
_ENDINGS = ("", "s", "es", "n", "en", "e")
_ACRONYM = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜ0-9&]{1,7}s?$")
_CAPITALISED = re.compile(r"^[A-ZÄÖÜ0-9][\w'’.&+-]*$")
_ADJECTIVE = re.compile(r"^[a-zäöüß]{3,}(?:e|en|es|em)$")
_REMIT_LINKS = frozenset({"für", "der", "des", "zum", "zur", "gegen"})
_NOT_REMIT = frozenset({"Anfang", "Ende", "Mitte", "Woche", "Jahres", "Monats", "Tages", "Zeit"})
MAX_REMIT_LINKS = 2
_DETERMINERS = frozenset({"der", "die", "das", "dem", "den", "des", "ein", "eine", "einer", "eines", "einem", "einen"})
_QUOTES = frozenset("„“”\"«»‚‘'")


@cache
def org_cues() -> dict[str, frozenset[str]]:
    """The cue lists of core/data/org_cues.json, lowercased where matched lowercased."""
    data = json.loads((data_dir() / "org_cues.json").read_text(encoding="utf-8"))
    cues = {key: frozenset(value) for key, value in data.items() if isinstance(value, list)}
    for key in ("descriptor_heads", "weak_heads", "org_parts", "compound_heads", "institution_heads",
                "place_qualified_heads", "media_heads", "report_words"):  # fmt: skip
        cues[key] = frozenset(word.lower() for word in cues[key])
    return cues


@cache
def _by_length(heads: frozenset[str]) -> tuple[tuple[int, frozenset[str]], ...]:
    """The heads grouped by length, longest first."""
    lengths = sorted({len(head) for head in heads}, reverse=True)
    return tuple((length, frozenset(h for h in heads if len(h) == length)) for length in lengths)


@lru_cache(maxsize=200_000)
def ends_with_head(word: str, heads: frozenset[str]) -> str | None:
    """The longest head ``word`` ends in (``Netzwerkausrüster`` -> ``ausrüster``), inflected or
    not (memoised)."""
    lowered = word.lower().rsplit("-", 1)[-1] if "-" in word[1:] else word.lower()
    for ending in _ENDINGS:
        if ending and not lowered.endswith(ending):
            continue
        stem = lowered[: len(lowered) - len(ending)] if ending else lowered
        for length, group in _by_length(heads):
            if length <= len(stem) and stem[len(stem) - length :] in group:
                return stem[len(stem) - length :]
    return None


class OrgRules:
    """Find and relabel organisations from their cues; see the module docstring."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.cues = org_cues()
        self.common = common_nouns()
        self.first_names = first_names()
        self.lowercase = lowercase_words()
        self.w: list[Word] = []

    # -- word shapes ------------------------------------------------------------

    def is_name_like(self, token: Word) -> bool:
        """A word that can be (part of) an organisation's name: an acronym, or a
        capitalised word that is no common noun (``Huawei``, ``Ningbo``)."""
        text = token.text
        if not any(char.isalpha() for char in text):
            return False
        if _ACRONYM.match(text):
            return True
        if not _CAPITALISED.match(text) or text.lower() in _DETERMINERS:
            return False
        bare = text.rstrip("s") if text.endswith("s") and len(text) > 3 else text
        return text.casefold() not in self.common and bare.casefold() not in self.common

    def is_descriptor(self, token: Word) -> bool:
        text = token.text
        if not text[:1].isupper() or not any(char.islower() for char in text):
            return False
        head = ends_with_head(text, self.cues["descriptor_heads"])
        if head is None:
            return False
        # a bare "Bank", "Team" is too often the plain noun; compounds ("Notenbank") count
        return not (head in self.cues["weak_heads"] and text.lower().rstrip("sne") == head.rstrip("sne"))

    def name_run(self, doc: Doc, start: int, limit: int = MAX_NAME_TOKENS) -> int:
        """End of the run of name-like tokens from ``start`` (``start`` itself if none)."""
        end = start
        while end < len(doc) and end - start < limit:
            token = self.w[end]
            if token.is_sent_start and end > start:
                break
            if self.is_name_like(token) or (token.text in ("&", "+") and end > start):
                end += 1
                continue
            break
        while end > start and self.w[end - 1].text in ("&", "+"):
            end -= 1
        return end

    # -- the component ----------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        self.w = words_of(doc)
        ents = {(ent.start, ent.end): ent for ent in doc.ents}
        for finder in (self._clubs, self._remits, self._legal_forms, self._descriptors, self._place_qualified,
                       self._media_titles):  # fmt: skip
            for span in finder(doc, list(ents.values())):
                self._put(doc, ents, span)
        self._acronyms(doc, ents)
        set_ents(doc, sorted(ents.values(), key=lambda span: span.start))
        self._compound_parts(doc)
        return doc

    def _put(self, doc: Doc, ents: dict[tuple[int, int], Span], span: Span) -> None:
        """Add an ORG span, replacing what it overlaps unless a rule vouched for that."""
        overlapping = [key for key in ents if key[0] < span.end and span.start < key[1]]
        for key in overlapping:
            ent = ents[key]
            if source_of(doc, ent) == "rule" and not (span.start <= ent.start and ent.end <= span.end):
                return  # a gazetteer name or weapon that this span only grazes
            if ent.label_ == "WEAPON":
                return
        for key in overlapping:
            del ents[key]
        ents[(span.start, span.end)] = span
        mark_source(doc, span, "rule")

    def _descriptors(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """``Netzwerkausrüster Huawei`` (descriptor, then the name) as ORG, descriptor left out."""
        by_start = {ent.start: ent for ent in ents}
        found = []
        for token in self.w:
            if not self.is_descriptor(token) or token.i + 1 >= len(doc):
                continue
            start = token.i + 1
            ent = by_start.get(token.i)
            if ent is not None and ent.end > start and ent.label_ != "WEAPON":
                name_end = ent.end  # the model ran the descriptor into the name: "Finanzaufsicht Bafin"
            elif (ent := by_start.get(start)) is not None:
                if ent.label_ == "ORG" or ent.label_ == "WEAPON":
                    continue
                if source_of(doc, ent) == "rule" and (
                    ent.label_ == "PERSON" or token.text.lower() in self.cues["weak_heads"]
                ):
                    continue
                name_end = ent.end
            else:
                name_end = self.name_run(doc, start)
            if name_end <= start or self.w[start].text in self.first_names:
                continue  # no name, or a person ("Investor Warren Buffett")
            found.append(Span(doc, start, name_end, label="ORG"))
        return found

    def _legal_forms(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """``Deutsche Stahl AG``, ``Goldman Sachs Group Inc.``: the name before a legal form."""
        forms = self.cues["legal_forms"]
        found = []
        index = 0
        while index < len(doc):
            if self.w[index].text not in forms or index == 0:
                index += 1
                continue
            end = index + 1
            while end < len(doc) and (self.w[end].text in forms or self.w[end].text == "&") and end - index < 4:
                end += 1
            start = index
            while start > 0 and index - start < MAX_NAME_TOKENS:
                previous = self.w[start - 1]
                if previous.is_punct and previous.text not in ("&", "-"):
                    break
                if not (previous.text[:1].isupper() or previous.text in ("&", "-")):
                    break
                if previous.text.lower() in _DETERMINERS or (
                    previous.is_sent_start and previous.text.lower() in self.lowercase
                ):
                    break
                start -= 1
                if previous.is_sent_start:
                    break
            if start < index and self.w[start].text not in ("&", "-"):
                found.append(Span(doc, start, end, label="ORG"))
            index = end
        return found

    def _remits(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """``Bundesamt für Wirtschaft und Ausfuhrkontrolle``: an institution head and its remit."""
        heads = self.cues["institution_heads"]
        found = []
        for token in self.w:
            if not token.text[:1].isupper() or ends_with_head(token.text, heads) is None:
                continue
            if ends_with_head(token.text, self.cues["org_parts"]) is not None:
                continue  # "Aufsichtsrat der …", "Tochtergesellschaft der …": a part of another organisation
            if token.i + 2 >= len(doc) or self.w[token.i + 1].text not in _REMIT_LINKS:
                continue
            end = self._remit_end(doc, token.i + 2)
            if end is None:
                continue
            start = token.i
            if start > 0 and self.w[start - 1].text[:1].isupper() and _ADJECTIVE.match(self.w[start - 1].text.lower()) \
                    and not self.w[start - 1].is_sent_start:  # fmt: skip
                start -= 1  # "Deutsche Prüfstelle für …", "Europäischen Gerichtshof für …"
            found.append(Span(doc, start, end, label="ORG"))
        return found

    def _remit_end(self, doc: Doc, index: int) -> int | None:
        """End of a remit such as ``Ernährung, Landwirtschaft und Forsten`` or ``der deutschen Wirtschaft``."""
        end = None
        position = index
        links = 1
        while position < len(doc) and position - index < MAX_REMIT_TOKENS:
            text = self.w[position].text
            if self.w[position].is_sent_start or text in _NOT_REMIT:
                break
            if end is not None and _ACRONYM.match(text):
                break  # "Verband der Wohnungswirtschaft VdW": the acronym is a name of its own
            if text[:1].isupper() and not self.w[position].is_punct:
                if text.lower() in self.lowercase and text.lower() not in self.common:
                    break
                position += 1
                end = position
                continue
            if (
                _ADJECTIVE.match(text)
                and self.w[position - 1].text in _DETERMINERS
                and position + 1 < len(doc)
                and self.w[position + 1].text[:1].isupper()
            ):  # fmt: skip  ("der deutschen Wirtschaft")
                position += 1
                continue
            following = self.w[position + 1].text if position + 1 < len(doc) else ""
            joins = following[:1].isupper() or _ADJECTIVE.match(following)
            if text in ("und", "sowie") and end == position and joins:
                position += 1
                continue
            if text == "," and end == position and self._list_continues(doc, position + 1):
                position += 1
                continue
            if (
                text in ("der", "des", "für")
                and end == position
                and position + 1 < len(doc)
                and links < MAX_REMIT_LINKS
            ):
                links += 1
                position += 1
                continue
            break
        return end

    def _list_continues(self, doc: Doc, index: int) -> bool:
        """After a comma: more capitalised items and then ``und`` (a list, not a new clause)."""
        position = index
        while position < len(doc) and position - index < 6:
            text = self.w[position].text
            if text == "und":
                return True
            if not (text[:1].isupper() or text in (",",) or text.endswith("-")):
                return False
            position += 1
        return False

    def _place_qualified(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """``Bezirksregierung Arnsberg``, ``Landgericht Berlin``: an authority and the place it serves."""
        heads = self.cues["place_qualified_heads"]
        by_start = {ent.start: ent for ent in ents}
        found = []
        for token in self.w:
            place = by_start.get(token.i + 1)
            if place is None or place.label_ != "PLACE" or not token.text[:1].isupper():
                continue
            if ends_with_head(token.text, heads) is None:
                continue
            owner = next((ent for ent in ents if ent.start <= token.i < ent.end), None)
            if owner is not None and owner.label_ != "ORG" and source_of(doc, owner) == "rule":
                continue
            found.append(Span(doc, token.i, place.end, label="ORG"))
        return found

    def _clubs(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """``SV Mattersburg``, ``1. FC Köln``, ``Inter Miami CF``: sports clubs."""
        prefixes, suffixes = self.cues["club_prefixes"], self.cues["club_suffixes"]
        found = []
        for token in self.w:
            if token.text in prefixes and token.i + 1 < len(doc) and self.w[token.i + 1].text[:1].isupper():
                start = token.i - 1 if token.i > 0 and re.match(r"^\d\.$", self.w[token.i - 1].text) else token.i
                end = token.i + 1
                while (
                    end < len(doc)
                    and end - token.i <= 3
                    and self.w[end].text[:1].isupper()
                    and not self.w[end].is_punct
                ):
                    if self.w[end].text.lower() in _DETERMINERS or (
                        self.w[end].text.casefold() in self.common and end > token.i + 1
                    ):
                        break
                    end += 1
                if end > token.i + 1:
                    found.append(Span(doc, start, end, label="ORG"))
            elif token.text in suffixes and token.i > 0 and not token.text.isdigit():
                start = token.i
                while (
                    start > 0
                    and token.i - start < 3
                    and self.is_name_like(self.w[start - 1])
                    and not self.w[start].is_sent_start
                ):
                    start -= 1
                if start < token.i:
                    found.append(Span(doc, start, token.i + 1, label="ORG"))
        return found

    def _media_titles(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A newspaper's quoted title: ``der „Neuen Osnabrücker Zeitung“``, ``sagte er der „Welt“``."""
        heads, reports = self.cues["media_heads"], self.cues["report_words"]
        found = []
        for token in self.w:
            if (
                token.text not in _QUOTES
                or token.i == 0
                or self.w[token.i - 1].text.lower() not in _DETERMINERS | {"laut"}
            ):
                continue
            end = token.i + 1
            while end < len(doc) and end - token.i <= 5 and self.w[end].text not in _QUOTES:
                if not (self.w[end].text[:1].isupper() or self.w[end].text in ("am", "der", "für", "&")):
                    break
                end += 1
            if end >= len(doc) or self.w[end].text not in _QUOTES or end == token.i + 1:
                continue
            last = self.w[end - 1].text.lower()
            near = {self.w[i].text.lower() for i in range(max(0, token.i - 4), min(len(doc), end + 4))}
            if ends_with_head(last, heads) is None or not (
                near & reports or ends_with_head(last, heads) == last.rstrip("sn")
            ):
                continue
            found.append(Span(doc, token.i + 1, end, label="ORG"))
        return found

    def _acronyms(self, doc: Doc, ents: dict[tuple[int, int], Span]) -> None:
        """``Bundesagentur für Arbeit (BA)``: the acronym in brackets names the same organisation."""
        for (start, end), ent in list(ents.items()):
            if ent.label_ != "ORG" or end + 2 >= len(doc) or self.w[end].text != "(" or self.w[end + 2].text != ")":
                continue
            acronym = self.w[end + 1]
            if not (_ACRONYM.match(acronym.text) or self.is_name_like(acronym)) or len(acronym.text) > 10:
                continue
            if any(k[0] <= acronym.i < k[1] for k in ents):
                continue
            entity_id = ent.id_ or f"org:{slug(ent.text)}"  # one id for both: linking keeps them together
            if not ent.id_:
                ents[(start, end)] = Span(doc, start, end, label="ORG", span_id=entity_id)
                mark_source(doc, ents[(start, end)], source_of(doc, ent))
            span = Span(doc, acronym.i, acronym.i + 1, label="ORG", span_id=entity_id)
            ents[(span.start, span.end)] = span
            mark_source(doc, span, "rule")

    def _compound_parts(self, doc: Doc) -> None:
        """``Wirecard-Aktie``, ``Huawei-Finanzchefin``: the name before an organisation's compound head."""
        heads = self.cues["compound_heads"]
        inside = {token.i for ent in doc.ents for token in ent}
        parts = doc.user_data.setdefault(PARTS_KEY, [])
        taken = {part[0] for part in parts}
        for token in self.w:
            if token.i in inside or token.idx in taken or "-" not in token.text[1:-1]:
                continue
            first, rest = token.text.split("-", 1)
            if "-" in rest or rest.lower() not in heads or first in self.first_names:
                continue
            if not (_ACRONYM.match(first) or (first[:1].isupper() and first.casefold() not in self.common)):
                continue
            if len(first) < 2 or first.lower() in self.lowercase:
                continue
            parts.append([token.idx, token.idx + len(first), "ORG", None])


@Language.factory("newslens_org_rules")
def make_org_rules(nlp: Language, name: str) -> OrgRules:
    """Organisations from descriptors, legal forms, remits, places served, clubs, acronyms and titles."""
    return OrgRules(name)
