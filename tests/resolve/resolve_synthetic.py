"""A small seeded generator of noisy contacts with known true identities.

Used by the precision/recall test of identity resolution (and handy for a
quick speed measurement).  All people are invented.  The noise follows what
real LinkedIn, Google, Outlook and vCard exports of Dutch and Belgian
organisations do to one person: URL and email spellings, particle placement,
diacritics, credentials and emoji, company legal forms, missing URLs and
emails, and the occasional typo.  It also plants hard cases: people with the
same name at the same company (told apart only by their LinkedIn URL) and
people with nearly the same name (Anna/Anne, Jansen/Janssen).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from weakties.importers.records import Contact


def _words(text: str) -> list[str]:
    return [w.strip() for w in text.split(",")]


GIVEN = _words(
    "Jan, Pieter, Kees, Anna, Anne, Sanne, Sanna, Lotte, Daan, Sem, Lucas, Emma, Julia, "
    "Sophie, Tess, Bram, Thijs, Ruben, Marieke, Marijke, Els, Inge, Joost, Wouter, Bas, "
    "Niels, Femke, Eva, Lisa, Jan-Willem, Anne-Marie, Zoë, Chloë, Noël, Renée, Ayşe, "
    "Gülşen, Mehmet, Fatima, Mohamed, Youssef, Özlem, Björn, Jörg, Hélène, Stijn, Wim, "
    "Tom, Tim, Koen, Maarten, Hanneke, Floor, Iris, Lieke, Roos, Mila, Nina, Esther, "
    "Marloes, Geert, Hendrik, Frederik, Bart, Jeroen"
)
CORE = _words(
    "Jansen, Janssen, Berg, Vries, Bakker, Smit, Smits, Meer, Visser, Boer, Mulder, "
    "Dijk, Bos, Vos, Peters, Peeters, Hendriks, Dekker, Brouwer, Wit, Dijkstra, Veen, "
    "Graaf, Linden, Heijden, Leeuwen, Kok, Jacobs, Vermeulen, Maes, Claes, Wouters, "
    "Goossens, Willems, Müller, Çelik, Yılmaz, Öztürk, El Amrani, Bouzid, Hek, Veld, "
    "Hart, Beek, Broeck, Wijngaarden, Pauw, Groot, Haan, Lange, Jong, Hoek, Koster, "
    "Prins, Huisman, Kuipers, Postma, Kramer, Schouten, Vink, Martens"
)
PARTICLES = ["van", "de", "van der", "van den", "van de", "ter", "ten", "in 't", "op de", "'t"]
COMPANIES = [
    ("Stripe", "Inc.", "stripe.com"),
    ("Acme", "B.V.", "acme.nl"),
    ("Müller & Zonen", "N.V.", "mullerzonen.nl"),
    ("Rabobank", "", "rabobank.nl"),
    ("Philips", "N.V.", "philips.com"),
    ("Bouwbedrijf Çelik", "B.V.", "celikbouw.nl"),
    ("De Groene Vlinder", "BV", "groenevlinder.nl"),
    ("Proximus", "SA", "proximus.com"),
    ("Colruyt", "NV", "colruyt.be"),
    ("Adyen", "N.V.", "adyen.com"),
    ("Booking.com", "B.V.", "booking.com"),
    ("Siemens", "AG", "siemens.com"),
    ("Hoogvliet", "B.V.", "hoogvliet.nl"),
    ("Van Oord", "", "vanoord.com"),
    ("Brouwer en Partners", "B.V.", "brouwerpartners.nl"),
    ("Atlassian", "Ltd", "atlassian.com"),
    ("GitLab", "Inc", "gitlab.com"),
    ("Elastic", "N.V.", "elastic.co"),
    ("Mollie", "B.V.", "mollie.com"),
    ("Picnic", "Holding B.V.", "picnic.app"),
    ("Bol", "B.V.", "bol.nl"),
    ("Coolblue", "B.V.", "coolblue.nl"),
    ("Randstad", "N.V.", "randstad.com"),
    ("KBC Groep", "NV", "kbc.be"),
    ("Deloitte", "", "deloitte.nl"),
    ("Zalando", "SE", "zalando.com"),
    ("Exact", "Holding B.V.", "exact.com"),
    ("TomTom", "N.V.", "tomtom.com"),
    ("Stedin", "", "stedin.net"),
    ("Arcadis", "N.V.", "arcadis.com"),
]
CREDENTIALS = [" MSc", ", MBA", " PhD", " 🚀", " (he/him)", " (zij/haar)", " ✨", " MBA", " BSc"]
TITLES = ["ir. ", "dr. ", "drs. ", "mr. ", "ing. "]
FREE_MAIL = ["gmail.com", "hotmail.com", "outlook.com", "ziggo.nl", "telenet.be", "kpnmail.nl"]
ASCII = str.maketrans("ëéèöüçşğıÇÖÜŞ", "eeeoucsgiCOUS")


@dataclass
class Person:
    pid: int
    given: str
    particles: str
    core: str
    company: tuple[str, str, str]
    slug: str
    email: str
    alt_email: str


def _slug(rng: random.Random, given: str, particles: str, core: str) -> str:
    base = "-".join(f"{given} {particles} {core}".lower().split()).replace("'", "")
    return f"{base}-{rng.getrandbits(32):08x}"


def make_people(rng: random.Random, n: int) -> list[Person]:
    people: list[Person] = []
    used: set[str] = set()
    for pid in range(n):
        if people and rng.random() < 0.01:
            # a namesake at the same company (a different person)
            twin = rng.choice(people)
            given, particles, core, company = twin.given, twin.particles, twin.core, twin.company
        else:
            given = rng.choice(GIVEN)
            particles = rng.choice(PARTICLES) if rng.random() < 0.35 else ""
            core = rng.choice(CORE)
            company = rng.choice(COMPANIES)
        local = ".".join(
            f"{given} {particles} {core}".translate(ASCII).lower().replace("'", "").split()
        )
        work = f"{local}@{company[2]}"
        if work in used:
            work = f"{local}{pid}@{company[2]}"
        used.add(work)
        private = f"{local}.{pid}@{rng.choice(FREE_MAIL)}"
        email, alt = (work, private) if rng.random() < 0.6 else (private, work)
        people.append(
            Person(
                pid=pid,
                given=given,
                particles=particles,
                core=core,
                company=company,
                slug=_slug(rng, given, particles, core) if rng.random() < 0.9 else "",
                email=email,
                alt_email=alt if rng.random() < 0.25 else "",
            )
        )
    return people


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.5:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # transposition
    return word[:i] + word[i] + word[i:]  # doubled letter


def _name_fields(rng: random.Random, p: Person) -> tuple[str, str]:
    given, particles, core = p.given, p.particles, p.core
    if rng.random() < 0.25:
        given, core = given.translate(ASCII), core.translate(ASCII)
    if rng.random() < 0.02:
        core = _typo(rng, core)
    style = rng.random()
    if not particles:
        first, last = given, core
    elif style < 0.5:
        first, last = given, f"{particles} {core}"
    elif style < 0.7:
        first, last = f"{given} {particles}", core
    elif style < 0.85:
        first, last = given, f"{core}, {particles}"
    else:
        first, last = given, f"{particles.title()} {core}"
    if rng.random() < 0.1:
        last += rng.choice(CREDENTIALS)
    if rng.random() < 0.05:
        first = rng.choice(TITLES) + first
    if rng.random() < 0.05:
        first, last = first.upper(), last.upper()
    elif rng.random() < 0.05:
        first, last = first.lower(), last.lower()
    return first, last


def _company(rng: random.Random, p: Person) -> str:
    name, form, _ = p.company
    roll = rng.random()
    if roll < 0.35:
        text = f"{name} {form}".strip()
    elif roll < 0.5:
        text = f"{name}, {form.replace('.', '')}".strip(", ")
    elif roll < 0.6:
        text = name.upper()
    elif roll < 0.7:
        text = name.replace("&", "en").replace(" en ", " & ").translate(ASCII)
    else:
        text = name
    return text


def _url(rng: random.Random, slug: str) -> str:
    roll = rng.random()
    if roll < 0.3:
        return f"https://www.linkedin.com/in/{slug}"
    if roll < 0.45:
        return f"https://www.linkedin.com/in/{slug}/"
    if roll < 0.6:
        return f"http://nl.linkedin.com/in/{slug}?originalSubdomain=nl"
    if roll < 0.7:
        return f"https://be.linkedin.com/in/{slug.upper()}"
    if roll < 0.8:
        return f"https\\://www.linkedin.com/in/{slug}"
    return f"linkedin.com/in/{slug}"


def _email(rng: random.Random, email: str) -> str:
    roll = rng.random()
    if roll < 0.2:
        return email.upper()
    if roll < 0.3:
        return f" {email.title()} "
    if roll < 0.35:
        return f"mailto:{email}"
    return email


def make_contacts(
    rng: random.Random, people: list[Person], n: int
) -> tuple[list[Contact], list[int]]:
    """Draw ``n`` contacts of ``people``; return them with their true ids."""
    weights = [rng.lognormvariate(0.0, 0.8) for _ in people]
    chosen = rng.choices(people, weights=weights, k=n)
    contacts: list[Contact] = []
    for line, p in enumerate(chosen, start=2):
        source = rng.choices(["linkedin", "google", "outlook", "vcard"], [5, 2, 2, 1])[0]
        first, last = _name_fields(rng, p)
        missing = 0.02 if source == "linkedin" else 0.1
        company = _company(rng, p) if rng.random() >= missing else ""
        url = ""
        emails: tuple[str, ...] = ()
        if source == "linkedin":
            if p.slug and rng.random() < 0.92:
                url = _url(rng, p.slug)
            if rng.random() < 0.1:
                emails = (_email(rng, p.email),)
        else:
            emails = (_email(rng, p.email),)
            if p.alt_email and rng.random() < 0.5:
                emails = (*emails, _email(rng, p.alt_email))
            if source == "vcard" and p.slug and rng.random() < 0.3:
                url = _url(rng, p.slug)
        contacts.append(
            Contact(
                line=line,
                source=source,
                first_name=first,
                last_name=last,
                emails=emails,
                linkedin_url=url,
                company=company,
            )
        )
    return contacts, [p.pid for p in chosen]


def pairwise_scores(true_ids: list[int], predicted: list[int]) -> tuple[float, float]:
    """Pairwise precision and recall of a clustering against the truth."""
    from collections import Counter

    def pairs(counts: Counter) -> int:
        return sum(c * (c - 1) // 2 for c in counts.values())

    both = pairs(Counter(zip(true_ids, predicted, strict=True)))
    predicted_pairs = pairs(Counter(predicted))
    true_pairs = pairs(Counter(true_ids))
    precision = both / predicted_pairs if predicted_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    return precision, recall
