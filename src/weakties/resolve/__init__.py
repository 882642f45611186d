"""Identity resolution of people and companies (pure Python, no Django).

The same external person turns up in the exports of many employees, spelled
differently each time.  This package normalises identifiers
(:mod:`~weakties.resolve.identifiers`), person names
(:mod:`~weakties.resolve.names`) and company names
(:mod:`~weakties.resolve.companies`), and resolves contacts to people
incrementally with :class:`~weakties.resolve.people.PersonIndex`.

References
----------
.. [1] Fellegi, I. P. & Sunter, A. B. (1969). A Theory for Record Linkage.
   *Journal of the American Statistical Association* 64(328), 1183-1210.
.. [2] Christen, P. (2012). *Data Matching: Concepts and Techniques for
   Record Linkage, Entity Resolution, and Duplicate Detection*. Springer.

Examples
--------
>>> from weakties.resolve import company_key, normalize_linkedin_url, person_name_key
>>> normalize_linkedin_url("https\\\\://nl.linkedin.com/in/Jan-de-Vries/?originalSubdomain=nl")
'linkedin.com/in/jan-de-vries'
>>> person_name_key("Jan de", "Vries MSc")
'jan de vries'
>>> company_key("Stripe, Inc.")
'stripe'
"""

from .companies import company_display, company_key
from .identifiers import email_domain, is_role_email, normalize_email, normalize_linkedin_url
from .names import NameParts, clean_first_name, clean_last_name, parse_name, person_name_key
from .people import Match, PersonIndex, identity

__all__ = [
    "Match",
    "NameParts",
    "PersonIndex",
    "clean_first_name",
    "clean_last_name",
    "company_display",
    "company_key",
    "email_domain",
    "identity",
    "is_role_email",
    "normalize_email",
    "normalize_linkedin_url",
    "parse_name",
    "person_name_key",
]
