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

__all__ = ["CREDENTIALS", "EMOJI", "TITLES", "Look", "Noise", "format_phone"]

CREDENTIALS = (" MSc", ", MBA", " MBA", " RA", " PhD", " BSc", " MSc.", " RC", ", CFA", " LLM")
EMOJI = (" 🚀", " 🌍", " ✨", " 🌱", " 💡")
TITLES = ("Dr. ", "ir. ", "drs. ", "mr. ", "Prof. ")


class Look:
    """One appearance of a person: the field values as they end up in a file."""

    __slots__ = ("company", "email", "emails", "first", "last", "middle", "phone", "position", "suffix", "url")

    def __init__(self) -> None:
        self.first = self.middle = self.last = self.suffix = ""
        self.company = self.position = self.email = self.phone = self.url = ""
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

    def __init__(self, r: random.Random, level: float) -> None:
        self.r = r
        self.level = max(0.0, level)

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
        drop_phone: float = 0.0,
        alt_email: float = 0.0,
        phone: float = 0.0,
    ) -> Look:
        """Render one appearance.

        ``middle`` is the chance that a particle goes into a separate middle
        name field (Outlook does this on its own, so it is a format property,
        not noise); ``email``, ``url``, ``phone`` and ``alt_email`` are the
        chances that the format shows them at all; the ``drop_*`` chances are
        noise.
        """
        r = self.r.random
        lk = Look()
        homonym = person.homonym
        first, last = person.first_name, person.last_name
        mid = ""
        particle, base = split_particle(last)
        if particle:
            if r() < middle:
                mid, last = particle, base
            elif self.p(0.06):
                first, last = f"{first} {particle}", base
            elif self.p(0.01):
                last = f"{base}, {particle}"
            elif self.p(0.03):
                last = f"{particle[:1].upper()}{particle[1:]} {base}"
        if self.p(0.15):
            first, mid, last = ascii_fold(first), ascii_fold(mid), ascii_fold(last)
        if self.p(0.03):
            cred = self.r.choice(CREDENTIALS)
            if suffix_field and r() < 0.5:
                lk.suffix = cred.lstrip(", ")
            else:
                last += cred
        elif self.p(0.01):
            last += self.r.choice(EMOJI)
        if self.p(0.01):
            first = self.r.choice(TITLES) + first
        lk.first, lk.middle, lk.last = first, mid, last

        shown_email = r() < email or homonym
        if shown_email and self.p(drop_email) and not homonym:
            shown_email = False
        if shown_email and person.email:
            e = person.email
            if self.p(0.05):
                e = e.title() if r() < 0.5 else e.upper()
            lk.email = e
            emails = [e]
            if person.alt_email and r() < alt_email:
                emails.append(person.alt_email)
            lk.emails = tuple(emails)
        if (r() < url or homonym) and not (self.p(drop_email * 0.5) and not homonym):
            lk.url = self.url(person.linkedin_url)
        company_ok = not (self.p(drop_company) and (lk.email or lk.url))
        if company_ok:
            lk.company = person.company
            if self.p(0.25):
                lk.company = self.r.choice(company_variants(person.company))
        if not self.p(drop_position):
            lk.position = person.position
            if self.p(0.10):
                lk.position = self.r.choice(position_variants(person.position))
        if person.phone and r() < phone and not self.p(drop_phone):
            lk.phone = format_phone(person.phone, self.r)
        return lk

    def url(self, url: str) -> str:
        """A LinkedIn profile URL as one export writes it."""
        if self.level == 0:
            return url
        r = self.r.random
        if self.p(0.02):
            head, _, tail = url.rpartition("/in/")
            url = f"{head}/in/{'-'.join(w.capitalize() for w in tail.split('-'))}"
        if self.p(0.03):
            url = url.replace("://www.", "://", 1)
        if self.p(0.02):
            url = url.replace("https://", "http://", 1)
        if self.p(0.05):
            url += "/"
        if self.p(0.01):
            url = url.replace("www.linkedin.com", "nl.linkedin.com" if r() < 0.5 else "WWW.LINKEDIN.COM")
        return url
