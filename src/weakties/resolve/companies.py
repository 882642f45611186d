"""Company names: comparison keys and cleaned display names.

One employer is spelled many ways across exports: "Stripe, Inc.",
"Stripe Inc" and "STRIPE"; "Acme B.V.", "Acme BV" and "Acme Holding B.V.";
"Müller & Zonen" and "Muller en Zonen".  :func:`company_key` maps these to one
key; :func:`company_display` only removes the legal form and keeps the
spelling people recognise.

References
----------
.. [1] Christen, P. (2012). *Data Matching: Concepts and Techniques for
   Record Linkage, Entity Resolution, and Duplicate Detection*. Springer,
   ch. 3 (pre-processing) and ch. 4 (blocking on cleaned attributes).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from .text import fold, normalize_apostrophes, remove_brackets, strip_decorations

__all__ = [
    "FILLER_COMPANIES",
    "GENERIC_WORDS",
    "LEGAL_FORMS",
    "company_display",
    "company_key",
    "domain_company_keys",
]

_CACHE_SIZE = 1 << 17

#: Legal forms and similar trailing words, folded and without periods.
LEGAL_FORMS: frozenset[str] = frozenset(
    {
        "bv",
        "nv",
        "vof",
        "cv",
        "bvba",
        "bvio",
        "cvba",
        "commv",
        "vzw",
        "asbl",
        "sprl",
        "srl",
        "sa",
        "sarl",
        "sas",
        "ag",
        "gmbh",
        "kg",
        "ug",
        "se",
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "llp",
        "lp",
        "plc",
        "corp",
        "corporation",
        "co",
        "company",
        "pty",
        "oy",
        "ab",
        "as",
        "aps",
        "spa",
        "ua",
        "holding",
        "holdings",
        "pvt",
        "pte",
        "sdn",
        "bhd",
        "berhad",
        "ltda",
    }
)
#: Words that are part of a legal form only in front of one ("X Private Limited",
#: "Y Public Limited Company"): dropped with the legal form that follows them.
_LEGAL_PREFIXES = frozenset({"private", "public", "pvt", "pte", "pty", "sdn"})
#: Leading articles: "Company, The" is "The Company".
_ARTICLES = frozenset({"the", "de", "het"})
_INVERTED_ARTICLE = re.compile(r"^(.+?)\s*,\s*(the|de|het)\.?\s*$", re.IGNORECASE)

#: Words that say what a company does, not which company it is.  A legal form is not
#: removed when only one of these would remain: "IT Company" stays "IT Company", not "IT".
GENERIC_WORDS: frozenset[str] = frozenset(
    """
    it ict ai hr pr tech technology technologies software hardware consulting consultancy
    consultants advisory trading design marketing media services service solutions systems
    engineering construction finance financial investment investments insurance legal law
    logistics transport shipping security management digital data energy power oil gas health
    healthcare medical pharma food foods retail travel property properties realty development
    international global national general business industries industrial manufacturing
    products research education training staffing recruitment partners associates ventures
    capital network communications telecom printing publishing accounting audit tax textile
    textiles mining chemical chemicals steel motor motors electric electronics computer
    computers internet web online creative studio agency bank trust coffee tea wine beer
    furniture fashion beauty sports film music games gaming cleaning catering farm farming
    agro automation robotics mobility water waste recycling import export distribution supply
    """.split()
)

# Words dropped from the end of a key (not from the display name): group
# names and country qualifiers ("Rabobank Nederland", "Acme Group").
_TRAILING_QUALIFIERS = frozenset(
    {
        "group",
        "groep",
        "groupe",
        "gruppe",
        "nederland",
        "netherlands",
        "holland",
        "belgie",
        "belgique",
        "belgium",
        "benelux",
        "nl",
        "be",
        "the",
        "&",
    }
)
_LEADING_WORDS = frozenset({"the", "de", "het", "koninklijke", "stichting", "&"})
_AND_WORDS = frozenset({"and", "en", "und", "et", "+"})

#: Values that name no employer; they give an empty key.
FILLER_COMPANIES: frozenset[str] = frozenset(
    {
        "",
        "na",
        "n a",
        "nvt",
        "none",
        "geen",
        "nil",
        "null",
        "unknown",
        "onbekend",
        "self employed",
        "selfemployed",
        "self",
        "zelfstandig",
        "zelfstandige",
        "zelfstandig ondernemer",
        "eigen bedrijf",
        "freelance",
        "freelancer",
        "zzp",
        "zzper",
        "zzp er",
        "independent",
        "independent consultant",
        "consultant",
        "unemployed",
        "werkzoekend",
        "student",
        "retired",
        "gepensioneerd",
        "private",
        "prive",
        "various",
        "diverse",
        "confidential",
        "stealth",
        "stealth mode",
        "stealth startup",
        "home",
        "thuis",
        "x",
        "xx",
        "xxx",
        "test",
    }
)

_NON_WORD = re.compile(r"[^\w&]+")
_SPACES = re.compile(r"\s+")


def _fixpoint(function: Callable[[str], str], value: str) -> str:
    """Apply ``function`` until the value stops changing (at most five times)."""
    for _ in range(5):
        again = function(value)
        if again == value:
            break
        value = again
    return value


def _strip_legal_run(words: list[str], legal: frozenset[str]) -> list[str]:
    """Drop trailing single letters that spell a legal form ("b v" -> "bv")."""
    run = 0
    while run < len(words) and len(words[len(words) - 1 - run]) == 1:
        run += 1
    for size in range(run, 1, -1):
        if "".join(words[-size:]) in legal and size < len(words):
            return words[:-size]
    return words


def _uninvert(name: str) -> str:
    """``"Company, The"`` → ``"The Company"`` (a library catalogue's order undone)."""
    match = _INVERTED_ARTICLE.match(name)
    return f"{match.group(2)} {match.group(1)}" if match else name


def _names_something(words: list[str]) -> bool:
    """Whether ``words`` still name a company once a legal form or qualifier is removed.

    Not when nothing is left but articles, legal forms and qualifiers ("The",
    "Holding"), nor when one word is left that only says what a company does
    ("IT", "Trading").
    """
    named = words[1:] if len(words) > 1 and words[0] in _ARTICLES else words
    if not named or (len(named) == 1 and named[0] in GENERIC_WORDS):
        return False
    return not all(w in _NOT_A_NAME for w in named)


_NOT_A_NAME = LEGAL_FORMS | _TRAILING_QUALIFIERS | _LEADING_WORDS | _LEGAL_PREFIXES


def _without_legal_form(words: list[str]) -> list[str]:
    """``words`` without their last legal form (with a "Private" before it), or unchanged."""
    shorter = _strip_legal_run(words, LEGAL_FORMS)
    if shorter is words and len(words) > 1 and words[-1] in LEGAL_FORMS:
        shorter = words[:-1]
    if shorter is not words and len(shorter) > 1 and shorter[-1] in _LEGAL_PREFIXES:
        shorter = shorter[:-1]
    return shorter if shorter is not words and _names_something(shorter) else words


def _key_once(name: str) -> str:
    text = remove_brackets(normalize_apostrophes(_uninvert(name))).replace("+", " & ")
    text = fold(strip_decorations(text)).replace("'", "").replace(".", "")
    text = text.replace("&", " & ")
    words = [w for w in _NON_WORD.sub(" ", text).split() if w]
    words = [
        "&" if (w in _AND_WORDS and 0 < i < len(words) - 1) else w for i, w in enumerate(words)
    ]
    if " ".join(words) in FILLER_COMPANIES:
        return ""
    if words and words[0] not in _ARTICLES and all(w in _NOT_A_NAME for w in words):
        return ""  # "B.V.", "Holding B.V.": a legal form alone names no employer
    changed = True
    while changed:
        changed = False
        shorter = _without_legal_form(words)
        if shorter is not words:
            words, changed = shorter, True
        if len(words) > 1 and words[-1] in _TRAILING_QUALIFIERS and _names_something(words[:-1]):
            words, changed = words[:-1], True
        if len(words) > 1 and words[0] in _LEADING_WORDS and _names_something(words[1:]):
            words, changed = words[1:], True
    key = " ".join(words)
    return "" if key in FILLER_COMPANIES else key


@lru_cache(maxsize=_CACHE_SIZE)
def company_key(name: str) -> str:
    """Return the key that identifies a company across spellings.

    The key is folded (lowercase, no diacritics), has no punctuation,
    legal form ("B.V.", "Inc.", "GmbH", "Holding", ...), trailing group or
    country qualifier ("Group", "Nederland", "Belgium") or leading article
    ("The", "De", "Koninklijke", "Stichting"); "and", "en" and "+" between
    words become "&".  Filler such as "Self-employed", "Freelance", "ZZP'er"
    or "n/a" gives ``""``.  A legal form is kept where removing it would
    leave nothing but an article ("Company, The" is "the company") or one
    word that only says what a company does ("IT Company"); "Private" and
    "Public" go with the legal form after them ("X Private Limited").

    Parameters
    ----------
    name : str
        A company name from an export.

    Returns
    -------
    str
        The key, or ``""`` when the name identifies no employer.

    Examples
    --------
    >>> company_key("Stripe, Inc.")
    'stripe'
    >>> company_key("ACME Holding B.V.")
    'acme'
    >>> company_key("Müller en Zonen N.V.")
    'muller & zonen'
    >>> company_key("Muller & Zonen")
    'muller & zonen'
    >>> company_key("Self-employed")
    ''
    >>> company_key("Wagenbouw Private Limited"), company_key("IT Company")
    ('wagenbouw', 'it company')
    >>> company_key("Company, The")
    'the company'
    """
    return _fixpoint(_key_once, _key_once(name))


def _display_plain(token: str) -> str:
    return fold(token).replace(".", "").replace(",", "")


def _is_legal_token(token: str) -> bool:
    plain = _display_plain(token)
    pieces = [p for p in plain.split("/") if p]
    return bool(pieces) and all(p in LEGAL_FORMS for p in pieces)


_AND_DISPLAY = frozenset({"&", "and", "en", "+", "und", "et"})
_SMALL_WORDS = frozenset({"en", "and", "&", "of", "van", "de", "der", "den", "het", "the", "voor"})


def _display_names_something(words: list[str]) -> bool:
    return _names_something([_display_plain(w).lower() for w in words])


def _display_without_legal_form(words: list[str]) -> list[str]:
    """``words`` without their last legal form (as :func:`_without_legal_form`), or unchanged."""
    shorter = words
    if _is_legal_token(words[-1]):
        shorter = words[:-1]
    else:
        run = 0
        while run < len(words) - 1 and len(_display_plain(words[len(words) - 1 - run])) == 1:
            run += 1
        for size in range(run, 1, -1):
            if "".join(_display_plain(w) for w in words[-size:]) in LEGAL_FORMS:
                shorter = words[:-size]
                break
    if shorter is not words and len(shorter) > 1:
        if _display_plain(shorter[-1]).lower() in _LEGAL_PREFIXES:
            shorter = shorter[:-1]
    return shorter if shorter is not words and _display_names_something(shorter) else words


def _display_once(name: str) -> str:
    text = unicodedata.normalize("NFC", normalize_apostrophes(_uninvert(name)))
    text = strip_decorations(remove_brackets(text.replace(" + ", " & ")))
    words = text.split()
    while len(words) > 1:
        shorter = _display_without_legal_form(words)
        if shorter is words:
            break
        words = shorter
    while len(words) > 1 and _display_plain(words[-1]) in _AND_DISPLAY:
        words = words[:-1]
    text = " ".join(words).strip(" ,;:-\u2013")
    if text.islower() and "." not in text and not any(ch.isdigit() for ch in text):
        text = " ".join(
            w if (i and w in _SMALL_WORDS) else w[:1].upper() + w[1:]
            for i, w in enumerate(text.split())
        )
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=_CACHE_SIZE)
def company_display(name: str) -> str:
    """Return a company name for display: without legal form, nicely cased.

    The legal form ("B.V.", "Inc.", "GmbH", "Holding", ...) and trailing
    commas are removed; diacritics and the original casing are kept, except
    that an all-lowercase name ("acme consulting") is capitalised.  Filler
    ("Self-employed", "n/a") gives ``""``.

    Examples
    --------
    >>> company_display("Stripe, Inc.")
    'Stripe'
    >>> company_display("Müller & Zonen B.V.")
    'Müller & Zonen'
    >>> company_display("acme consulting bv")
    'Acme Consulting'
    >>> company_display("bol.com")
    'bol.com'
    >>> company_display("Freelance")
    ''
    """
    if not company_key(name):
        return ""
    display = _fixpoint(_display_once, _display_once(name))
    return display if company_key(display) else ""


# Second-level public suffixes under which the organisation's label is one
# further to the left ("acme.co.uk" -> "acme").
_SECOND_LEVEL = frozenset(
    {"co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc", "nhs", "or", "ne", "gv"}
)


@lru_cache(maxsize=_CACHE_SIZE)
def domain_company_keys(domain: str) -> tuple[str, ...]:
    """Compact company keys an email domain may stand for.

    The organisation's label of the domain ("acme" for ``acme.nl``,
    ``mail.acme.nl`` or ``acme.co.uk``) and that label with its top-level
    domain ("bookingcom" for ``booking.com``, matching the company
    "Booking.com").  Keys are compact: :func:`company_key` without spaces and
    "&".  Pass only domains that are not free-mail
    (see :func:`~weakties.resolve.identifiers.email_domain`).

    Examples
    --------
    >>> domain_company_keys("mullerzonen.nl")
    ('mullerzonen', 'mullerzonennl')
    >>> domain_company_keys("mail.acme.co.uk")
    ('acme', 'acmecouk')
    >>> domain_company_keys("")
    ()
    """
    labels = [label for label in fold(domain).strip(".").split(".") if label]
    if len(labels) < 2:
        return ()
    tld = labels[-1]
    index = len(labels) - 2
    if index > 0 and labels[index] in _SECOND_LEVEL and len(tld) == 2:
        index -= 1
    label = re.sub(r"[^0-9a-z]+", "", labels[index])
    if not label:
        return ()
    suffix = "".join(re.sub(r"[^0-9a-z]+", "", part) for part in labels[index + 1 :])
    return (label, label + suffix)
