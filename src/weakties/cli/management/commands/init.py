"""``weakties init``: create or upgrade the database.

An upgrade also gives the stored companies the keys today's rules give them
(:func:`weakties.people.services.company_keys.companies_rekey`; nothing to do
on a new database or a second run).
"""

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.cli.base import WeaktiesCommand
from weakties.people.services.company_keys import companies_rekey


class Command(WeaktiesCommand):
    help = gettext_lazy("Create or upgrade the database.")
    # Setting the site up is when a wrong setting should show: run Django's system checks.
    requires_system_checks = "__all__"

    def run(self, **options):
        call_command("migrate", interactive=False, verbosity=0)
        rekeyed = companies_rekey(actor_label="init")
        return {
            "database": connection.vendor,
            "name": str(connection.settings_dict["NAME"]),
            "home": str(settings.HOME),
            "companies_rekeyed": len(rekeyed.keys),
            "companies_merged": len(rekeyed.merged),
        }

    def show(self, result):
        self.console.print(
            _("Database ready: {database} at {name}").format(
                database=result["database"], name=result["name"]
            )
        )
        if result["companies_rekeyed"]:
            self.console.print(
                _("{rekeyed} companies got a new key, {merged} were merged.").format(
                    rekeyed=result["companies_rekeyed"], merged=result["companies_merged"]
                )
            )
