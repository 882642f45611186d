"""Per-appearance variation: how one person looks in one exported file.

Identity resolution has to survive what people and tools do to names and
identifiers: a LinkedIn URL with another case, a trailing slash, ``http`` or no
``www``; an e-mail address in capitals; a Dutch particle moved into the first
name ("Jan van den" + "Berg") or behind a comma ("Berg, van den"); diacritics
dropped (Zoë → Zoe); credentials or an emoji glued to the last name
("de Vries MSc", "Smit 🚀"); a legal form added or dropped ("B.V." / "BV" /
none); a respelled or promoted position.  Every variation keeps the person
recognisable to a careful human: the company is never swapped for another,
and people who share their name with a colleague (homonyms) always show an
e-mail address, plus their URL wherever the format has a place for one.

All probabilities are multiplied by ``level`` (the ``noise`` argument of
:func:`~weakties.synth.write_exports`); at ``level=0`` every appearance is
canonical, apart from what the format itself lacks (old LinkedIn exports have
no URL column, most LinkedIn rows hide the e-mail address).
"""

from __future__ import annotations

import random

from ..companies import company_variants
from ..model import SynthPerson
from ..names import ascii_fold, split_particle
from ..positions import position_variants

__all__ = [
    "CREDENTIALS",
    "EMOJI",
    "PERSONAL_DOMAINS",
    "TITLES",
    "Look",
    "Noise",
    "format_phone",
    "is_personal",
]

#: Mail providers of private addresses (the rest is somebody's work address).
PERSONAL_DOMAINS = frozenset(
    "gmail.com hotmail.com outlook.com ziggo.nl kpnmail.nl live.nl icloud.com telenet.be "
    "skynet.be proximus.be".split()
)


def is_personal(email: str) -> bool:
    """Whether ``email`` is a private address (by its mail provider)."""
    return email.rpartition("@")[2].lower() in PERSONAL_DOMAINS


CREDENTIALS = (" MSc", ", MBA", " MBA", " RA", " PhD", " BSc", " MSc.", " RC", ", CFA", " LLM")
EMOJI = (" 🚀", " 🌍", " ✨", " 🌱", " 💡")
TITLES = ("Dr. ", "ir. ", "drs. ", "mr. ", "Prof. ")


class Look:
    """One appearance of a person: the field values as they end up in a file."""

    __slots__ = (
        "company",
        "department",
        "email",
        "emails",
        "first",
        "last",
        "middle",
        "phone",
        "position",
        "suffix",
        "url",
    )

    def __init__(self) -> None:
        self.first = self.middle = self.last = self.suffix = ""
        self.company = self.department = self.position = self.email = self.phone = self.url = ""
        self.emails: tuple[str, ...] = ()


def format_phone(phone: str, r: random.Random) -> str:
    """Write an E.164 number (``+31612345678``) the way people type it."""
    if not phone:
        return ""
    x = r.random()
    if phone.startswith("+316"):
        rest = phone[4:]
        if x < 0.3:
            return f"+31 6 {rest}"
        if x < 0.55:
            return f"06-{rest}"
        if x < 0.75:
            return f"06 {rest[:2]} {rest[2:4]} {rest[4:6]} {rest[6:]}"
        if x < 0.9:
            return phone
        return f"0031 6 {rest}"
    if phone.startswith("+324"):
        rest = phone[3:]  # 47xxxxxxx
        if x < 0.4:
            return f"+32 {rest[:3]} {rest[3:5]} {rest[5:7]} {rest[7:]}"
        if x < 0.7:
            return f"0{rest[:3]} {rest[3:5]} {rest[5:7]} {rest[7:]}"
        if x < 0.85:
            return f"0{rest[:3]}/{rest[3:5]}.{rest[5:7]}.{rest[7:]}"
        return phone
    return phone


class Noise:
    """Draws the variations of each appearance from one seeded stream.

    Parameters
    ----------
    r : random.Random
        Seeded stream; the order of calls makes the output deterministic.
    level : float
        Multiplies every variation probability (0 switches noise off).
    """

    #: Base probabilities (at ``level=1``) of each variation, per appearance.
    BASE = {
        "particle_to_first": 0.06,  # "Jan van den" + "Berg"
        "particle_comma": 0.01,  # "Berg, van den"
        "particle_capital": 0.03,  # "Van den Berg"
        "fold": 0.15,  # diacritics dropped
        "credential": 0.03,  # "de Vries MSc"
        "emoji": 0.01,  # "Smit 🚀"
        "title": 0.01,  # "Dr. Jan"
        "email_case": 0.05,
        "company_variant": 0.25,
        "position_variant": 0.10,
        "url_case": 0.02,
        "url_no_www": 0.03,
        "url_http": 0.02,
        "url_slash": 0.05,
        "url_host": 0.01,  # nl.linkedin.com or upper-case host
    }

    def __init__(self, r: random.Random, level: float) -> None:
        self.r = r
        self.level = max(0.0, level)
        t = {k: v * self.level for k, v in self.BASE.items()}
        self._move = t["particle_to_first"]
        self._comma = self._move + t["particle_comma"]
        self._cap = self._comma + t["particle_capital"]
        self._fold = t["fold"]
        self._cred = t["credential"]
        self._emoji = self._cred + t["emoji"]
        self._title = t["title"]
        self._ecase = t["email_case"]
        self._cvar = t["company_variant"]
        self._pvar = t["position_variant"]
        self._url = (t["url_case"], t["url_no_www"], t["url_http"], t["url_slash"], t["url_host"])
        self._url_any = sum(self._url)

    def p(self, base: float) -> bool:
        """True with probability ``base * level``."""
        return self.r.random() < base * self.level

    def look(
        self,
        person: SynthPerson,
        *,
        middle: float = 0.0,
        suffix_field: bool = False,
        email: float = 1.0,
        url: float = 0.0,
        drop_company: float = 0.0,
        drop_position: float = 0.0,
        drop_email: float = 0.0,
        drop_url: float = 0.0,
        drop_phone: float = 0.0,
        alt_email: float = 0.0,
        phone: float = 0.0,
    ) -> Look:
        """Render one appearance.

        ``middle`` is the chance that a particle goes into a separate middle
        name field (Outlook does this on its own, so it is a format property,
        not noise); ``email``, ``url``, ``phone`` and ``alt_email`` are the
        chances that the format shows them at all; the ``drop_*`` chances are
        noise (multiplied by the level).
        """
        r = self.r.random
        level = self.level
        homonym = person.homonym
        lk = Look()
        self._name(lk, person, middle=middle, suffix_field=suffix_field)
        if person.email and (homonym or (r() < email and not r() < drop_email * level)):
            self._email(lk, person, alt_email)
        if url > 0 and (homonym or (r() < url and not r() < drop_url * level)):
            lk.url = self.url(person.linkedin_url)
        if not (r() < drop_company * level and (lk.email or lk.url)):
            self._company(lk, person)
        if not r() < drop_position * level:
            self._position(lk, person)
        if person.phone and r() < phone and not r() < drop_phone * level:
            lk.phone = format_phone(person.phone, self.r)
        return lk

    def _name(self, lk: Look, person: SynthPerson, *, middle: float, suffix_field: bool) -> None:
        """The name fields: the particle's place, folded diacritics, a credential or
        emoji behind the last name, a title before the first."""
        r = self.r.random
        first, mid, last = self._particle(person.first_name, person.last_name, middle)
        if r() < self._fold:
            first, mid, last = ascii_fold(first), ascii_fold(mid), ascii_fold(last)
        last = self._decorate(lk, last, suffix_field)
        if r() < self._title:
            first = TITLES[int(r() * len(TITLES))] + first
        lk.first, lk.middle, lk.last = first, mid, last

    def _particle(self, first: str, last: str, middle: float) -> tuple[str, str, str]:
        """First, middle and last name with the last name's particle ("van den") in a
        middle-name field, behind the first name, behind a comma, capitalised or in place."""
        particle, base = split_particle(last)
        if not particle:
            return first, "", last
        r = self.r.random
        if r() < middle:
            return first, particle, base
        u = r()
        if u < self._move:
            return f"{first} {particle}", "", base
        if u < self._comma:
            return first, "", f"{base}, {particle}"
        if u < self._cap:
            return first, "", f"{particle[:1].upper()}{particle[1:]} {base}"
        return first, "", last

    def _decorate(self, lk: Look, last: str, suffix_field: bool) -> str:
        """The last name with a credential or an emoji behind it; a credential goes
        into the suffix field half the time where the format has one."""
        r = self.r.random
        u = r()
        if u < self._cred:
            cred = CREDENTIALS[int(r() * len(CREDENTIALS))]
            if suffix_field and r() < 0.5:
                lk.suffix = cred.lstrip(", ")
            else:
                last += cred
        elif u < self._emoji:
            last += EMOJI[int(r() * len(EMOJI))]
        return last

    def _email(self, lk: Look, person: SynthPerson, alt_email: float) -> None:
        """The e-mail address, at times in other case, and the second address where shown."""
        r = self.r.random
        e = person.email
        if r() < self._ecase:
            e = e.title() if r() < 0.5 else e.upper()
        lk.email = e
        if person.alt_email and r() < alt_email:
            lk.emails = (e, person.alt_email)
        else:
            lk.emails = (e,)

    def _company(self, lk: Look, person: SynthPerson) -> None:
        """The company (at times another way of writing it) and the department."""
        r = self.r.random
        lk.company = person.company
        lk.department = person.department
        if r() < self._cvar:
            variants = company_variants(person.company)
            lk.company = variants[int(r() * len(variants))]

    def _position(self, lk: Look, person: SynthPerson) -> None:
        """The position, at times respelled or promoted."""
        r = self.r.random
        lk.position = person.position
        if r() < self._pvar:
            variants = position_variants(person.position)
            lk.position = variants[int(r() * len(variants))]

    def url(self, url: str) -> str:
        """A LinkedIn profile URL as one export writes it."""
        r = self.r.random
        if not r() < self._url_any:
            return url
        case, no_www, http, slash, host = self._url
        # Given that some variation happens, each kind is drawn independently
        # with its share, so each keeps its marginal chance and combinations
        # ("http://" and a trailing slash) occur.
        scale = 1.0 / self._url_any
        if r() < case * scale:
            head, _, tail = url.rpartition("/in/")
            url = f"{head}/in/{'-'.join(w.capitalize() for w in tail.split('-'))}"
        if r() < no_www * scale:
            url = url.replace("://www.", "://", 1)
        if r() < http * scale:
            url = url.replace("https://", "http://", 1)
        if r() < slash * scale:
            url += "/"
        if r() < host * scale:
            url = url.replace(
                "www.linkedin.com", "nl.linkedin.com" if r() < 0.5 else "WWW.LINKEDIN.COM"
            )
        return url
