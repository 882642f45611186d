"""``weakties export ties --json``: every tie with its provenance."""

import json

from django.utils.translation import gettext_lazy

from weakties.accounts.services.organisations import employee_find, organisation_get
from weakties.cli.base import WeaktiesCommand
from weakties.people.selectors.export import iter_ties


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Export data as JSON (ties: every tie with the file and line it came from)."
    )

    def add_options(self, parser):
        parser.add_argument(
            "what",
            choices=["ties"],
            help=gettext_lazy("what to export: ties (the only choice now)"),
        )
        parser.add_argument("--org", help=gettext_lazy("only this organisation"))
        parser.add_argument("--owner", help=gettext_lazy("only this employee's ties"))

    def run(self, *, what, org, owner, **options):
        organisation = organisation_get(name=org) if org else None
        employee = employee_find(email=owner, organisation=organisation) if owner else None
        out = self.stdout._out
        out.write("[")
        for i, tie in enumerate(iter_ties(organisation=organisation, owner=employee)):
            out.write(("," if i else "") + "\n" + json.dumps(tie, ensure_ascii=False))
        out.write("\n]\n")
        return None
