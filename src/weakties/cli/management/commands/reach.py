"""``weakties reach [--org NAME] --json``.

The figures come from the last ``weakties analyze`` (read in milliseconds at
any size).  Before the first analysis they are counted live, which reads every
tie of the organisation, and a line on stderr says so.
"""

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rich.table import Table

from weakties.accounts.services.organisations import organisation_get
from weakties.cli.base import WeaktiesCommand
from weakties.insights.selectors import reach_report
from weakties.people.selectors.reach import organisation_reach


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "How far the organisation's second degree reaches, as the last analysis counted it."
    )

    def add_options(self, parser):
        parser.add_argument(
            "--org", help=gettext_lazy("the organisation (needed when there are several)")
        )

    def run(self, *, org, **options):
        organisation = organisation_get(name=org)
        stored = reach_report(organisation=organisation, details=True)
        if stored is not None:
            self.analysed_at = stored.analysed_at
            return stored.figures
        self.analysed_at = None
        self.err.print(
            _(
                "No analysis yet (or only one by an older weakties): counted live, which reads "
                "every tie and takes long in a large organisation. `weakties analyze` stores "
                "these figures."
            )
        )
        return organisation_reach(organisation=organisation, details=True)

    def show(self, r):
        if self.analysed_at is not None:
            when = date_format(localtime(self.analysed_at), "SHORT_DATETIME_FORMAT")
            self.console.print(_("From the analysis of {when}").format(when=when))
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
