"""``weakties digest [--json]``: send the notification digests that are due now → ``{"sent", "notices", "failed"}``.

The worker (``weakties worker``, started by ``weakties serve``) runs the same
digest run every day at ``WEAKTIES_DIGEST_HOUR``; this command is for cron
without a worker, and for tests.  A digest cannot go twice in one period, so
running it more often does no harm.  Exits 1 with one line when a digest could
not be sent (the mail server is down); the next run sends it.
"""

from weakties.cli.base import CommandError, WeaktiesCommand
from weakties.notifications import texts
from weakties.notifications.services.delivery import digests_send
from weakties.notifications.tasks import schedule_digest_run


class Command(WeaktiesCommand):
    help = texts.DIGEST_HELP
    failed = 0

    def handle(self, *args, **options):
        super().handle(*args, **options)
        if self.failed:
            raise CommandError(str(texts.DIGEST_FAILED).format(failed=self.failed))

    def run(self, **options):
        result = digests_send()
        schedule_digest_run()  # where a worker runs, it takes over from here
        self.failed = result["failed"]
        return result

    def show(self, result):
        self.console.print(str(texts.DIGEST_DONE).format(**result))
