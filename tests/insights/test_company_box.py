"""The company box of "who can introduce me": it completes as one types, and results name people."""

from __future__ import annotations

import pytest

from tests.factories import acme, employee, login

pytestmark = pytest.mark.django_db


def test_a_few_letters_offer_the_companies_they_may_mean(client):
    acme()
    login(client, "tom.jansen@acme.nl")
    html = client.get("/insights/companies/", {"query": "Strip"}).content.decode()
    assert '<option value="Stripe' in html
    assert client.get("/insights/companies/", {"query": "s"}).content.decode().strip() == ""
    page = client.get("/insights/intro/").content.decode()
    assert 'list="company-options"' in page and '<datalist id="company-options">' in page


def test_the_company_box_is_for_signed_in_employees_only(client):
    acme()
    assert client.get("/insights/companies/", {"query": "Strip"}).status_code == 302


def test_results_name_the_colleague_and_the_company_matched(client):
    acme()
    login(client, "tom.jansen@acme.nl")
    html = client.get(
        "/insights/intro/", {"target": "company", "query": "Strip", "purpose": "job"}
    ).content.decode()
    jan = employee("jan.vandenberg@acme.nl")
    assert f"<strong>{jan.full_name}</strong>" in html
    assert 'id="matched"' in html and "Stripe" in html
    assert html.count('class="introducer"') == 2  # Jan and Sophie, each once
