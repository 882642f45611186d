"""Name pools and name helpers for synthetic Dutch and Belgian organisations.

The pools mix the names people in the Netherlands and Flanders actually carry:
Dutch names with *tussenvoegsels* (``van``, ``van der``, ``van den``, ``de``,
``'t``, ``ter``, ``ten``), Flemish names whose particle is capitalised and part
of the surname (``Van Damme``), and Turkish-, Moroccan-, Surinamese-, German-,
Polish-, French- and English-origin names, with their diacritics (Zoë, Çelik,
Müller, Loïc).  Within a pool, names are drawn with a Zipf-like frequency so
that common names (``de Jong``, ``Jan``) recur and natural homonyms occur.

References
----------
.. [1] Meertens Instituut, *Nederlandse Familienamenbank* (frequency order of
   the commonest Dutch surnames).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np

__all__ = [
    "FIRST_NAMES",
    "ORIGINS",
    "PARTICLES",
    "SURNAMES",
    "ascii_fold",
    "name_key",
    "origin_weights",
    "sample_names",
    "slug",
    "surnames_of_origin",
    "split_particle",
    "to_cp1252",
]

#: Dutch surname particles (lower case, longest first so that matching is greedy).
PARTICLES = (
    "van der",
    "van den",
    "van de",
    "van 't",
    "in 't",
    "van",
    "de",
    "der",
    "den",
    "'t",
    "ter",
    "ten",
    "te",
)

# origin: (male first names, female first names, surnames).  Surnames with a
# Dutch particle are written "particle|base"; everything else is one piece.
_POOLS: dict[str, tuple[str, str, str]] = {
    "dutch": (
        "Jan,Pieter,Mark,Thomas,Daan,Sem,Lucas,Bram,Luuk,Jesse,Tim,Niels,Bas,Joost,Sander,"
        "Ruben,Martijn,Jeroen,Rob,Erik,Gijs,Stijn,Thijs,Ruud,Wouter,Koen,Maarten,Hans,Frank,"
        "Peter,Michiel,Daniël,Kees,Henk,Willem,Johan,Noël,Joël,Arjen,Sjoerd,Floris,Jurriën,"
        "Jan-Willem,Gerrit,Dirk,Teun,Wessel,Jelle,Hidde,Siebe,Rutger,Vincent,Roel,Jasper,"
        "Marco,Dennis,Patrick,Edwin,Remco,Arnoud,Bart,Olaf,Lars,Boris,Mats,Finn,Milan,Jorrit",
        "Anna,Emma,Sophie,Julia,Lotte,Sanne,Lisa,Eva,Fleur,Anouk,Marieke,Linda,Ingrid,Petra,"
        "Monique,Esther,Ilse,Femke,Iris,Noor,Sara,Zoë,Chloë,Mariëlle,Renée,Inge,Maaike,Lieke,"
        "Charlotte,Yvonne,Karin,Judith,Hanneke,Marloes,Merel,Nienke,Roos,Tess,Daphne,Mirjam,"
        "Anne-Marie,Marie-José,Wilma,Ellen,Carla,Annemiek,Jolanda,Sandra,Manon,Suzanne,Evelien,"
        "Loes,Jet,Bo,Isa,Mila,Nina,Floor,Lynn,Elise,Myrthe,Annick,Joëlle,Rianne,Astrid,Gerda",
        "de|Jong,Jansen,de|Vries,van den|Berg,van|Dijk,Bakker,Janssen,Visser,Smit,Meijer,"
        "de|Boer,Mulder,de|Groot,Bos,Vos,Peters,Hendriks,van|Leeuwen,Dekker,Brouwer,de|Wit,"
        "Dijkstra,Smits,de|Graaf,van der|Meer,van der|Linden,Kok,Jacobs,de|Haan,Vermeulen,"
        "van den|Heuvel,van der|Veen,van den|Broek,de|Bruijn,de|Bruin,van der|Heijden,"
        "Schouten,van|Beek,Willems,van|Vliet,van de|Ven,Hoekstra,Maas,Verhoeven,Koster,"
        "van|Dam,van der|Wal,Prins,Blom,Huisman,de|Jonge,Kuipers,van|Veen,Post,Kuiper,"
        "Veenstra,Kramer,van den|Brink,Scholten,van|Wijk,Postma,Martens,Vink,de|Ruiter,"
        "Timmermans,Groen,Gerritsen,Jonker,van|Loon,Boersma,van den|Bosch,'t|Hart,ter|Horst,"
        "ten|Brink,van 't|Hof,in 't|Veld,ter|Haar,ten|Cate,Zwart,Koning,Hermans,van|Rooij,"
        "Hoogendoorn,Verbeek,Lammers,Sanders,van der|Laan,van|Doorn,Nijhuis,Evers,de|Lange,"
        "Kroon,van|Houten,Wolters,Coëlho,te|Velde",
    ),
    "flemish": (
        "Wout,Jef,Sander,Jens,Seppe,Wannes,Koen,Bart,Dries,Kobe,Pieter,Stijn,Arne,Lander,"
        "Maarten,Tom,Joris,Thibault,Robbe,Milan",
        "Lotte,Lien,Elke,Tine,Annelies,Griet,Joke,Nele,Febe,Marie,Hanne,Ine,Leen,Katrien,"
        "Sofie,Evi,Fien,Lore,Jolien,Noémie",
        "Peeters,Janssens,Maes,Jacobs,Mertens,Willems,Claes,Goossens,Wouters,De Smet,Hermans,"
        "Michiels,Van Damme,Desmet,Van den Broeck,De Clercq,Verstraete,Vandenberghe,Claeys,"
        "Coppens,Pauwels,De Backer,Aerts,Segers,Vermeersch,Van de Velde,Van Acker,De Meyer,"
        "Vervoort,D'Hondt",
    ),
    "french": (
        "Loïc,François,Jérôme,Benoît,Mathéo,Antoine,Julien,Thierry,Cédric,Raphaël",
        "Céline,Amélie,Hélène,Gaëlle,Noémie,Élise,Camille,Manon,Chloé,Inès",
        "Dubois,Lefèvre,François,Lambert,Dupont,Leclercq,Gérard,Lemaire,Renard,Fontaine,"
        "Mercier,Lejeune",
    ),
    "english": (
        "James,Oliver,Jack,Harry,George,Daniel,Michael,David,Ryan,Sean,Liam",
        "Emily,Olivia,Sophie,Grace,Charlotte,Sarah,Emma,Hannah,Megan,Siobhán",
        "Smith,Jones,Williams,Brown,Taylor,Davies,Wilson,Evans,Thomas,Johnson,O'Brien,"
        "Murphy,Walsh,Kelly,Clarke",
    ),
    "turkish": (
        "Mehmet,Mustafa,Ahmet,Emre,Murat,Hakan,Burak,Serkan,Yusuf,Kaan,Oğuz",
        "Ayşe,Fatma,Elif,Zeynep,Büşra,Esra,Merve,Özlem,Gülşen,Derya,Sevgi",
        "Yılmaz,Kaya,Demir,Çelik,Şahin,Yıldız,Yıldırım,Öztürk,Aydın,Özdemir,Arslan,Doğan,"
        "Kılıç,Aslan,Çetin,Koç,Kurt,Özkan,Şimşek,Polat",
    ),
    "moroccan": (
        "Mohamed,Mohammed,Youssef,Ilias,Soufiane,Said,Karim,Bilal,Hamza,Ayoub,Anouar",
        "Fatima,Khadija,Nadia,Sanae,Samira,Imane,Hanane,Salma,Naima,Meryem,Loubna",
        "El Amrani,Bouzid,Benali,El Idrissi,Aït Ahmed,Ouali,Ben Haddou,Chaouch,El Khatib,"
        "Azzouz,Bakkali,El Hamdaoui,Boukhari,Tahiri,Ziani,El Ouardi,Achahbar,Bouali,Mansouri",
    ),
    "german": (
        "Lukas,Jürgen,Jörg,Felix,Maximilian,Tobias,Stefan,Matthias",
        "Anna,Lena,Katrin,Julia,Sabine,Birgit,Jana,Jördis",
        "Müller,Schmidt,Schneider,Fischer,Weber,Meyer,Wagner,Becker,Schäfer,Koch,Weiß,"
        "Schröder,Günther,Groß",
    ),
    "polish": (
        "Piotr,Tomasz,Krzysztof,Paweł,Michał,Kamil,Łukasz",
        "Anna,Katarzyna,Agnieszka,Magdalena,Małgorzata,Joanna,Ewa",
        "Kowalski,Nowak,Wiśniewski,Wójcik,Kamińska,Lewandowski,Zieliński,Szymański,Dąbrowska",
    ),
    "surinamese": (
        "Rishi,Anand,Rajesh,Glenn,Romano,Jerrel,Sergio,Virgil",
        "Priya,Shanti,Kavita,Shirley,Sharon,Wendy,Nisha,Rowena",
        "Ramdin,Mahabier,Ramsaran,Sewnath,Jagessar,Kromodimedjo,Pinas,Doorson,Martina,Kirindongo",
    ),
}

#: Origins in a fixed order (the index is what the population arrays store).
ORIGINS: tuple[str, ...] = tuple(_POOLS)

# Generated Dutch surnames ("Hoogendijk", "Oostveen", "van der Sluis") widen
# the pool to thousands of names, so that unrelated people rarely share one.
_ROOTS = (
    "Hoog,Oost,West,Noord,Zuid,Groot,Klein,Nieuw,Zand,Steen,Bloem,Rozen,Eik,Berk,Haver,Mol,"
    "Hout,Holt,Brand,Sloot,Vree,Wester,Ooster,Linde,Hoek,Bos,Vel,Kamp,Beek,Wit,Blank,Lang,"
    "Bruin,Rood,Stok,Buren,Hol,Kort,Dijk,Ven"
).split(",")
_ENDS = (
    "dijk,veen,bergen,huis,kamp,horst,beek,brink,hof,man,meijer,stra,sma,ink,werf,hout,wijk,"
    "dam,broek,veld,laan,donk,kes,ers"
).split(",")
_BASES = (
    "Berg,Broek,Heuvel,Dijk,Veen,Meer,Wal,Laan,Velde,Bosch,Hoek,Kamp,Horst,Beek,Brink,Haar,"
    "Molen,Hof,Akker,Weide,Wetering,Steeg,Poel,Graaf,Zande,Kolk,Vaart,Brug,Heide,Esch,Ham,"
    "Leur,Plas,Rijn,Schans,Sluis,Spek,Vliet,Water,Zee,Loon,Hulst,Dongen,Rossum,Ommen,Eck"
).split(",")
_GEN_PARTICLES = ("van", "van der", "van den", "van de", "de", "ter", "ten", "van 't", "op den")
_GENERATED_DUTCH = [("", r + e) for r in _ROOTS for e in _ENDS if r.lower()[-1:] != e[:1]] + [
    (p, b) for p in _GEN_PARTICLES for b in _BASES
]

_ORIGIN_MIX = {
    "NL": {
        "dutch": 0.70,
        "english": 0.04,
        "turkish": 0.06,
        "moroccan": 0.06,
        "german": 0.03,
        "surinamese": 0.05,
        "polish": 0.03,
        "flemish": 0.02,
        "french": 0.01,
    },
    "BE": {
        "flemish": 0.62,
        "french": 0.15,
        "moroccan": 0.09,
        "turkish": 0.05,
        "dutch": 0.05,
        "english": 0.02,
        "german": 0.01,
        "polish": 0.01,
    },
}


def _split_list(text: str) -> list[str]:
    return [s.strip() for s in text.split(",") if s.strip()]


def _surname(entry: str) -> tuple[str, str]:
    if "|" in entry:
        particle, base = entry.split("|")
        return particle, base
    return "", entry


FIRST_NAMES: list[str] = []  # flat pool; a person stores an index into it
SURNAMES: list[tuple[str, str]] = []  # (particle, base)
SURNAME_ORIGIN: list[int] = []  # origin index (into ORIGINS) of each surname
ORIGIN_LIST: list[str] = []
_FIRST_IDX: dict[tuple[str, int], np.ndarray] = {}  # (origin, gender) -> indices
_FIRST_P: dict[tuple[str, int], np.ndarray] = {}
_SUR_IDX: dict[str, np.ndarray] = {}
_SUR_P: dict[str, np.ndarray] = {}


def _zipf(n: int, a: float) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1, dtype=float) ** a
    return w / w.sum()


for _origin, (_male, _female, _sur) in _POOLS.items():
    for _gender, _text in ((0, _male), (1, _female)):
        _names = _split_list(_text)
        _FIRST_IDX[(_origin, _gender)] = np.arange(len(FIRST_NAMES), len(FIRST_NAMES) + len(_names))
        _FIRST_P[(_origin, _gender)] = _zipf(len(_names), 0.35)
        FIRST_NAMES.extend(_names)
    _surs = [_surname(s) for s in _split_list(_sur)]
    _p = _zipf(len(_surs), 0.7)
    if _origin == "dutch":
        _extra = [x for x in _GENERATED_DUTCH if x not in set(_surs)]
        _surs += _extra
        _p = np.concatenate((0.35 * _p, np.full(len(_extra), 0.65 / len(_extra))))
    _SUR_IDX[_origin] = np.arange(len(SURNAMES), len(SURNAMES) + len(_surs))
    _SUR_P[_origin] = _p
    SURNAME_ORIGIN.extend([len(ORIGIN_LIST)] * len(_surs))
    ORIGIN_LIST.append(_origin)
    SURNAMES.extend(_surs)


def surnames_of_origin(origin_index: int) -> np.ndarray:
    """Indices into :data:`SURNAMES` of one origin."""
    return _SUR_IDX[ORIGINS[origin_index]]


def origin_weights(country: str) -> np.ndarray:
    """Probability of each origin in :data:`ORIGINS` for people living in ``country``."""
    mix = _ORIGIN_MIX[country]
    w = np.array([mix.get(o, 0.0) for o in ORIGINS])
    return w / w.sum()


def sample_names(
    rng: np.random.Generator, countries: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Draw gender, first-name index and surname index for each person.

    Parameters
    ----------
    rng : numpy.random.Generator
        Seeded generator.
    countries : numpy.ndarray of str
        ``"NL"`` or ``"BE"`` per person (decides the mix of origins).

    Returns
    -------
    gender, first, surname : numpy.ndarray
        ``gender`` is 0 (male) or 1 (female); ``first`` indexes
        :data:`FIRST_NAMES` and ``surname`` indexes :data:`SURNAMES`.
    """
    n = len(countries)
    gender = (rng.random(n) < 0.5).astype(np.int8)
    origin = np.empty(n, dtype=np.int16)
    for country in ("NL", "BE"):
        mask = countries == country
        origin[mask] = rng.choice(len(ORIGINS), size=int(mask.sum()), p=origin_weights(country))
    first = np.empty(n, dtype=np.int32)
    surname = np.empty(n, dtype=np.int32)
    for oi, o in enumerate(ORIGINS):
        om = origin == oi
        # One surname in eight crosses origins (mixed marriages, adoption of names).
        surname[om] = rng.choice(_SUR_IDX[o], size=int(om.sum()), p=_SUR_P[o])
        for g in (0, 1):
            m = om & (gender == g)
            first[m] = rng.choice(_FIRST_IDX[(o, g)], size=int(m.sum()), p=_FIRST_P[(o, g)])
    cross = rng.random(n) < 0.12
    surname[cross] = rng.integers(0, len(SURNAMES), size=int(cross.sum()))
    return gender, first, surname


_SPECIAL = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"}
)


@lru_cache(maxsize=65536)
def ascii_fold(text: str) -> str:
    """Drop diacritics the way people do when they type on an English keyboard.

    ``"Zoë Çelik"`` becomes ``"Zoe Celik"``; ``"Yılmaz"`` becomes ``"Yilmaz"``.
    Characters with no Latin base (emoji) are kept.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def to_cp1252(text: str) -> str:
    """Make ``text`` encodable in Windows-1252, as Excel's "CSV (;)" save does.

    Characters cp1252 has (ë, ü, Ç, ï) stay; others lose their diacritic
    (ş → s, ı → i); emoji and other symbols are dropped.
    """
    try:
        text.encode("cp1252")
        return text
    except UnicodeEncodeError:
        pass
    out = []
    for c in text:
        try:
            c.encode("cp1252")
            out.append(c)
        except UnicodeEncodeError:
            folded = ascii_fold(c)
            if folded != c:
                out.append(folded)
    return re.sub(r"\s+", " ", "".join(out)).strip()


@lru_cache(maxsize=65536)
def slug(text: str, sep: str = "-") -> str:
    """Lower-case ASCII slug: ``"Jan van 't Hof"`` → ``"jan-van-t-hof"``."""
    words = re.findall(r"[a-z0-9]+", ascii_fold(text).lower())
    return sep.join(words)


@lru_cache(maxsize=65536)
def split_particle(last_name: str) -> tuple[str, str]:
    """Split a Dutch last name into particle and base.

    ``"van den Berg"`` → ``("van den", "Berg")``; ``"Van Damme"`` (Flemish,
    capitalised) and ``"Jansen"`` have no separable particle.
    """
    for p in PARTICLES:
        if last_name.startswith(p + " ") and len(last_name) > len(p) + 1:
            return p, last_name[len(p) + 1 :]
    return "", last_name


@lru_cache(maxsize=131072)
def name_key(first: str, last: str) -> str:
    """Comparison key for a full name: folded, lower case, particles kept in order."""
    return slug(f"{first} {last}", " ")


#: Per pool entry: URL slug part ("van-den-berg") and comparison key ("van den berg").
FIRST_SLUGS: list[str] = [slug(f) for f in FIRST_NAMES]
SURNAME_SLUGS: list[str] = [slug(f"{p} {b}") for p, b in SURNAMES]
FIRST_KEYS: list[str] = [s.replace("-", " ") for s in FIRST_SLUGS]
SURNAME_KEYS: list[str] = [s.replace("-", " ") for s in SURNAME_SLUGS]
