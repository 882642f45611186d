"""``weakties reach [--org NAME] --json``."""

from rich.table import Table

from weakties.cli.base import WeaktiesCommand
from weakties.services.organisations import get_organisation
from weakties.services.reach import organisation_reach


class Command(WeaktiesCommand):
    help = "How far the organisation's second degree reaches."

    def add_options(self, parser):
        parser.add_argument("--org", help="the organisation (needed when there are several)")

    def run(self, *, org, **options):
        return organisation_reach(get_organisation(org), details=True)

    def show(self, r):
        self.console.print(
            f"{r['employees_sharing']} of {r['employees']} employees share their network: "
            f"{r['ties']:,} ties to {r['unique_people']:,} unique people at {r['companies']:,} companies."
        )
        for attribute in ("sector", "region"):
            groups = r["coverage"][attribute]
            if groups:
                shown = ", ".join(f"{g['name']} {g['people']:,}" for g in groups[:8])
                self.console.print(f"By {attribute}: {shown}")
        if r["unique_reach"]:
            table = Table("employee", "only they know", "knows")
            for row in r["unique_reach"]:
                table.add_row(row["employee"], f"{row['unique_reach']:,}", f"{row['reach']:,}")
            self.console.print(table)
