"""Organisation patterns for ``core/data/orgs.jsonl`` (used by build_gazetteers.py).

Three sources, merged into one id per organisation:

* ``gazetteer_src/orgs.jsonl`` — the original hand-reviewed list (NATO, Kreml, Bundestag,
  parties, agencies, defence firms …), copied as it is;
* ``gazetteer_src/orgs_curated.tsv`` — a broad curated list by category (companies that are
  not listed, media, authorities, institutes, associations, unions, international bodies,
  central banks, parties, clubs).  One line per organisation: ``slug = pattern | pattern …`` (id ``org:slug``);
  a line ``## category`` sets the category of the lines below it.  Single-token patterns
  go through the common-word rule below; a pattern prefixed with ``!`` was reviewed and is
  kept despite it (the reason is in a comment on that line or block);
* pytickersymbols — the members of 20 stock indices (DAX, MDAX, SDAX, TecDAX, EURO STOXX 50,
  S&P 500, FTSE 100, CAC 40, SMI, AEX, NIKKEI 225, …): the listed name and the name
  without its legal form (AG, SE, Inc., plc, N.V., Group, Holding …) where that rest is
  still distinctive.

The common-word rule for a single-token ORG form (the same resources as for places and
names): drop it when it is a German common noun (german-nouns), when its lowercase form
dominates in the Bundestag text, when it is an English word (wordfreq zipf_en >= ENGLISH_ZIPF
and >= ENGLISH_MARGIN above German), a given name, a place pattern, a role noun, or a short
acronym that is not from a core index.  Every drop is listed in gazetteer_dropped.txt.
"""

from __future__ import annotations

import collections
import json
import re
from pathlib import Path

SRC = Path(__file__).resolve().parent / "gazetteer_src"

# indices whose members are named constantly in German business news; members of the
# others (S&P 500 long tail, S&P 600, NIKKEI 225, CAC Mid 60) keep their multi-token forms
# and single tokens only when these are not English words at all (zipf_en < 3.0)
CORE_INDICES = {
    "DAX",
    "MDAX",
    "SDAX",
    "TecDAX",
    "EURO STOXX 50",
    "CAC_40",
    "FTSE 100",
    "Switzerland 20",
    "AEX",
    "BEL 20",
    "IBEX 35",
    "OMX Helsinki 25",
    "OMX Stockholm 30",
    "DOW JONES",
    "NASDAQ 100",
    "S&P 100",
}
ENGLISH_ZIPF = 4.0  # single-token forms at least this frequent in English are dropped
ENGLISH_ZIPF_BROAD = 3.0  # the same for members of the broad indices only
# ... and at least this much more frequent in English than in German: an English word
# ("Target", "Next", "Cactus") rather than a brand used in both (Sony, Canon, Nintendo)
ENGLISH_MARGIN = 1.0

# trailing legal forms / generic company words, stripped repeatedly from the end
LEGAL_TAIL = {
    "AG",
    "SE",
    "SA",
    "S.A.",
    "N.V.",
    "NV",
    "plc",
    "PLC",
    "Inc.",
    "Inc",
    "Corp.",
    "Corp",
    "Corporation",
    "Incorporated",
    "Company",
    "Companies",
    "Co.",
    "Co",
    "Ltd.",
    "Ltd",
    "Limited",
    "Group",
    "Gruppe",
    "Holding",
    "Holdings",
    "KGaA",
    "GmbH",
    "AB",
    "ASA",
    "Oyj",
    "S.p.A.",
    "SpA",
    "A/S",
    "SCA",
    "&",
    "and",
    "Parent",
    "N.A.",
    "S.A.F.",
}
# the name of the company as the index lists it, when that is itself wrong for news text
TICKER_RENAME = {
    "IndustrivärdenC": "Industrivärden",
    "EBay": "eBay",
    "EPlus": "ePlus",
    "Metso (2020–present)": "Metso",
    "Orpea-Gruppe": "Orpea",
    "Française des Jeux (Lotterie)": "Française des Jeux",
    "STABILUS SE": "Stabilus SE",
}
# reviewed: single-token company names that the rule would drop, but whose company reading
# dominates in German news (the other reading is rare there)
ORG_WORD_KEEP = {
    "Bayer": "noun 'Bayer' (a Bavarian) is rare in news; the Leverkusen company dominates",
    "Siemens": "the unit 'Siemens' is technical; the company dominates",
    "Henkel": "noun 'Henkel' (handle) is rare in news; the Düsseldorf company dominates",
    "Linde": "tree 'Linde' is rare in news; the gas company dominates",
    "Apple": "English word, but German says 'Apfel': 'Apple' is the company",
    "Shell": "English word, but in German text 'Shell' is the oil company",
    "Oracle": "English word, but in German text 'Oracle' is the software company",
    "Intel": "the chip maker",
    "Nvidia": "the chip maker",
    "Uber": "the ride-hailing company ('über' is written with an umlaut)",
    "Continental": "English adjective, but in German text the Hanover company",
    "Vodafone": "the telecom company",
}
# reviewed: forms refused although they pass the rule (another reading dominates)
ORG_FORM_DENY = {
    "Puma": "the Bundeswehr infantry fighting vehicle (a weapons pattern) and the animal",
    "Douglas": "given name",
    "Sto": "too short and ambiguous",
    "Box": "English/German word",
    "Stabilus": "kept as 'Stabilus SE' only",
    "Merck": "Merck KGaA (Darmstadt) and Merck & Co. (US) are different companies",
    "Next": "English word in English phrases ('Next Generation EU')",
    "Target": "English word",
    "Informa": "Italian/Spanish word",
    "Ventas": "Spanish word",
    "Elis": "given name",
    "Toho": "ambiguous",
    "Renk": "curated as its own id",
    "Recruit": "English word",
    "Segro": "ambiguous",
    "Mandatum": "Latin word",
    "Besi": "ambiguous short form",
    "Verve": "English word",
    "Viad": "ambiguous",
}
# reviewed groups of single-token forms that pass the rule but read otherwise in German news
for _reason, _words in {
    "surname": "Cummins Eaton Gartner Hawkins Knowles Koppers Pearson Rogers Rohm Rollins Tennant Weir Wiley",
    "English or Latin word": "Cactus Calix Compass Deluxe Diodes Diploma Integer Plexus Radian Sabre Travelers "
    "Universal Uniti Vestis Medios Ichor Concentra Avista",
    "place or landmark": "Alamo Corning Dover Everest Indus Palomar Argan Andersons",
    "too short or ambiguous": "Qt Kao Fox Matson",
}.items():
    for _w in _words.split():
        ORG_FORM_DENY[_w] = _reason


def legal_rest(name: str) -> str:
    """The name without a trailing legal form, descriptor in brackets or leading 'The'."""
    name = re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()
    name = re.sub(r",\s*(Inc\.?|Ltd\.?|Corp\.?|N\.A\.|LLC)$", "", name).strip()
    toks = name.split()
    while len(toks) > 1 and (toks[-1] in LEGAL_TAIL or toks[-1].rstrip(",") in LEGAL_TAIL):
        toks.pop()
    while toks and toks[-1] in {"&", "and", "of", "+"}:
        toks.pop()
    if len(toks) > 1 and toks[0] == "The":
        toks = toks[1:]
    return " ".join(toks).rstrip(",")


def declined(pattern: str, judge) -> list[str]:
    """German dative/genitive form of 'Deutsche Bahn'-type names: leading adjectives -> -en.

    'Deutsche Bahn' -> 'Deutschen Bahn', 'Freie Demokratische Partei' -> 'Freien
    Demokratischen Partei', 'Deutscher Gewerkschaftsbund' -> 'Deutschen Gewerkschaftsbund'.
    A leading token counts as an adjective when it ends in -ische/-ischer/-isches, or ends in
    -e/-er/-es and its -e form occurs in lower case in the Bundestag text (deutsche, freie).
    """
    toks = pattern.split()
    out = list(toks)
    for i, tok in enumerate(toks[:-1]):
        m = re.fullmatch(r"([A-ZÄÖÜ][a-zäöüß]{2,})(e|er|es)", tok)
        if not m or not toks[i + 1][:1].isupper():
            break
        base = (m.group(1) + "e").lower()
        if not base.endswith("ische") and judge.c.total[base] < 3:
            break
        out[i] = m.group(1) + "en"
    return [" ".join(out)] if out != toks else []


class OrgBuilder:
    """Merges the three sources; filters single-token forms by the common-word rule."""

    def __init__(self, judge, dropped, tokenize):
        self.j = judge
        self.d = dropped
        self.tokenize = tokenize
        self.rows: dict[str, tuple[str, str]] = {}  # pattern -> (id, type)
        self.src_counts = collections.Counter()
        self.categories: set[str] = set()
        self.reviewed: set[str] = set()  # forms listed in a reviewed list or marked "!"

    # -- sources -------------------------------------------------------------
    def base_list(self, first_names: set) -> None:
        lines = (SRC / "orgs.jsonl").read_text(encoding="utf-8").splitlines()
        self.reviewed |= {json.loads(line)["pattern"] for line in lines if line.strip()}
        for i, line in enumerate(lines, 1):
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
            p = r["pattern"]
            if p.isupper() and p.isalpha() and len(p) >= 4:
                # reviewed list: only a title-case form that is an ordinary word is refused
                # (BILD -> Bild, SPIEGEL -> Spiegel); a given name (ISIS -> Isis) is accepted
                reason = self.form_reason(p, set(), set(), set(), core=True)
                if reason:
                    self.d.add("orgs: listed form dropped", p, f"orgs.jsonl:{i} {r['id']}", reason)
                    continue
            self._put(p, r["id"], None, f"orgs.jsonl:{i}", strict=True)
            self.src_counts["orgs.jsonl"] += 1

    def curated(self, path: Path, place_patterns: set, first_names: set, roles: set) -> None:
        category = None
        text = path.read_text(encoding="utf-8")
        self.reviewed |= set(re.findall(r"!([^|\n]+?)\s*(?=\||\n|$)", text))
        for i, raw in enumerate(text.splitlines(), 1):
            line = raw.split("  #", 1)[0].rstrip()
            if line.startswith("## "):
                category = line[3:].strip()
                self.categories.add(category)
                continue
            if not line.strip() or line.startswith("#"):
                continue
            slug, _, pats = (x.strip() for x in line.partition(" = "))
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug) or not pats or category is None:
                raise SystemExit(f"{path.name}:{i}: expected 'slug = pattern | …' under a '## category'")
            oid = "org:" + slug
            where = f"{path.name}:{i} {oid}"
            for p in [p.strip() for p in pats.split("|") if p.strip()]:
                reviewed = p.startswith("!")
                p = p.lstrip("!")
                if p != " ".join(p.split()):
                    raise SystemExit(f"{path.name}:{i}: bad spacing in {p!r}")
                if not reviewed:
                    reason = self.form_reason(p, place_patterns, first_names, roles, core=True)
                    if reason:
                        self.d.add("orgs: curated form dropped (common-word rule)", p, where, reason)
                        continue
                forms = [p, *declined(p, self.j)]
                for f in forms:
                    self._put(f, oid, category, where, strict=f == p)
                self.src_counts["orgs_curated.tsv"] += 1

    def tickers(self, place_patterns: set, first_names: set, roles: set) -> None:
        from pytickersymbols.indices_data import INDICES

        companies: dict[str, dict] = {}
        for index in sorted(INDICES):
            for c in INDICES[index].get("companies", []):
                name = TICKER_RENAME.get(c["name"], c["name"]).strip()
                e = companies.setdefault(name, {"indices": set(), "isins": set()})
                e["indices"].add(index)
                e["isins"] |= set(c.get("isins") or [])
        self.src_counts["ticker companies"] = len(companies)
        for name in sorted(companies):
            core = bool(companies[name]["indices"] & CORE_INDICES)
            where = f"pytickersymbols {'/'.join(sorted(companies[name]['indices']))}"
            forms = []
            full = re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()
            rest = legal_rest(name)
            for form, derived in ((full, False), (rest, True)):
                if not form or form in forms:
                    continue
                reason = self.form_reason(form, place_patterns, first_names, roles, core=core)
                toks = form.split()
                if reason is None and derived and len(toks) == 2 and toks[0] in first_names:
                    reason = "derived form looks like a person's name (given name + surname)"
                if reason is None and form in ORG_FORM_DENY:
                    reason = "explicit decision: " + ORG_FORM_DENY[form]
                if reason:
                    self.d.add("orgs: ticker form dropped", form, where, reason)
                    continue
                forms.append(form)
                forms += [f for f in declined(form, self.j) if f not in forms]
            if not forms:
                continue
            # one id per company: an existing curated id if any form is already listed
            known = sorted({self.rows[f][0] for f in forms if f in self.rows})
            oid = known[0] if known else "org:" + slugify(rest or full)
            if not known and any(r[0] == oid for r in self.rows.values()):
                oid += "-listed"
            for f in forms:
                if f in self.rows and self.rows[f][0] != oid:
                    self.d.add("orgs: ticker form dropped", f, where, f"already the pattern of {self.rows[f][0]}")
                    continue
                self._put(f, oid, "company", where, strict=False)
                self.src_counts["ticker patterns"] += 1

    # -- rule ------------------------------------------------------------------
    def form_reason(self, form, place_patterns, first_names, roles, core) -> str | None:
        """Why an ORG form must not be a pattern, or None."""
        if form in ORG_WORD_KEEP:
            return None
        toks = self.tokenize(form)
        if form in place_patterns:
            return "is a place pattern"
        if len(toks) > 1:
            return None
        w = form
        if len(w) < 2:
            return "too short"
        if w.isupper() and w.isalpha() and len(w) >= 4:
            # the gazetteer also matches the title-case spelling of an acronym (NATO -> Nato),
            # so that spelling must pass the rule too: not ZEIT (Zeit), ERGO (ergo), NADA (Nada)
            title = w.title()
            if title in self.reviewed:
                return None
            reason = self.form_reason(title, place_patterns, first_names, roles, core=True)
            return f"its title-case form {title!r} (also matched) is: {reason}" if reason else None
        if w.isupper() and len(w) <= 3 and not core:
            return "short acronym of a company outside the core indices"
        if not re.fullmatch(r"[A-ZÄÖÜ][a-zäöüßéèáàíóúñç]+", w):
            return None  # acronyms, CamelCase, hyphenated or digit forms are no ordinary words
        if w in self.j.nouns:
            return "common noun (german-nouns)"
        if self.j.lowercase_dominant(w):
            return "lowercase word dominates in Bundestag text"
        if w in first_names:
            return "a given name"
        if w in roles:
            return "a role noun"
        zen, zde = self.j.zen(w), self.j.zde(w)
        if zen >= (ENGLISH_ZIPF if core else ENGLISH_ZIPF_BROAD) and zen - zde >= ENGLISH_MARGIN:
            return f"English word (zipf_en {zen:.2f}, de {zde:.2f})"
        if self.j.zde(w) >= 4.5 and self.j.c.total[w] < 3:
            return "frequent German word, rare capitalised in Bundestag text"
        return None

    def _put(self, pattern, oid, otype, where, strict) -> None:
        old = self.rows.get(pattern)
        if old is not None and old[0] != oid:
            if strict:
                raise SystemExit(f"{where}: pattern {pattern!r} already belongs to {old[0]}")
            self.d.add("orgs: declined form clashes", pattern, where, f"kept for {old[0]}")
            return
        if old is None or (old[1] is None and otype):
            self.rows[pattern] = (oid, otype or (old[1] if old else None))

    def result(self) -> list[dict]:
        # the type of an id: the first category any of its patterns carries
        id_type = {}
        for _p, (oid, otype) in sorted(self.rows.items()):
            if otype and oid not in id_type:
                id_type[oid] = otype
        out = [
            {"label": "ORG", "pattern": p, "id": oid, "type": id_type.get(oid, "other")}
            for p, (oid, _t) in self.rows.items()
        ]
        out.sort(key=lambda r: (r["id"], r["pattern"]))
        return out


def slugify(s: str) -> str:
    import unicodedata

    s = s.replace("&", " and ").replace("+", " and ").replace("’", "").replace("'", "").replace("ß", "ss")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")
