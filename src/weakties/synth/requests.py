"""Realistic synthetic help requests for an employer network, in Dutch and English.

Member organisations bring candidates, surplus staff, vacancies (open now or
expected) and work-experience places to a meeting (seed ``004``).  This module
generates such requests for the demo and for ``bench/matching.py``: titles
from the occupation lists of :mod:`weakties.matching` (Dutch or English
labels, with seniority and specialism as people write them), skills that fit
the occupation's family, Dutch and Belgian places, levels, dates, and a short
free text in the request's language.

Fully seeded: the same arguments give the same requests.

>>> from weakties.synth.requests import generate_requests
>>> rs = generate_requests(candidates=3, vacancies=2, seed=1)
>>> [r.kind for r in rs]
['candidate', 'candidate', 'candidate', 'vacancy', 'vacancy']
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from functools import cache

from weakties.matching import catalogue
from weakties.matching.records import Request

__all__ = ["ORGANISATIONS", "generate_requests"]

ORGANISATIONS = (
    "Rijkswaterstaat", "NVWA", "Ministerie van Landbouw", "Belastingdienst", "UWV", "DUO",
    "Politie", "Defensie", "Kadaster", "CBS", "RIVM", "ProRail", "NS", "Schiphol", "KLM",
    "Gemeente Amsterdam", "Gemeente Rotterdam", "Gemeente Den Haag", "Gemeente Utrecht",
    "Gemeente Eindhoven", "Gemeente Groningen", "Gemeente Tilburg", "Gemeente Zwolle",
    "Provincie Noord-Brabant", "Provincie Gelderland", "Provincie Utrecht",
    "Omgevingsdienst Brabant Noord", "Waterschap Rivierenland", "Staatsbosbeheer",
    "UMC Utrecht", "Erasmus MC", "Amsterdam UMC", "Zuyderland", "Buurtzorg", "Cordaan",
    "Philips", "ASML", "DAF Trucks", "VDL", "Tata Steel", "FrieslandCampina", "Vion",
    "Heineken", "Unilever", "Albert Heijn", "Jumbo", "Bol", "PostNL", "DHL Supply Chain",
    "Stedin", "Alliander", "Enexis", "TenneT", "BAM", "Heijmans", "Arcadis", "Dura Vermeer",
    "ING", "Rabobank", "ABN AMRO", "Achmea", "Booking.com", "Adyen", "Coolblue",
    "Sodexo", "CSU", "ISS", "G4S", "Randstad", "ROC Midden Nederland", "Universiteit Utrecht",
    "TU Delft", "Stad Gent", "Stad Antwerpen", "VDAB", "De Lijn", "KU Leuven", "UGent",
    "Vlaamse Overheid", "Proximus", "ESA ESTEC", "EMA", "Eurojust",
)  # fmt: skip

# Skills (ids in matching/data/skills.csv) that go with each occupation family.
_FAMILY_SKILLS: dict[str, tuple[str, ...]] = {
    "inspection": ("inspection", "enforcement", "reporting", "regulations", "driving licence b", "haccp", "food safety"),
    "environment": ("environmental law", "permits", "spatial planning", "gis", "water management", "stakeholder management"),
    "policy": ("policy writing", "stakeholder management", "political sensitivity", "public administration", "writing"),
    "legal": ("administrative law", "contracts", "litigation", "privacy", "legislation drafting", "writing"),
    "finance": ("accounting", "financial control", "excel", "afas", "sap", "tax", "budgeting", "auditing"),
    "hr": ("recruitment", "labour law", "career coaching", "training", "hr systems", "communication skills"),
    "communication": ("writing", "social media", "press relations", "marketing", "seo", "adobe"),
    "sales": ("sales skills", "account management", "customer data", "languages", "driving licence b"),
    "customer_service": ("customer service", "languages", "ms office", "administration"),
    "office": ("administration", "ms office", "planning", "excel", "languages"),
    "software": ("python", "java", "dotnet", "javascript", "sql", "git", "agile", "testing", "devops", "cloud"),
    "it_ops": ("linux", "windows server", "networking", "itil", "cloud", "information security"),
    "data": ("sql", "python", "data analysis", "bi tools", "machine learning", "data engineering"),
    "nursing": ("big registration", "nursing care", "elderly care", "personal care", "intensive care", "mental health"),
    "medical": ("medical knowledge", "big registration", "pharmacy"),
    "social": ("counselling", "youth care", "social security", "disability care", "mental health"),
    "education": ("teaching", "childcare", "training", "languages"),
    "logistics": ("warehouse", "forklift", "supply chain", "customs", "vca"),
    "transport": ("driving licence c", "tachograph", "adr", "bus licence", "driving licence b", "navigation"),
    "construction": ("construction skills", "vca", "civil engineering", "cad", "building regulations"),
    "installation": ("electrical", "hvac", "mechanical", "welding", "vca", "driving licence b"),
    "manufacturing": ("production", "lean", "quality", "machining", "vca"),
    "engineering": ("cad", "plc", "electrical", "mechanical", "energy", "project management"),
    "hospitality": ("cooking", "serving", "haccp", "food safety", "events", "languages"),
    "food": ("butchery", "baking", "haccp", "food safety", "production"),
    "retail": ("cash handling", "merchandising", "customer service"),
    "security": ("security diploma", "surveillance", "fire safety", "bhv", "public order", "occupational safety"),
    "agriculture": ("gardening", "agriculture", "nature management", "animal care", "driving licence b"),
    "cleaning": ("cleaning", "facility management", "vca"),
    "management": ("leadership", "project management", "change management", "budgeting", "stakeholder management"),
    "research": ("research methods", "laboratory", "data analysis", "writing"),
    "creative": ("design", "adobe", "photography", "social media"),
}  # fmt: skip

_LEVELS = (
    "mbo 2",
    "mbo 3",
    "mbo 4",
    "hbo",
    "wo",
    "junior",
    "medior",
    "senior",
    "schaal 8",
    "schaal 10",
    "schaal 11",
    "",
)
_SENIORITY_NL = ("", "", "", "Senior ", "Junior ", "Medior ", "Ervaren ")
_SENIORITY_EN = ("", "", "", "Senior ", "Junior ", "Lead ")

_TEXT_NL = {
    "vacancy": (
        "{org} zoekt een {title} in de regio {region}. Je werkt met {s1} en {s2}. "
        "Wij vragen een afgeronde opleiding op {level}-niveau en ervaring met {s3}.",
        "Voor ons team in {region} zoeken wij per direct een {title}. Je bent verantwoordelijk voor {s1}; kennis van {s2} is een pré.",
        "Ben jij de {title} die ons team in {region} komt versterken? Je hebt ervaring met {s1}, {s2} en {s3}.",
    ),
    "candidate": (
        "Ervaren {title} met kennis van {s1} en {s2}. Zoekt een nieuwe uitdaging in de regio {region}.",
        "{title} die na jaren bij {org} toe is aan een volgende stap. Sterk in {s1}; ervaring met {s2}.",
        "Loopbaankandidaat: {title}, {level}, woont in {region}. Ervaring met {s1}, {s2} en {s3}.",
    ),
    "surplus": (
        "Door een reorganisatie bij {org} worden {count} medewerkers ({title}) boventallig. Zij hebben ervaring met {s1} en {s2}.",
        "{count} {title} komen vrij in de regio {region}; kennis van {s1}, {s2} en {s3}.",
    ),
    "work-experience": (
        "Werkervaringsplek als {title} in {region}. Je leert werken met {s1} onder begeleiding van een ervaren collega.",
    ),
}
_TEXT_EN = {
    "vacancy": (
        "{org} is looking for a {title} in {region}. You will work with {s1} and {s2}. "
        "We ask for a degree at {level} level and experience with {s3}.",
        "Join our team in {region} as {title}. You are responsible for {s1}; knowledge of {s2} is a plus.",
    ),
    "candidate": (
        "Experienced {title} with a background in {s1} and {s2}, looking for a new role around {region}.",
        "{title} ready for a next step after years at {org}. Strong in {s1}; experience with {s2} and {s3}.",
    ),
    "surplus": (
        "Due to a reorganisation at {org}, {count} staff ({title}) become available. They are experienced in {s1} and {s2}.",
    ),
    "work-experience": (
        "Work-experience placement as {title} in {region}, learning {s1} with a mentor.",
    ),
}


@cache
def _occupations() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    return tuple((o.family, o.labels_nl, o.labels_en) for o in catalogue.occupations())


@cache
def _skill_names() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    return {s.id: (s.labels_nl, s.labels_en) for s in catalogue.skills()}


@cache
def _cities() -> tuple[str, ...]:
    return tuple(p.name for p in catalogue.places() if p.kind == "city")


def _skills(rng: random.Random, family: str, english: bool, n: int) -> list[str]:
    names = _skill_names()
    pool = list(_FAMILY_SKILLS[family])
    if rng.random() < 0.3:  # a skill from another field
        pool.append(rng.choice(list(names)))
    chosen = rng.sample(pool, min(n, len(pool)))
    out = []
    for skill in chosen:
        nl, en = names[skill]
        labels = en if english and en else nl or en
        out.append(rng.choice(labels[:3]))
    return out


_ACRONYMS = frozenset(
    "it ict hr ux ui qa bi gis cnc plc hse boa cv ic l&d p&o cfo ceo cio coo ciso dba sap erp r&d"
    " igj ggd nvwa gz ggz wmo bso mbo hbo pmo f&b dtp".split()
)


def _title(rng: random.Random, labels: Sequence[str], english: bool) -> str:
    words = rng.choice(labels).split(" ")
    words = [w.upper() if w in _ACRONYMS else w for w in words]
    title = " ".join(words)
    prefix = rng.choice(_SENIORITY_EN if english else _SENIORITY_NL)
    if prefix and not english:  # "Ervaren hoofd ICT"; English titles are title-cased
        return prefix + title
    return prefix + title[0].upper() + title[1:]


def _request(
    rng: random.Random, i: int, kind: str, today: datetime.date, orgs: Sequence[str]
) -> Request:
    family, labels_nl, labels_en = rng.choice(_occupations())
    english = rng.random() < 0.25 and bool(labels_en)
    title = _title(rng, labels_en if english else labels_nl, english)
    org = rng.choice(orgs)
    region = rng.choice(_cities())
    level = rng.choice(_LEVELS)
    skills = _skills(rng, family, english, rng.randint(2, 5))
    count = rng.randint(2, 40) if kind == "surplus" else 1
    date = None
    if (
        kind == "surplus"
        or (kind == "vacancy" and rng.random() < 0.3)
        or (kind == "candidate" and rng.random() < 0.2)
    ):
        date = today + datetime.timedelta(days=rng.randint(0, 365))
    templates = (_TEXT_EN if english else _TEXT_NL)[kind]
    s1, s2, s3 = (skills * 3)[:3]
    text = rng.choice(templates).format(
        org=org,
        title=title[0].lower() + title[1:],
        region=region,
        level=level or "hbo",
        s1=s1,
        s2=s2,
        s3=s3,
        count=count,
    )
    text = text[0].upper() + text[1:]
    return Request(
        id=i, org=org, kind=kind, title=title, text=text, skills=tuple(skills[: rng.randint(0, len(skills))] or skills[:1]),
        region=region if rng.random() < 0.9 else "", level=level, count=count, date=date,
    )  # fmt: skip


def generate_requests(
    *,
    candidates: int = 0,
    surplus: int = 0,
    vacancies: int = 0,
    work_experience: int = 0,
    seed: int = 0,
    today: datetime.date = datetime.date(2026, 1, 15),
    organisations: Sequence[str] = ORGANISATIONS,
    first_id: int = 1,
) -> list[Request]:
    """Generate help requests: supply first (candidates, surplus), then demand.

    About a quarter are in English; titles carry seniority as people write it;
    one in ten has no region; surplus staff have a date within a year, and
    about a third of the vacancies are expected rather than open now.
    """
    rng = random.Random(seed)
    out: list[Request] = []
    next_id = first_id
    for kind, n in (
        ("candidate", candidates),
        ("surplus", surplus),
        ("vacancy", vacancies),
        ("work-experience", work_experience),
    ):
        for _ in range(n):
            out.append(_request(rng, next_id, kind, today, organisations))
            next_id += 1
    return out
