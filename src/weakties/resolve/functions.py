"""The function family of a job title, Dutch or English (pure Python).

Diversity and the E-I index compare an employee's function with their
contacts' functions (Krackhardt & Stern 1988): a recruiter who knows only
recruiters has a homophilous network.  Job titles are free text, so this
module maps them onto a dozen families by keywords, the way the ISCO-08
major groups do for occupations.

Examples
--------
>>> function_of("Senior Software Engineer"), function_of("HR-adviseur")
('it', 'hr')
>>> function_of("Accountmanager"), function_of("Beleidsmedewerker"), function_of("Bakker")
('sales', 'policy', '')
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["FUNCTIONS", "function_of"]

# Keywords per family, in order of precedence; a title matches when a word starts or ends with one
# (Dutch compounds: "HR-adviseur", "Accountmanager", "Verkoopleider").
_KEYWORDS: dict[str, str] = {
    "hr": "hr recruiter recruitment talent personeel p&o people payroll werving",
    "it": "software developer ontwikkelaar engineer programmeur devops data ict it "
    "architect systeembeheerder tester scrum cloud security",
    "sales": "sales verkoop account accountmanager business development commercieel "
    "commercial relatiebeheerder",
    "marketing": "marketing communicatie communications content brand merk social pr",
    "finance": "finance financieel controller accountant boekhouder administratie treasury "
    "fiscalist audit",
    "care": "verpleegkundige nurse arts doctor zorg care therapeut fysiotherapeut "
    "psycholoog begeleider",
    "education": "docent teacher leraar onderwijs lecturer professor onderzoeker researcher "
    "trainer",
    "operations": "logistiek logistics operations planner inkoop procurement productie "
    "monteur technicus chauffeur magazijn inspecteur inspector",
    "management": "directeur director ceo cfo cto coo manager hoofd head lead teamleider "
    "leidinggevende bestuurder partner owner eigenaar",
    "policy": "beleid beleidsmedewerker beleidsadviseur policy adviseur advisor analist "
    "analyst jurist legal lawyer advocaat",
    "service": "klantenservice customer support service medewerker secretaresse "
    "receptionist officemanager",
}

FUNCTIONS = tuple(_KEYWORDS)
# Domain families first, the generic ones (management, policy, service) last:
# an "HR-adviseur" works in HR, an "IT-manager" in IT.
_PAIRS = [(kw, fam) for fam, words in _KEYWORDS.items() for kw in words.split()]


def _words(title: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", title.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return [w for w in re.split(r"[^a-z0-9&]+", folded) if w]


@lru_cache(maxsize=65536)
def function_of(title: str) -> str:
    """The function family of ``title`` (one of :data:`FUNCTIONS`), or ``""``."""
    words = _words(title)
    if not words:
        return ""
    for kw, fam in _PAIRS:
        for w in words:
            if w == kw or (len(kw) >= 4 and (w.startswith(kw) or w.endswith(kw))):
                return fam
    return ""
