#!/usr/bin/env python3
# ruff: noqa: E501  (the entity table and some messages are long lines on purpose)
"""Build the newslens gold evaluation set from hand-annotated source files.

Run from anywhere (standard library only)::

    python evaluation/gold/build_gold.py            # build, validate, write JSONL
    python evaluation/gold/build_gold.py --check    # validate only, write nothing
    python evaluation/gold/build_gold.py --stats    # also print the counts as Markdown
    python evaluation/gold/build_gold.py --slugs    # also print the slugs used as Markdown
    python evaluation/gold/build_gold.py --quiet    # do not print warnings

The build exits non-zero on any validation error and writes nothing then.

Input: ``src/gold-NN.txt`` next to this script. Output: ``news-dev.jsonl`` (odd
ids) and ``news-test.jsonl`` (even ids) next to this script. The annotation
rules are in ``GUIDELINES.md``; this docstring only describes the markup.

Source file format
==================

::

    id: gold-07
    note: written after reporting on <topic>, <month year>
    ---
    <title line>
    <paragraph 1>
    <paragraph 2>
    ...

Lines before ``---`` are ``key: value`` headers (``id`` and ``note`` are
required). After it every non-empty line is one paragraph; the first is the
title. Lines starting with ``%`` are comments and are dropped. Paragraphs are
joined with a single ``\\n`` in the output text.

Mentions (may sit inside quotes, never inside each other)::

    [[Selenskyj]]                  surface form; the entity is looked up in the
                                   alias column of ENTITY_TABLE (must be unique)
    [[Putins|putin]]               surface form with an explicit entity slug
    [[^Kreml]]-Sprecher            part mention: the first element of a hyphenated
    [[^US|usa]]-Präsident          compound whose head is not the entity (part: true)
    [[!Patriot]]                   NOT a mention (a trap word). Plain text in the
                                   output; it only silences the missed-alias warning

Label and weapon kind come from ENTITY_TABLE, so a slug always has one label.

Quotations (nest inside each other, may span paragraphs)::

    {{q|SPEAKER|ENTITY}}„…“{{/q}}   direct speech; SPEAKER is the surface text that
                                   names the speaker (``-`` for none), ENTITY the
                                   speaker's slug (``-`` when unresolvable)
    {{i|SPEAKER|ENTITY}}…{{/i}}     indirect (reported) speech: the reported clause
    {{n}}„…“{{/n}}                 quotation marks that are not speech (scare
                                   quotes, names, titles): kind direct, speech false
    {{q#a|SPEAKER|ENTITY}}„A“{{/q}}, sagte X. {{q#a}}„B“{{/q}}
                                   pieces with the same ``#id`` form one record;
                                   start/end cover all pieces, ``parts`` lists them

A direct quote running over two paragraphs is written as two pieces with the
same id (the first piece ends at the end of its paragraph, without a closing
mark; the second starts with the repeated opening mark).

Validation (the build fails on any error): offsets and texts agree; labels,
kinds and slugs are known; mentions are whole tokens (or, with ``part``, the
first element of a hyphenated token), never overlap and never leave a
genitive apostrophe outside; direct-quote pieces start with an opening mark
and end with its matching closing mark; every quotation-mark character in a
text is the edge of some direct-quote piece; indirect quotes have no edge
spaces, no final period and no quotation marks at their edges; non-speech
quotes have no speaker; speakers occur in the text and, when the speaker text
is a name, it is a name of the speaker entity; quotes nest but never cross;
texts are NFC without control characters, titles plus 6-14 paragraphs.
Warnings (printed, not fatal): alias or generic-weapon forms that occur in a
text outside any mention or ``[[!...]]`` marker.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
OUT_DEV = HERE / "news-dev.jsonl"
OUT_TEST = HERE / "news-test.jsonl"

LABELS = ("PERSON", "PLACE", "ORG", "WEAPON")

# Surface forms that deliberately link to different entities in different
# articles (the German and the Russian ministry are both "Verteidigungsministerium").
KNOWN_AMBIGUOUS = {"Verteidigungsministerium"}

# Opening mark -> closing mark. „…“ German, »…« German books/Spiegel, «…» Swiss,
# "…" straight, ‚…‘ nested German, ›…‹ nested guillemets.
QUOTE_PAIRS = {"„": "“", "»": "«", "«": "»", '"': '"', "‚": "‘", "›": "‹", "‹": "›"}
QUOTE_CHARS = set(QUOTE_PAIRS) | set(QUOTE_PAIRS.values())
APOSTROPHES = ("'", "’")

# ---------------------------------------------------------------------------
# Entity registry: one row per real-world entity (or generic weapon lemma).
# slug | LABEL | kind (named/generic for WEAPON, - otherwise) | canonical name | aliases
# Aliases are the surface forms accepted by the [[surface]] shorthand and
# searched for by the missed-mention warning; other forms need [[surface|slug]].
# ---------------------------------------------------------------------------
ENTITY_TABLE = """
# --- persons ---
selenskyj | PERSON | - | Wolodymyr Selenskyj | Selenskyj; Selenskyjs; Wolodymyr Selenskyj; Selensky; Selenskys; Wolodymyr Selensky; Zelensky; Zelenskys; Volodymyr Zelensky; Selenski; Selenskis; Wolodimir Selenski
putin | PERSON | - | Wladimir Putin | Putin; Putins; Wladimir Putin
trump | PERSON | - | Donald Trump | Trump; Trumps; Donald Trump; Trump's
merz | PERSON | - | Friedrich Merz | Merz; Merz'; Merz’; Friedrich Merz
peskow | PERSON | - | Dmitri Peskow | Peskow; Peskov; Dmitri Peskow; Dmitri Peskov; Dmitry Peskov
pistorius | PERSON | - | Boris Pistorius | Pistorius; Boris Pistorius
scholz | PERSON | - | Olaf Scholz | Scholz; Olaf Scholz
rutte | PERSON | - | Mark Rutte | Rutte; Mark Rutte; Ruttes
netanjahu | PERSON | - | Benjamin Netanjahu | Netanjahu; Benjamin Netanjahu; Netanjahus
katz | PERSON | - | Israel Katz | Israel Katz; Katz
chamenei | PERSON | - | Ali Chamenei | Chamenei; Ali Chamenei
grossi | PERSON | - | Rafael Grossi | Grossi; Rafael Grossi
araghtschi | PERSON | - | Abbas Araghtschi | Araghtschi; Abbas Araghtschi
vance | PERSON | - | JD Vance | Vance; JD Vance
rubio | PERSON | - | Marco Rubio | Rubio; Marco Rubio
hegseth | PERSON | - | Pete Hegseth | Hegseth; Pete Hegseth
witkoff | PERSON | - | Steve Witkoff | Witkoff; Steve Witkoff
lawrow | PERSON | - | Sergej Lawrow | Lawrow; Sergej Lawrow
medinski | PERSON | - | Wladimir Medinski | Medinski; Wladimir Medinski
umjerow | PERSON | - | Rustem Umjerow | Umjerow; Rustem Umjerow
jermak | PERSON | - | Andrij Jermak | Jermak; Andrij Jermak
sybiha | PERSON | - | Andrij Sybiha | Sybiha; Andrij Sybiha
wadephul | PERSON | - | Johann Wadephul | Wadephul; Johann Wadephul
klingbeil | PERSON | - | Lars Klingbeil | Klingbeil; Lars Klingbeil
von-der-leyen | PERSON | - | Ursula von der Leyen | von der Leyen; Von der Leyen; Ursula von der Leyen
macron | PERSON | - | Emmanuel Macron | Macron; Emmanuel Macron
starmer | PERSON | - | Keir Starmer | Starmer; Keir Starmer
tusk | PERSON | - | Donald Tusk | Tusk; Donald Tusk
erdogan | PERSON | - | Recep Tayyip Erdoğan | Erdoğan; Recep Tayyip Erdoğan
fidan | PERSON | - | Hakan Fidan | Fidan; Hakan Fidan
biden | PERSON | - | Joe Biden | Biden; Joe Biden; Bidens
newsom | PERSON | - | Gavin Newsom | Newsom; Gavin Newsom
musk | PERSON | - | Elon Musk | Musk; Elon Musk; Musks
sanchez | PERSON | - | Pedro Sánchez | Sánchez; Pedro Sánchez
kompany | PERSON | - | Vincent Kompany | Kompany; Vincent Kompany
kane | PERSON | - | Harry Kane | Kane; Harry Kane
kovac | PERSON | - | Niko Kovač | Kovač; Niko Kovač
guirassy | PERSON | - | Serhou Guirassy | Guirassy; Serhou Guirassy
musiala | PERSON | - | Jamal Musiala | Musiala; Jamal Musiala
tanner | PERSON | - | Klaudia Tanner | Tanner; Klaudia Tanner
stocker | PERSON | - | Christian Stocker | Stocker; Christian Stocker
papperger | PERSON | - | Armin Papperger | Papperger; Armin Papperger
baerbock | PERSON | - | Annalena Baerbock | Baerbock; Annalena Baerbock
sefcovic | PERSON | - | Maroš Šefčovič | Šefčovič; Maroš Šefčovič
hildegard-mueller | PERSON | - | Hildegard Müller | Hildegard Müller
maljuk | PERSON | - | Wassyl Maljuk | Maljuk; Wassyl Maljuk
karakajew | PERSON | - | Sergej Karakajew | Karakajew; Sergej Karakajew
austin | PERSON | - | Lloyd Austin | Lloyd Austin
blinken | PERSON | - | Antony Blinken | Blinken; Antony Blinken
kellogg | PERSON | - | Keith Kellogg | Kellogg; Keith Kellogg
leavitt | PERSON | - | Karoline Leavitt | Leavitt; Karoline Leavitt
dieter-s | PERSON | - | Dieter S. | Dieter S.
weidel | PERSON | - | Alice Weidel | Weidel; Alice Weidel
droege | PERSON | - | Katharina Dröge | Dröge; Katharina Dröge
duda | PERSON | - | Andrzej Duda | Duda; Andrzej Duda
morawiecki | PERSON | - | Mateusz Morawiecki | Morawiecki; Mateusz Morawiecki
kuleba | PERSON | - | Dmytro Kuleba | Kuleba; Dmytro Kuleba
lambrecht | PERSON | - | Christine Lambrecht | Lambrecht; Christine Lambrecht
stoltenberg | PERSON | - | Jens Stoltenberg | Stoltenberg; Jens Stoltenberg
sikorski | PERSON | - | Radosław Sikorski | Sikorski; Radosław Sikorski
kosiniak-kamysz | PERSON | - | Władysław Kosiniak-Kamysz | Kosiniak-Kamysz; Władysław Kosiniak-Kamysz
brekelmans | PERSON | - | Ruben Brekelmans | Brekelmans; Ruben Brekelmans
kallas | PERSON | - | Kaja Kallas | Kallas; Kaja Kallas
al-sisi | PERSON | - | Abdel Fattah al-Sisi | al-Sisi; Abdel Fattah al-Sisi
herzog | PERSON | - | Izchak Herzog | Herzog; Izchak Herzog
sa-ar | PERSON | - | Gideon Saar | Saar; Gideon Saar
kushner | PERSON | - | Jared Kushner | Kushner; Jared Kushner
syrskyj | PERSON | - | Olexander Syrskyj | Syrskyj; Olexander Syrskyj
klitschko | PERSON | - | Vitali Klitschko | Klitschko; Vitali Klitschko
tkatschenko | PERSON | - | Tymur Tkatschenko | Tkatschenko; Tymur Tkatschenko
bass | PERSON | - | Karen Bass | Karen Bass; Bass
mattarella | PERSON | - | Sergio Mattarella | Mattarella
tiger-woods | PERSON | - | Tiger Woods | Tiger Woods
breuer | PERSON | - | Carsten Breuer | Breuer; Carsten Breuer
hoegl | PERSON | - | Eva Högl | Högl; Eva Högl
spahn | PERSON | - | Jens Spahn | Spahn; Jens Spahn
miersch | PERSON | - | Matthias Miersch | Miersch; Matthias Miersch
reisner | PERSON | - | Markus Reisner | Reisner; Markus Reisner
meinl-reisinger | PERSON | - | Beate Meinl-Reisinger | Meinl-Reisinger; Beate Meinl-Reisinger
kickl | PERSON | - | Herbert Kickl | Kickl; Herbert Kickl
hafenecker | PERSON | - | Christian Hafenecker | Hafenecker; Christian Hafenecker
sullivan | PERSON | - | Jake Sullivan | Sullivan; Jake Sullivan
kirby | PERSON | - | John Kirby | Kirby; John Kirby
sacharowa | PERSON | - | Maria Sacharowa | Sacharowa; Maria Sacharowa
rjabkow | PERSON | - | Sergej Rjabkow | Rjabkow; Sergej Rjabkow
wolodin | PERSON | - | Wjatscheslaw Wolodin | Wolodin; Wjatscheslaw Wolodin
medwedew | PERSON | - | Dmitri Medwedew | Medwedew; Dmitri Medwedew
schmyhal | PERSON | - | Denys Schmyhal | Schmyhal; Denys Schmyhal
gogel | PERSON | - | Laurent Gogel | Gogel; Laurent Gogel
guterres | PERSON | - | António Guterres | Guterres; António Guterres
hebestreit | PERSON | - | Steffen Hebestreit | Hebestreit; Steffen Hebestreit
reichinnek | PERSON | - | Heidi Reichinnek | Reichinnek; Heidi Reichinnek
wuestner | PERSON | - | André Wüstner | Wüstner; André Wüstner
bayrou | PERSON | - | François Bayrou | Bayrou; François Bayrou
lange | PERSON | - | Bernd Lange | Bernd Lange
olise | PERSON | - | Michael Olise | Olise; Michael Olise
brandt | PERSON | - | Julian Brandt | Julian Brandt
gerd-mueller | PERSON | - | Gerd Müller | Gerd Müller
schlotterbeck | PERSON | - | Nico Schlotterbeck | Schlotterbeck; Nico Schlotterbeck
eberl | PERSON | - | Max Eberl | Eberl; Max Eberl
faeser | PERSON | - | Nancy Faeser | Faeser; Nancy Faeser
uschakow | PERSON | - | Juri Uschakow | Uschakow; Juri Uschakow
charles-breyer | PERSON | - | Charles Breyer | Charles Breyer; Breyer
lyndon-johnson | PERSON | - | Lyndon B. Johnson | Lyndon B. Johnson
mike-johnson | PERSON | - | Mike Johnson | Mike Johnson; Johnson
soeder | PERSON | - | Markus Söder | Söder; Markus Söder
schularick | PERSON | - | Moritz Schularick | Schularick; Moritz Schularick
trump-jr | PERSON | - | Donald Trump Jr. | Donald Trump Jr.
melnyk | PERSON | - | Olexij Melnyk | Melnyk; Olexij Melnyk
mes | PERSON | - | Olexij Mes | Olexij Mes
oleschtschuk | PERSON | - | Mykola Oleschtschuk | Oleschtschuk; Mykola Oleschtschuk
strack-zimmermann | PERSON | - | Marie-Agnes Strack-Zimmermann | Strack-Zimmermann; Marie-Agnes Strack-Zimmermann
galant | PERSON | - | Joaw Galant | Galant; Joaw Galant
masala | PERSON | - | Carlo Masala | Masala; Carlo Masala
lies | PERSON | - | Olaf Lies | Olaf Lies
peter-der-grosse | PERSON | - | Peter der Große | Peter dem Großen; Peter der Große; Peter des Großen
# --- places ---
ukraine | PLACE | - | Ukraine | Ukraine
russland | PLACE | - | Russland | Russland; Russlands
deutschland | PLACE | - | Deutschland | Deutschland; Deutschlands
usa | PLACE | - | Vereinigte Staaten | USA; US; Vereinigten Staaten; Vereinigte Staaten; Amerika; Amerikas
kyjiw | PLACE | - | Kyjiw | Kyjiw; Kiew; Kiews; Kyiv; Kyjiws
moskau | PLACE | - | Moskau | Moskau; Moskaus; Moscow
berlin | PLACE | - | Berlin | Berlin; Berlins
washington | PLACE | - | Washington | Washington; Washingtons
den-haag | PLACE | - | Den Haag | Den Haag
bruessel | PLACE | - | Brüssel | Brüssel
charkiw | PLACE | - | Charkiw | Charkiw; Charkow
dnipro | PLACE | - | Dnipro | Dnipro
odessa | PLACE | - | Odessa | Odessa
saporischschja | PLACE | - | Saporischschja | Saporischschja
donezk | PLACE | - | Donezk | Donezk
donbass | PLACE | - | Donbass | Donbass
kursk | PLACE | - | Kursk | Kursk
belgorod | PLACE | - | Belgorod | Belgorod
brjansk | PLACE | - | Brjansk | Brjansk
krim | PLACE | - | Krim | Krim
israel | PLACE | - | Israel | Israel; Israels
iran | PLACE | - | Iran | Iran; Irans
teheran | PLACE | - | Teheran | Teheran
natans | PLACE | - | Natans | Natans
fordo | PLACE | - | Fordo | Fordo; Fordow
isfahan | PLACE | - | Isfahan | Isfahan
gazastreifen | PLACE | - | Gazastreifen | Gazastreifen; Gaza; Gazastreifens
aegypten | PLACE | - | Ägypten | Ägypten
katar | PLACE | - | Katar | Katar
tel-aviv | PLACE | - | Tel Aviv | Tel Aviv
jerusalem | PLACE | - | Jerusalem | Jerusalem
polen | PLACE | - | Polen | Polen; Polens
warschau | PLACE | - | Warschau | Warschau
litauen | PLACE | - | Litauen | Litauen
niederlande | PLACE | - | Niederlande | Niederlande; Niederlanden
frankreich | PLACE | - | Frankreich | Frankreich; Frankreichs
grossbritannien | PLACE | - | Großbritannien | Großbritannien; Großbritanniens; Grossbritannien
china | PLACE | - | China | China; Chinas
nordkorea | PLACE | - | Nordkorea | Nordkorea
europa | PLACE | - | Europa | Europa; Europas
oesterreich | PLACE | - | Österreich | Österreich; Österreichs
wien | PLACE | - | Wien | Wien
schweiz | PLACE | - | Schweiz | Schweiz
alaska | PLACE | - | Alaska | Alaska
anchorage | PLACE | - | Anchorage | Anchorage
istanbul | PLACE | - | Istanbul | Istanbul
tuerkei | PLACE | - | Türkei | Türkei
los-angeles | PLACE | - | Los Angeles | Los Angeles
kalifornien | PLACE | - | Kalifornien | Kalifornien; Kaliforniens
muenchen | PLACE | - | München | München
dortmund | PLACE | - | Dortmund | Dortmund
irkutsk | PLACE | - | Irkutsk | Irkutsk
murmansk | PLACE | - | Murmansk | Murmansk
sibirien | PLACE | - | Sibirien | Sibirien
belaja | PLACE | - | Belaja | Belaja
olenja | PLACE | - | Olenja | Olenja
rumaenien | PLACE | - | Rumänien | Rumänien
daenemark | PLACE | - | Dänemark | Dänemark; Dänemarks
norwegen | PLACE | - | Norwegen | Norwegen
unterluess | PLACE | - | Unterlüß | Unterlüß
grafenwoehr | PLACE | - | Grafenwöhr | Grafenwöhr
bayreuth | PLACE | - | Bayreuth | Bayreuth
holzdorf | PLACE | - | Holzdorf | Holzdorf
spanien | PLACE | - | Spanien | Spanien
naher-osten | PLACE | - | Naher Osten | Nahen Osten; Naher Osten; Nahost; Nahen Ostens
kasachstan | PLACE | - | Kasachstan | Kasachstan
kapustin-jar | PLACE | - | Kapustin Jar | Kapustin Jar
astrachan | PLACE | - | Astrachan | Astrachan
lwiw | PLACE | - | Lwiw | Lwiw
pokrowsk | PLACE | - | Pokrowsk | Pokrowsk
sumy | PLACE | - | Sumy | Sumy
scharm-el-scheich | PLACE | - | Scharm el-Scheich | Scharm el-Scheich
bayern | PLACE | - | Bayern (Freistaat) | Freistaat Bayern
libanon | PLACE | - | Libanon | Libanon
rotes-meer | PLACE | - | Rotes Meer | Roten Meer; Rotes Meer
jemen | PLACE | - | Jemen | Jemen
schwarzes-meer | PLACE | - | Schwarzes Meer | Schwarzen Meer; Schwarzes Meer
ostsee | PLACE | - | Ostsee | Ostsee
kaliningrad | PLACE | - | Kaliningrad | Kaliningrad
belarus | PLACE | - | Belarus | Belarus
chmelnyzkyj | PLACE | - | Chmelnyzkyj | Chmelnyzkyj
italien | PLACE | - | Italien | Italien
kanada | PLACE | - | Kanada | Kanada
japan | PLACE | - | Japan | Japan
mexiko | PLACE | - | Mexiko | Mexiko
wolfsburg | PLACE | - | Wolfsburg | Wolfsburg
stuttgart | PLACE | - | Stuttgart | Stuttgart
schottland | PLACE | - | Schottland | Schottland
koblenz | PLACE | - | Koblenz | Koblenz
ramstein | PLACE | - | Ramstein | Ramstein
niedersachsen | PLACE | - | Niedersachsen | Niedersachsen; Niedersachsens
texas | PLACE | - | Texas | Texas
new-york | PLACE | - | New York | New York
lettland | PLACE | - | Lettland | Lettland
estland | PLACE | - | Estland | Estland
finnland | PLACE | - | Finnland | Finnland
schweden | PLACE | - | Schweden | Schweden
saudi-arabien | PLACE | - | Saudi-Arabien | Saudi-Arabien
hamburg | PLACE | - | Hamburg | Hamburg
jordanien | PLACE | - | Jordanien | Jordanien
rafah | PLACE | - | Rafah | Rafah
leverkusen | PLACE | - | Leverkusen | Leverkusen
kramatorsk | PLACE | - | Kramatorsk | Kramatorsk
darnyzja | PLACE | - | Darnyzja | Darnyzja
haifa | PLACE | - | Haifa | Haifa
iwanowo | PLACE | - | Iwanowo | Iwanowo
rjasan | PLACE | - | Rjasan | Rjasan
amur | PLACE | - | Amur (Region) | Amur
pearl-harbor | PLACE | - | Pearl Harbor | Pearl Harbor
kaspisches-meer | PLACE | - | Kaspisches Meer | Kaspischen Meer; Kaspisches Meer
turnberry | PLACE | - | Turnberry | Turnberry
allianz-arena | PLACE | - | Allianz Arena | Allianz Arena
oberpfalz | PLACE | - | Oberpfalz | Oberpfalz
san-francisco | PLACE | - | San Francisco | San Francisco
alabama | PLACE | - | Alabama | Alabama
bodensee | PLACE | - | Bodensee | Bodensee
karlsruhe | PLACE | - | Karlsruhe | Karlsruhe
kiel | PLACE | - | Kiel | Kiel
rio-de-janeiro | PLACE | - | Rio de Janeiro | Rio de Janeiro
london | PLACE | - | London | London
belgien | PLACE | - | Belgien | Belgien
paris | PLACE | - | Paris | Paris
wyryki | PLACE | - | Wyryki | Wyryki
brandenburg | PLACE | - | Brandenburg | Brandenburg
sachsen-anhalt | PLACE | - | Sachsen-Anhalt | Sachsen-Anhalt
lueneburger-heide | PLACE | - | Lüneburger Heide | Lüneburger Heide
dolmabahce | PLACE | - | Dolmabahçe-Palast | Dolmabahçe-Palast
ankara | PLACE | - | Ankara | Ankara
# --- organisations ---
nato | ORG | - | NATO | NATO; Nato
eu | ORG | - | Europäische Union | EU; Europäische Union; Europäischen Union
eu-kommission | ORG | - | Europäische Kommission | EU-Kommission
kreml | ORG | - | Kreml | Kreml; Kremls
weisses-haus | ORG | - | Weißes Haus | Weißen Haus; Weiße Haus; Weißes Haus; Weisse Haus; Weissen Haus; Weißen Hauses
pentagon | ORG | - | Pentagon | Pentagon; Pentagons
bundeswehr | ORG | - | Bundeswehr | Bundeswehr
bundestag | ORG | - | Bundestag | Bundestag; Bundestags
bundesrat | ORG | - | Bundesrat | Bundesrat
bundesregierung | ORG | - | Bundesregierung | Bundesregierung
bmvg | ORG | - | Bundesministerium der Verteidigung | Verteidigungsministerium; Verteidigungsministeriums; Bundesverteidigungsministerium
auswaertiges-amt | ORG | - | Auswärtiges Amt | Auswärtige Amt; Auswärtiges Amt; Auswärtigen Amt
kanzleramt | ORG | - | Bundeskanzleramt | Kanzleramt
spd | ORG | - | SPD | SPD
cdu | ORG | - | CDU | CDU
csu | ORG | - | CSU | CSU
union | ORG | - | CDU/CSU (Union) | Union; CDU/CSU
gruene | ORG | - | Bündnis 90/Die Grünen | Grünen; Grüne
afd | ORG | - | AfD | AfD
fdp | ORG | - | FDP | FDP
linke | ORG | - | Die Linke | Linke; Linken
republikaner | ORG | - | Republikanische Partei | Republikaner; Republikanern
demokraten | ORG | - | Demokratische Partei | Demokraten
un | ORG | - | Vereinte Nationen | UN; UNO; Vereinten Nationen
un-sicherheitsrat | ORG | - | UN-Sicherheitsrat | UN-Sicherheitsrat; Sicherheitsrat
iaea | ORG | - | Internationale Atomenergiebehörde | IAEA; Internationale Atomenergiebehörde; Internationalen Atomenergiebehörde; IAEO
sbu | ORG | - | SBU (Ukrainischer Sicherheitsdienst) | SBU
ru-verteidigungsministerium | ORG | - | Verteidigungsministerium Russlands | Moskauer Verteidigungsministerium
ru-aussenministerium | ORG | - | Außenministerium Russlands | Moskauer Außenministerium
us-aussenministerium | ORG | - | US-Außenministerium | US-Außenministerium; State Department
hamas | ORG | - | Hamas | Hamas
hisbollah | ORG | - | Hisbollah | Hisbollah
huthi | ORG | - | Huthi-Miliz | Huthi; Huthis
cnn | ORG | - | CNN | CNN
axios | ORG | - | Axios | Axios
reuters | ORG | - | Reuters | Reuters
dpa | ORG | - | Deutsche Presse-Agentur | dpa
tass | ORG | - | TASS | Tass; TASS
die-welt | ORG | - | Die Welt | Die Welt
spiegel | ORG | - | Der Spiegel | Spiegel; SPIEGEL
times-of-israel | ORG | - | The Times of Israel | Times of Israel
nyt | ORG | - | The New York Times | New York Times
wsj | ORG | - | The Wall Street Journal | Wall Street Journal
bild | ORG | - | Bild | Bild
faz | ORG | - | Frankfurter Allgemeine Zeitung | FAZ; Frankfurter Allgemeinen Zeitung
ard | ORG | - | ARD | ARD
zdf | ORG | - | ZDF | ZDF
orf | ORG | - | ORF | ORF
kronen-zeitung | ORG | - | Kronen Zeitung | Kronen Zeitung
rheinmetall | ORG | - | Rheinmetall | Rheinmetall; Rheinmetalls
volkswagen | ORG | - | Volkswagen | Volkswagen; VW
bmw | ORG | - | BMW | BMW
mercedes-benz | ORG | - | Mercedes-Benz | Mercedes-Benz
vda | ORG | - | Verband der Automobilindustrie | VDA; Verband der Automobilindustrie; Verbands der Automobilindustrie
fc-bayern | ORG | - | FC Bayern München | FC Bayern; Bayern; FC Bayern München; Bayern München
bvb | ORG | - | Borussia Dortmund | Borussia Dortmund; BVB; Borussia
olg-muenchen | ORG | - | Oberlandesgericht München | Oberlandesgericht München; OLG München
bundesanwaltschaft | ORG | - | Bundesanwaltschaft | Bundesanwaltschaft
bundesheer | ORG | - | Österreichisches Bundesheer | Bundesheer; Bundesheeres
oevp | ORG | - | ÖVP | ÖVP
fpoe | ORG | - | FPÖ | FPÖ
neos | ORG | - | NEOS | Neos; NEOS
nationalgarde | ORG | - | Nationalgarde (Kalifornien) | Nationalgarde
ice | ORG | - | ICE (US-Einwanderungsbehörde) | ICE
kongress | ORG | - | US-Kongress | Kongress; US-Kongress
senat | ORG | - | US-Senat | Senat
lockheed-martin | ORG | - | Lockheed Martin | Lockheed Martin
raytheon | ORG | - | Raytheon | Raytheon
mbda | ORG | - | MBDA | MBDA
taurus-systems | ORG | - | Taurus Systems | Taurus Systems
diehl | ORG | - | Diehl Defence | Diehl Defence; Diehl
g7 | ORG | - | G7 | G7
kiel-institut | ORG | - | Kiel Institut für Weltwirtschaft | Kiel Institut für Weltwirtschaft; IfW; Instituts für Weltwirtschaft
bundesverfassungsgericht | ORG | - | Bundesverfassungsgericht | Bundesverfassungsgericht
us-army | ORG | - | US Army | US-Armee; US Army
israel-armee | ORG | - | Israelische Streitkräfte (IDF) | IDF
rotes-kreuz | ORG | - | Internationales Komitee vom Roten Kreuz | Roten Kreuz; IKRK; Internationale Komitee vom Roten Kreuz; Internationalen Komitees vom Roten Kreuz
dfb | ORG | - | DFB | DFB
uefa | ORG | - | UEFA | UEFA; Uefa
puma-se | ORG | - | Puma (Sportartikel) | Puma
adidas | ORG | - | Adidas | Adidas
x-platform | ORG | - | X | X
truth-social | ORG | - | Truth Social | Truth Social
tesla | ORG | - | Tesla | Tesla
ifo | ORG | - | Ifo-Institut | Ifo-Institut; Ifo-Instituts; Ifo
bundesbank | ORG | - | Deutsche Bundesbank | Bundesbank
ezb | ORG | - | Europäische Zentralbank | EZB
zoll-wto | ORG | - | Welthandelsorganisation | WTO; Welthandelsorganisation
verteidigungsausschuss | ORG | - | Verteidigungsausschuss des Bundestags | Verteidigungsausschuss
reservistenverband | ORG | - | Reservistenverband | Reservistenverband
ramstein-gruppe | ORG | - | Ukraine-Kontaktgruppe (Ramstein-Format) | Ukraine-Kontaktgruppe
bundesamt-ausruestung | ORG | - | BAAINBw | BAAINBw
rosatom | ORG | - | Rosatom | Rosatom
telegram | ORG | - | Telegram | Telegram
koalition-der-willigen | ORG | - | Koalition der Willigen | Koalition der Willigen
wdr | ORG | - | WDR | WDR
interfax | ORG | - | Interfax | Interfax
saab | ORG | - | Saab | Saab
mbda-deutschland | ORG | - | MBDA Deutschland | MBDA Deutschland
bundeskabinett | ORG | - | Bundeskabinett | Bundeskabinett
bundeswehrverband | ORG | - | Deutscher Bundeswehrverband | Bundeswehrverband; Bundeswehrverbands
europaparlament | ORG | - | Europäisches Parlament | Europaparlament; EU-Parlament
bundesliga | ORG | - | Fußball-Bundesliga | Bundesliga
champions-league | ORG | - | UEFA Champions League | Champions League
fc-kopenhagen | ORG | - | FC Kopenhagen | FC Kopenhagen
1-fc-koeln | ORG | - | 1. FC Köln | 1. FC Köln
sky | ORG | - | Sky Deutschland | Sky
instagram | ORG | - | Instagram | Instagram
bfv | ORG | - | Bundesamt für Verfassungsschutz | Bundesamt für Verfassungsschutz; Bundesamts für Verfassungsschutz; Verfassungsschutz
repraesentantenhaus | ORG | - | US-Repräsentantenhaus | Repräsentantenhaus; Repräsentantenhauses
nbc | ORG | - | NBC | NBC
knesset | ORG | - | Knesset | Knesset
sky-shield | ORG | - | European Sky Shield Initiative | Sky Shield; European Sky Shield; European Sky Shield Initiative
nsc | ORG | - | Nationaler Sicherheitsrat der USA | Nationalen Sicherheitsrats; Nationaler Sicherheitsrat
g20 | ORG | - | G20 | G20
facebook | ORG | - | Facebook | Facebook
freie-waehler | ORG | - | Freie Wähler | Freien Wähler; Freie Wähler
israel-aerospace | ORG | - | Israel Aerospace Industries | Israel Aerospace Industries
boeing | ORG | - | Boeing | Boeing
unibw | ORG | - | Universität der Bundeswehr München | Universität der Bundeswehr
ig-metall | ORG | - | IG Metall | IG Metall
america-party | ORG | - | America Party | America Party
spacex | ORG | - | SpaceX | SpaceX
nasa | ORG | - | Nasa | Nasa; NASA
doge | ORG | - | Department of Government Efficiency (Doge) | Doge
# --- named weapons ---
patriot | WEAPON | named | Patriot (MIM-104) | Patriot
taurus | WEAPON | named | Taurus KEPD 350 | Taurus
atacms | WEAPON | named | ATACMS | ATACMS; Atacms
leopard-2 | WEAPON | named | Leopard 2 | Leopard 2; Leopard-2
leopard-1 | WEAPON | named | Leopard 1 | Leopard 1; Leopard-1
iris-t | WEAPON | named | IRIS-T | Iris-T; IRIS-T
storm-shadow | WEAPON | named | Storm Shadow / SCALP-EG | Storm Shadow; Scalp; SCALP
shahed | WEAPON | named | Shahed-136 | Shahed
himars | WEAPON | named | HIMARS | HIMARS; Himars
f-16 | WEAPON | named | F-16 | F-16
f-35 | WEAPON | named | F-35 | F-35
oreschnik | WEAPON | named | Oreschnik | Oreschnik
kinschal | WEAPON | named | Kinschal (Ch-47M2) | Kinschal
iskander | WEAPON | named | Iskander | Iskander
tomahawk | WEAPON | named | Tomahawk | Tomahawk; Tomahawks
mirage-2000 | WEAPON | named | Mirage 2000 | Mirage 2000; Mirage
eurofighter | WEAPON | named | Eurofighter Typhoon | Eurofighter
b-2 | WEAPON | named | B-2 Spirit | B-2
gbu-57 | WEAPON | named | GBU-57 | GBU-57
tu-95 | WEAPON | named | Tu-95 | Tu-95
tu-22m3 | WEAPON | named | Tu-22M3 | Tu-22M3
tu-160 | WEAPON | named | Tu-160 | Tu-160
a-50 | WEAPON | named | A-50 | A-50
abrams | WEAPON | named | M1 Abrams | Abrams; M1 Abrams
arrow-3 | WEAPON | named | Arrow 3 | Arrow 3; Arrow-3
iron-dome | WEAPON | named | Iron Dome | Iron Dome
gepard | WEAPON | named | Flakpanzer Gepard | Gepard
marder | WEAPON | named | Schützenpanzer Marder | Marder
puma-spz | WEAPON | named | Schützenpanzer Puma | Schützenpanzer Puma
tiger-hubschrauber | WEAPON | named | Eurocopter Tiger | Tiger-Kampfhubschrauber
s-400 | WEAPON | named | S-400 | S-400
kalibr | WEAPON | named | Kalibr | Kalibr
ch-101 | WEAPON | named | Ch-101 | Ch-101
skynex | WEAPON | named | Skynex | Skynex
boxer | WEAPON | named | Boxer | Boxer
caesar | WEAPON | named | Caesar | Caesar
pzh-2000 | WEAPON | named | Panzerhaubitze 2000 | Panzerhaubitze 2000
rs-26 | WEAPON | named | RS-26 Rubesch | RS-26
f-22 | WEAPON | named | F-22 Raptor | F-22
gerbera | WEAPON | named | Gerbera (Drohnenattrappe) | Gerbera
# --- generic weapons (slug = lemma) ---
waffe | WEAPON | generic | Waffe | Waffe; Waffen
rakete | WEAPON | generic | Rakete | Rakete; Raketen
drohne | WEAPON | generic | Drohne | Drohne; Drohnen
kampfdrohne | WEAPON | generic | Kampfdrohne | Kampfdrohne; Kampfdrohnen
langstreckendrohne | WEAPON | generic | Langstreckendrohne | Langstreckendrohne; Langstreckendrohnen
marschflugkoerper | WEAPON | generic | Marschflugkörper | Marschflugkörper; Marschflugkörpern; Marschflugkörpers
kampfjet | WEAPON | generic | Kampfjet | Kampfjet; Kampfjets
kampfflugzeug | WEAPON | generic | Kampfflugzeug | Kampfflugzeug; Kampfflugzeuge; Kampfflugzeugen
panzer | WEAPON | generic | Panzer | Panzer; Panzern
kampfpanzer | WEAPON | generic | Kampfpanzer | Kampfpanzer; Kampfpanzern
schuetzenpanzer | WEAPON | generic | Schützenpanzer | Schützenpanzer; Schützenpanzern
munition | WEAPON | generic | Munition | Munition
langstreckenwaffe | WEAPON | generic | Langstreckenwaffe | Langstreckenwaffe; Langstreckenwaffen
langstreckenrakete | WEAPON | generic | Langstreckenrakete | Langstreckenrakete; Langstreckenraketen
mittelstreckenrakete | WEAPON | generic | Mittelstreckenrakete | Mittelstreckenrakete; Mittelstreckenraketen
hyperschallrakete | WEAPON | generic | Hyperschallrakete | Hyperschallrakete; Hyperschallraketen
interkontinentalrakete | WEAPON | generic | Interkontinentalrakete | Interkontinentalrakete; Interkontinentalraketen
flugabwehrsystem | WEAPON | generic | Flugabwehrsystem | Flugabwehrsystem; Flugabwehrsysteme; Flugabwehrsystemen; Flugabwehrsystems
luftabwehrsystem | WEAPON | generic | Luftabwehrsystem | Luftabwehrsystem; Luftabwehrsysteme; Luftabwehrsystemen
abfangrakete | WEAPON | generic | Abfangrakete | Abfangrakete; Abfangraketen
bomber | WEAPON | generic | Bomber | Bomber; Bombern
bombe | WEAPON | generic | Bombe | Bombe; Bomben
artilleriegranate | WEAPON | generic | Artilleriegranate | Artilleriegranate; Artilleriegranaten
granate | WEAPON | generic | Granate | Granate; Granaten
haubitze | WEAPON | generic | Haubitze | Haubitze; Haubitzen
atomwaffe | WEAPON | generic | Atomwaffe | Atomwaffe; Atomwaffen
kampfhubschrauber | WEAPON | generic | Kampfhubschrauber | Kampfhubschrauber
flugzeugtraeger | WEAPON | generic | Flugzeugträger | Flugzeugträger
kriegsschiff | WEAPON | generic | Kriegsschiff | Kriegsschiff; Kriegsschiffe; Kriegsschiffen
sprengkopf | WEAPON | generic | Sprengkopf | Sprengkopf; Sprengköpfe; Sprengköpfen
gefechtskopf | WEAPON | generic | Gefechtskopf | Gefechtskopf; Gefechtsköpfe
sturmgewehr | WEAPON | generic | Sturmgewehr | Sturmgewehr; Sturmgewehre
gewehr | WEAPON | generic | Gewehr | Gewehr; Gewehre
bunkerbrecher | WEAPON | generic | Bunkerbrecher | Bunkerbrecher; Bunkerbrecher-Bomben
raketenwerfer | WEAPON | generic | Raketenwerfer | Raketenwerfer; Raketenwerfern
flugabwehrrakete | WEAPON | generic | Flugabwehrrakete | Flugabwehrrakete; Flugabwehrraketen
luftabwehrrakete | WEAPON | generic | Luftabwehrrakete | Luftabwehrrakete; Luftabwehrraketen
tarnkappenbomber | WEAPON | generic | Tarnkappenbomber | Tarnkappenbomber; Tarnkappenbombern
waffensystem | WEAPON | generic | Waffensystem | Waffensystem; Waffensysteme; Waffensystemen; Waffensystems
abfangjaeger | WEAPON | generic | Abfangjäger | Abfangjäger
minen | WEAPON | generic | Mine | Minen; Landminen
schusswaffe | WEAPON | generic | Schusswaffe | Schusswaffe; Schusswaffen
flugabwehrkanone | WEAPON | generic | Flugabwehrkanone | Flugabwehrkanone; Flugabwehrkanonen
flugabwehrpanzer | WEAPON | generic | Flugabwehrpanzer | Flugabwehrpanzer
raketenabwehrsystem | WEAPON | generic | Raketenabwehrsystem | Raketenabwehrsystem; Raketenabwehrsystems; Raketenabwehrsysteme
kurzstreckenrakete | WEAPON | generic | Kurzstreckenrakete | Kurzstreckenrakete; Kurzstreckenraketen
artilleriemunition | WEAPON | generic | Artilleriemunition | Artilleriemunition
"""


@dataclass(frozen=True)
class Entity:
    slug: str
    label: str
    kind: str | None
    name: str
    aliases: tuple[str, ...]


def load_registry() -> tuple[dict[str, Entity], dict[str, list[str]]]:
    """Parse ENTITY_TABLE; return slug -> Entity and alias -> [slugs]."""
    entities: dict[str, Entity] = {}
    alias_map: dict[str, list[str]] = defaultdict(list)
    for number, line in enumerate(ENTITY_TABLE.strip().splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) != 5:
            raise SystemExit(f"ENTITY_TABLE line {number}: expected 5 cells: {line!r}")
        slug, label, kind, name, aliases = cells
        if slug in entities:
            raise SystemExit(f"ENTITY_TABLE: duplicate slug {slug!r}")
        if label not in LABELS:
            raise SystemExit(f"ENTITY_TABLE: bad label {label!r} for {slug}")
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
            raise SystemExit(f"ENTITY_TABLE: bad slug {slug!r}")
        if label == "WEAPON":
            if kind not in ("named", "generic"):
                raise SystemExit(f"ENTITY_TABLE: weapon {slug} needs kind named/generic")
        elif kind != "-":
            raise SystemExit(f"ENTITY_TABLE: only weapons have a kind ({slug})")
        alias_tuple = tuple(a.strip() for a in aliases.split(";") if a.strip())
        entities[slug] = Entity(slug, label, None if kind == "-" else kind, name, alias_tuple)
        for alias in alias_tuple:
            alias_map[alias].append(slug)
    return entities, dict(alias_map)


# ---------------------------------------------------------------------------
# Parsing the markup
# ---------------------------------------------------------------------------

TAG = re.compile(
    r"\[\[(?P<mention>[^\[\]]+?)\]\]"
    r"|\{\{(?P<close>/)?(?P<qtype>[qin])(?:#(?P<qid>\w+))?(?P<args>(?:\|[^{}|]*)*)\}\}"
)


class BuildError(Exception):
    pass


@dataclass
class Piece:
    start: int
    end: int


@dataclass
class QuoteDraft:
    key: str
    qtype: str  # q, i, n
    speaker: str | None
    entity: str | None
    pieces: list[Piece] = field(default_factory=list)


@dataclass
class Article:
    id: str
    note: str
    path: Path
    text: str
    mentions: list[dict]
    quotes: list[dict]
    traps: list[tuple[int, int, str]]


def parse_source(path: Path, entities: dict[str, Entity], alias_map: dict[str, list[str]]) -> Article:
    raw = path.read_text(encoding="utf-8")
    header, sep, body = raw.partition("\n---\n")
    if not sep:
        raise BuildError(f"{path.name}: missing '---' line after the headers")
    headers = {}
    for line in header.splitlines():
        if line.strip() and not line.startswith("%"):
            key, _, value = line.partition(":")
            headers[key.strip()] = value.strip()
    for key in ("id", "note"):
        if not headers.get(key):
            raise BuildError(f"{path.name}: header {key!r} missing")
    lines = [line for line in body.split("\n") if line.strip() and not line.startswith("%")]
    source = "\n".join(lines)

    out: list[str] = []
    pos_out = 0
    mentions: list[dict] = []
    traps: list[tuple[int, int, str]] = []
    quotes: dict[str, QuoteDraft] = {}
    stack: list[tuple[str, str, int]] = []  # (qtype, key, start)
    anon = 0
    cursor = 0

    def where(offset: int) -> str:
        line_no = source.count("\n", 0, offset) + 1
        return f"{path.name} paragraph-line {line_no}"

    for match in TAG.finditer(source):
        literal = source[cursor : match.start()]
        if "[[" in literal or "]]" in literal or "{{" in literal or "}}" in literal:
            raise BuildError(f"{where(cursor)}: stray markup in {literal!r}")
        out.append(literal)
        pos_out += len(literal)
        cursor = match.end()
        if match.group("mention") is not None:
            inner = match.group("mention")
            trap = inner.startswith("!")
            part = inner.startswith("^")
            if trap or part:
                inner = inner[1:]
            surface, _, slug = inner.partition("|")
            if not surface or surface != surface.strip():
                raise BuildError(f"{where(match.start())}: bad mention surface {surface!r}")
            if trap:
                traps.append((pos_out, pos_out + len(surface), surface))
            else:
                if not slug:
                    candidates = alias_map.get(surface, [])
                    if len(candidates) != 1:
                        raise BuildError(
                            f"{where(match.start())}: [[{surface}]] needs an explicit slug "
                            f"(alias matches {candidates or 'nothing'})"
                        )
                    slug = candidates[0]
                if slug not in entities:
                    raise BuildError(f"{where(match.start())}: unknown slug {slug!r} for {surface!r}")
                entity = entities[slug]
                mentions.append(
                    {
                        "start": pos_out,
                        "end": pos_out + len(surface),
                        "text": surface,
                        "label": entity.label,
                        "entity": slug,
                        "kind": entity.kind,
                        "part": part,
                    }
                )
            out.append(surface)
            pos_out += len(surface)
            continue
        qtype, qid, close = match.group("qtype"), match.group("qid"), match.group("close")
        args = [a.strip() for a in match.group("args").split("|")[1:]] if match.group("args") else []
        if close:
            if args or qid:
                raise BuildError(f"{where(match.start())}: closing tag takes no arguments")
            if not stack or stack[-1][0] != qtype:
                raise BuildError(f"{where(match.start())}: {{{{/{qtype}}}}} closes nothing open")
            _, key, start = stack.pop()
            quotes[key].pieces.append(Piece(start, pos_out))
            continue
        if qid and f"{qtype}#{qid}" in quotes:
            key = f"{qtype}#{qid}"
            if args:
                raise BuildError(f"{where(match.start())}: continuation {key} must not repeat arguments")
        else:
            if qid:
                key = f"{qtype}#{qid}"
            else:
                anon += 1
                key = f"{qtype}@{anon}"
            if qtype == "n":
                if args:
                    raise BuildError(f"{where(match.start())}: {{{{n}}}} takes no speaker")
                speaker = entity_slug = None
            else:
                if len(args) != 2:
                    raise BuildError(f"{where(match.start())}: {{{{{qtype}|SPEAKER|ENTITY}}}} needs 2 arguments")
                speaker = None if args[0] == "-" else args[0]
                entity_slug = None if args[1] == "-" else args[1]
                if entity_slug is not None and entity_slug not in entities:
                    raise BuildError(f"{where(match.start())}: unknown speaker entity {entity_slug!r}")
                if speaker is None and entity_slug is not None:
                    raise BuildError(f"{where(match.start())}: speaker entity without speaker text")
            quotes[key] = QuoteDraft(key, qtype, speaker, entity_slug)
        stack.append((qtype, key, pos_out))
    tail = source[cursor:]
    if "[[" in tail or "]]" in tail or "{{" in tail or "}}" in tail:
        raise BuildError(f"{path.name}: stray markup near the end: {tail[:60]!r}")
    out.append(tail)
    if stack:
        raise BuildError(f"{path.name}: unclosed quote tag(s): {[s[1] for s in stack]}")
    text = "".join(out)

    records = []
    for draft in quotes.values():
        pieces = sorted(draft.pieces, key=lambda p: p.start)
        start, end = pieces[0].start, pieces[-1].end
        records.append(
            {
                "start": start,
                "end": end,
                "text": text[start:end],
                "kind": "indirect" if draft.qtype == "i" else "direct",
                "speech": draft.qtype != "n",
                "speaker": draft.speaker,
                "speaker_entity": draft.entity,
                "parts": [[p.start, p.end] for p in pieces] if len(pieces) > 1 else None,
            }
        )
    mentions.sort(key=lambda m: (m["start"], m["end"]))
    records.sort(key=lambda q: (q["start"], -q["end"]))
    return Article(headers["id"], headers["note"], path, text, mentions, records, traps)


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------

WORD = re.compile(r"\w")
DETERMINERS = ("der ", "die ", "das ", "des ", "ein ", "eine ", "einem ", "einer ", "dem ", "den ")


def is_word_char(ch: str) -> bool:
    return bool(WORD.match(ch))


def speaker_gap(position: int, start: int, end: int, pieces: list[tuple[int, int]]) -> int:
    """Characters between a speaker occurrence and its quote (0 inside the frame)."""
    if any(ps <= position < pe for ps, pe in pieces):
        return 10**6  # inside the quoted words themselves
    if start <= position < end:
        return 0  # in the frame between two pieces
    return min(abs(position - start), abs(position - end))


def validate(
    article: Article, entities: dict[str, Entity], alias_map: dict[str, list[str]]
) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    warnings: list[str] = []
    text = article.text
    name = article.id

    def err(message: str) -> None:
        errors.append(f"{name}: {message}")

    def warn(message: str) -> None:
        warnings.append(f"{name}: {message}")

    if not re.fullmatch(r"gold-\d\d", article.id):
        err("id must look like gold-NN")
    if article.path.stem != article.id:
        err(f"file name {article.path.name} does not match id")
    if unicodedata.normalize("NFC", text) != text:
        err("text is not NFC")
    if re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", text):
        err("text holds control or bidi characters")
    paragraphs = text.split("\n")
    for index, para in enumerate(paragraphs):
        if para != para.strip() or not para:
            err(f"paragraph {index} has edge whitespace or is empty")
        if "  " in para:
            err(f"paragraph {index} has a double space")
        if "|" in para:
            err(f"paragraph {index} has a '|' (markup leak?)")
    if not 6 <= len(paragraphs) - 1 <= 14:
        err(f"{len(paragraphs) - 1} body paragraphs (want 6-14)")

    # --- mentions ---
    previous_end = -1
    for m in article.mentions:
        s, e = m["start"], m["end"]
        if text[s:e] != m["text"]:
            err(f"mention text mismatch at {s}")
        if m["label"] not in LABELS:
            err(f"bad label {m['label']}")
        ent = entities[m["entity"]]
        if m["label"] != ent.label:
            err(f"label of {m['entity']} differs from registry")
        if m["label"] == "WEAPON":
            if m["kind"] not in ("named", "generic"):
                err(f"weapon mention without kind at {s}")
        elif m["kind"] is not None:
            err(f"non-weapon mention with kind at {s}")
        if s < previous_end:
            err(f"overlapping mentions at {s}: {m['text']!r}")
        previous_end = max(previous_end, e)
        before = text[s - 1] if s > 0 else " "
        after = text[e] if e < len(text) else " "
        if is_word_char(before) or before == "-":
            err(f"mention {m['text']!r} at {s} starts inside a token")
        if m["part"]:
            if after != "-":
                err(f"part mention {m['text']!r} at {s} is not followed by '-'")
        else:
            if is_word_char(after) or after == "-":
                err(f"mention {m['text']!r} at {s} ends inside a token (part?)")
            if after in APOSTROPHES:
                err(f"mention {m['text']!r} at {s} leaves a genitive apostrophe outside")
        if m["text"].endswith((".", ",", ";", ":")) and not re.search(r"\b(?:Jr|[A-Z])\.$", m["text"]):
            err(f"mention {m['text']!r} at {s} ends in punctuation")

    # --- quotes ---
    direct_edges: set[int] = set()
    for q in article.quotes:
        s, e = q["start"], q["end"]
        if text[s:e] != q["text"]:
            err(f"quote text mismatch at {s}")
        if q["kind"] not in ("direct", "indirect"):
            err(f"bad quote kind at {s}")
        if not isinstance(q["speech"], bool):
            err(f"speech not bool at {s}")
        if not q["speech"] and (q["speaker"] is not None or q["speaker_entity"] is not None or q["kind"] != "direct"):
            err(f"non-speech quote at {s} has a speaker or is not direct")
        if q["speaker_entity"] is not None and q["speaker_entity"] not in entities:
            err(f"unknown speaker entity {q['speaker_entity']}")
        if q["speaker"] is not None:
            spk = q["speaker"]
            if spk not in text:
                err(f"speaker {spk!r} of quote at {s} does not occur in the text")
            else:
                positions = [
                    mm.start()
                    for mm in re.finditer(re.escape(spk), text)
                    if not (mm.start() > 0 and is_word_char(text[mm.start() - 1]))
                    and not (mm.end() < len(text) and is_word_char(text[mm.end()]))
                ]
                if not positions:
                    err(f"speaker {spk!r} of quote at {s} occurs only inside longer words")
                    positions = [10**9]
                pieces_here = [tuple(p) for p in q["parts"]] if q["parts"] else [(s, e)]
                distance = min(speaker_gap(p, s, e, pieces_here) for p in positions)
                if distance > 900:
                    warn(f"speaker {spk!r} of quote at {s} is {distance} characters away")
            bare = spk
            for det in DETERMINERS:
                if bare.startswith(det):
                    bare = bare[len(det) :]
            # when the speaker text is annotated as a mention somewhere, the mention's
            # entity must be the speaker entity (a [[!trap]] or plain occurrence is skipped)
            linked = {m["entity"] for m in article.mentions if m["text"] == bare}
            if linked and q["speaker_entity"] not in linked:
                err(f"speaker {spk!r} is annotated as {sorted(linked)} but speaker_entity is {q['speaker_entity']!r}")
        pieces = [tuple(p) for p in q["parts"]] if q["parts"] else [(s, e)]
        if q["parts"] is not None and len(q["parts"]) < 2:
            err(f"parts with a single piece at {s}")
        for index, (ps, pe) in enumerate(pieces):
            piece = text[ps:pe]
            if not piece:
                err(f"empty quote piece at {ps}")
                continue
            if q["kind"] == "direct":
                opener = piece[0]
                if opener not in QUOTE_PAIRS:
                    err(f"direct quote piece at {ps} does not start with a quotation mark: {piece[:20]!r}")
                    continue
                closer = QUOTE_PAIRS[opener]
                if piece[-1] == closer and len(piece) > 1:
                    direct_edges.update((ps, pe - 1))
                elif pe < len(text) and text[pe] == "\n" and index + 1 < len(pieces) and pieces[index + 1][0] == pe + 1:
                    direct_edges.add(ps)  # paragraph-final piece of a multi-paragraph quote
                else:
                    err(f"direct quote piece at {ps} does not end with {closer!r}: {piece[-20:]!r}")
            else:
                if piece != piece.strip():
                    err(f"indirect quote at {ps} has edge whitespace")
                if piece.endswith((".", ",", ";", ":")):
                    err(f"indirect quote at {ps} ends with punctuation: {piece[-20:]!r}")
                if piece[0] in QUOTE_CHARS:
                    err(f"indirect quote at {ps} starts with a quotation mark")
                if piece[-1] in QUOTE_CHARS and not any(
                    o["kind"] == "direct" and ps <= o["start"] and o["end"] == pe for o in article.quotes
                ):
                    err(f"indirect quote at {ps} ends with a quotation mark that closes no nested quote")
        if len(pieces) > 1 and q["kind"] == "indirect":
            err(f"indirect quote at {s} has several pieces")
    for i, a in enumerate(article.quotes):
        for b in article.quotes[i + 1 :]:
            if a["start"] < b["start"] < a["end"] < b["end"]:
                err(f"quotes at {a['start']} and {b['start']} cross")
            if (a["start"], a["end"]) == (b["start"], b["end"]):
                err(f"duplicate quote span at {a['start']}")
    for index, ch in enumerate(text):
        if ch in QUOTE_CHARS and index not in direct_edges:
            err(
                f"quotation mark {ch!r} at {index} is not the edge of a direct quote: {text[max(0, index - 25) : index + 25]!r}"
            )

    # --- missed mentions (warnings) ---
    covered = [(m["start"], m["end"]) for m in article.mentions] + [(s, e) for s, e, _ in article.traps]

    def is_covered(s: int, e: int) -> bool:
        return any(cs <= s and e <= ce for cs, ce in covered)

    for alias, slugs in alias_map.items():
        if len(alias) < 2:
            continue
        for match in re.finditer(re.escape(alias), text):
            s, e = match.start(), match.end()
            before = text[s - 1] if s > 0 else " "
            after = text[e] if e < len(text) else " "
            if is_word_char(before) or is_word_char(after):
                continue
            if not is_covered(s, e):
                warn(f"unannotated {alias!r} ({'/'.join(slugs)}) at {s}: {text[max(0, s - 30) : e + 30]!r}")
    return errors, warnings


# ---------------------------------------------------------------------------
# Statistics and output
# ---------------------------------------------------------------------------

TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")


def stats(articles: list[Article]) -> dict:
    counter: Counter[str] = Counter()
    for a in articles:
        counter["articles"] += 1
        counter["paragraphs"] += a.text.count("\n")
        counter["tokens"] += len(TOKEN.findall(a.text))
        counter["characters"] += len(a.text)
        for m in a.mentions:
            counter["mentions"] += 1
            counter[f"mentions.{m['label']}"] += 1
            if m["label"] == "WEAPON":
                counter[f"mentions.WEAPON.{m['kind']}"] += 1
            if m["part"]:
                counter["mentions.part"] += 1
        counter["traps"] += len(a.traps)
        for q in a.quotes:
            counter["quotes"] += 1
            if q["speech"]:
                counter[f"quotes.{q['kind']}"] += 1
            else:
                counter["quotes.nonspeech"] += 1
            if q["parts"]:
                if "\n" in q["text"]:
                    counter["quotes.multi_paragraph"] += 1
                else:
                    counter["quotes.split"] += 1
            if q["speech"] and q["speaker"] is None:
                counter["quotes.no_speaker"] += 1
            if q["speech"] and q["speaker"] is not None and q["speaker_entity"] is None:
                counter["quotes.unresolved_speaker"] += 1
    counter["entities"] = len({m["entity"] for a in articles for m in a.mentions})
    return dict(counter)


def as_record(article: Article) -> dict:
    return {
        "id": article.id,
        "note": article.note,
        "text": article.text,
        "mentions": article.mentions,
        "quotes": article.quotes,
    }


def markdown_stats(dev: dict, test: dict) -> str:
    rows = [
        ("articles", "articles"),
        ("paragraphs (without titles)", "paragraphs"),
        ("tokens (approx.)", "tokens"),
        ("distinct entities", "entities"),
        ("mentions", "mentions"),
        ("  PERSON", "mentions.PERSON"),
        ("  PLACE", "mentions.PLACE"),
        ("  ORG", "mentions.ORG"),
        ("  WEAPON", "mentions.WEAPON"),
        ("    named", "mentions.WEAPON.named"),
        ("    generic", "mentions.WEAPON.generic"),
        ("  of these part: true", "mentions.part"),
        ("trap words (not mentions)", "traps"),
        ("quotes", "quotes"),
        ("  direct speech", "quotes.direct"),
        ("  indirect speech", "quotes.indirect"),
        ("  non-speech (speech: false)", "quotes.nonspeech"),
        ("  split by frame (parts)", "quotes.split"),
        ("  over two paragraphs", "quotes.multi_paragraph"),
        ("  speech without speaker", "quotes.no_speaker"),
        ("  speaker not resolvable (entity null)", "quotes.unresolved_speaker"),
    ]
    lines = ["| | dev | test | total |", "|---|---:|---:|---:|"]
    for title, key in rows:
        d, t = dev.get(key, 0), test.get(key, 0)
        total = d + t if key != "entities" else "–"
        lines.append(f"| {title} | {d} | {t} | {total} |")
    return "\n".join(lines)


def markdown_slugs(entities: dict[str, Entity], dev: list[Article], test: list[Article]) -> str:
    """Slugs used in the set: label, kind, canonical name, surface forms, counts."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for index, group in enumerate((dev, test)):
        for article in group:
            for m in article.mentions:
                forms[m["entity"]][m["text"]] += 1
                counts[m["entity"]][index] += 1
    order = {label: i for i, label in enumerate(LABELS)}
    used = sorted(forms, key=lambda slug: (order[entities[slug].label], entities[slug].kind or "", slug))
    lines = [
        "| slug | label | kind | canonical name | surface forms in the set | dev | test |",
        "|---|---|---|---|---|---:|---:|",
    ]
    for slug in used:
        e = entities[slug]
        surfaces = ", ".join(f"`{form}`" for form, _ in forms[slug].most_common())
        d, t = counts[slug]
        lines.append(f"| `{slug}` | {e.label} | {e.kind or ''} | {e.name} | {surfaces} | {d} | {t} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="validate only, write nothing")
    parser.add_argument("--stats", action="store_true", help="print counts as Markdown")
    parser.add_argument("--quiet", action="store_true", help="do not print warnings")
    parser.add_argument("--slugs", action="store_true", help="print the slugs used, as Markdown")
    args = parser.parse_args(argv)

    entities, alias_map = load_registry()
    sources = sorted(SRC.glob("gold-*.txt"))
    if not sources:
        print(f"no sources in {SRC}", file=sys.stderr)
        return 1
    articles: list[Article] = []
    errors: list[str] = []
    warnings: list[str] = []
    for path in sources:
        try:
            article = parse_source(path, entities, alias_map)
        except BuildError as error:
            errors.append(str(error))
            continue
        e, w = validate(article, entities, alias_map)
        errors += e
        warnings += w
        articles.append(article)
    ids = [a.id for a in articles]
    if len(ids) != len(set(ids)):
        errors.append("duplicate article ids")
    # the same surface form should not point at two entities across the set
    surface_slugs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a in articles:
        for m in a.mentions:
            surface_slugs[(m["text"], m["label"])].add(m["entity"])
    for (surface, label), slugs in surface_slugs.items():
        if len(slugs) > 1 and surface not in KNOWN_AMBIGUOUS:
            warnings.append(f"surface {surface!r} ({label}) links to several entities: {sorted(slugs)}")

    if warnings and not args.quiet:
        print(f"{len(warnings)} warning(s):", file=sys.stderr)
        for line in warnings:
            print("  WARN " + line, file=sys.stderr)
    if errors:
        print(f"{len(errors)} error(s):", file=sys.stderr)
        for line in errors:
            print("  ERROR " + line, file=sys.stderr)
        return 1

    dev = [a for a in articles if int(a.id.split("-")[1]) % 2 == 1]
    test = [a for a in articles if int(a.id.split("-")[1]) % 2 == 0]
    if not args.check:
        for target, group in ((OUT_DEV, dev), (OUT_TEST, test)):
            with target.open("w", encoding="utf-8", newline="\n") as handle:
                for article in group:
                    handle.write(json.dumps(as_record(article), ensure_ascii=False) + "\n")
        # read back: every offset must still hold
        for target in (OUT_DEV, OUT_TEST):
            for line in target.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                for item in record["mentions"] + record["quotes"]:
                    assert record["text"][item["start"] : item["end"]] == item["text"], item
    dev_stats, test_stats = stats(dev), stats(test)
    print(
        f"ok: {len(dev)} dev + {len(test)} test articles; "
        f"{dev_stats.get('mentions', 0) + test_stats.get('mentions', 0)} mentions, "
        f"{dev_stats.get('quotes', 0) + test_stats.get('quotes', 0)} quotes"
        + ("" if args.check else f"; wrote {OUT_DEV.name}, {OUT_TEST.name}")
    )
    if args.stats:
        print(markdown_stats(dev_stats, test_stats))
    if args.slugs:
        print(markdown_slugs(entities, dev, test))
    return 0


if __name__ == "__main__":
    sys.exit(main())
