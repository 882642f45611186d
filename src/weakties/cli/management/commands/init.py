"""``weakties init``: create or upgrade the database."""

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from weakties.cli.base import WeaktiesCommand


class Command(WeaktiesCommand):
    help = "Create or upgrade the database."

    def run(self, **options):
        call_command("migrate", interactive=False, verbosity=0)
        return {
            "database": connection.vendor,
            "name": str(connection.settings_dict["NAME"]),
            "home": str(settings.HOME),
        }

    def show(self, result):
        self.console.print(f"Database ready: {result['database']} at {result['name']}")
