"""``weakties notifications --as EMAIL [--unread] [--limit N] [--read ID | --read-all] [--json]``.

The employee's own notices, unread first, as the page shows them; with
``--read``/``--read-all`` it marks them read first.  It acts as the employee
named by ``--as`` and sees only their notices (another's id is refused).
"""

import datetime as dt

from django.utils import timezone
from rich.table import Table

from weakties.accounts.services.organisations import organisation_get
from weakties.cli.base import CommandError, WeaktiesCommand, acting_employee, add_acting_option
from weakties.notifications import texts
from weakties.notifications.mail import notice_url
from weakties.notifications.selectors import notice_dict, notice_of, notices_of
from weakties.notifications.services.notices import notice_mark_read, notices_mark_all_read


class Command(WeaktiesCommand):
    help = texts.LIST_HELP

    def add_options(self, parser):
        add_acting_option(parser, required=True, help=texts.AS_HELP)
        parser.add_argument("--org", help=texts.ORG_HELP)
        parser.add_argument("--unread", action="store_true", help=texts.UNREAD_HELP)
        parser.add_argument("--limit", type=int, default=50, help=texts.LIMIT_HELP)
        mark = parser.add_mutually_exclusive_group()
        mark.add_argument("--read", type=int, metavar="ID", help=texts.READ_HELP)
        mark.add_argument("--read-all", action="store_true", help=texts.READ_ALL_HELP)

    def run(self, *, acting, org, unread, limit, read, read_all, **options):
        organisation = organisation_get(name=org) if org else None
        me = acting_employee(acting, organisation=organisation, required=True, active=False)
        if read is not None:
            notice = notice_of(employee=me, notice_id=read)
            if notice is None:
                raise CommandError(str(texts.NO_SUCH).format(id=read, email=me.email))
            notice_mark_read(notice)
        if read_all:
            notices_mark_all_read(employee=me)
        rows = notices_of(employee=me, unread=unread)[: max(limit, 0)]
        return [notice_dict(n, url=notice_url(n)) for n in rows]

    def show(self, rows):
        if not rows:
            self.console.print(str(texts.NONE))
            return
        table = Table(
            "id", "", str(texts.COLUMN_WHEN), str(texts.COLUMN_NOTICE), str(texts.COLUMN_LINK)
        )
        for r in rows:
            text = r["subject"] + (f"\n{r['body']}" if r["body"] else "")
            when = timezone.localtime(dt.datetime.fromisoformat(r["created"]))
            table.add_row(
                str(r["id"]), "" if r["read"] else "●", f"{when:%Y-%m-%d %H:%M}", text, r["url"]
            )
        self.console.print(table)
