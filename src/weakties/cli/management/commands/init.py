"""``weakties init``: create or upgrade the database."""

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.cli.base import WeaktiesCommand


class Command(WeaktiesCommand):
    help = gettext_lazy("Create or upgrade the database.")
    # Setting the site up is when a wrong setting should show: run Django's system checks.
    requires_system_checks = "__all__"

    def run(self, **options):
        call_command("migrate", interactive=False, verbosity=0)
        return {
            "database": connection.vendor,
            "name": str(connection.settings_dict["NAME"]),
            "home": str(settings.HOME),
        }

    def show(self, result):
        self.console.print(
            _("Database ready: {database} at {name}").format(
                database=result["database"], name=result["name"]
            )
        )
