"""``weakties reach [--org NAME] --json``."""

from weakties.cli.base import WeaktiesCommand
from weakties.services.organisations import get_organisation
from weakties.services.reach import organisation_reach


class Command(WeaktiesCommand):
    help = "How far the organisation's second degree reaches."

    def add_options(self, parser):
        parser.add_argument("--org", help="the organisation (needed when there are several)")

    def run(self, *, org, **options):
        return organisation_reach(get_organisation(org))

    def show(self, r):
        self.console.print(
            f"{r['employees_sharing']} of {r['employees']} employees share their network: "
            f"{r['ties']:,} ties to {r['unique_people']:,} unique people at {r['companies']:,} companies."
        )
