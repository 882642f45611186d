"""Property-based tests: the normalisers never raise and are idempotent."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from weakties.resolve import (
    clean_first_name,
    clean_last_name,
    company_display,
    company_key,
    email_domain,
    normalize_email,
    normalize_linkedin_url,
    person_name_key,
)

FAST = settings(max_examples=300, deadline=None)

# Text with the characters that matter here: letters with diacritics, emoji,
# particles' apostrophes, brackets, commas, legal-form dots, URL punctuation.
noisy_text = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list("aeëéöüçşıßøBVNI .,;:'’()[]|/&+-@%#\\?=") + ["\U0001f680", "\ufe0f"]),
    ),
    max_size=40,
)

GIVEN = ["Jan", "Zoë", "Anne-Marie", "Ayşe", "Kees", "Jörg", "Renée", "Bram", "Sophie", "Mehmet"]
PARTICLE = ["", "van", "de", "van der", "van den", "in 't", "ter", "op de", "von", "le", "'t"]
CORE = ["Berg", "Vries", "Müller", "Çelik", "Yılmaz", "Jansen", "El Amrani", "Smit-Bakker", "Hek"]
DECORATION = ["", " MSc", ", MBA", " PhD", " \U0001f680", " (he/him)", " ✨"]
TITLE = ["", "ir. ", "dr. ", "drs. ", "mr. ", "ing. "]


@st.composite
def dutch_names(draw) -> tuple[str, str, str]:
    """A person's name fields in some export style, and the canonical key."""
    given = draw(st.sampled_from(GIVEN))
    particle = draw(st.sampled_from(PARTICLE))
    core = draw(st.sampled_from(CORE))
    style = draw(st.integers(0, 3)) if particle else 0
    if style == 0:
        first, last = given, f"{particle} {core}".strip()
    elif style == 1:
        first, last = f"{given} {particle}", core
    elif style == 2:
        first, last = given, f"{core}, {particle}"
    else:
        first, last = given, f"{particle.title()} {core}"
    first = draw(st.sampled_from(TITLE)) + first
    last += draw(st.sampled_from(DECORATION))
    case = draw(st.sampled_from([str, str.upper, str.lower]))
    return case(first), case(last), person_name_key(given, f"{particle} {core}")


@FAST
@given(noisy_text)
def test_normalize_email_total_and_idempotent(value: str) -> None:
    email = normalize_email(value)
    assert normalize_email(email) == email
    assert email == "" or email.count("@") == 1
    assert isinstance(email_domain(value), str)


@FAST
@given(st.from_regex(r"[A-Za-z0-9._+-]{1,12}@[A-Za-z0-9-]{1,10}\.(nl|be|com|org)", fullmatch=True))
def test_normalize_email_case_and_whitespace(value: str) -> None:
    email = normalize_email(value)
    if email:
        assert normalize_email(f"  MAILTO:{value.upper()} ") == email


@FAST
@given(noisy_text)
def test_normalize_linkedin_url_total_and_idempotent(value: str) -> None:
    url = normalize_linkedin_url(value)
    assert normalize_linkedin_url(url) == url
    assert url == "" or url.startswith("linkedin.com/in/")


@FAST
@given(
    slug=st.from_regex(r"[a-z0-9][a-z0-9-]{1,30}", fullmatch=True),
    scheme=st.sampled_from(["", "http://", "https://", "https\\://", "//"]),
    host=st.sampled_from(
        ["linkedin.com", "www.linkedin.com", "nl.linkedin.com", "be.linkedin.com"]
    ),
    tail=st.sampled_from(["", "/", "?originalSubdomain=nl", "/?trk=abc", "#about", "/nl/"]),
    upper=st.booleans(),
)
def test_linkedin_url_spellings(slug: str, scheme: str, host: str, tail: str, upper: bool) -> None:
    url = f"{scheme}{host}/in/{slug.upper() if upper else slug}{tail}"
    assert normalize_linkedin_url(url) == f"linkedin.com/in/{slug}"


@FAST
@given(noisy_text, noisy_text)
def test_person_name_key_total_and_tidy(first: str, last: str) -> None:
    key = person_name_key(first, last)
    assert key == " ".join(key.split())
    assert key == key.lower() or not key.isascii()


@FAST
@given(dutch_names())
def test_person_name_key_spellings_and_idempotence(fields: tuple[str, str, str]) -> None:
    first, last, key = fields
    assert person_name_key(first, last) == key
    assert person_name_key(key, "") == key
    folded = "".join(c for c in unicodedata.normalize("NFKD", last) if not unicodedata.combining(c))
    assert person_name_key(first, folded) == key


@FAST
@given(noisy_text)
def test_clean_names_idempotent(value: str) -> None:
    last = clean_last_name(value)
    assert clean_last_name(last) == last
    first = clean_first_name(value)
    assert clean_first_name(first) == first


@FAST
@given(noisy_text)
def test_company_key_and_display_idempotent(value: str) -> None:
    key = company_key(value)
    assert company_key(key) == key
    display = company_display(value)
    assert company_display(display) == display


@FAST
@given(
    core=st.sampled_from(["Acme", "Müller & Zonen", "Brouwer en Partners", "Stripe", "De Kroon"]),
    form=st.sampled_from(["", " B.V.", " BV", ", Inc.", " Inc", " N.V.", " GmbH", " Holding B.V."]),
    case=st.sampled_from([str, str.upper, str.lower]),
)
def test_company_key_ignores_legal_form_and_case(core: str, form: str, case) -> None:
    name = case(core + form)
    assert company_key(name) == company_key(core)
    assert company_key(company_display(name)) == company_key(name)
