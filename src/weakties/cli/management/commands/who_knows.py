"""``weakties who-knows --company NAME [--limit N | --all] --json``: the strongest ties first."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rich.table import Table

from weakties.accounts.services.organisations import organisation_get
from weakties.cli.base import WeaktiesCommand, add_page_options, page_limit, show_count
from weakties.people.selectors.ranked_ties import DEFAULT_PAGE
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
        add_page_options(parser, default=DEFAULT_PAGE)

    def run(self, *, company, org, limit, all, **options):
        organisation = organisation_get(name=org) if org else None
        page = who_knows(
            company=company,
            organisation=organisation,
            actor_label="cli",
            limit=page_limit(limit, every=all),
        )
        self.total = page.total
        return page.rows

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
        show_count(self.console, shown=len(rows), total=self.total)
