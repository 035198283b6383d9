"""Link mentions across the corpus: one id per real-world entity.

Steps, all on plain records (no spaCy):

1. **Cluster** mentions by entity: rule matches carry canonical ids
   (``place:moscow``, ``weapon:patriot``); other names are keyed by
   :func:`core.names.name_key`, which folds inflection, case and
   transliteration (``Selenskyj`` = ``Zelensky``). A surname alone joins the
   full name that ends in it (``Trump`` -> ``Donald Trump``).
2. **Vote** one label per cluster over all its mentions; rule matches and
   role nouns count more (a surname tagged PERSON six times and PLACE once is
   a PERSON).
3. **Repeat**: untagged occurrences of a confidently tagged name become
   mentions too, including names inside compounds (``Kreml`` in
   ``Kreml-Sprecher``).
4. **User choices** from the overrides file merge or split entities.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from core.lexicon import gazetteer_patterns, place_adjectives, place_names
from core.models import AnnotatedArticle, Entity, Mention
from core.names import name_key, slug, strip_genitive
from core.overrides import EntityOverrides
from core.quotes.speakers import SpeakerResolver
from core.weapon_lexicon import generic_name, weapon_lexicon

NAME_LABELS = ("PERSON", "PLACE", "ORG")
# Evidence weights for the label vote.
RULE_WEIGHT = 3
ROLE_WEIGHT = 3
MIN_REPEAT_LENGTH = 3


@dataclass
class Cluster:
    """Mentions believed to name one entity, before ids are final."""

    key: str
    canonical_id: str | None = None
    members: list[tuple[int, int]] = field(default_factory=list)  # (article index, mention index)
    member_texts: dict[tuple[int, int], str] = field(default_factory=dict)
    votes: Counter = field(default_factory=Counter)
    texts: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    weapon_kind: str | None = None


@dataclass
class LinkedCorpus:
    """Articles with corpus-wide entity ids, and the entities."""

    articles: list[AnnotatedArticle]
    entities: list[Entity]


@dataclass
class FullNames:
    """Full person names of the corpus, by their last and by their first word (also per article),
    and the short forms of organisations' names (``Sinovac`` for ``Sinovac Biotech``, the
    acronym ``FWG`` for ``Freie Wählergemeinschaft``, ``Mattersburg`` for ``SV Mattersburg``)."""

    by_surname: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    by_first_name: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    in_article: dict[tuple[int, str], Counter] = field(default_factory=lambda: defaultdict(Counter))
    org_short: dict[tuple[int, str], Counter] = field(default_factory=lambda: defaultdict(Counter))
    org_first: dict[tuple[int, str], Counter] = field(default_factory=lambda: defaultdict(Counter))

    @classmethod
    def collect(cls, articles: Sequence[AnnotatedArticle], known: set[str]) -> FullNames:
        names = cls()
        for a_index, article in enumerate(articles):
            for mention in article.mentions:
                words = strip_genitive(mention.text, known).split()
                if len(words) < 2 or (mention.entity and mention.label != "ORG"):
                    continue
                full = mention.entity or name_key(" ".join(words))
                if mention.label == "PERSON":
                    names.by_surname[name_key(words[-1])][full] += 1
                    names.by_first_name[name_key(words[0])][full] += 1
                    names.in_article[(a_index, name_key(words[0]))][full] += 1
                elif mention.label == "ORG":
                    for short in org_short_forms(words):
                        names.org_short[(a_index, name_key(short))][full] += 1
                    names.org_first[(a_index, name_key(words[0]))][full] += 1
        return names

    def owner(self, key: str, label: str, article: int = -1) -> str | None:
        """The full name a one-word name stands for: a surname, a first name used by one person only
        (in its article, else in the corpus), or the short form of an organisation in its article."""
        if label == "ORG":
            owners = self.org_short.get((article, key))
            return next(iter(owners)) if owners and len(owners) == 1 else None
        if key in self.by_surname:
            return self.by_surname[key].most_common(1)[0][0]
        if label != "PERSON":
            return None
        for owners in (self.in_article.get((article, key)), self.by_first_name.get(key)):
            if owners and len(owners) == 1:
                return next(iter(owners))
        return None


_ORG_LINK_WORDS = frozenset({"für", "der", "des", "und", "von", "the", "of", "for", "and", "de"})
_CLUB_PREFIXES = frozenset({"FC", "SV", "SC", "TSV", "VfB", "VfL", "TSG", "FSV", "SSV", "BSC", "SG", "TuS", "1."})


def org_short_forms(words: list[str]) -> list[str]:
    """Short forms an article may use for a multi-word organisation: its first word (or the
    first part of a hyphenated first word: ``Ifo`` of ``Ifo-Institut``), the name after a club
    prefix, and its acronym from the initials of its words and their compound parts."""
    forms = [words[0], words[0].split("-")[0]] if words[0] not in _CLUB_PREFIXES else [" ".join(words[1:])]
    content = [word for word in words if word not in _ORG_LINK_WORDS]
    initials = "".join(part[:1] for word in content for part in word.split("-") if part[:1].isupper())
    if len(initials) >= 2:
        forms.append(initials.upper())
    return [form for form in dict.fromkeys(forms) if len(form) >= 2]


def is_acronym_of(acronym: str, name: str) -> bool:
    """``FWG`` of ``Freie Wählergemeinschaft``, ``VHS`` of ``Volkshochschule``: the letters of the
    acronym in order in the name, the first letters equal, every content word used."""
    letters = acronym.casefold()
    words = [word for word in name.split() if word not in _ORG_LINK_WORDS]
    if not (2 <= len(letters) <= 6) or not words or letters[0] != words[0][:1].casefold():
        return False
    position, text = 0, name.casefold()
    starts = {text.find(word.casefold()) for word in words}
    used: set[int] = set()
    for letter in letters:
        position = text.find(letter, position)
        if position < 0:
            return False
        used |= {start for start in starts if start <= position}
        position += 1
    return used == starts


def _canonical_names(articles: Sequence[AnnotatedArticle], known: set[str]) -> dict[str, str]:
    """Name key -> canonical id, from mentions that rules linked (``Moskau`` -> ``place:moscow``)."""
    canonical: dict[str, Counter] = defaultdict(Counter)
    for article in articles:
        for mention in article.mentions:
            if mention.entity and mention.label != "WEAPON":
                canonical[name_key(strip_genitive(mention.text, known))][mention.entity] += 1
    return {key: ids.most_common(1)[0][0] for key, ids in canonical.items()}


def _cluster_key(mention: Mention, known: set[str], full_names: FullNames, canonical: dict[str, str],
                 keys: set[str], article: int = -1) -> str:  # fmt: skip
    if mention.entity:
        return mention.entity
    key = name_key(strip_genitive(mention.text, known))
    if key.endswith("s") and key[:-1] in keys:
        key = key[:-1]  # "Europäischen Gerichtshofs" beside "Europäische Gerichtshof"
    if key in canonical:
        return canonical[key]
    if " " not in key and (owner := full_names.owner(key, mention.label, article)):
        return owner if ":" in owner else f"name:{owner}"
    if " " not in key and mention.label != "ORG" and mention.source == "model":
        owners = full_names.org_first.get((article, key))  # "Sinovac" (tagged PLACE) beside "Sinovac Biotech"
        if owners and len(owners) == 1:
            owner = next(iter(owners))
            return owner if ":" in owner else f"name:{owner}"
    if mention.label == "ORG" and " " not in mention.text and mention.text.isupper():
        owners = full_names.org_short.get((article, key))  # an acronym found by its letters
        if owners and len(owners) == 1:
            return next(iter(owners))
    return f"name:{key}"


def _add_acronyms(articles: Sequence[AnnotatedArticle], full_names: FullNames) -> None:
    """Acronyms an article uses for one of its organisations (``FWG``, ``BFV``, ``VHS``)."""
    for a_index, article in enumerate(articles):
        longs = {m.text: m.entity or name_key(m.text) for m in article.mentions if m.label == "ORG" and " " in m.text}
        for mention in article.mentions:
            text = mention.text
            if mention.label != "ORG" or not text.isupper() or (a_index, name_key(text)) in full_names.org_short:
                continue
            owners = {owner for name, owner in longs.items() if is_acronym_of(text, name)}
            if len(owners) == 1:
                full_names.org_short[(a_index, name_key(text))][owners.pop()] += 1


def build_clusters(articles: Sequence[AnnotatedArticle]) -> dict[str, Cluster]:
    """Group every mention of the corpus into clusters and count their evidence."""
    known = {mention.text for article in articles for mention in article.mentions}
    full_names = FullNames.collect(articles, known)
    canonical = _canonical_names(articles, known)
    keys = {name_key(text) for text in known}
    _add_acronyms(articles, full_names)
    clusters: dict[str, Cluster] = {}
    for a_index, article in enumerate(articles):
        for m_index, mention in enumerate(article.mentions):
            key = _cluster_key(mention, known, full_names, canonical, keys, a_index)
            cluster = clusters.setdefault(
                key, Cluster(key, canonical_id=key if ":" in key and not key.startswith("name:") else None)
            )
            cluster.members.append((a_index, m_index))
            cluster.member_texts[(a_index, m_index)] = strip_genitive(mention.text, known)
            weight = RULE_WEIGHT if mention.source == "rule" else 1
            if mention.role:
                cluster.votes["PERSON"] += ROLE_WEIGHT
                cluster.roles[mention.role] += 1
            cluster.votes[mention.label] += weight
            cluster.texts[strip_genitive(mention.text, known)] += 1
            cluster.weapon_kind = cluster.weapon_kind or mention.kind
    return clusters


def _display_name(cluster: Cluster) -> str:
    """The catalogue name of a weapon; else the most complete spelling, then the most frequent."""
    kind, _, ident = (cluster.canonical_id or "").partition(":")
    if kind == "weapon" and ident in weapon_lexicon().systems:
        return weapon_lexicon().systems[ident].name
    if kind == "weapon-generic":
        return generic_name(ident)
    best = max(cluster.texts, key=lambda text: (len(text.split()), cluster.texts[text], -len(text)))
    variants = [*cluster.texts, *gazetteer_forms().get(cluster.canonical_id or "", ())]
    same = [text for text in variants if name_key(text) == name_key(best)]
    return min(same, key=lambda text: (_declension_rank(text), text != best))


def _declension_rank(name: str) -> int:
    """How far a name is from its nominative title form: declined adjectives before the noun
    (``Vereinigten Staaten``, ``Europäischen Gerichtshof``) rank after ``Europäischer
    Gerichtshof``, ``Weißes Haus``, ``Vereinigte Staaten``."""
    rank = 0
    for word in name.split()[:-1]:
        if word[:1].isupper() and len(word) > 4 and not word.endswith(("er", "es")):
            rank += 1 if word.endswith("e") else 2 if word.endswith(("en", "em")) else 0
    return rank


@cache
def gazetteer_forms() -> dict[str, tuple[str, ...]]:
    """Gazetteer id -> its patterns (the nominative among them names the entity)."""
    forms: dict[str, list[str]] = defaultdict(list)
    for record in gazetteer_patterns():
        forms[record["id"]].append(record["pattern"])
    return {key: tuple(value) for key, value in forms.items()}


def _weapon_class(entity_id: str) -> str | None:
    kind, _, ident = entity_id.partition(":")
    system = weapon_lexicon().systems.get(ident) if kind == "weapon" else None
    return system.weapon_class if system else None


def _entity_id(cluster: Cluster, label: str, name: str, taken: set[str]) -> str:
    if cluster.canonical_id:
        return cluster.canonical_id
    base = f"{label.lower()}:{slug(name)}"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _repeatable(text: str, cluster: Cluster) -> bool:
    """Names safe to look for elsewhere: capitalised and long, or a curated acronym."""
    if len(text) >= MIN_REPEAT_LENGTH and text[:1].isupper():
        return True
    return len(text) == 2 and text.isupper() and cluster.canonical_id is not None


def _repeat_pattern(names: dict[str, tuple[str, str]]) -> re.Pattern[str] | None:
    """One regex for every confident name and its genitive, longest first."""
    forms = sorted(names, key=len, reverse=True)
    if not forms:
        return None
    alternation = "|".join(re.escape(form) for form in forms)
    return re.compile(rf"(?<![\w-])(?:{alternation})(?!\w)")


def _tag_repeats(
    article: AnnotatedArticle, mentions: list[Mention], pattern: re.Pattern[str] | None, names: dict
) -> list[Mention]:
    if pattern is None:
        return mentions
    occupied = [(m.start, m.end) for m in mentions]
    added = []
    for match in pattern.finditer(article.text):
        start, end = match.span()
        if any(s < end and start < e for s, e in occupied):
            continue
        label, entity_id = names[match.group()]
        added.append(Mention(start=start, end=end, text=match.group(), label=label, entity=entity_id, source="linking"))
    return sorted([*mentions, *added], key=lambda m: m.start)


@cache
def _adjective_pattern() -> re.Pattern[str]:
    stems = sorted(place_adjectives(), key=len, reverse=True)
    forms = "|".join(re.escape(form) for stem in stems for form in (stem, stem[:1].upper() + stem[1:]))
    return re.compile(rf"(?<![\w-])({forms})(?:e|en|er|es|em)(?![\w-])")


def _tag_adjectives(
    article: AnnotatedArticle, mentions: list[Mention], info: dict[str, tuple[Cluster, str, str]]
) -> list[Mention]:
    """``die russischen Truppen``: the adjective as a PLACE mention of the country (opt-in)."""
    occupied = [(m.start, m.end) for m in mentions]
    stems = {stem.casefold(): place for stem, place in place_adjectives().items()}
    added = []
    for match in _adjective_pattern().finditer(article.text):
        start, end = match.span()
        if any(s < end and start < e for s, e in occupied):
            continue
        place = stems[match.group(1).casefold()]
        if place not in info:  # a country known only by its adjective still gets an entity
            name = place_names().get(place, match.group(1))
            info[place] = (Cluster(place, canonical_id=place, votes=Counter(PLACE=1), texts=Counter({name: 0})),
                           "PLACE", name)  # fmt: skip
        added.append(Mention(start=start, end=end, text=match.group(), label="PLACE", entity=place, source="linking"))
    return sorted([*mentions, *added], key=lambda m: m.start)


def link(
    articles: Sequence[AnnotatedArticle],
    overrides: EntityOverrides | None = None,
    *,
    consume: bool = False,
    place_adjectives: bool = False,
) -> LinkedCorpus:
    """Assign corpus-wide entity ids and labels; build the entity list.

    With ``consume`` (``articles`` must be a list), each input article is
    dropped from the list once its linked copy exists, so a large corpus is
    never held twice in memory. With ``place_adjectives``, adjective forms of
    countries (``russischen``) become mentions of the country.
    """
    clusters = build_clusters(articles)
    if overrides is not None:
        clusters = overrides.apply(clusters)
    assignment: dict[tuple[int, int], tuple[str, str]] = {}
    repeat_names: dict[str, tuple[str, str]] = {}
    taken: set[str] = set()
    info: dict[str, tuple[Cluster, str, str]] = {}
    for cluster in sorted(clusters.values(), key=lambda c: (-len(c.members), c.key)):
        label = "WEAPON" if cluster.key.startswith("weapon") else cluster.votes.most_common(1)[0][0]
        name = _display_name(cluster)
        entity_id = _entity_id(cluster, label, name, taken)
        taken.add(entity_id)
        info[entity_id] = (cluster, label, name)
        for member in cluster.members:
            assignment[member] = (entity_id, label)
        # curated ids (gazetteers) are confident at once; other names once seen twice
        confident = cluster.canonical_id is not None or len(cluster.members) > 1 or cluster.votes.total() >= RULE_WEIGHT
        if label in NAME_LABELS and confident:
            for text in cluster.texts:
                if _repeatable(text, cluster):
                    for form in (text, text + "s") if not text.endswith("s") else (text,):
                        repeat_names.setdefault(form, (label, entity_id))
    pattern = _repeat_pattern(repeat_names)

    speakers = SpeakerResolver.build(info)
    linked_articles = []
    for a_index, article in enumerate(articles):
        mentions = []
        for m_index, mention in enumerate(article.mentions):
            entity_id, label = assignment[(a_index, m_index)]
            mentions.append(mention.model_copy(update={"entity": entity_id, "label": label}))
        mentions = _tag_repeats(article, mentions, pattern, repeat_names)
        if place_adjectives:
            mentions = _tag_adjectives(article, mentions, info)
        quotes = speakers.resolve(article.quotes, article.text, mentions)
        linked_articles.append(article.model_copy(update={"mentions": tuple(mentions), "quotes": quotes}))
        if consume:
            articles[a_index] = None  # type: ignore[index]
    return LinkedCorpus(linked_articles, _entities(linked_articles, info))


def _entities(articles: Sequence[AnnotatedArticle], info: dict[str, tuple[Cluster, str, str]]) -> list[Entity]:
    counts: Counter = Counter()
    texts: dict[str, Counter] = defaultdict(Counter)
    seen_in: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        for mention in article.mentions:
            counts[mention.entity] += 1
            texts[mention.entity][mention.text] += 1
            if article.id not in seen_in[mention.entity]:
                seen_in[mention.entity].append(article.id)
    entities = []
    for entity_id, (cluster, label, name) in info.items():
        if not counts[entity_id]:
            continue
        aliases = tuple(sorted(text for text in texts[entity_id] if text != name))
        entities.append(
            Entity(
                id=entity_id,
                label=label,
                name=name,
                aliases=aliases,
                mentions=counts[entity_id],
                articles=tuple(seen_in[entity_id]),
                kind=cluster.weapon_kind if label == "WEAPON" else None,
                roles=tuple(role for role, _ in cluster.roles.most_common()),
                weapon_class=_weapon_class(entity_id),
            )
        )
    entities.sort(key=lambda e: (e.label, -e.mentions, e.name))
    return entities
