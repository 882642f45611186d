"""``weakties worker``: run background tasks (imports, analytics, emails)."""

from django.core.management import call_command
from django.utils.translation import gettext_lazy

from weakties.cli.base import WeaktiesCommand
from weakties.core.priority import batch_priority


class Command(WeaktiesCommand):
    help = gettext_lazy("Run the background worker (django-tasks, database backend).")
    json_option = False

    def add_options(self, parser):
        parser.add_argument(
            "--batch", action="store_true", help=gettext_lazy("run what is queued, then exit")
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=0.5,
            help=gettext_lazy("seconds between polls when idle"),
        )

    def run(self, *, batch, interval, verbosity, **options):
        batch_priority()  # background work yields the CPU to the web server
        call_command(
            "db_worker",
            batch=batch,
            interval=interval,
            reload=False,
            verbosity=verbosity,
            queue_name="*",
        )
