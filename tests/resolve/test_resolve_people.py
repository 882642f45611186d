"""PersonIndex: incremental identity resolution of contacts (invented people)."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from weakties.importers.records import Contact
from weakties.resolve import Match, PersonIndex, normalize_email, normalize_linkedin_url


def contact(
    first: str = "",
    last: str = "",
    *,
    company: str = "",
    url: str = "",
    emails: tuple[str, ...] = (),
    source: str = "linkedin",
    line: int = 2,
) -> Contact:
    return Contact(
        line=line,
        source=source,
        first_name=first,
        last_name=last,
        emails=emails,
        linkedin_url=url,
        company=company,
    )


def sha(value: str) -> str:
    return hashlib.sha256(b"test:" + value.encode()).hexdigest()


def test_url_variants_resolve_to_one_person() -> None:
    index = PersonIndex()
    urls = [
        "https://www.linkedin.com/in/sanne-bakker-77a1",
        "http://nl.linkedin.com/in/Sanne-Bakker-77a1/?originalSubdomain=nl",
        "https\\://www.linkedin.com/in/sanne-bakker-77a1",
        "linkedin.com/in/SANNE-BAKKER-77A1/",
    ]
    # Names differ on purpose (a married name): the URL decides.
    names = [("Sanne", "Bakker"), ("Sanne", "de Wit-Bakker"), ("S.", "Bakker"), ("Sanne", "")]
    matches = [index.resolve(contact(f, l_, url=u)) for (f, l_), u in zip(names, urls, strict=True)]
    assert {m.key for m in matches} == {-1}
    assert [m.rule for m in matches] == ["new", "linkedin", "linkedin", "linkedin"]
    assert matches[0].created and not any(m.created for m in matches[1:])
    assert len(index) == 1


def test_email_case_and_spacing() -> None:
    index = PersonIndex()
    a = index.resolve(contact("Tom", "Peters", emails=("Tom.Peters@Example.NL",), source="google"))
    b = index.resolve(contact("Tommy", "P", emails=(" mailto:tom.peters@example.nl ",)))
    assert a.key == b.key
    assert b.rule == "email"


def test_linkedin_row_and_google_row_with_same_name_and_company() -> None:
    index = PersonIndex()
    li = index.resolve(
        contact("Jan", "van den Berg", company="Acme B.V.", url="https://www.linkedin.com/in/jvdb")
    )
    google = index.resolve(
        contact("Jan van den", "Berg", company="ACME", emails=("jan@acme.nl",), source="google")
    )
    outlook = index.resolve(contact("J.", "Berg", emails=("JAN@acme.nl",), source="outlook"))
    assert li.key == google.key == outlook.key
    assert (li.rule, google.rule, outlook.rule) == ("new", "name+company", "email")
    assert google.new_identifiers == (("email", "jan@acme.nl"),)


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("Kees in 't", "Veld"),
        ("Kees", "Veld, in 't"),
        ("kees", "In 'T Veld"),
        ("Kees", "in \u2019t Veld MSc"),
        ("ir. Kees", "in 't Veld \U0001f680"),
        ("Kees", "in 't Veld (he/him)"),
    ],
)
def test_name_variants_match_on_name_and_company(first: str, last: str) -> None:
    index = PersonIndex()
    first_seen = index.resolve(contact("Kees", "in 't Veld", company="Stedin"))
    again = index.resolve(contact(first, last, company="Stedin N.V."))
    assert again.key == first_seen.key
    assert again.rule == "name+company"


def test_diacritics_and_company_suffixes() -> None:
    index = PersonIndex()
    a = index.resolve(contact("Zoë", "Çelik", company="Stripe, Inc."))
    b = index.resolve(contact("Zoe", "Celik", company="Stripe"))
    c = index.resolve(contact("ZOË", "ÇELIK PhD", company="STRIPE INC"))
    assert a.key == b.key == c.key


def test_two_linkedin_urls_with_the_same_name_and_company_are_two_people() -> None:
    index = PersonIndex()
    a = index.resolve(
        contact(
            "Jan", "de Jong", company="Rabobank", url="https://www.linkedin.com/in/jan-de-jong-1"
        )
    )
    b = index.resolve(
        contact(
            "Jan", "de Jong", company="Rabobank", url="https://www.linkedin.com/in/jan-de-jong-2"
        )
    )
    assert a.key != b.key
    assert b.created and b.rule == "new"
    # A contact without identifiers cannot tell them apart: it joins neither ...
    c = index.resolve(contact("Jan", "de Jong", company="Rabobank", source="google"))
    assert c.key not in (a.key, b.key)
    # ... and later such contacts gather with it rather than creating more people.
    d = index.resolve(contact("Jan", "de Jong", company="Rabobank N.V.", source="outlook"))
    assert d.key == c.key
    assert len(index) == 3


def test_different_emails_block_a_name_match() -> None:
    index = PersonIndex()
    a = index.resolve(contact("Els", "Smit", company="Acme", emails=("els.smit@acme.nl",)))
    b = index.resolve(contact("Els", "Smit", company="Acme", emails=("els.smit2@acme.nl",)))
    assert a.key != b.key
    lenient = PersonIndex(strict_email=False)
    a = lenient.resolve(contact("Els", "Smit", company="Acme", emails=("els.smit@acme.nl",)))
    b = lenient.resolve(contact("Els", "Smit", company="Acme", emails=("els@gmail.com",)))
    assert a.key == b.key


def test_url_beats_email_and_people_are_not_merged() -> None:
    index = PersonIndex()
    p1 = index.resolve(contact("Bram", "Vos", url="https://www.linkedin.com/in/bram-vos"))
    p2 = index.resolve(contact("Bram", "Vos", emails=("bram@vos.nl",), source="google"))
    assert p1.key != p2.key  # no company: no match on name alone
    both = index.resolve(
        contact("Bram", "Vos", url="linkedin.com/in/bram-vos", emails=("bram@vos.nl",))
    )
    assert both.key == p1.key and both.rule == "linkedin"
    assert both.new_identifiers == ()  # the email stays with p2
    assert index.resolve(contact(emails=("BRAM@VOS.NL",))).key == p2.key


def test_email_match_with_another_url_is_refused() -> None:
    index = PersonIndex()
    p1 = index.resolve(
        contact("Lisa", "Kok", url="https://www.linkedin.com/in/lisa-kok-1", emails=("l@kok.nl",))
    )
    p2 = index.resolve(
        contact("Lisa", "Kok", url="https://www.linkedin.com/in/lisa-kok-2", emails=("l@kok.nl",))
    )
    assert p1.key != p2.key
    assert p2.new_identifiers == (("linkedin", "linkedin.com/in/lisa-kok-2"),)


def test_no_company_means_no_name_match() -> None:
    index = PersonIndex()
    a = index.resolve(contact("Femke", "Dekker"))
    b = index.resolve(contact("Femke", "Dekker"))
    c = index.resolve(contact("Femke", "Dekker", company="Acme"))
    d = index.resolve(contact("Femke", "Dekker", company="Freelance"))  # filler company
    assert len({a.key, b.key, c.key, d.key}) == 4


def test_first_name_or_family_name_alone_is_not_enough() -> None:
    index = PersonIndex()
    a = index.resolve(contact("", "Dekker", company="Acme"))
    b = index.resolve(contact("", "Dekker", company="Acme"))
    assert a.key != b.key


def test_work_email_domain_stands_in_for_a_missing_company() -> None:
    index = PersonIndex()
    li = index.resolve(
        contact("Noor", "El Amrani", company="Müller & Zonen B.V.", url="linkedin.com/in/noor")
    )
    outlook = index.resolve(
        contact("Noor", "El Amrani", emails=("noor@mullerzonen.nl",), source="outlook")
    )
    assert outlook.key == li.key and outlook.rule == "name+company"
    private = index.resolve(contact("Noor", "El Amrani", emails=("noor@gmail.com",)))
    assert private.created


def test_role_mailboxes_are_not_identifiers() -> None:
    index = PersonIndex()
    a = index.resolve(contact("Piet", "Hoek", emails=("info@hoek.nl",), source="google"))
    b = index.resolve(contact("Marie", "Hoek", emails=("Info@Hoek.nl",), source="google"))
    assert a.key != b.key
    assert index.identifiers_of(contact(emails=("info@hoek.nl", "piet@hoek.nl"))) == [
        ("email", "piet@hoek.nl")
    ]


def test_identifiers_of_order_dedup_and_digest() -> None:
    index = PersonIndex(digest=sha)
    pairs = index.identifiers_of(
        contact(
            url="https://nl.linkedin.com/in/Ruben-Kramer/",
            emails=("Ruben@Kramer.nl", "ruben@kramer.nl ", "not an email", "r@gmail.com"),
        )
    )
    assert pairs == [
        ("linkedin", sha("linkedin.com/in/ruben-kramer")),
        ("email", sha("ruben@kramer.nl")),
        ("email", sha("r@gmail.com")),
    ]


def test_fuzzy_name_match_tolerates_a_typo() -> None:
    index = PersonIndex()
    a = index.resolve(contact("Pieter", "Hendriks", company="Adyen"))
    b = index.resolve(contact("Pieter", "Hendrkis", company="Adyen N.V."))
    assert b.key == a.key and b.rule == "name+company"


def test_fuzzy_name_match_does_not_join_two_established_names() -> None:
    index = PersonIndex()
    # Elsewhere in the index both given names are known as real names.
    for i, company in enumerate(["Stedin", "Exact", "Mollie"]):
        index.add(100 + i, first_name="Marieke", last_name="Smit", company=company)
        index.add(200 + i, first_name="Marijke", last_name="Smit", company=company)
    marieke = index.resolve(contact("Marieke", "Bakker", company="Arcadis"))
    marijke = index.resolve(contact("Marijke", "Bakker", company="Arcadis"))
    assert marieke.key != marijke.key
    typo = index.resolve(contact("Mariekke", "Bakker", company="Arcadis"))
    assert typo.key == marieke.key


def test_fuzzy_ambiguity_creates_a_new_person() -> None:
    index = PersonIndex()
    a = index.resolve(contact("Johannes", "Verbeek", company="Colruyt"))
    b = index.resolve(contact("Johannus", "Verbeek", company="Colruyt"))
    assert a.key == b.key  # a typo
    index2 = PersonIndex()
    index2.add(1, first_name="Christiaan", last_name="Hoogendijk", company="KBC")
    index2.add(2, first_name="Christiaan", last_name="Hoogendijs", company="KBC")
    tie = index2.resolve(contact("Christiaan", "Hoogendijl", company="KBC"))
    assert tie.created


def test_incremental_resolution_against_stored_people() -> None:
    index = PersonIndex(digest=sha)
    index.add(
        17,
        first_name="Lotte",
        last_name="de Graaf",
        company="Coolblue B.V.",
        identifiers=[("linkedin", sha(normalize_linkedin_url("linkedin.com/in/lotte-dg")))],
    )
    index.add(
        23,
        first_name="Daan",
        last_name="Mulder",
        company="Picnic",
        identifiers=[("email", sha(normalize_email("daan@picnic.app")))],
    )
    index.add(23, first_name="Daan", last_name="Mulder", company="Bol")  # a second variant
    assert len(index) == 2 and 23 in index

    by_url = index.resolve(contact("Lotte", "Graaf, de", url="https://be.linkedin.com/in/Lotte-DG"))
    by_email = index.resolve(contact(emails=("DAAN@PICNIC.APP",), source="google"))
    by_name = index.resolve(
        contact("Lotte de", "Graaf", company="Coolblue", emails=("lotte@coolblue.nl",))
    )
    by_variant = index.resolve(contact("Daan", "Mulder", company="bol"))
    new = index.resolve(contact("Lotte", "de Graaf", company="Adyen"))
    assert (by_url.key, by_url.rule, by_url.created) == (17, "linkedin", False)
    assert (by_email.key, by_email.rule) == (23, "email")
    assert (by_name.key, by_name.rule) == (17, "name+company")
    assert by_name.new_identifiers == (("email", sha("lotte@coolblue.nl")),)
    assert by_variant.key == 23
    assert (new.key, new.created, new.rule) == (-1, True, "new")


def test_provisional_keys_do_not_collide_with_added_keys() -> None:
    index = PersonIndex()
    index.add(-1, first_name="Wim", last_name="Prins", company="Acme")
    index.add(-2, first_name="Iris", last_name="Vink", company="Acme")
    created = index.resolve(contact("Roos", "Kuipers", company="Acme"))
    assert created.key == -3


def test_rekey() -> None:
    index = PersonIndex()
    index.add(5, first_name="Geert", last_name="Dijkstra", company="Exact")
    a = index.resolve(contact("Mila", "Postma", company="Exact", url="linkedin.com/in/mila-p"))
    b = index.resolve(contact("Stijn", "Maes", company="KBC", emails=("stijn@kbc.be",)))
    assert (a.key, b.key) == (-1, -2)
    index.rekey({-1: 101, -2: 102})
    assert -1 not in index and 101 in index and len(index) == 3
    assert index.resolve(contact(url="https://www.linkedin.com/in/mila-p")).key == 101
    assert index.resolve(contact(emails=("Stijn@KBC.be",))).key == 102
    assert index.resolve(contact("Mila", "Postma", company="Exact B.V.")).key == 101
    with pytest.raises(KeyError):
        index.rekey({-7: 200})
    with pytest.raises(ValueError):
        index.rekey({101: 5})
    with pytest.raises(ValueError):
        index.rekey({101: 300, 102: 300})
    index.rekey({101: 102, 102: 101})  # a swap is fine
    assert index.resolve(contact(emails=("stijn@kbc.be",))).key == 101


def _strings(obj, seen: set[int] | None = None):
    """Every string reachable from an object's attributes and containers."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _strings(k, seen)
            yield from _strings(v, seen)
    elif isinstance(obj, list | tuple | set | frozenset):
        for item in obj:
            yield from _strings(item, seen)
    elif hasattr(obj, "__slots__") or hasattr(obj, "__dict__"):
        for name in getattr(obj, "__slots__", ()):
            if hasattr(obj, name):
                yield from _strings(getattr(obj, name), seen)
        for value in getattr(obj, "__dict__", {}).values():
            yield from _strings(value, seen)


def test_only_digests_are_stored() -> None:
    index = PersonIndex(digest=sha)
    raw = [
        contact("Joost", "Schouten", company="Arcadis", url="https://www.linkedin.com/in/joost-s"),
        contact("Joost", "Schouten", company="Arcadis", emails=("Joost.Schouten@arcadis.com",)),
        contact("Hanneke", "Vos", emails=("hanneke.vos@gmail.com", "hv@arcadis.com")),
    ]
    for c in raw:
        index.resolve(c)
    index.add(
        9,
        first_name="Floor",
        last_name="Wit",
        company="Acme",
        identifiers=[("email", sha("f@w.nl"))],
    )
    stored = [s for s in _strings(index) if isinstance(s, str)]
    assert stored, "the walk found the index's contents"
    assert sha("joost.schouten@arcadis.com") in stored
    forbidden = [
        "joost.schouten@arcadis.com",
        "linkedin.com/in/joost-s",
        "joost-s",
        "hanneke.vos@gmail.com",
        "hv@arcadis.com",
    ]
    for value in stored:
        assert "@" not in value
        assert "linkedin.com" not in value
        for secret in forbidden:
            assert secret not in value


def test_match_is_frozen() -> None:
    match = PersonIndex().resolve(contact("Tess", "Hoek", company="Acme"))
    assert match == Match(key=-1, created=True, rule="new", new_identifiers=())
    with pytest.raises(AttributeError):
        match.key = 3  # type: ignore[misc]


def test_resolve_layer_does_not_import_django() -> None:
    code = (
        "import sys, weakties.resolve; "
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')]; "
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_family_name_first_meets_given_name_first() -> None:
    index = PersonIndex()
    a = index.resolve(contact("Jan", "Berg", company="Acme"))
    b = index.resolve(contact("", "Berg, Jan", company="Acme B.V.", source="outlook"))
    assert b.key == a.key and b.rule == "name+company"


# -- rule 5: a rare full name alone ------------------------------------------------------------

GIVEN_FILL = [f"Given{chr(97 + i)}{chr(97 + j)}" for i in range(20) for j in range(20)]


def crowded_index(**options: float) -> PersonIndex:
    """An index of 400 people with distinct names, and 40 people called "Jan de Jong"-ish."""
    index = PersonIndex(**options)
    for n, given in enumerate(GIVEN_FILL):
        index.resolve(contact(given, f"Family{n}", company=f"Firm {n % 37}"))
    for n in range(40):  # common parts: many Jans, many de Jongs
        index.resolve(contact("Jan", f"Other{n}", company=f"Firm {n}"))
        index.resolve(contact(f"Someone{n}", "de Jong", company=f"Firm {n}"))
    return index


def test_a_rare_name_without_a_company_joins_its_one_bearer() -> None:
    index = crowded_index()
    first = index.resolve(contact("Loubna", "Bouzid", company="Adyen N.V."))
    later = index.resolve(
        contact("Loubna", "Bouzid", url="https://www.linkedin.com/in/loubna-bouzid-54")
    )
    assert (later.key, later.rule) == (first.key, "rare name")
    # the URL now belongs to that person: the next line with it is found by it
    again = index.resolve(contact("L.", "Bouzid", url="linkedin.com/in/loubna-bouzid-54"))
    assert (again.key, again.rule) == (first.key, "linkedin")


def test_a_rare_name_found_first_without_company_takes_the_company_line() -> None:
    index = crowded_index()
    private = index.resolve(contact("Lander", "Pauwels", emails=("lander.pauwels@gmail.com",)))
    work = index.resolve(contact("Lander", "Pauwels", company="Deloitte", url="linkedin.com/in/lp"))
    assert (work.key, work.rule) == (private.key, "rare name")
    # and the company is now known: a bare line at Deloitte finds the same person by name+company
    bare = index.resolve(contact("Lander", "Pauwels", company="Deloitte"))
    assert bare.key == private.key and bare.rule == "name+company"


def test_a_common_name_alone_decides_nothing() -> None:
    index = crowded_index()
    jan = index.resolve(contact("Jan", "de Jong", company="Acme"))
    assert index.namesakes_expected(parse("Jan", "de Jong")) > 0.1
    other = index.resolve(contact("Jan", "de Jong", emails=("jan@gmail.com",)))
    assert other.key != jan.key and other.created


def test_a_rare_name_is_refused_on_contradicting_evidence() -> None:
    index = crowded_index()
    anna = index.resolve(contact("Ayşe", "Öztürk", company="Acme", url="linkedin.com/in/ayse-1"))
    other_url = index.resolve(contact("Ayşe", "Öztürk", url="linkedin.com/in/ayse-2"))
    assert other_url.key != anna.key  # another LinkedIn profile: another person
    index = crowded_index()
    anna = index.resolve(contact("Ayşe", "Öztürk", company="Acme"))
    elsewhere = index.resolve(contact("Ayşe", "Öztürk", company="Stripe", url="linkedin.com/in/a"))
    assert elsewhere.key != anna.key  # two companies that differ


def test_two_bearers_of_a_rare_name_leave_a_bare_line_alone() -> None:
    index = crowded_index()
    a = index.resolve(contact("Zeynep", "Molkamp", company="Rijkswaterstaat"))
    b = index.resolve(contact("Zeynep", "Molkamp", company="Eneco", url="linkedin.com/in/zm-2"))
    assert a.key != b.key
    third = index.resolve(contact("Zeynep", "Molkamp", emails=("zeynep@gmail.com",)))
    assert third.key not in (a.key, b.key) and third.created


def test_the_rare_name_rule_can_be_turned_off() -> None:
    index = crowded_index(rare=0.0)
    first = index.resolve(contact("Loubna", "Bouzid", company="Adyen N.V."))
    later = index.resolve(contact("Loubna", "Bouzid", url="linkedin.com/in/loubna-bouzid-54"))
    assert later.key != first.key


def parse(first: str, last: str):
    from weakties.resolve.names import parse_name

    return parse_name(first, last)


def test_a_rare_name_with_another_job_is_another_person() -> None:
    index = crowded_index()
    nurse = index.resolve(contact("Shirley", "Doorson", company="Amsterdam UMC"))
    index.resolve(contact("Shirley", "Doorson", company="Amsterdam UMC", url="linkedin.com/in/sd"))
    assert nurse.key == index.resolve(contact("Shirley", "Doorson", url="linkedin.com/in/sd")).key
    marketeer = Contact(
        line=5, source="linkedin", first_name="Shirley", last_name="Doorson", position="Marketeer"
    )
    first = PersonIndex()  # positions are evidence: one known, one other
    for n, given in enumerate(GIVEN_FILL):
        first.resolve(contact(given, f"Family{n}", company=f"Firm {n % 37}"))
    known = first.resolve(
        Contact(
            line=2,
            source="linkedin",
            first_name="Shirley",
            last_name="Doorson",
            company="Amsterdam UMC",
            position="Senior Zorgcoördinator",
        )
    )
    same_job = first.resolve(
        Contact(
            line=3,
            source="google",
            first_name="Shirley",
            last_name="Doorson",
            position="Zorgcoördinator",
        )
    )
    assert same_job.key == known.key  # "Senior" aside, the same job
    assert first.resolve(marketeer).key != known.key


def test_an_agreeing_job_title_lets_a_commoner_name_decide() -> None:
    index = crowded_index()
    for n in range(3):  # "Jan Hendriks": a common given name, a family name borne by a few
        index.resolve(contact(f"Other{n}", "Hendriks", company=f"Firm {n}"))
    scrum = Contact(
        line=2,
        source="linkedin",
        first_name="Jan",
        last_name="Hendriks",
        company="Booking.com",
        position="Scrum Master",
    )
    found = index.resolve(scrum)
    assert 0.1 < index.namesakes_expected(parse("Jan", "Hendriks")) < 1.0
    bare = Contact(
        line=3,
        source="linkedin",
        first_name="Jan",
        last_name="Hendriks",
        linkedin_url="linkedin.com/in/jh-94",
        position="Scrum Master",
    )
    assert index.resolve(bare).key == found.key
    other_job = Contact(
        line=4, source="google", first_name="Jan", last_name="Hendriks", emails=("jan@gmail.com",)
    )
    assert index.resolve(other_job).key != found.key  # no title: the name alone is too common
