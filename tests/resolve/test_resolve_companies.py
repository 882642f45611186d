"""Company keys and display names."""

from __future__ import annotations

import pytest

from weakties.resolve import company_display, company_key
from weakties.resolve.companies import domain_company_keys


@pytest.mark.parametrize(
    ("variants", "key"),
    [
        (
            ["Stripe", "Stripe, Inc.", "Stripe Inc", "Stripe Inc.", "STRIPE", "stripe, inc"],
            "stripe",
        ),
        (["Acme", "Acme B.V.", "Acme BV", "Acme bv", "ACME B. V.", "Acme Holding B.V."], "acme"),
        (["Colruyt", "Colruyt NV", "Colruyt N.V.", "Colruyt nv"], "colruyt"),
        (["Atlassian", "Atlassian Ltd", "Atlassian Ltd.", "Atlassian Limited"], "atlassian"),
        (["Siemens", "Siemens AG", "Siemens GmbH"], "siemens"),
        (["Proximus", "Proximus SA", "Proximus S.A.", "Proximus NV/SA"], "proximus"),
        (["GitLab", "GitLab Inc.", "Gitlab LLC"], "gitlab"),
        (
            ["Müller & Zonen", "Muller en Zonen", "MÜLLER and ZONEN B.V.", "Müller + Zonen"],
            "muller & zonen",
        ),
        (["Bouwbedrijf Çelik", "Bouwbedrijf Celik B.V."], "bouwbedrijf celik"),
        (["Rabobank", "Rabobank Nederland", "Rabobank Group"], "rabobank"),
        (["Philips", "Koninklijke Philips N.V.", "Philips Holding"], "philips"),
        (["Coca-Cola", "Coca Cola"], "coca cola"),
        (["McKinsey & Company", "McKinsey"], "mckinsey"),
    ],
)
def test_company_key_variants(variants: list[str], key: str) -> None:
    assert {company_key(v) for v in variants} == {key}


@pytest.mark.parametrize(
    "filler",
    [
        "",
        "  ",
        "-",
        "n/a",
        "N.v.t.",
        "None",
        "Self-employed",
        "Self Employed",
        "Freelance",
        "Freelancer",
        "ZZP",
        "ZZP'er",
        "Zelfstandig ondernemer",
        "Eigen bedrijf",
        "Student",
        "B.V.",
        "Holding B.V.",
        "\U0001f680",
    ],
)
def test_filler_has_no_key(filler: str) -> None:
    assert company_key(filler) == ""
    assert company_display(filler) == ""


def test_different_companies_stay_different() -> None:
    assert company_key("Acme") != company_key("Acme Consulting")
    assert company_key("Van Oord") == "van oord"
    assert company_key("De Nederlandsche Bank") == "nederlandsche bank"


@pytest.mark.parametrize(
    ("name", "display"),
    [
        ("Stripe, Inc.", "Stripe"),
        ("Stripe Inc", "Stripe"),
        ("Acme Holding B.V.", "Acme"),
        ("ACME B. V.", "ACME"),
        ("Müller & Zonen N.V.", "Müller & Zonen"),
        ("McKinsey & Company", "McKinsey"),
        ("Rabobank Nederland", "Rabobank Nederland"),
        ("acme consulting bv", "Acme Consulting"),
        ("brouwer en partners", "Brouwer en Partners"),
        ("bol.com", "bol.com"),
        ("KPN", "KPN"),
        ("  Adyen   N.V.  ", "Adyen"),
    ],
)
def test_company_display(name: str, display: str) -> None:
    assert company_display(name) == display


@pytest.mark.parametrize(
    "name", ["Stripe, Inc.", "Acme Holding B.V.", "McKinsey & Company", "Müller en Zonen N.V."]
)
def test_key_of_display_is_key(name: str) -> None:
    assert company_key(company_display(name)) == company_key(name)


def test_domain_company_keys() -> None:
    assert domain_company_keys("acme.nl") == ("acme", "acmenl")
    assert domain_company_keys("booking.com")[1] == company_key("Booking.com")
    assert domain_company_keys("mail.acme.co.uk")[0] == "acme"
    assert domain_company_keys("localhost") == ()


@pytest.mark.parametrize(
    ("variants", "key", "display"),
    [
        (
            ["Wagenbouw Private Limited", "Wagenbouw Pvt. Ltd.", "Wagenbouw Pvt Ltd", "Wagenbouw"],
            "wagenbouw",
            "Wagenbouw",
        ),
        (["Aseel International Sdn Bhd", "Aseel International (M) Sdn. Bhd."], "aseel international", "Aseel International"),
        (["Kestrel Pte. Ltd.", "Kestrel Pte Ltd"], "kestrel", "Kestrel"),
        (["Harrow Public Limited Company", "Harrow PLC"], "harrow", "Harrow"),
    ],
)  # fmt: skip
def test_multi_word_legal_forms_go_as_one(variants: list[str], key: str, display: str) -> None:
    assert {company_key(v) for v in variants} == {key}
    assert {company_display(v) for v in variants} == {display}


@pytest.mark.parametrize(
    ("name", "key", "display"),
    [
        ("IT Company", "it company", "IT Company"),
        ("Trading Company B.V.", "trading company", "Trading Company"),
        ("IT Group", "it group", "IT Group"),
        ("Company, The", "the company", "The Company"),
        ("The Company", "the company", "The Company"),
        ("The Group", "the group", "The Group"),
        ("Bank, De", "de bank", "De Bank"),
        ("Coffee Company, The", "coffee company", "The Coffee Company"),
    ],
)
def test_a_name_is_never_cut_to_nothing_or_to_a_generic_word(
    name: str, key: str, display: str
) -> None:
    assert company_key(name) == key
    assert company_display(name) == display
    assert company_key(display) == key


def test_a_legal_form_still_goes_when_a_real_name_remains() -> None:
    assert company_key("Acme Company") == "acme"
    assert company_key("Stripe, Inc.") == company_key("Stripe") == "stripe"
    assert company_display("Variance Technologies Private Limited") == "Variance Technologies"
    assert company_key("Holding Company") == company_key("Private Limited") == ""
