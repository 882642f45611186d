"""``weakties org create NAME`` and ``weakties org list``."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.accounts.models import Organisation
from weakties.accounts.services.organisations import organisation_create
from weakties.cli.base import CommandError, WeaktiesCommand


class Command(WeaktiesCommand):
    help = gettext_lazy("Create or list organisations.")

    def add_options(self, parser):
        parser.add_argument("action", choices=["create", "list"], help=gettext_lazy("what to do"))
        parser.add_argument("name", nargs="?", help=gettext_lazy("the organisation's name"))
        parser.add_argument(
            "--domain", default="", help=gettext_lazy("the organisation's email domain")
        )

    def run(self, *, action, name, domain, **options):
        if action == "create":
            if not name:
                raise CommandError(_("org create needs a NAME"))
            org = organisation_create(name=name, domain=domain)
            return {"id": org.pk, "name": org.name, "domain": org.domain}
        return [
            {"id": o.pk, "name": o.name, "domain": o.domain, "employees": o.employees.count()}
            for o in Organisation.objects.all()
        ]

    def show(self, result):
        if isinstance(result, dict):
            self.console.print(
                _("Created organisation {name} (id {id})").format(
                    name=result["name"], id=result["id"]
                )
            )
        else:
            for org in result:
                self.console.print(
                    _("{id:>4}  {name}  ({employees} employees)").format(
                        id=org["id"], name=org["name"], employees=org["employees"]
                    )
                )
