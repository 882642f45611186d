"""``weakties retention [--json]``: the weekly minimisation run, now.

Flags the imports older than ``WEAKTIES_RETENTION_DAYS`` to their owners, removes
the flagged ones whose grace is over (with the ties only they hold), and, with
``WEAKTIES_COMPARE_AND_FORGET`` on, forgets the contacts that match nothing the
organisation asks for → ``{"flagged", "emailed", "imports_removed", "ties_removed",
"people_removed", "forgotten"}``.  The worker runs it every week; this command is for
cron without a worker.  Running it twice does no harm: an import is flagged once.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.cli.base import WeaktiesCommand
from weakties.minimisation.tasks import minimisation_weekly_now, schedule_minimisation_run


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Flag old imports to their owners, remove those whose grace is over, and compare "
        "and forget (the weekly run, now)."
    )

    def run(self, **options):
        result = minimisation_weekly_now()
        schedule_minimisation_run()  # where a worker runs, it takes over from here
        return result

    def show(self, result):
        self.console.print(
            _(
                "Imports flagged: {flagged} (emailed: {emailed}); imports removed: "
                "{imports_removed} with {ties_removed} ties and {people_removed} people; "
                "contacts forgotten: {forgotten}."
            ).format(**result)
        )
