"""Sector and region of a company, from its name and domain (pure Python).

Coverage by sector and region (issue 3) needs both for every contact, and
exports carry neither: LinkedIn gives a company name, a vCard an ``ORG``.
This module infers them the way a person reading the name would:

* **sector** from well-known employers and from words in the name
  ("Gemeente", "Ziekenhuis", "Logistiek", "Advocaten", ...), Dutch and English;
* **region** from a town or province in the name ("Gemeente Utrecht",
  "Thuiszorg Amersfoort", "UZ Gent"), mapped to the metropolitan region it
  lies in.

What cannot be read from the name stays unknown (the empty string): coverage
figures then show how much is unknown instead of guessing.

The sector keys are the Dutch labels weakties shows (``it``, ``finance``,
``zorg``, ``overheid``, ``onderwijs``, ``retail``, ``logistiek``, ``energie``,
``bouw``, ``industrie``, ``zakelijke dienstverlening``, ``media``), close to
the top level of the Dutch SBI / European NACE classification.

Examples
--------
>>> sector_of("Gemeente Utrecht"), region_of("Gemeente Utrecht")
('overheid', 'Utrecht')
>>> sector_of("Stripe, Inc."), sector_of("Bakkerij Jansen")
('it', 'retail')
>>> region_of("Thuiszorg Amersfoort"), region_of("Acme")
('Utrecht', '')
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["REGION_TOWNS", "SECTORS", "region_of", "sector_of"]

SECTORS = (
    "it",
    "finance",
    "zorg",
    "overheid",
    "onderwijs",
    "retail",
    "logistiek",
    "energie",
    "bouw",
    "industrie",
    "zakelijke dienstverlening",
    "media",
)

# Well-known employers (folded names, ';'-separated) by sector.
_KNOWN = {
    "it": "booking.com;adyen;stripe;microsoft;google;capgemini;centric;ordina;exact;tomtom;mendix;bunq;mollie;cegeka;topicus;ibm;sap;oracle;amazon;meta;linkedin;atos;cgi;sogeti",
    "finance": "rabobank;ing;abn amro;a.s.r.;asr;achmea;kbc;belfius;de volksbank;nn group;triodos;apg;de nederlandsche bank;aegon;ohra;argenta;bnp paribas",
    "zorg": "amsterdam umc;umc utrecht;erasmus mc;buurtzorg;uz gent;zna;isala;radboudumc;lumc;maastricht umc+",
    "overheid": "belastingdienst;rijkswaterstaat;uwv;politie;vlaamse overheid;nvwa;voedsel- en warenautoriteit;duo;cbs;svb;rvo;kadaster;defensie",
    "onderwijs": "ku leuven;fontys;tu delft;tue;hva;inholland;saxion;avans;windesheim",
    "retail": "albert heijn;bol.com;coolblue;hema;jumbo;colruyt;zalando;ikea;lidl;aldi;kruidvat;blokker",
    "logistiek": "postnl;dhl;ns;port of rotterdam;schiphol;vos logistics;port of antwerp;kuehne+nagel;bpost;de lijn;nmbs",
    "energie": "eneco;vattenfall;tennet;alliander;stedin;shell;fluvius;engie;essent",
    "bouw": "royal bam;bam;heijmans;volkerwessels;van oord;dura vermeer;besix;ballast nedam",
    "industrie": "asml;philips;heineken;tata steel;vdl;unilever;nxp;akzonobel;bekaert;dsm;frieslandcampina",
    "zakelijke dienstverlening": "deloitte;pwc;kpmg;ey;randstad;accenture;brunel;tempo-team;loyens & loeff;mckinsey",
    "media": "dpg media;rtl;npo;mediahuis;vrt;talpa",
}

# Words in a name that give the sector away, most specific first.
_WORDS = {
    "overheid": "gemeente ministerie provincie waterschap omgevingsdienst rijksoverheid "
    "overheid municipality ministry agency inspectie politie brandweer",
    "zorg": "ziekenhuis zorg thuiszorg zorggroep huisarts huisartsenpraktijk fysiotherapie "
    "ggd ggz umc kliniek hospital care health healthcare apotheek tandarts verpleeghuis",
    "onderwijs": "universiteit university hogeschool school basisschool roc gymnasium college "
    "lyceum academie kinderopvang onderwijs education",
    "finance": "bank verzekeringen verzekeraar insurance accountants financieel vermogensbeheer "
    "pensioen capital finance financial",
    "logistiek": "logistiek logistics transport transportbedrijf distributie shipping "
    "expeditie haven port airport",
    "energie": "energie energy solar installatietechniek netbeheer power wind",
    "bouw": "bouw bouwbedrijf aannemersbedrijf aannemer vastgoed construction architecten infra",
    "industrie": "metaal machinebouw kunststoffen food manufacturing chemie chemicals "
    "productie industries steel",
    "zakelijke dienstverlening": "ingenieursbureau advocaten advocatuur notariskantoor notaris consultancy "
    "consulting recruitment partners adviesbureau uitzendbureau legal",
    "media": "media studio communicatie bureau publishing uitgeverij omroep reclame",
    "retail": "mode bakkerij fietsen wonen supermarkten supermarkt winkel shop store retail",
    "it": "it software data cloud ict digital tech technology solutions services systems code labs",
}

# Metropolitan regions with the towns and provinces in them.
REGION_TOWNS = {
    "Amsterdam": "amsterdam haarlem zaandam amstelveen almere hoofddorp hilversum "
    "noord-holland kennemerland purmerend alkmaar",
    "Utrecht": "utrecht amersfoort nieuwegein zeist veenendaal houten woerden",
    "Rotterdam": "rotterdam dordrecht schiedam gouda capelle vlaardingen spijkenisse",
    "Den Haag": "den haag 's-gravenhage the hague delft leiden zoetermeer westland rijswijk "
    "zuid-holland",
    "Eindhoven": "eindhoven helmond 's-hertogenbosch den bosch tilburg breda noord-brabant oss",
    "Groningen": "groningen leeuwarden assen drachten friesland drenthe",
    "Arnhem-Nijmegen": "arnhem nijmegen ede apeldoorn gelderland wageningen",
    "Zwolle": "zwolle deventer enschede hengelo kampen overijssel almelo",
    "Maastricht": "maastricht heerlen venlo roermond sittard limburg",
    "Antwerpen": "antwerpen antwerp mechelen lier turnhout",
    "Gent": "gent ghent aalst brugge bruges kortrijk oost-vlaanderen west-vlaanderen oostende",
    "Brussel": "brussel brussels bruxelles leuven vilvoorde zaventem vlaams-brabant",
    "Limburg (BE)": "hasselt genk",
}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w&+'.\-]+", " ", text.casefold()).split())


def _phrases(table: dict[str, str], sep: str | None) -> list[tuple[str, str]]:
    """``(phrase, key)`` pairs, longest phrase first."""
    pairs = [
        (w.strip(), key) for key, words in table.items() for w in words.split(sep) if w.strip()
    ]
    return sorted(pairs, key=lambda p: -len(p[0]))


_KNOWN_PHRASES = _phrases(_KNOWN, ";")
_WORD_PHRASES = _phrases(_WORDS, None)


def _ngrams(name: str, longest: int = 5) -> set[str]:
    """Every run of 1..``longest`` words of ``name``, split on spaces and also on hyphens."""
    grams: set[str] = set()
    for words in (name.split(), name.replace("-", " ").split()):
        for n in range(1, longest + 1):
            grams.update(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
    return grams


_KNOWN_LOOKUP = {phrase: key for phrase, key in reversed(_KNOWN_PHRASES)}
_LONG_WORDS = [(w, key) for w, key in _WORD_PHRASES if len(w) >= 4]
_WORD_LOOKUP = {w: key for w, key in reversed(_WORD_PHRASES)}


@lru_cache(maxsize=65536)
def sector_of(company: str, domain: str = "") -> str:
    """The sector key of a company, or ``""`` when the name does not tell.

    Well-known employers are recognised by name (or by their domain); other
    names by a sector word in them, also at the end of a Dutch compound
    ("Transportbedrijf", "Zorggroep").
    """
    name = _fold(company)
    if not name:
        return ""
    grams = _ngrams(name)
    found = [p for p in grams if p in _KNOWN_LOOKUP]
    dom = domain.casefold().split(".")[0] if domain else ""
    if found:
        return _KNOWN_LOOKUP[max(found, key=len)]
    if dom and dom in _KNOWN_LOOKUP:
        return _KNOWN_LOOKUP[dom]
    tokens = name.replace("-", " ").split()
    exact = [t for t in tokens if t in _WORD_LOOKUP]
    if exact:
        return _WORD_LOOKUP[max(exact, key=len)]
    for word, key in _LONG_WORDS:
        if any(t.startswith(word) or t.endswith(word) for t in tokens):
            return key
    return ""


def _town_table() -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for region, towns in REGION_TOWNS.items():
        words = towns.split()
        i = 0
        while i < len(words):
            # "den haag", "'s-gravenhage", "the hague", "den bosch" are two words
            if words[i] in ("den", "the") and i + 1 < len(words):
                pairs.append((f"{words[i]} {words[i + 1]}", region))
                i += 2
                continue
            pairs.append((words[i], region))
            i += 1
    return sorted(pairs, key=lambda p: -len(p[0]))


_TOWN_LOOKUP = dict(_town_table())


@lru_cache(maxsize=65536)
def region_of(text: str) -> str:
    """The metropolitan region named in ``text`` (a company name or a location), or ``""``."""
    name = _fold(text)
    if not name:
        return ""
    found = [g for g in _ngrams(name, 3) if g in _TOWN_LOOKUP]
    return _TOWN_LOOKUP[max(found, key=len)] if found else ""
