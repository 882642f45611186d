"""``weakties reach [--org NAME] --json``."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rich.table import Table

from weakties.accounts.services.organisations import organisation_get
from weakties.cli.base import WeaktiesCommand
from weakties.people.selectors.reach import organisation_reach


class Command(WeaktiesCommand):
    help = gettext_lazy("How far the organisation's second degree reaches.")

    def add_options(self, parser):
        parser.add_argument(
            "--org", help=gettext_lazy("the organisation (needed when there are several)")
        )

    def run(self, *, org, **options):
        return organisation_reach(organisation=organisation_get(name=org), details=True)

    def show(self, r):
        self.console.print(
            _(
                "{sharing} of {employees} employees share their network: "
                "{ties:,} ties to {people:,} unique people at {companies:,} companies."
            ).format(
                sharing=r["employees_sharing"],
                employees=r["employees"],
                ties=r["ties"],
                people=r["unique_people"],
                companies=r["companies"],
            )
        )
        titles = {"sector": _("By sector: {groups}"), "region": _("By region: {groups}")}
        for attribute in ("sector", "region"):
            groups = r["coverage"][attribute]
            if groups:
                shown = ", ".join(f"{g['name']} {g['people']:,}" for g in groups[:8])
                self.console.print(titles[attribute].format(groups=shown))
        if r["unique_reach"]:
            table = Table(_("employee"), _("only they know"), _("knows"))
            for row in r["unique_reach"]:
                table.add_row(row["employee"], f"{row['unique_reach']:,}", f"{row['reach']:,}")
            self.console.print(table)
