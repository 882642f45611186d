"""``weakties invite``: invite colleagues to become ambassadors, or send a campaign's one reminder.

    weakties invite --org NAME [--department D | --emails FILE] [--message TEXT] [--as EMAIL] [--json]
    weakties invite --org NAME --reminder CAMPAIGN_ID [--as EMAIL] [--json]

Without ``--department`` or ``--emails`` everyone is invited. ``--emails``
reads addresses from a file (one a line, or separated by commas); addresses
that are not an active employee of the organisation are skipped. Prints
``{"invited", "skipped", "already_sharing"}`` (counts); the skipped addresses
and why are named on stderr. ``--as EMAIL`` acts as that employee, with their
permissions (only the organisation's admins may invite); without it the
operator of the server acts. Campaign ids: ``weakties campaign --org NAME``.
"""

from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.accounts.services.organisations import organisation_get
from weakties.ambassadors import rules
from weakties.ambassadors.services.campaigns import campaign_create, campaign_get, campaign_remind
from weakties.cli.base import CommandError, WeaktiesCommand, acting_employee, add_acting_option

SKIP_TEXT = {
    "unknown": gettext_lazy("not an employee of the organisation"),
    "inactive": gettext_lazy("no longer works there"),
    "declined": gettext_lazy("declined earlier; not asked again"),
    "recently_invited": gettext_lazy("invited recently and not answered yet"),
    "answered": gettext_lazy("answered already"),
}


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Invite colleagues to become ambassadors (everyone, a department or a list of "
        "addresses), or send a campaign's one reminder."
    )

    def add_options(self, parser):
        parser.add_argument("--org", help=gettext_lazy("the organisation (default: the only one)"))
        who = parser.add_mutually_exclusive_group()
        who.add_argument("--department", help=gettext_lazy("invite this department only"))
        who.add_argument(
            "--emails", type=Path, help=gettext_lazy("a file with the addresses to invite")
        )
        who.add_argument(
            "--reminder",
            metavar="CAMPAIGN_ID",
            help=gettext_lazy("send this campaign's one reminder to those who have not answered"),
        )
        parser.add_argument(
            "--message", default="", help=gettext_lazy("a few words on why it matters now")
        )
        add_acting_option(
            parser, help=gettext_lazy("act as this employee (an admin of the organisation)")
        )

    def _acting(self, acting, organisation):
        me = acting_employee(acting, organisation=organisation)
        if me is None:
            return None
        if not rules.may_run_campaigns(me, organisation):
            raise CommandError(
                _("{email} may not invite colleagues: only the organisation's admins may").format(
                    email=acting
                )
            )
        return me

    def run(self, *, org, department, emails, reminder, message, acting, **options):
        organisation = organisation_get(name=org)
        me = self._acting(acting, organisation)
        label = f"cli:{me.email}" if me else "cli"
        if reminder:
            campaign = campaign_get(organisation=organisation, campaign_id=reminder)
            result = campaign_remind(campaign=campaign, actor_label=label)
        else:
            addresses = []
            if emails is not None:
                try:
                    addresses = [emails.read_text(encoding="utf-8-sig", errors="replace")]
                except OSError as exc:
                    raise CommandError(
                        _("cannot read {file}: {error}").format(file=emails, error=exc.strerror)
                    ) from None
            scope = "emails" if emails is not None else "department" if department else "all"
            result = campaign_create(
                organisation=organisation,
                scope=scope,
                department=department or "",
                emails=addresses,
                message=message,
                created_by=me,
                actor_label=label,
            )
        for address, reason in result.skipped:
            self.err.print(
                _("skipped {email}: {reason}").format(
                    email=address, reason=SKIP_TEXT.get(reason, reason)
                ),
                markup=False,
            )
        self.campaign = result.campaign
        self.reminder = bool(reminder)
        return result.as_dict()

    def show(self, result):
        if self.reminder:
            self.console.print(
                _(
                    "Reminded: {invited}. Sharing since: {sharing}. Answered or not due: {skipped}."
                ).format(
                    invited=result["invited"],
                    sharing=result["already_sharing"],
                    skipped=result["skipped"],
                )
            )
            return
        self.console.print(
            _("Invited: {invited}. Already sharing: {sharing}. Skipped: {skipped}.").format(
                invited=result["invited"],
                sharing=result["already_sharing"],
                skipped=result["skipped"],
            )
        )
        if self.campaign is not None:  # `weakties campaign ID` shows its funnel
            self.console.print(
                _("Campaign {id}: `weakties campaign {id}` shows its funnel.").format(
                    id=self.campaign.pk
                ),
                markup=False,
            )
