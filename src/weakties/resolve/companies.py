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
    }
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


def _key_once(name: str) -> str:
    text = remove_brackets(normalize_apostrophes(name)).replace("+", " & ")
    text = fold(strip_decorations(text)).replace("'", "").replace(".", "")
    text = text.replace("&", " & ")
    words = [w for w in _NON_WORD.sub(" ", text).split() if w]
    words = [
        "&" if (w in _AND_WORDS and 0 < i < len(words) - 1) else w for i, w in enumerate(words)
    ]
    if " ".join(words) in FILLER_COMPANIES:
        return ""
    if all(w in LEGAL_FORMS or w in _TRAILING_QUALIFIERS for w in words):
        return ""
    trailing = LEGAL_FORMS | _TRAILING_QUALIFIERS
    changed = True
    while changed:
        changed = False
        shorter = _strip_legal_run(words, LEGAL_FORMS)
        if shorter is not words:
            words, changed = shorter, True
        if len(words) > 1 and words[-1] in trailing:
            words, changed = words[:-1], True
        if len(words) > 1 and words[0] in _LEADING_WORDS:
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
    or "n/a" gives ``""``.

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


def _display_once(name: str) -> str:
    text = unicodedata.normalize("NFC", normalize_apostrophes(name)).replace(" + ", " & ")
    text = strip_decorations(remove_brackets(text))
    words = text.split()
    changed = True
    while changed and len(words) > 1:
        changed = False
        if _is_legal_token(words[-1]):
            words, changed = words[:-1], True
            continue
        run = 0
        while run < len(words) - 1 and len(_display_plain(words[len(words) - 1 - run])) == 1:
            run += 1
        for size in range(run, 1, -1):
            if "".join(_display_plain(w) for w in words[-size:]) in LEGAL_FORMS:
                words, changed = words[:-size], True
                break
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
