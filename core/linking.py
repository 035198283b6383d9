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

The steps run as map and reduce, so that a corpus too large for one process
links by the same rules (core.scale). What names mean corpus-wide (known
spellings, surnames, rule ids) comes from the corpus's distinct mentions
(:class:`~core.linking_parts.Evidence`, which parts merge) as a
:class:`NameContext`; with it, each article's mentions get their cluster keys
on their own (article-local rules: first names, short forms and acronyms of
the article's organisations); the keyed evidence of all parts gives the
clusters, votes and ids (:func:`resolve`, the reduce); the
:class:`Resolution` links any article on its own, and an
:class:`~core.linking_parts.EntityTally` of the linked articles (parts merge)
gives the entities. :func:`link` runs that path over the corpus as one part.
Corpus-wide evidence goes in :meth:`FullNames.collect`, an article's own in
:meth:`FullNames.with_article`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, field
from functools import cache

from core.corrections.apply import untag_matches
from core.corrections.models import Untag
from core.lexicon import gazetteer_patterns, place_adjectives, place_names
from core.linking_parts import EntityTally, Evidence, Member, Signature
from core.models import AnnotatedArticle, Entity, Mention, Quote
from core.name_aliases import article_aliases, is_acronym_of, org_short_forms, place_initialisms
from core.names import name_key, slug, strip_genitive
from core.overrides import EntityOverrides, refers_to
from core.quotes.speakers import RoleIndex, SpeakerResolver
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
    members: Counter = field(default_factory=Counter)  # (text, label, rule id, cluster key) -> mentions
    member_texts: dict[Member, str] = field(default_factory=dict)
    votes: Counter = field(default_factory=Counter)
    texts: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    weapon_kind: str | None = None
    label: str | None = None
    """The label the user gave it (``[[relabel]]``), which beats the vote."""

    @property
    def size(self) -> int:
        """Number of mentions in the cluster."""
        return self.members.total()


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
    aliases: dict[tuple[int, str], str] = field(default_factory=dict)
    """(article, name key) -> cluster key: a spelling the article uses for one of its own names
    (an acronym or short form of a listed name, a misspelt surname; see :mod:`core.name_aliases`)."""

    @classmethod
    def collect(cls, signatures: Sequence[tuple[Signature, int]], known: set[str]) -> FullNames:
        """The corpus-wide names, from the corpus's distinct mentions in first-seen order."""
        names = cls()
        for (text, label, entity, *_), count in signatures:
            words = strip_genitive(text, known).split()
            if len(words) < 2 or (entity and label != "ORG"):
                continue
            full = entity or name_key(" ".join(words))
            if label == "PERSON":
                names.by_surname[name_key(words[-1])][full] += count
                names.by_first_name[name_key(words[0])][full] += count
        return names

    def with_article(self, a_index: int, article: AnnotatedArticle, known: set[str]) -> FullNames:
        """These names and those ``article`` (at ``a_index``) defines for itself: its people's
        first names, its organisations' short forms, first words and acronyms."""
        names = FullNames(self.by_surname, self.by_first_name)
        for mention in article.mentions:
            words = strip_genitive(mention.text, known).split()
            if len(words) < 2 or (mention.entity and mention.label != "ORG"):
                continue
            full = mention.entity or name_key(" ".join(words))
            if mention.label == "PERSON":
                names.in_article[(a_index, name_key(words[0]))][full] += 1
            elif mention.label == "ORG":
                for short in org_short_forms(words):
                    names.org_short[(a_index, name_key(short))][full] += 1
                names.org_first[(a_index, name_key(words[0]))][full] += 1
        _add_acronyms(a_index, article, names)
        names.aliases = article_aliases(a_index, article, known, self.by_surname)
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


def _canonical_names(signatures: Sequence[tuple[Signature, int]], known: set[str]) -> dict[str, str]:
    """Name key -> canonical id, from mentions that rules linked (``Moskau`` -> ``place:moscow``)."""
    canonical: dict[str, Counter] = defaultdict(Counter)
    for (text, label, entity, *_), count in signatures:
        if entity and label != "WEAPON":
            canonical[name_key(strip_genitive(text, known))][entity] += count
    found = {key: ids.most_common(1)[0][0] for key, ids in canonical.items()}
    places = {strip_genitive(text, known): entity for (text, label, entity, *_), _ in signatures
              if entity and label == "PLACE"}  # fmt: skip
    acronyms = {text for (text, label, entity, *_), _ in signatures if label == "PLACE" and not entity
                and text.isupper() and name_key(text) not in found}  # fmt: skip
    for acronym, place in place_initialisms(places, sorted(acronyms)).items():
        found[name_key(acronym)] = place  # "NRW" beside a listed "Nordrhein-Westfalen"
    return found


def _cluster_key(mention: Mention, known: set[str], full_names: FullNames, canonical: dict[str, str],
                 keys: set[str], article: int = -1) -> str:  # fmt: skip
    if mention.entity:
        return mention.entity
    key = name_key(strip_genitive(mention.text, known))
    if key.endswith("s") and key[:-1] in keys:
        key = key[:-1]  # "Europäischen Gerichtshofs" beside "Europäische Gerichtshof"
    if (alias := full_names.aliases.get((article, key))) is not None:
        return alias
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


def _add_acronyms(a_index: int, article: AnnotatedArticle, full_names: FullNames) -> None:
    """Acronyms an article uses for one of its organisations (``FWG``, ``BFV``, ``VHS``)."""
    longs = {m.text: m.entity or name_key(m.text) for m in article.mentions if m.label == "ORG" and " " in m.text}
    for mention in article.mentions:
        text = mention.text
        if mention.label != "ORG" or not text.isupper() or (a_index, name_key(text)) in full_names.org_short:
            continue
        owners = {owner for name, owner in longs.items() if is_acronym_of(text, name)}
        if len(owners) == 1:
            full_names.org_short[(a_index, name_key(text))][owners.pop()] += 1


@dataclass
class NameContext:
    """What the whole corpus says about names, from its distinct mentions: enough to give any
    article's mentions their cluster keys on its own."""

    known: set[str]
    """Every mention text (a genitive ``Putins`` is ``Putin`` only if ``Putin`` is known)."""
    keys: set[str]
    """Their name keys."""
    canonical: dict[str, str]
    """Name key -> the rule id most mentions with that key carry."""
    full_names: FullNames
    """Full person names by surname and first name (corpus-wide)."""

    @classmethod
    def of(cls, evidence: Evidence) -> NameContext:
        signatures = evidence.in_order()
        known = {signature[0] for signature, _ in signatures}
        return cls(known, {name_key(text) for text in known}, _canonical_names(signatures, known),
                   FullNames.collect(signatures, known))  # fmt: skip

    def cluster_keys(self, article: AnnotatedArticle) -> list[str]:
        """The cluster key of each of the article's mentions."""
        names = self.full_names.with_article(0, article, self.known)
        return [_cluster_key(m, self.known, names, self.canonical, self.keys, 0) for m in article.mentions]


def build_clusters(keyed: Evidence, context: NameContext) -> dict[str, Cluster]:
    """Group every mention of the corpus into clusters and count their evidence.

    ``keyed`` is the evidence with each mention's cluster key (:meth:`NameContext.cluster_keys`),
    taken in the order the corpus first shows each signature, so every tie (the first spelling
    seen wins) falls as it would mention by mention.
    """
    known = context.known
    clusters: dict[str, Cluster] = {}
    for (text, label, entity, source, role, kind, key), count in keyed.in_order():
        member = (text, label, entity, key)
        cluster = clusters.setdefault(
            key, Cluster(key, canonical_id=key if ":" in key and not key.startswith("name:") else None)
        )
        cluster.members[member] += count
        cluster.member_texts[member] = strip_genitive(text, known)
        weight = RULE_WEIGHT if source == "rule" else 1
        if role:
            cluster.votes["PERSON"] += ROLE_WEIGHT * count
            cluster.roles[role] += count
        cluster.votes[label] += weight * count
        cluster.texts[strip_genitive(text, known)] += count
        cluster.weapon_kind = cluster.weapon_kind or kind
    return clusters


def _display_name(cluster: Cluster) -> str:
    """The catalogue name of a weapon; else the most complete spelling (of the gazetteer's forms, if the
    entity is listed), then the most frequent."""
    kind, _, ident = (cluster.canonical_id or "").partition(":")
    if kind == "weapon" and ident in weapon_lexicon().systems:
        return weapon_lexicon().systems[ident].name
    if kind == "weapon-generic":
        return generic_name(ident)
    listed = gazetteer_forms().get(cluster.canonical_id or "", ())
    # a gazetteer entity is named by one of its own forms ("Volkswagen", not "VW Pkw" of "Kernmarke VW Pkw")
    texts = [text for text in cluster.texts if text in listed] or cluster.texts
    best = max(texts, key=lambda text: (len(text.split()), cluster.texts[text], -len(text)))
    variants = [*cluster.texts, *listed]
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
    article: AnnotatedArticle, mentions: list[Mention], known: Container[str]
) -> tuple[list[Mention], dict[str, str]]:
    """``die russischen Truppen``: the adjective as a PLACE mention of the country (opt-in).

    Also returns the countries that are not ``known`` entities, with their names: a country
    known only by its adjective still gets an entity (:meth:`Resolution.entities`).
    """
    occupied = [(m.start, m.end) for m in mentions]
    stems = {stem.casefold(): place for stem, place in place_adjectives().items()}
    added, found = [], {}
    for match in _adjective_pattern().finditer(article.text):
        start, end = match.span()
        if any(s < end and start < e for s, e in occupied):
            continue
        place = stems[match.group(1).casefold()]
        if place not in known and place not in found:
            found[place] = place_names().get(place, match.group(1))
        added.append(Mention(start=start, end=end, text=match.group(), label="PLACE", entity=place, source="linking"))
    return sorted([*mentions, *added], key=lambda m: m.start), found


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
    context = NameContext.of(Evidence.of(articles))
    keys = [context.cluster_keys(article) for article in articles]
    resolution = resolve(Evidence.of(articles, cluster_keys=keys), context, overrides)
    tally = EntityTally()
    linked_articles = []
    for a_index, article in enumerate(articles):
        linked, places = resolution.apply(article, keys[a_index], place_adjectives=place_adjectives)
        tally.add(linked, a_index, places)
        linked_articles.append(linked)
        if consume:
            articles[a_index] = None  # type: ignore[index]
    ids = [article.id for article in linked_articles]
    return LinkedCorpus(linked_articles, resolution.entities(tally, ids.__getitem__))


@dataclass(frozen=True)
class EntityInfo:
    """What linking decided about one entity: its label, name, weapon kind and roles."""

    label: str
    name: str
    kind: str | None = None
    roles: tuple[str, ...] = ()
    """Apposition roles, the most frequent first."""


@dataclass
class Resolution:
    """The reduce step's answer, which links any article of the corpus on its own."""

    context: NameContext
    assignment: dict[Member, tuple[str, str]]
    """(text, label, rule id, cluster key) of a mention -> its final (entity id, label)."""
    repeat_names: dict[str, tuple[str, str]]
    """Confident names (and their genitives) -> (label, entity id), to tag where untagged."""
    info: dict[str, EntityInfo]
    """Every entity, in the order ids were given (the most mentioned first)."""
    speakers: SpeakerResolver
    user_labelled: frozenset[str] = frozenset()
    """Entities the user relabelled: their mentions carry ``source = "user"``."""
    untag: tuple[Untag, ...] = ()
    """The user's untags: repeats and adjective forms that match one are not added."""
    speaker_ids: dict[str, str] = field(default_factory=dict)
    """The user's speaker references (casefolded) -> the entity id they name."""
    _pattern: re.Pattern[str] | None = field(default=None, repr=False)

    def __getstate__(self) -> dict:  # sent to workers without the (large) compiled pattern
        return {**self.__dict__, "_pattern": None}

    @property
    def pattern(self) -> re.Pattern[str] | None:
        if self._pattern is None and self.repeat_names:
            self._pattern = _repeat_pattern(self.repeat_names)
        return self._pattern

    def apply(self, article: AnnotatedArticle, keys: Sequence[str] | None = None, *,
              place_adjectives: bool = False) -> tuple[AnnotatedArticle, dict[str, str]]:  # fmt: skip
        """The linked article, and the countries it knows only by their adjective (place id -> name).

        ``keys`` are the article's cluster keys if already known (else they are worked out again).
        """
        keys = self.context.cluster_keys(article) if keys is None else keys
        mentions = []
        for mention, key in zip(article.mentions, keys, strict=True):
            entity_id, label = self.assignment[(mention.text, mention.label, mention.entity, key)]
            update = {"entity": entity_id, "label": label}
            if entity_id in self.user_labelled:
                update["source"] = "user"
            mentions.append(mention.model_copy(update=update))
        mentions = _tag_repeats(article, mentions, self.pattern, self.repeat_names)
        places: dict[str, str] = {}
        if place_adjectives:
            mentions, places = _tag_adjectives(article, mentions, self.info)
        if self.untag:
            mentions = [m for m in mentions if m.source not in ("propagated", "linking")
                        or not any(untag_matches(u, m, article.id) for u in self.untag)]  # fmt: skip
        quotes = self.speakers.resolve(article.quotes, article.text, mentions)
        if self.speaker_ids or any(q.source == "user" for q in quotes):
            quotes = tuple(self._user_speaker(q) for q in quotes)
        return article.model_copy(update={"mentions": tuple(mentions), "quotes": quotes}), places

    def _user_speaker(self, quote: Quote) -> Quote:
        """A quotation whose speaker the user set: the entity its words name (if any), by its name."""
        if quote.source != "user" or quote.speaker is None:
            return quote
        entity_id = self.speaker_ids.get(quote.speaker.casefold())
        if entity_id is None:
            return quote.model_copy(update={"speaker_entity": None})
        return quote.model_copy(update={"speaker_entity": entity_id, "speaker": self.info[entity_id].name})

    def entities(self, tally: EntityTally, article_id: Callable[[int], str]) -> list[Entity]:
        """The entity list of the linked corpus ``tally`` counted; ``article_id`` maps positions to ids."""
        info = dict(self.info)
        for place, (_first, name) in sorted(tally.places.items(), key=lambda item: item[1][0]):
            info.setdefault(place, EntityInfo("PLACE", name))
        return _entities(tally, info, article_id)


def resolve(keyed: Evidence, context: NameContext, overrides: EntityOverrides | None = None) -> Resolution:
    """Clusters, labels, ids and repeat names of the whole corpus from its keyed evidence (the reduce step)."""
    clusters = build_clusters(keyed, context)
    if overrides is not None:
        clusters = overrides.apply(clusters)
    assignment: dict[Member, tuple[str, str]] = {}
    repeat_names: dict[str, tuple[str, str]] = {}
    taken: set[str] = set()
    info: dict[str, EntityInfo] = {}
    role_sets: dict[str, set[str]] = {}
    user_labelled: set[str] = set()
    speaker_refs = {s.entity.casefold(): s.entity for s in (overrides.speaker if overrides else ()) if s.entity}
    speaker_ids: dict[str, str] = {}
    for cluster in sorted(clusters.values(), key=lambda c: (-c.size, c.key)):
        label = cluster.label or ("WEAPON" if cluster.key.startswith("weapon") else cluster.votes.most_common(1)[0][0])
        name = _display_name(cluster)
        entity_id = _entity_id(cluster, label, name, taken)
        taken.add(entity_id)
        if cluster.label:
            user_labelled.add(entity_id)
        for folded, reference in speaker_refs.items():
            if folded not in speaker_ids and (folded == entity_id.casefold() or refers_to(reference, cluster)):
                speaker_ids[folded] = entity_id
        info[entity_id] = EntityInfo(label, name, cluster.weapon_kind,
                                     tuple(role for role, _ in cluster.roles.most_common()))  # fmt: skip
        role_sets[entity_id] = set(cluster.roles)
        for member in cluster.members:
            assignment[member] = (entity_id, label)
        # curated ids (gazetteers) are confident at once; other names once seen twice
        confident = cluster.canonical_id is not None or cluster.size > 1 or cluster.votes.total() >= RULE_WEIGHT
        if label in NAME_LABELS and confident:
            for text in cluster.texts:
                if _repeatable(text, cluster):
                    for form in (text, text + "s") if not text.endswith("s") else (text,):
                        repeat_names.setdefault(form, (label, entity_id))
    return Resolution(context, assignment, repeat_names, info, SpeakerResolver(RoleIndex.build(role_sets)),
                      frozenset(user_labelled), overrides.untag if overrides else (), speaker_ids)  # fmt: skip


def _entities(tally: EntityTally, info: dict[str, EntityInfo], article_id: Callable[[int], str]) -> list[Entity]:
    entities = []
    for entity_id, found in info.items():
        if not tally.counts[entity_id]:
            continue
        aliases = tuple(sorted(text for text in tally.texts[entity_id] if text != found.name))
        entities.append(
            Entity(
                id=entity_id,
                label=found.label,
                name=found.name,
                aliases=aliases,
                mentions=tally.counts[entity_id],
                articles=tuple(article_id(position) for position in tally.positions(entity_id)),
                kind=found.kind if found.label == "WEAPON" else None,
                roles=found.roles,
                weapon_class=_weapon_class(entity_id),
            )
        )
    entities.sort(key=lambda e: (e.label, -e.mentions, e.name))
    return entities
