"""Exact identifiers of a person: email addresses and LinkedIn profile URLs.

Identity resolution compares identifiers only after normalising them, and
then only through a digest (see :class:`weakties.resolve.people.PersonIndex`),
so two spellings of one identifier must normalise to the same string.  The
normalisers here are deliberately conservative: they undo formatting
(case, whitespace, ``mailto:``, URL schemes, locale subdomains, query strings,
Apple's escaped ``https\\://``) but never guess (``jan.devries@gmail.com`` and
``jandevries@gmail.com`` stay different).

References
----------
.. [1] Fellegi, I. P. & Sunter, A. B. (1969). A Theory for Record Linkage.
   *Journal of the American Statistical Association* 64(328), 1183-1210.
.. [2] Christen, P. (2012). *Data Matching*. Springer, ch. 3.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import unquote

__all__ = [
    "FREE_MAIL_DOMAINS",
    "ROLE_MAILBOXES",
    "email_domain",
    "is_role_email",
    "normalize_email",
    "normalize_linkedin_url",
]

_CACHE_SIZE = 1 << 17

#: Mail providers whose domain says nothing about a person's employer.
#: A subdomain of one of these (``mail.planet.nl``) counts as free-mail too.
FREE_MAIL_DOMAINS: frozenset[str] = frozenset(
    {
        # international
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.nl",
        "hotmail.be",
        "hotmail.co.uk",
        "hotmail.fr",
        "hotmail.de",
        "outlook.com",
        "outlook.nl",
        "outlook.be",
        "live.com",
        "live.nl",
        "live.be",
        "msn.com",
        "yahoo.com",
        "yahoo.nl",
        "yahoo.be",
        "yahoo.co.uk",
        "yahoo.fr",
        "ymail.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "gmx.com",
        "gmx.net",
        "gmx.de",
        "web.de",
        "mail.com",
        "protonmail.com",
        "protonmail.ch",
        "proton.me",
        "pm.me",
        "tutanota.com",
        "fastmail.com",
        "zoho.com",
        "yandex.com",
        "hey.com",
        # the Netherlands
        "kpnmail.nl",
        "kpnplanet.nl",
        "planet.nl",
        "hetnet.nl",
        "ziggo.nl",
        "home.nl",
        "chello.nl",
        "casema.nl",
        "upcmail.nl",
        "xs4all.nl",
        "zeelandnet.nl",
        "quicknet.nl",
        "telfort.nl",
        "tele2.nl",
        "online.nl",
        "wxs.nl",
        "versatel.nl",
        "solcon.nl",
        "caiway.nl",
        "delta.nl",
        "hccnet.nl",
        "onsbrabantnet.nl",
        # Belgium
        "telenet.be",
        "skynet.be",
        "proximus.be",
        "belgacom.net",
        "scarlet.be",
        "pandora.be",
        "edpnet.be",
        "voo.be",
    }
)

#: Local parts of shared mailboxes.  Such addresses are normalised like any
#: other but are not used as a person's identifier: several people answer
#: ``info@`` and merging on it would join them.
ROLE_MAILBOXES: frozenset[str] = frozenset(
    {
        "admin",
        "administratie",
        "billing",
        "contact",
        "factuur",
        "facturen",
        "finance",
        "hello",
        "hallo",
        "helpdesk",
        "hr",
        "info",
        "jobs",
        "mail",
        "marketing",
        "no-reply",
        "noreply",
        "office",
        "pers",
        "post",
        "press",
        "receptie",
        "reception",
        "recruitment",
        "sales",
        "secretariaat",
        "service",
        "support",
        "team",
        "vacatures",
        "verkoop",
        "werken",
        "klantenservice",
    }
)

_ANGLE = re.compile(r"<([^<>]*)>")
_LOCAL = re.compile(r"^[^\s@<>(),;:\"\[\]\\]+$")
_DOMAIN_LABEL = re.compile(r"^[^\W_](?:[\w-]*[^\W_])?$")
_LINKEDIN_HOST = re.compile(r"^(?:[a-z0-9-]+\.)*linkedin\.com(?::\d+)?$")
# The spellings seen most often, answered without the general path below.
_COMMON_PROFILE_URL = re.compile(
    r"(?:https?\\?://)?(?:[a-z0-9-]+\.)*linkedin\.com/in/([a-z0-9_-]+)/?(?:[?#][^\s]*)?",
    re.IGNORECASE | re.ASCII,
)
_BAD_SLUG = re.compile(r"[\s/?#\\]")
_SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.-]*://+|https?:/*)")


@lru_cache(maxsize=_CACHE_SIZE)
def normalize_email(value: str) -> str:
    """Return the canonical form of an email address, or ``""``.

    Whitespace, a ``mailto:`` prefix and a surrounding display name
    (``Jan <jan@example.nl>``) are removed and the whole address is
    lowercased.  Anything that is not a single plausible address gives ``""``.

    Parameters
    ----------
    value : str
        Text from an exported file.

    Returns
    -------
    str
        ``local@domain`` in lowercase, or ``""``.

    Examples
    --------
    >>> normalize_email("  Jan.de.Vries@Example.NL ")
    'jan.de.vries@example.nl'
    >>> normalize_email("mailto:Zoe@Bakker.be")
    'zoe@bakker.be'
    >>> normalize_email("Jan de Vries <JAN@acme.nl>")
    'jan@acme.nl'
    >>> normalize_email("not an address")
    ''
    """
    text = unicodedata.normalize("NFKC", value).strip()
    if "<" in text:
        found = _ANGLE.search(text)
        if found:
            text = found.group(1)
    text = text.strip().strip("<>\"'()[];,").strip()
    if text[:7].lower() == "mailto:":
        text = text[7:].split("?", 1)[0].strip()
    text = unicodedata.normalize("NFKC", text.lower())
    if text.count("@") != 1:
        return ""
    local, _, domain = text.partition("@")
    domain = domain.rstrip(".")
    if not local or not _LOCAL.match(local) or local[0] == "." or local[-1] == ".":
        return ""
    if ".." in local:
        return ""
    labels = domain.split(".")
    if len(labels) < 2 or not all(_DOMAIN_LABEL.match(label) for label in labels):
        return ""
    if not labels[-1].isalpha() or len(labels[-1]) < 2:
        return ""
    return f"{local}@{domain}"


def _parent_domains(domain: str) -> Iterator[str]:
    """The domain and each of its parents, down to the last two labels."""
    parts = domain.split(".")
    for i in range(len(parts) - 1):
        yield ".".join(parts[i:])


@lru_cache(maxsize=_CACHE_SIZE)
def email_domain(value: str) -> str:
    """Return the domain of an email address, or ``""`` for free-mail.

    Parameters
    ----------
    value : str
        An email address in any spelling :func:`normalize_email` accepts.

    Returns
    -------
    str
        The lowercased domain, ``""`` when the address is invalid or belongs
        to a free-mail provider (Gmail, Hotmail/Outlook/Live, Yahoo, iCloud,
        KPN, Ziggo, Telenet, Skynet, Planet, ...; see
        :data:`FREE_MAIL_DOMAINS`).

    Examples
    --------
    >>> email_domain("Jan@Acme.nl")
    'acme.nl'
    >>> email_domain("jan.devries@gmail.com")
    ''
    >>> email_domain("els@mail.telenet.be")
    ''
    """
    email = normalize_email(value)
    if not email:
        return ""
    domain = email.partition("@")[2]
    if any(parent in FREE_MAIL_DOMAINS for parent in _parent_domains(domain)):
        return ""
    return domain


def is_role_email(value: str) -> bool:
    """Tell whether an address is a shared mailbox such as ``info@``.

    Examples
    --------
    >>> is_role_email("Info@Acme.nl")
    True
    >>> is_role_email("jan@acme.nl")
    False
    """
    email = normalize_email(value)
    if not email:
        return False
    local = email.partition("@")[0].split("+", 1)[0]
    return local in ROLE_MAILBOXES


def _decode_slug(slug: str) -> str:
    for _ in range(8):
        decoded = unquote(slug)
        if decoded == slug:
            break
        slug = decoded
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", slug).lower())


@lru_cache(maxsize=_CACHE_SIZE)
def normalize_linkedin_url(value: str) -> str:
    """Return ``linkedin.com/in/<slug>`` for a LinkedIn profile URL, or ``""``.

    The scheme (``http``, ``https``, Apple's escaped ``https\\://``), ``www.``
    and locale subdomains (``nl.linkedin.com``), a port, query string,
    fragment, trailing slash and any path after the slug are dropped; the slug
    is percent-decoded and lowercased.  Company, school and feed pages, old
    ``/pub/`` URLs and short links are not profile URLs and give ``""``.

    Parameters
    ----------
    value : str
        A URL as it appears in an export.

    Returns
    -------
    str
        The canonical profile URL, or ``""``.

    Examples
    --------
    >>> normalize_linkedin_url("https://www.linkedin.com/in/Jan-de-Vries-12ab/")
    'linkedin.com/in/jan-de-vries-12ab'
    >>> normalize_linkedin_url("http://nl.linkedin.com/in/jan-de-vries-12ab?originalSubdomain=nl")
    'linkedin.com/in/jan-de-vries-12ab'
    >>> normalize_linkedin_url("https\\\\://www.linkedin.com/in/zo%C3%AB-bakker")
    'linkedin.com/in/zoë-bakker'
    >>> normalize_linkedin_url("https://www.linkedin.com/company/acme")
    ''
    """
    fast = _COMMON_PROFILE_URL.fullmatch(value)
    if fast:
        return f"linkedin.com/in/{fast.group(1).lower()}"
    text = value if value.isascii() else unicodedata.normalize("NFKC", value)
    text = text.replace("\\", "").strip().strip("<>\"'").lower()
    text = _SCHEME.sub("", text, count=1).lstrip("/")
    text = text.split("#", 1)[0].split("?", 1)[0]
    host, _, path = text.partition("/")
    if not _LINKEDIN_HOST.match(host):
        return ""
    segments = [s for s in path.split("/") if s]
    if len(segments) < 2 or segments[0] != "in":
        return ""
    slug = segments[1]
    if "%" in slug or not slug.isascii():
        slug = _decode_slug(slug)
    if not slug or not slug.isprintable() or _BAD_SLUG.search(slug):
        return ""
    return f"linkedin.com/in/{slug}"
