"""``weakties who-knows --company NAME --json``."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rich.table import Table

from weakties.accounts.services.organisations import organisation_get
from weakties.cli.base import WeaktiesCommand
from weakties.people.selectors.who_knows import who_knows


class Command(WeaktiesCommand):
    help = gettext_lazy("Who in the organisation knows someone at a company.")

    def add_options(self, parser):
        parser.add_argument(
            "--company",
            required=True,
            help=gettext_lazy("company name (normalised: 'Stripe, Inc.' = 'Stripe')"),
        )
        parser.add_argument("--org", help=gettext_lazy("only this organisation's employees"))

    def run(self, *, company, org, **options):
        organisation = organisation_get(name=org) if org else None
        return who_knows(company=company, organisation=organisation, actor_label="cli")

    def show(self, rows):
        if not rows:
            self.console.print(_("Nobody who shares their network knows someone there yet."))
            return
        table = Table(_("employee"), _("knows"), _("position"), _("company"), _("sources"))
        for r in rows:
            c = r["contact"]
            table.add_row(
                r["employee"], c["name"], c["position"], c["company"], ", ".join(r["sources"])
            )
        self.console.print(table)
