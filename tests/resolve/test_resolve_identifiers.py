"""Normalisation of exact identifiers: LinkedIn profile URLs and email addresses."""

from __future__ import annotations

import pytest

from weakties.resolve import email_domain, is_role_email, normalize_email, normalize_linkedin_url

CANONICAL = "linkedin.com/in/jan-de-vries-4b2a17"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/jan-de-vries-4b2a17",
        "https://www.linkedin.com/in/jan-de-vries-4b2a17/",
        "http://www.linkedin.com/in/jan-de-vries-4b2a17",
        "https://linkedin.com/in/jan-de-vries-4b2a17",
        "www.linkedin.com/in/jan-de-vries-4b2a17",
        "linkedin.com/in/jan-de-vries-4b2a17",
        "//www.linkedin.com/in/jan-de-vries-4b2a17",
        "HTTPS://WWW.LINKEDIN.COM/IN/JAN-DE-VRIES-4B2A17",
        "https://www.linkedin.com/in/Jan-De-Vries-4b2a17",
        "https://nl.linkedin.com/in/jan-de-vries-4b2a17",
        "https://be.linkedin.com/in/jan-de-vries-4b2a17/",
        "https://www.linkedin.com/in/jan-de-vries-4b2a17?originalSubdomain=nl",
        "https://nl.linkedin.com/in/jan-de-vries-4b2a17/?originalSubdomain=nl&trk=abc",
        "https://www.linkedin.com/in/jan-de-vries-4b2a17#experience",
        "https://www.linkedin.com/in/jan-de-vries-4b2a17/nl",
        "https://www.linkedin.com:443/in/jan-de-vries-4b2a17",
        "https\\://www.linkedin.com/in/jan-de-vries-4b2a17",  # Apple vCard escape
        "https\\://nl.linkedin.com/in/jan-de-vries-4b2a17\\/",
        "  <https://www.linkedin.com/in/jan-de-vries-4b2a17>  ",
        "https://www.linkedin.com/in/jan%2Dde%2Dvries%2D4b2a17",
    ],
)
def test_linkedin_url_variants_are_one_profile(url: str) -> None:
    assert normalize_linkedin_url(url) == CANONICAL


def test_linkedin_slug_is_percent_decoded_and_lowercased() -> None:
    assert normalize_linkedin_url("https://www.linkedin.com/in/Zo%C3%AB-M%C3%BCller") == (
        "linkedin.com/in/zoë-müller"
    )
    assert normalize_linkedin_url("https://www.linkedin.com/in/zoë-müller/") == (
        "linkedin.com/in/zoë-müller"
    )


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "Jan de Vries",
        "https://www.linkedin.com/company/acme-bv",
        "https://www.linkedin.com/school/tu-delft/",
        "https://www.linkedin.com/pub/jan-de-vries/12/345/678",
        "https://www.linkedin.com/feed/",
        "https://www.linkedin.com/in/",
        "https://lnkd.in/abc123",
        "https://evil.example/linkedin.com/in/jan",
        "https://linkedin.com.evil.example/in/jan",
        "https://www.linkedin.com/in/jan%20de%20vries",
        "https://www.xing.com/profile/Jan_deVries",
    ],
)
def test_not_a_linkedin_profile(value: str) -> None:
    assert normalize_linkedin_url(value) == ""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("jan.de.vries@acme.nl", "jan.de.vries@acme.nl"),
        ("Jan.de.Vries@Acme.NL", "jan.de.vries@acme.nl"),
        ("  jan.de.vries@acme.nl\t", "jan.de.vries@acme.nl"),
        ("mailto:jan.de.vries@acme.nl", "jan.de.vries@acme.nl"),
        ("MAILTO:Jan.de.Vries@acme.nl?subject=Hallo", "jan.de.vries@acme.nl"),
        ("Jan de Vries <jan.de.vries@acme.nl>", "jan.de.vries@acme.nl"),
        ("<ZOE.BAKKER@example.be>", "zoe.bakker@example.be"),
        ("els+news@telenet.be", "els+news@telenet.be"),
        ("jan@acme.nl.", "jan@acme.nl"),
        ("zoë@müller.de", "zoë@müller.de"),
    ],
)
def test_normalize_email(raw: str, expected: str) -> None:
    assert normalize_email(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "jan",
        "jan@",
        "@acme.nl",
        "jan@acme",
        "jan@@acme.nl",
        "jan de vries@acme.nl",
        ".jan@acme.nl",
        "jan.@acme.nl",
        "jan..vries@acme.nl",
        "jan@acme.n",
        "jan@-acme.nl",
    ],
)
def test_not_an_email(raw: str) -> None:
    assert normalize_email(raw) == ""


@pytest.mark.parametrize(
    ("raw", "domain"),
    [
        ("Jan@Acme.NL", "acme.nl"),
        ("jan@mail.acme.nl", "mail.acme.nl"),
        ("jan@gmail.com", ""),
        ("jan@hotmail.nl", ""),
        ("jan@outlook.com", ""),
        ("jan@live.nl", ""),
        ("jan@yahoo.com", ""),
        ("jan@icloud.com", ""),
        ("jan@kpnmail.nl", ""),
        ("jan@ziggo.nl", ""),
        ("els@telenet.be", ""),
        ("els@skynet.be", ""),
        ("jan@planet.nl", ""),
        ("jan@home.planet.nl", ""),
        ("not-an-email", ""),
    ],
)
def test_email_domain(raw: str, domain: str) -> None:
    assert email_domain(raw) == domain


def test_role_mailboxes() -> None:
    assert is_role_email("Info@Acme.nl")
    assert is_role_email("sales+nl@acme.nl")
    assert not is_role_email("jan.info@acme.nl")
    assert not is_role_email("not an email")
