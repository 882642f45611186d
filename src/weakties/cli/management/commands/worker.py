"""``weakties worker``: run background tasks (imports, analytics, emails)."""

from django.core.management import call_command

from weakties.cli.base import WeaktiesCommand


class Command(WeaktiesCommand):
    help = "Run the background worker (django-tasks, database backend)."
    json_option = False

    def add_options(self, parser):
        parser.add_argument("--batch", action="store_true", help="run what is queued, then exit")
        parser.add_argument("--interval", type=float, default=0.5, help="seconds between polls when idle")

    def run(self, *, batch, interval, verbosity, **options):
        call_command("db_worker", batch=batch, interval=interval, reload=False, verbosity=verbosity, queue_name="*")
