"""The generated organisation: directory, people, ties and their statistics."""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from datetime import date, timedelta

import numpy as np
import pytest

from weakties.synth import SynthOrganisation, generate_organisation
from weakties.synth.companies import company_core

SOURCES = {"linkedin", "google", "outlook", "vcard"}


def test_default_firm_has_five_account_managers_and_one_recruiter(org):
    roles = Counter(e.role for e in org.employees)
    assert len(org.employees) == 100
    assert roles["account_manager"] == 5
    assert roles["recruiter"] == 1
    assert roles["admin"] == 1
    assert org.name == "Demo BV" and org.domain == "demo.nl"


@pytest.mark.parametrize(
    ("employees", "kwargs", "am", "rec"),
    [
        (40, {}, 2, 1),
        (300, {}, 15, 3),
        (60, {"account_managers": 9, "recruiters": 4}, 9, 4),
        (12, {"account_managers": 0, "recruiters": 0}, 0, 0),
    ],
)
def test_roles_scale_with_size_unless_given(employees, kwargs, am, rec):
    staff = generate_organisation(employees=employees, seed=3, **kwargs).employees
    roles = Counter(e.role for e in staff)
    assert len(staff) == employees
    assert roles["account_manager"] == am
    assert roles["recruiter"] == rec


def test_impossible_role_counts_are_refused():
    with pytest.raises(ValueError):
        generate_organisation(employees=5, account_managers=10)
    with pytest.raises(ValueError):
        generate_organisation(employees=0)


def test_every_employee_but_the_director_has_a_manager_in_the_directory(org):
    emails = {e.email for e in org.employees}
    top = [e for e in org.employees if not e.manager_email]
    assert len(top) == 1 and top[0].role == "representative"
    by_email = {e.email: e for e in org.employees}
    for e in org.employees:
        if e is top[0]:
            continue
        assert e.manager_email in emails and e.manager_email != e.email
        # Walking up the chain reaches the director without a cycle.
        seen, cur = set(), e
        while cur.manager_email:
            assert cur.email not in seen
            seen.add(cur.email)
            cur = by_email[cur.manager_email]
        assert cur is top[0]


def test_account_managers_sit_in_sales_and_the_recruiter_in_hr(org):
    for e in org.employees:
        if e.role == "account_manager":
            assert e.department == "Sales"
            assert "ccount" in e.job_title
        if e.role == "recruiter":
            assert e.department == "HR & Recruitment"
    departments = {e.department for e in org.employees}
    assert {"Sales", "Engineering", "Finance", "Marketing", "Customer Service"} <= departments


def test_employee_emails_are_unique_and_on_the_domain(org):
    emails = [e.email for e in org.employees]
    assert len(set(emails)) == len(emails)
    for e in org.employees:
        assert re.fullmatch(r"[a-z0-9]+\.[a-z0-9]+\d*@demo\.nl", e.email), e.email
    locations = {e.location for e in org.employees}
    assert len(locations) >= 3


def test_person_ids_are_contiguous_and_employees_come_first(org):
    assert [p.id for p in org.people] == list(range(1, len(org.people) + 1))
    for e in org.employees:
        p = org.person(e.person_id)
        assert p.employee == e.email
        assert (p.first_name, p.last_name) == (e.first_name, e.last_name)
        assert p.company == org.name
    assert all(p.employee is None for p in org.people[len(org.employees) :])


def test_identifiers_are_unique_and_well_formed(org):
    urls = [p.linkedin_url for p in org.people]
    emails = [p.email for p in org.people] + [p.alt_email for p in org.people if p.alt_email]
    phones = [p.phone for p in org.people if p.phone]
    assert len(set(urls)) == len(urls)
    assert len(set(emails)) == len(emails)
    assert len(set(phones)) == len(phones)
    assert all(
        re.fullmatch(r"https://www\.linkedin\.com/in/[a-z0-9-]+-[0-9a-f]{8}", u) for u in urls
    )
    assert all(re.fullmatch(r"\+(316\d{8}|3247\d{7})", p) for p in phones)
    assert 0.5 < len(phones) / len(org.people) < 0.9


def test_names_are_dutch_and_varied(org):
    last = [p.last_name for p in org.people]
    assert any(n.startswith(("van den ", "van der ", "de ", "'t ", "ter ", "ten ")) for n in last)
    text = " ".join(p.full_name for p in org.people)
    assert set("ëüçéï") & set(text.lower())
    assert len({p.last_name for p in org.people}) > 500
    companies = Counter(p.company for p in org.people if not p.employee)
    assert any(re.search(r"\b(B\.V\.|BV|N\.V\.|Inc\.)$", c) for c in companies)
    # Zipf: the largest employers hold far more of the contacts than the median one.
    sizes = sorted(companies.values(), reverse=True)
    assert sizes[0] > 20 * statistics.median(sizes)


def test_ties_are_valid(org):
    emails = {e.email for e in org.employees}
    owner_person = {e.email: e.person_id for e in org.employees}
    oldest = org.today - timedelta(days=int(15 * 366))
    pairs = set()
    for t in org.ties:
        assert t.employee in emails
        assert 1 <= t.person <= len(org.people)
        assert t.person != owner_person[t.employee]
        assert set(t.sources) <= SOURCES and t.sources
        assert oldest <= t.connected_on <= org.today
        pairs.add((t.employee, t.person))
    assert len(pairs) == len(org.ties)


def test_recent_connections_are_more_likely(org):
    ages = np.array([(org.today - t.connected_on).days for t in org.ties])
    recent = (ages < 5 * 365).mean()
    old = (ages >= 10 * 365).mean()
    assert recent > 2 * old > 0


def test_colleague_connections_are_mutual_with_one_date(org):
    person_email = {e.person_id: e.email for e in org.employees}
    li = {(t.employee, t.person): t.connected_on for t in org.ties if "linkedin" in t.sources}
    colleague = [(a, p, d) for (a, p), d in li.items() if p in person_email]
    assert len(colleague) > 5 * len(org.employees)
    for a, p, d in colleague:
        mirror = next(e.person_id for e in org.employees if e.email == a)
        assert li[(person_email[p], mirror)] == d


def test_colleagues_share_contacts(org: SynthOrganisation):
    """Embeddedness: most employees share external contacts with a colleague."""
    n = len(org.employees)
    knowers: dict[int, set[str]] = defaultdict(set)
    for t in org.ties:
        if t.person > n:
            knowers[t.person].add(t.employee)
    shared = Counter()
    for who in knowers.values():
        if len(who) > 1:
            for e in who:
                shared[e] += 1
    embedded = sum(1 for e in org.employees if shared[e.email] > 0)
    assert embedded >= 0.9 * n
    # Popularity skew: a few people are known by a large part of the firm.
    assert max(len(w) for w in knowers.values()) >= 10
    assert statistics.median(len(w) for w in knowers.values()) <= 2


def test_account_managers_know_their_customer_sectors(org):
    sector_of = {p.id: p.sector for p in org.people}
    by_role: dict[str, Counter] = defaultdict(Counter)
    roles = {e.email: e.role for e in org.employees}
    for t in org.ties:
        if t.person > len(org.employees):
            by_role[roles[t.employee]][sector_of[t.person]] += 1
    am = by_role["account_manager"]
    customer_share = sum(am[s] for s in org.customer_sectors) / sum(am.values())
    emp = by_role["employee"]
    emp_share = sum(emp[s] for s in org.customer_sectors) / sum(emp.values())
    assert customer_share > 0.5 > emp_share


def test_address_books_overlap_with_linkedin(org):
    by_employee: dict[str, list] = defaultdict(list)
    for t in org.ties:
        by_employee[t.employee].append(t.sources)
    with_book = [e for e, srcs in by_employee.items() if any(s[-1] != "linkedin" for s in srcs)]
    assert 0.25 <= len(with_book) / len(org.employees) <= 0.35
    both = sum(1 for t in org.ties if len(t.sources) == 2)
    only_book = sum(1 for t in org.ties if "linkedin" not in t.sources)
    assert both > 0 and only_book > 0
    for e in with_book:  # one address-book format per employee
        assert len({s[-1] for s in by_employee[e] if s[-1] != "linkedin"}) == 1


def test_homonyms_share_name_and_company_but_not_url(org):
    groups = defaultdict(list)
    for p in org.people:
        if p.homonym:
            groups[(p.first_name, p.last_name, company_core(p.company))].append(p)
    assert len(groups) >= 3
    known = {t.person for t in org.ties}
    for members in groups.values():
        assert len(members) >= 2
        assert len({m.linkedin_url for m in members}) == len(members)
        assert len({m.email for m in members}) == len(members)
        assert all(m.id in known for m in members)


def test_same_seed_same_organisation_other_seed_other():
    a = generate_organisation(employees=30, seed=11)
    b = generate_organisation(employees=30, seed=11)
    c = generate_organisation(employees=30, seed=12)
    assert a.employees == b.employees and a.people == b.people and a.ties == b.ties
    assert a.people != c.people
    assert [t.connected_on for t in a.ties] != [t.connected_on for t in c.ties]


def test_today_moves_the_dates():
    a = generate_organisation(employees=10, seed=1, today=date(2020, 1, 1))
    assert max(t.connected_on for t in a.ties) <= date(2020, 1, 1)
    assert min(t.connected_on for t in a.ties) >= date(2005, 1, 1)


@pytest.mark.slow
def test_thousand_employees_have_heavy_tailed_networks():
    """Log-normal network sizes (Ugander et al. 2011): median in the low hundreds, tail past 3,000."""
    org = generate_organisation(employees=1000, seed=1)
    degrees = org.linkedin_degrees()
    d = np.array(list(degrees.values()))
    assert 200 <= np.median(d) <= 350
    assert d.max() > 3000
    assert 390_000 <= d.sum() <= 420_000  # about 400k LinkedIn rows
    roles = {e.email: e.role for e in org.employees}
    med = {
        r: np.median([degrees[e] for e in degrees if roles[e] == r])
        for r in ("employee", "account_manager", "recruiter")
    }
    assert med["recruiter"] > med["account_manager"] > med["employee"]
    assert Counter(roles.values())["account_manager"] == 50
