"""``weakties consent give|withdraw --owner EMAIL``."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.accounts.services.organisations import employee_find, organisation_get
from weakties.cli.base import WeaktiesCommand
from weakties.people.services.consent import consent_give, consent_withdraw


class Command(WeaktiesCommand):
    help = gettext_lazy("Record or withdraw an employee's consent to share their network.")

    def add_options(self, parser):
        parser.add_argument(
            "action", choices=["give", "withdraw"], help=gettext_lazy("give or withdraw consent")
        )
        parser.add_argument(
            "--owner", required=True, help=gettext_lazy("the employee's work email")
        )
        parser.add_argument(
            "--org", help=gettext_lazy("the organisation (needed when there are several)")
        )

    def run(self, *, action, owner, org, **options):
        employee = employee_find(
            email=owner, organisation=organisation_get(name=org) if org else None
        )
        if action == "give":
            consent = consent_give(employee=employee, via="cli")
            return {
                "employee": employee.email,
                "consent": True,
                "since": consent.given_at.isoformat(),
            }
        removed = consent_withdraw(employee=employee)
        return {"employee": employee.email, "consent": False, **removed}

    def show(self, result):
        if result["consent"]:
            self.console.print(
                _("{employee} shares their network since {since}").format(
                    employee=result["employee"], since=result["since"]
                )
            )
            return
        self.console.print(
            _("{employee} withdrew their consent: {ties} ties and {people} people removed").format(
                employee=result["employee"],
                ties=result["ties_removed"],
                people=result["people_removed"],
            )
        )
