"""``weakties retention [--json]``: all privacy housekeeping that is due, now (cron without a worker).

One run does what the worker's two weekly chains do:

* **retention** (:mod:`weakties.minimisation.services.retention`): flags the imports older
  than ``WEAKTIES_RETENTION_DAYS`` to their owners and removes the flagged ones whose grace
  is over, with the ties only they hold;
* **compare and forget** (:mod:`weakties.minimisation.services.forget`), with
  ``WEAKTIES_COMPARE_AND_FORGET`` on: forgets the contacts that match nothing the
  organisation asks for;
* **privacy requests** (:func:`weakties.privacy.services.objections.objections_purge`):
  deletes the objection requests never confirmed after 7 days and the decided ones after
  ``WEAKTIES_OBJECTION_RETENTION_DAYS``.

→ ``{"flagged", "emailed", "imports_removed", "ties_removed", "people_removed",
"forgotten", "objections_unconfirmed", "objections_decided"}``.  Running it twice does no
harm: an import is flagged once, and what was deleted is gone.  Where a worker runs
(``weakties serve``) it does this every week by itself; this command also (re)starts its
chains there.
"""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.cli.base import WeaktiesCommand
from weakties.minimisation.tasks import minimisation_weekly_now, schedule_minimisation_run
from weakties.privacy.services.objections import objections_purge
from weakties.privacy.tasks import schedule_objection_purge


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "All privacy housekeeping that is due, now: flag old imports to their owners, remove "
        "those whose grace is over, compare and forget, and delete old privacy requests (the "
        "worker's weekly runs; for cron without a worker)."
    )

    def run(self, **options: Any) -> dict[str, Any]:
        result = minimisation_weekly_now()
        purged = objections_purge()
        result["objections_unconfirmed"] = purged["unconfirmed"]
        result["objections_decided"] = purged["decided"]
        # Where a worker runs, it takes over from here.
        schedule_minimisation_run()
        schedule_objection_purge()
        return result

    def show(self, result: dict[str, Any]) -> None:
        self.console.print(
            _(
                "Imports flagged: {flagged} (emailed: {emailed}); imports removed: "
                "{imports_removed} with {ties_removed} ties and {people_removed} people; "
                "contacts forgotten: {forgotten}."
            ).format(**result)
        )
        self.console.print(
            _(
                "Privacy requests deleted: {objections_unconfirmed} never confirmed, "
                "{objections_decided} decided."
            ).format(**result)
        )
