"""``weakties consent give|withdraw --owner EMAIL``."""

from weakties.cli.base import WeaktiesCommand
from weakties.services.consent import give_consent, withdraw_consent
from weakties.services.organisations import find_employee, get_organisation


class Command(WeaktiesCommand):
    help = "Record or withdraw an employee's consent to share their network."

    def add_options(self, parser):
        parser.add_argument("action", choices=["give", "withdraw"])
        parser.add_argument("--owner", required=True, help="the employee's work email")
        parser.add_argument("--org")

    def run(self, *, action, owner, org, **options):
        employee = find_employee(owner, organisation=get_organisation(org) if org else None)
        if action == "give":
            consent = give_consent(employee, via="cli")
            return {"employee": employee.email, "consent": True, "since": consent.given_at.isoformat()}
        removed = withdraw_consent(employee)
        return {"employee": employee.email, "consent": False, **removed}
