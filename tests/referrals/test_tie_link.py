"""A referral is linked to the referrer's tie to the candidate: at creation and by the migration.

Emma's LinkedIn export knows Lars (email and profile), Noor (email and profile)
and Kees (profile only); Jan's knows Lars (profile only) and Fleur (email and
profile).  Identity resolution keeps each identifier on the one person, so a
candidate's email or profile finds the person whoever imported it.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from weakties.accounts.models import Employee
from weakties.people.models import Tie
from weakties.referrals.models import Referral
from weakties.referrals.services.referrals import referral_apply, referral_tie
from weakties.referrals.services.vacancies import vacancy_create

from .conftest import BROUWER, FLEUR_EMAIL, JAN, LARS_EMAIL, NOOR_EMAIL

EMMA = BROUWER["employee"]
BEFORE = ("referrals", "0002_suggestion_reasons_said_when_shown")
AFTER = ("referrals", "0003_referral_tie")


def _vacancy(brouwer):
    return vacancy_create(
        organisation=brouwer,
        title="Python developer",
        location="Utrecht",
        actor=Employee.objects.get(email=BROUWER["recruiter"]),
    )


def _tie(owner: str, first_name: str) -> Tie:
    return Tie.objects.get(employee__email=owner, person__first_name=first_name)


def _apply(vacancy, referrer: str, email: str, **extra) -> Referral:
    referral, created = referral_apply(
        vacancy=vacancy,
        referrer=Employee.objects.get(email=referrer),
        name="Cas Kandidaat",
        email=email,
        **extra,
    )
    assert created
    return referral


@pytest.mark.django_db
def test_a_referral_of_a_contact_is_linked_to_the_referrers_own_tie(orgs):
    vacancy = _vacancy(orgs[0])
    by_emma = _apply(vacancy, EMMA, LARS_EMAIL.upper())  # the address is normalised first
    assert by_emma.tie == _tie(EMMA, "Lars")
    # Jan's own export has no email for Lars: the person is found by Emma's identifier, and
    # the tie is Jan's, not Emma's
    other = vacancy_create(organisation=orgs[0], title="Tester", actor=None)
    by_jan = _apply(other, JAN, LARS_EMAIL)
    assert by_jan.tie == _tie(JAN, "Lars") != _tie(EMMA, "Lars")


@pytest.mark.django_db
def test_the_linkedin_profile_finds_the_tie_when_the_email_is_new(orgs):
    vacancy = _vacancy(orgs[0])
    referral = _apply(
        vacancy,
        JAN,
        "fleur.prive@gmail.com",
        linkedin_url="https://nl.linkedin.com/in/fleur-de-wit/?trk=x",
    )
    assert referral.tie == _tie(JAN, "Fleur")
    assert referral_tie(_tie(JAN, "Fleur").employee_id, "0" * 40, "") is None


@pytest.mark.django_db
def test_a_referral_of_someone_the_referrer_has_no_tie_with_stays_unlinked(orgs):
    vacancy = _vacancy(orgs[0])
    assert _apply(vacancy, JAN, NOOR_EMAIL).tie is None  # Noor is Emma's contact, not Jan's
    assert _apply(vacancy, EMMA, "cas@example.org").tie is None  # nobody knows Cas
    assert _apply(vacancy, EMMA, FLEUR_EMAIL).tie is None  # Jan's contact
    assert Referral.objects.filter(tie__isnull=False).count() == 0


@pytest.mark.django_db
def test_the_referral_stays_when_its_tie_goes(orgs):
    vacancy = _vacancy(orgs[0])
    referral = _apply(vacancy, EMMA, NOOR_EMAIL)
    tie = _tie(EMMA, "Noor")
    assert referral.tie == tie
    tie.delete()  # a withdrawn consent or an erasure removes the tie
    referral.refresh_from_db()
    assert referral.tie is None and referral.stage == "referred"


@pytest.mark.django_db(transaction=True)
def test_the_migration_links_the_referrals_that_came_in_before(orgs):
    brouwer = orgs[0]
    emma, jan = Employee.objects.get(email=EMMA), Employee.objects.get(email=JAN)
    from weakties.people.services.identity import digest

    executor = MigrationExecutor(connection)
    restore = _applied_per_app(executor)
    try:
        executor.migrate([BEFORE])
        old = executor.loader.project_state([BEFORE]).apps
        OldVacancy = old.get_model("referrals", "Vacancy")
        OldReferral = old.get_model("referrals", "Referral")
        vacancy = OldVacancy.objects.create(organisation_id=brouwer.pk, title="Python developer")

        def refer(referrer, email, linkedin=""):
            return OldReferral.objects.create(
                vacancy=vacancy,
                referrer_id=referrer.pk if referrer else None,
                name="Cas Kandidaat",
                email=email,
                email_digest=digest(email),
                linkedin_digest=digest(linkedin) if linkedin else "",
                valid_until="2027-06-01",
            ).pk

        made = {
            "emma-lars": refer(emma, LARS_EMAIL),
            "jan-lars": refer(jan, LARS_EMAIL),
            "jan-fleur-by-profile": refer(jan, "f@new.org", "linkedin.com/in/fleur-de-wit"),
            "jan-noor": refer(jan, NOOR_EMAIL),  # no tie
            "stranger": refer(emma, "cas@example.org"),  # nobody knows them
            "no-referrer": refer(None, LARS_EMAIL),  # the referrer was erased
        }
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate([AFTER])
        linked = dict(Referral.objects.values_list("pk", "tie_id"))
        assert linked[made["emma-lars"]] == _tie(EMMA, "Lars").pk
        assert linked[made["jan-lars"]] == _tie(JAN, "Lars").pk
        assert linked[made["jan-fleur-by-profile"]] == _tie(JAN, "Fleur").pk
        assert linked[made["jan-noor"]] is None
        assert linked[made["stranger"]] is None
        assert linked[made["no-referrer"]] is None
    finally:  # back to where the test database was, and no further
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(restore)


def _applied_per_app(executor: MigrationExecutor) -> list[tuple[str, str]]:
    """Each app's last applied migration: the targets that restore the database as it is."""
    graph, applied = executor.loader.graph, executor.loader.applied_migrations
    last: dict[str, tuple[str, str]] = {}
    for node in applied:
        if node not in graph.nodes:
            continue
        app = node[0]
        if app not in last or len(graph.forwards_plan(node)) > len(graph.forwards_plan(last[app])):
            last[app] = node
    return sorted(last.values())
