"""``weakties who-knows --company NAME --json``."""

from rich.table import Table

from weakties.cli.base import WeaktiesCommand
from weakties.services.organisations import get_organisation
from weakties.services.who_knows import who_knows


class Command(WeaktiesCommand):
    help = "Who in the organisation knows someone at a company."

    def add_options(self, parser):
        parser.add_argument("--company", required=True, help="company name (normalised: 'Stripe, Inc.' = 'Stripe')")
        parser.add_argument("--org", help="only this organisation's employees")

    def run(self, *, company, org, **options):
        organisation = get_organisation(org) if org else None
        return who_knows(company, organisation=organisation, actor_label="cli")

    def show(self, rows):
        if not rows:
            self.console.print("Nobody who shares their network knows someone there yet.")
            return
        table = Table("employee", "knows", "position", "company", "sources")
        for r in rows:
            c = r["contact"]
            table.add_row(r["employee"], c["name"], c["position"], c["company"], ", ".join(r["sources"]))
        self.console.print(table)
