"""What the ``weakties notifications`` and ``weakties digest`` commands say, marked for translation.

The commands live in ``weakties.cli`` (the edge); their words live here so that
this app's catalogue (``locale/nl``) holds every text about notifications.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# weakties notifications
LIST_HELP = _("List your notifications (unread first), or mark them read.")
AS_HELP = _("your work email")
ORG_HELP = _("the organisation (needed when there are several)")
UNREAD_HELP = _("only unread ones")
LIMIT_HELP = _("at most N (default %(default)s)")
READ_HELP = _("mark one read (its id)")
READ_ALL_HELP = _("mark all read")
NONE = _("No notifications.")
NO_SUCH = _("you have no notification {id}; list yours with `weakties notifications --as {email}`")
COLUMN_WHEN = _("when")
COLUMN_NOTICE = _("notification")
COLUMN_LINK = _("link")

# weakties digest
DIGEST_HELP = _("Send the notification digests that are due now (daily and weekly).")
DIGEST_DONE = _("Digests sent: {sent}; notifications in them: {notices}.")
DIGEST_FAILED = _("Digests not sent: {failed}; the mail server answered with an error")
