"""Sectors, regions and companies of the synthetic external population.

External people are clustered by *sector* (IT, finance, zorg, overheid, ...)
and *region* (Amsterdam, Utrecht, Antwerpen, ...).  Each sector holds a set
of companies whose sizes follow Zipf's law: a few large, well-known employers
(Rabobank, ASML, Gemeente Utrecht) and a long tail of small firms with
generated but realistic names and legal forms ("Bakker Logistiek B.V.",
"Zorggroep Noord", "Datawise BV").

References
----------
.. [1] Axtell, R. L. (2001). Zipf distribution of U.S. firm sizes.
   *Science* 293(5536), 1818-1820.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

import numpy as np

from .names import SURNAMES, slug

_T = TypeVar("_T")

__all__ = [
    "REGIONS",
    "SECTORS",
    "Company",
    "Region",
    "build_companies",
    "company_core",
    "company_variants",
]


@dataclass(frozen=True, slots=True)
class Region:
    """A metropolitan region people live and work in."""

    name: str
    country: str  # "NL" or "BE"
    weight: float  # share of the population
    towns: tuple[str, ...]


REGIONS: tuple[Region, ...] = (
    Region("Amsterdam", "NL", 0.17, ("Amsterdam", "Haarlem", "Zaandam", "Amstelveen", "Almere")),
    Region("Utrecht", "NL", 0.11, ("Utrecht", "Amersfoort", "Nieuwegein", "Zeist", "Veenendaal")),
    Region("Rotterdam", "NL", 0.12, ("Rotterdam", "Dordrecht", "Schiedam", "Gouda", "Capelle")),
    Region("Den Haag", "NL", 0.10, ("Den Haag", "Delft", "Leiden", "Zoetermeer", "Westland")),
    Region("Eindhoven", "NL", 0.08, ("Eindhoven", "Helmond", "'s-Hertogenbosch", "Tilburg")),
    Region("Groningen", "NL", 0.05, ("Groningen", "Leeuwarden", "Assen", "Drachten")),
    Region("Arnhem-Nijmegen", "NL", 0.07, ("Arnhem", "Nijmegen", "Ede", "Apeldoorn")),
    Region("Zwolle", "NL", 0.05, ("Zwolle", "Deventer", "Enschede", "Hengelo", "Kampen")),
    Region("Antwerpen", "BE", 0.10, ("Antwerpen", "Mechelen", "Lier", "Turnhout")),
    Region("Gent", "BE", 0.08, ("Gent", "Aalst", "Brugge", "Kortrijk")),
    Region("Brussel", "BE", 0.07, ("Brussel", "Leuven", "Vilvoorde", "Zaventem")),
)

#: Sector keys with their share of the external population.
SECTORS: dict[str, float] = {
    "it": 0.15,
    "finance": 0.10,
    "zorg": 0.12,
    "overheid": 0.10,
    "onderwijs": 0.08,
    "retail": 0.09,
    "logistiek": 0.07,
    "energie": 0.05,
    "bouw": 0.07,
    "industrie": 0.07,
    "zakelijke dienstverlening": 0.07,
    "media": 0.03,
}

# Well-known employers per sector, largest first: "name|domain|country" where
# country is NL, BE or * (people anywhere).
_REAL = {
    "it": "Booking.com|booking.com|NL;Adyen N.V.|adyen.com|NL;Stripe, Inc.|stripe.com|*;"
    "Microsoft|microsoft.com|*;Capgemini|capgemini.com|*;Centric|centric.eu|NL;"
    "Ordina N.V.|ordina.nl|*;Exact|exact.com|NL;TomTom N.V.|tomtom.com|NL;Mendix|mendix.com|NL;"
    "bunq B.V.|bunq.com|NL;Mollie B.V.|mollie.com|NL;Cegeka|cegeka.com|BE;Topicus|topicus.nl|NL",
    "finance": "Rabobank|rabobank.nl|NL;ING|ing.com|*;ABN AMRO Bank N.V.|abnamro.nl|NL;"
    "a.s.r.|asr.nl|NL;Achmea|achmea.nl|NL;KBC Bank|kbc.be|BE;Belfius|belfius.be|BE;"
    "de Volksbank|devolksbank.nl|NL;NN Group|nn-group.com|NL;Triodos Bank N.V.|triodos.nl|*;"
    "APG|apg.nl|NL;De Nederlandsche Bank|dnb.nl|NL",
    "zorg": "Amsterdam UMC|amsterdamumc.nl|NL;UMC Utrecht|umcutrecht.nl|NL;"
    "Erasmus MC|erasmusmc.nl|NL;Buurtzorg Nederland|buurtzorgnederland.com|NL;"
    "UZ Gent|uzgent.be|BE;ZNA|zna.be|BE;Isala|isala.nl|NL;GGD Amsterdam|ggd.amsterdam.nl|NL",
    "overheid": "Belastingdienst|belastingdienst.nl|NL;Rijkswaterstaat|rws.nl|NL;"
    "UWV|uwv.nl|NL;Politie Nederland|politie.nl|NL;Vlaamse Overheid|vlaanderen.be|BE;"
    "Nederlandse Voedsel- en Warenautoriteit|nvwa.nl|NL;"
    "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties|minbzk.nl|NL",
    "onderwijs": "Universiteit Utrecht|uu.nl|NL;Universiteit van Amsterdam|uva.nl|NL;"
    "KU Leuven|kuleuven.be|BE;Universiteit Gent|ugent.be|BE;Hogeschool Utrecht|hu.nl|NL;"
    "Fontys Hogescholen|fontys.nl|NL;Technische Universiteit Eindhoven|tue.nl|NL;"
    "Erasmus Universiteit Rotterdam|eur.nl|NL",
    "retail": "Albert Heijn|ah.nl|NL;bol.com|bol.com|*;Coolblue BV|coolblue.nl|*;"
    "HEMA|hema.nl|*;Jumbo Supermarkten|jumbo.com|NL;Action|action.com|*;"
    "Colruyt Group|colruytgroup.com|BE;Zalando SE|zalando.com|*;IKEA|ikea.com|*",
    "logistiek": "PostNL|postnl.nl|NL;DHL Supply Chain|dhl.com|*;NS|ns.nl|NL;"
    "Port of Rotterdam|portofrotterdam.com|NL;Schiphol Group|schiphol.nl|NL;"
    "Vos Logistics|vos-logistics.com|NL;Port of Antwerp-Bruges|portofantwerpbruges.com|BE;"
    "Kuehne+Nagel|kuehne-nagel.com|*",
    "energie": "Eneco|eneco.nl|NL;Vattenfall|vattenfall.nl|NL;TenneT|tennet.eu|NL;"
    "Alliander|alliander.com|NL;Stedin|stedin.net|NL;Shell|shell.com|*;Fluvius|fluvius.be|BE;"
    "Engie|engie.be|BE",
    "bouw": "Royal BAM Group|bam.com|NL;Heijmans N.V.|heijmans.nl|NL;VolkerWessels|volkerwessels.com|NL;"
    "Van Oord N.V.|vanoord.com|*;Dura Vermeer|duravermeer.nl|NL;BESIX|besix.com|BE;"
    "Ballast Nedam|ballast-nedam.nl|NL",
    "industrie": "ASML|asml.com|NL;Philips|philips.com|*;Heineken|heineken.com|*;"
    "Tata Steel|tatasteel.nl|NL;VDL Groep|vdlgroep.com|NL;Unilever|unilever.com|*;"
    "NXP Semiconductors|nxp.com|NL;AkzoNobel|akzonobel.com|NL;Bekaert|bekaert.com|BE",
    "zakelijke dienstverlening": "Deloitte|deloitte.nl|*;PwC|pwc.nl|*;KPMG|kpmg.nl|*;"
    "EY|ey.com|*;Randstad|randstad.nl|*;Accenture|accenture.com|*;Brunel|brunel.net|NL;"
    "Tempo-Team|tempo-team.nl|NL;Loyens & Loeff|loyensloeff.com|*;"
    "McKinsey & Company|mckinsey.com|*",
    "media": "DPG Media|dpgmedia.nl|*;RTL Nederland|rtl.nl|NL;NPO|npo.nl|NL;Mediahuis|mediahuis.be|BE;"
    "VRT|vrt.be|BE;Talpa Network|talpanetwork.com|NL",
}

# Generated name patterns per sector.  {S} surname, {T} town, {W} a word, {D}
# a direction; the legal form is appended when the pattern ends with "+".
_PATTERNS = {
    "it": ("{W}{X}+", "{W}{X}+", "{S} IT Services+", "{W}{X} Solutions+"),
    "finance": ("{S} Financieel Advies+", "{S} & {S2} Accountants", "{S} Vermogensbeheer+"),
    "zorg": ("Zorggroep {D}", "Thuiszorg {T}", "Huisartsenpraktijk {S}", "Fysiotherapie {T}"),
    "overheid": ("Gemeente {T}", "Omgevingsdienst {D}", "Waterschap {D}"),
    "onderwijs": ("Basisschool De {N}", "ROC {T}", "Stedelijk Gymnasium {T}", "Kinderopvang {N}"),
    "retail": ("{S} Mode", "Bakkerij {S}", "{S} Fietsen+", "{T} Wonen", "{S} Supermarkten+"),
    "logistiek": ("{S} Logistiek+", "{S} Transport+", "Transportbedrijf {S}", "{T} Distributie+"),
    "energie": ("{T} Energie", "{S} Installatietechniek+", "Energiecoöperatie {T}", "{N} Solar+"),
    "bouw": ("Bouwbedrijf {S}", "{S} Bouw+", "Aannemersbedrijf {S}", "{S} Vastgoed+"),
    "industrie": ("{S} Metaal+", "{S} Machinebouw+", "{T} Food Group+", "{S} Kunststoffen+"),
    "zakelijke dienstverlening": (
        "{S} Advocaten",
        "{S} & Partners",
        "{S} Consultancy+",
        "Notariskantoor {S}",
        "{S} Recruitment+",
    ),
    "media": ("{N} Media+", "Studio {S}", "{S} Communicatie", "Bureau {N}"),
}
_WORDS = "Data,Cloud,Code,Byte,Logic,Net,Info,Soft,Pixel,Quantum,Cyber,Smart,Digi,App,Web".split(
    ","
)
_XS = "wise,works,factory,lab,bridge,hub,ware,sense,flow,point,base,stack,forge".split(",")
_DIRS = ("Noord", "Zuid", "Oost", "West", "Midden", "Rivierenland", "Kennemerland", "Zuidoost")
_NOUNS = "Regenboog,Zonnebloem,Klimop,Wereldwijzer,Horizon,Vlinder,Sterrenkijker,Kompas".split(",")

_LEGAL = re.compile(
    r"(?:,?\s+(?:B\.V\.|BV|N\.V\.|NV|Inc\.?|Ltd\.?|GmbH|SE|bvba))$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Company:
    """One employer of the external population."""

    name: str  # as the company calls itself, legal form included when it uses one
    domain: str
    sector: str
    region: int  # index into REGIONS, or -1 for national/international employers
    country: str  # "NL", "BE" or "*"


def company_core(name: str) -> str:
    """Company name without its legal form: ``"Stripe, Inc."`` → ``"Stripe"``."""
    return _LEGAL.sub("", name).strip()


@lru_cache(maxsize=65536)
def company_variants(name: str) -> tuple[str, ...]:
    """Ways people write the same company on their profile or in a contact card.

    The first element is ``name`` itself.  Variants only add, drop or respell
    the legal form; they never change the company into another one.
    """
    core = company_core(name)
    variants = [name, core]
    m = _LEGAL.search(name)
    legal = m.group(0).strip(", ").strip() if m else ""
    if legal.upper() in ("B.V.", "BV"):
        variants += [f"{core} B.V.", f"{core} BV", f"{core} bv"]
    elif legal.upper() in ("N.V.", "NV"):
        variants += [f"{core} N.V.", f"{core} NV"]
    elif legal.startswith("Inc"):
        variants += [f"{core} Inc.", f"{core}, Inc", f"{core} Inc"]
    elif legal:
        variants.append(f"{core} {legal}")
    else:
        variants.append(core.upper() if len(core) <= 4 else core)
    seen: dict[str, None] = {}
    for v in variants:
        seen.setdefault(v, None)
    return tuple(seen)


def _generated_name(r: random.Random, sector: str, region: Region, attempt: int) -> str:
    u = r.random

    def pick(seq: Sequence[_T]) -> _T:
        return seq[int(u() * len(seq))]

    def surname() -> str:
        particle, base = pick(SURNAMES)
        return f"{particle[:1].upper()}{particle[1:]} {base}" if particle else base

    pat = pick(_PATTERNS[sector])
    town = pick(region.towns)
    out = pat.replace("{T}", town)
    if "{S" in out:
        out = out.replace("{S2}", surname()).replace("{S}", surname())
    if "{W}" in out:
        out = out.replace("{W}", pick(_WORDS)).replace("{X}", pick(_XS))
    out = out.replace("{D}", pick(_DIRS)) if "{D}" in out else out
    out = out.replace("{N}", pick(_NOUNS)) if "{N}" in out else out
    legal = out.endswith("+")
    out = out.rstrip("+")
    if attempt and town not in out:
        out = f"{out} {town}"  # "Bakker Logistiek Zwolle B.V.": how namesakes tell themselves apart
    if region.country == "BE":
        out = out.replace("Gemeente ", "Stad ")
    if legal:
        if region.country == "NL":
            form = "B.V." if r.random() < 0.7 else "BV"
        else:
            form = ("BV", "NV", "bvba")[int(r.random() * 3)]
        out = f"{out} {form}"
    return out


def build_companies(
    rng: np.random.Generator, sector_sizes: dict[str, int]
) -> tuple[list[Company], np.ndarray]:
    """Create the companies of every sector and their Zipf size weights.

    Parameters
    ----------
    rng : numpy.random.Generator
        Seeded generator.
    sector_sizes : dict
        Number of external people per sector; decides how many small firms
        each sector gets (about one per 25 people).

    Returns
    -------
    companies : list of Company
        Well-known employers first within each sector, then generated ones.
    weights : numpy.ndarray
        Relative size of each company; within a sector proportional to
        ``1 / rank`` (Zipf's law, [1]_).
    """
    r = random.Random(int(rng.integers(2**63)))
    regions = range(len(REGIONS))
    region_w = [reg.weight for reg in REGIONS]
    companies: list[Company] = []
    weights: list[float] = []
    used: set[str] = set()
    for sector, size in sector_sizes.items():
        rank = 0
        for entry in _REAL[sector].split(";"):
            name, domain, country = entry.split("|")
            companies.append(Company(name, domain, sector, -1, country))
            used.add(company_core(name).lower())
            rank += 1
            weights.append(1.0 / rank)
        wanted = max(20, size // 25)
        for _ in range(3 * wanted):
            if wanted == 0:
                break
            ri = r.choices(regions, region_w)[0]
            region = REGIONS[ri]
            for attempt in range(2):
                name = _generated_name(r, sector, region, attempt)
                key = company_core(name).lower()
                if key not in used:
                    break
            else:
                continue
            used.add(key)
            tld = ".nl" if region.country == "NL" else ".be"
            companies.append(Company(name, slug(key, "") + tld, sector, ri, region.country))
            rank += 1
            weights.append(1.0 / rank)
            wanted -= 1
    return companies, np.asarray(weights)
