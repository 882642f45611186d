"""Job titles, in Dutch and English, inside the organisation and outside it.

Dutch professionals write their position in either language, often mixed
("Teamleider Klantenservice", "Senior Software Engineer", "HR-adviseur").
:func:`position_variants` gives the respellings one person's title gets across
exports (hyphenation, "Sr." for "Senior", a promotion between two exports)
without changing the job into another one.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "DEPARTMENTS",
    "GENERIC_POSITIONS",
    "SECTOR_POSITIONS",
    "position_variants",
]

# department: (weight in a typical firm, head titles, team-lead title, staff titles)
DEPARTMENTS: dict[str, tuple[float, tuple[str, ...], str, tuple[str, ...]]] = {
    "Management": (
        0.03,
        ("Algemeen Directeur", "CEO"),
        "",
        ("Managementassistent", "Office Manager", "Directiesecretaresse", "COO"),
    ),
    "Sales": (
        0.12,
        ("Commercieel Directeur", "Head of Sales"),
        "Teamleider Sales",
        ("Business Developer", "Inside Sales Medewerker", "Sales Support", "Sales Engineer"),
    ),
    "HR & Recruitment": (
        0.05,
        ("HR-manager", "Head of People"),
        "Teamleider HR",
        ("HR-adviseur", "HR Business Partner", "Salarisadministrateur", "L&D-adviseur"),
    ),
    "Engineering": (
        0.35,
        ("CTO", "Head of Engineering"),
        "Engineering Manager",
        (
            "Software Engineer",
            "Senior Software Engineer",
            "Backend Developer",
            "Frontend Developer",
            "DevOps Engineer",
            "Data Engineer",
            "QA Engineer",
            "Product Owner",
            "Scrum Master",
            "UX Designer",
            "Medior Developer",
            "Data Scientist",
        ),
    ),
    "Finance": (
        0.06,
        ("CFO", "Financieel Directeur"),
        "Teamleider Finance",
        ("Financieel Controller", "Boekhouder", "Business Controller", "Financial Analyst"),
    ),
    "Marketing": (
        0.08,
        ("Marketing Manager", "Head of Marketing"),
        "Teamleider Marketing",
        (
            "Content Marketeer",
            "Online Marketeer",
            "Communicatieadviseur",
            "Grafisch Ontwerper",
            "Marketing Coördinator",
        ),
    ),
    "Operations": (
        0.14,
        ("Operationeel Manager", "Head of Operations"),
        "Teamleider Operations",
        ("Projectmanager", "Planner", "IT-beheerder", "Inkoper", "Facilitair Medewerker"),
    ),
    "Customer Service": (
        0.17,
        ("Manager Klantenservice", "Head of Customer Service"),
        "Teamleider Klantenservice",
        (
            "Klantenservicemedewerker",
            "Customer Success Manager",
            "Support Specialist",
            "Medewerker Klantcontact",
        ),
    ),
}

ACCOUNT_MANAGER_TITLES = (
    "Accountmanager",
    "Account Manager",
    "Senior Accountmanager",
    "Key Account Manager",
)
RECRUITER_TITLES = (
    "Recruiter",
    "Corporate Recruiter",
    "Talent Acquisition Specialist",
    "Senior Recruiter",
)

SECTOR_POSITIONS: dict[str, tuple[str, ...]] = {
    "it": (
        "Software Engineer",
        "Senior Developer",
        "IT-manager",
        "Product Owner",
        "Scrum Master",
        "CTO",
        "Data Engineer",
        "Solution Architect",
        "Servicedeskmedewerker",
        "Cloud Engineer",
        "Security Officer",
    ),
    "finance": (
        "Financieel adviseur",
        "Controller",
        "Risk Manager",
        "Accountant",
        "Relatiebeheerder",
        "Hypotheekadviseur",
        "Compliance Officer",
        "Investment Analyst",
    ),
    "zorg": (
        "Verpleegkundige",
        "Huisarts",
        "Teamleider Zorg",
        "Fysiotherapeut",
        "Manager Bedrijfsvoering",
        "Medisch Specialist",
        "Zorgcoördinator",
        "Bestuurder",
    ),
    "overheid": (
        "Beleidsmedewerker",
        "Senior beleidsadviseur",
        "Projectleider",
        "Inkoopadviseur",
        "Informatiemanager",
        "Gemeentesecretaris",
        "Inspecteur",
        "Juridisch adviseur",
    ),
    "onderwijs": (
        "Docent",
        "Teamleider",
        "Onderzoeker",
        "Hoogleraar",
        "PhD candidate",
        "Directeur",
        "Studieadviseur",
        "Leerkracht",
    ),
    "retail": (
        "Storemanager",
        "Category Manager",
        "E-commerce Manager",
        "Inkoper",
        "Filiaalmanager",
        "Visual Merchandiser",
    ),
    "logistiek": (
        "Planner",
        "Warehouse Manager",
        "Supply Chain Manager",
        "Logistiek medewerker",
        "Transportplanner",
        "Chauffeur",
    ),
    "energie": (
        "Asset Manager",
        "Energieadviseur",
        "Projectmanager Energietransitie",
        "Netbeheerder",
        "Elektrotechnicus",
    ),
    "bouw": ("Projectleider", "Uitvoerder", "Werkvoorbereider", "Calculator", "Architect"),
    "industrie": (
        "Productiemanager",
        "Process Engineer",
        "Operator",
        "Kwaliteitsmanager",
        "R&D Engineer",
        "Maintenance Engineer",
    ),
    "zakelijke dienstverlening": (
        "Consultant",
        "Senior Consultant",
        "Advocaat",
        "Notaris",
        "Partner",
        "Recruiter",
        "Intercedent",
        "Belastingadviseur",
    ),
    "media": (
        "Marketeer",
        "Content Marketeer",
        "Art Director",
        "Journalist",
        "Communicatieadviseur",
        "Redacteur",
    ),
}

GENERIC_POSITIONS = (
    "HR-adviseur",
    "HR Business Partner",
    "Office Manager",
    "Directeur",
    "CEO",
    "Eigenaar",
    "Founder",
    "Manager Finance",
    "Salesmanager",
    "Accountmanager",
    "Management Assistant",
    "Projectmanager",
    "Recruiter",
    "Zelfstandig ondernemer",
    "Student",
    "Stagiair",
)

_PAIRS = (
    ("Accountmanager", "Account Manager"),
    ("Salesmanager", "Sales Manager"),
    ("HR-adviseur", "HR Adviseur"),
    ("IT-manager", "IT Manager"),
    ("IT-beheerder", "IT Beheerder"),
    ("Storemanager", "Store Manager"),
    ("Software Engineer", "Software Developer"),
    ("Eigenaar", "Owner"),
    ("Directeur", "Director"),
    ("Docent", "Teacher"),
)


@lru_cache(maxsize=4096)
def position_variants(position: str) -> tuple[str, ...]:
    """Respellings of one position, the original first.

    Examples: ``"Senior Software Engineer"`` → ``"Sr. Software Engineer"``,
    ``"Software Developer"``; ``"Accountmanager"`` → ``"Account Manager"``,
    ``"Senior Accountmanager"`` (a promotion between two exports).
    """
    out = [position]
    for a, b in _PAIRS:
        if a in position and a != b:
            out.append(position.replace(a, b))
        elif b in position and a != b:
            out.append(position.replace(b, a))
    if position.startswith("Senior "):
        out.append("Sr. " + position[7:])
        out.append(position[7:])
    elif not re.match(r"(Junior|Medior|Lead|Head|Chief|CEO|CTO|CFO|COO|Student)", position):
        out.append("Senior " + position)
    if " " not in position:
        out.append(position.lower())
    seen: dict[str, None] = {}
    for v in out:
        seen.setdefault(v, None)
    return tuple(seen)
