"""``weakties campaign``: the invitation campaigns of an organisation and their funnel.

    weakties campaign [--org NAME] [--as EMAIL] [--json]            # the latest campaigns
    weakties campaign ID [--org NAME] [--send] [--as EMAIL] [--json]  # one campaign

Each campaign: ``{"id", "created", "scope", "department", "invited",
"opened", "consented", "imported", "declined", "sent", "refused", "unsent",
"reminded", "reminder_sent", "reminder_from", "send_error"}``. ``--send``
tries the mail server again now for what is not sent yet (the worker also
tries again by itself). ``--as EMAIL`` acts as that employee (an admin of the
organisation); without it the operator of the server acts.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.accounts.services.organisations import organisation_get
from weakties.ambassadors import rules
from weakties.ambassadors.models import Campaign
from weakties.ambassadors.selectors import campaign_funnel, reminder_allowed_at
from weakties.ambassadors.services.campaigns import campaign_get
from weakties.ambassadors.services.delivery import campaign_send
from weakties.cli.base import (
    CommandError,
    WeaktiesCommand,
    acting_employee,
    add_acting_option,
    label,
)

FUNNEL = ("invited", "opened", "consented", "imported", "declined")


def campaign_dict(campaign: Campaign) -> dict:
    funnel = campaign_funnel(campaign=campaign)
    allowed = reminder_allowed_at(campaign)
    return {
        "id": campaign.pk,
        "created": campaign.created_at.isoformat(),
        "scope": campaign.scope,
        "department": campaign.department,
        **{k: funnel[k] for k in FUNNEL},
        "sent": funnel["sent"],
        "refused": funnel["refused"],
        "unsent": funnel["unsent"],
        "reminded": funnel["reminded"],
        "reminder_sent": campaign.reminder_sent_at.isoformat()
        if campaign.reminder_sent_at
        else None,
        "reminder_from": allowed.isoformat() if allowed else None,
        "send_error": campaign.send_error,
    }


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Invitation campaigns and their funnel: invited, opened, consented, imported."
    )

    def add_options(self, parser):
        parser.add_argument("id", nargs="?", help=gettext_lazy("one campaign"))
        parser.add_argument("--org", help=gettext_lazy("the organisation (default: the only one)"))
        parser.add_argument(
            "--send",
            action="store_true",
            help=gettext_lazy("try the mail server again now for what is not sent yet"),
        )
        add_acting_option(
            parser, help=gettext_lazy("act as this employee (an admin of the organisation)")
        )

    def run(self, *, id, org, send, acting, **options):
        organisation = organisation_get(name=org)
        me = acting_employee(acting, organisation=organisation)
        if me is not None:
            if not rules.may_see_funnel(me, organisation):
                raise CommandError(
                    _(
                        "{email} may not see the campaigns: only the organisation's admins may"
                    ).format(email=acting)
                )
        if id is None:
            if send:
                raise CommandError(_("--send needs a campaign id"))
            return [
                campaign_dict(c) for c in Campaign.objects.filter(organisation=organisation)[:50]
            ]
        campaign = campaign_get(organisation=organisation, campaign_id=id)
        if send:
            kind = "reminder" if campaign.reminder_sent_at else "invitation"
            outcome = campaign_send(campaign, kind=kind)
            if outcome["error"]:
                raise CommandError(
                    _("the mail server failed: {error}").format(error=outcome["error"])
                )
            campaign.refresh_from_db()
        return campaign_dict(campaign)

    def show(self, result):
        rows = result if isinstance(result, list) else [result]
        if not rows:
            self.console.print(
                _("No campaign yet; start one with `weakties invite`."), markup=False
            )
            return
        for r in rows:
            created = timezone.localtime(dt.datetime.fromisoformat(r["created"]))
            who = r["department"] or label(Campaign.Scope, r["scope"])
            self.console.print(
                _("Campaign {id} · {date} · {who}").format(
                    id=r["id"], date=f"{created:%Y-%m-%d}", who=who
                ),
                markup=False,
            )
            funnel = " → ".join(f"{_(step)} {r[step]}" for step in FUNNEL[:4])
            self.console.print(f"  {funnel}; {_('declined')} {r['declined']}", markup=False)
            if r["reminder_sent"]:
                reminder = _("reminder sent on {date}").format(date=r["reminder_sent"][:10])
            elif r["reminder_from"]:
                reminder = _("reminder possible from {date}").format(date=r["reminder_from"][:10])
            else:
                reminder = _("reminder possible once the invitations are sent")
            self.console.print(f"  {reminder}", markup=False)
            if r["send_error"]:
                self.console.print(
                    "  "
                    + _(
                        "the mail server failed ({error}); `weakties campaign {id} --send` tries again"
                    ).format(id=r["id"], error=r["send_error"]),
                    markup=False,
                )
