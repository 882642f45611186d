"""``weakties network-sharing``: lend networks to the employer network, or stop (issue 12 §6).

    weakties network-sharing show --as EMAIL [--json]
    weakties network-sharing give --as EMAIL [--organisation] [--json]
    weakties network-sharing withdraw --as EMAIL [--organisation] [--json]

An employee's consent covers their colleagues. Other member organisations of
an employer network use an employee's contacts only when the employee agreed
(``give --as`` the employee, after the text printed) and an admin agreed for
the organisation (``give --organisation --as`` the admin). Prints
``{"employee": bool, "organisation": bool}``.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.cli.base import CommandError, WeaktiesCommand, acting_employee, add_acting_option
from weakties.meetings.services.network_sharing import (
    CONSENT_TEXT,
    ORGANISATION_TEXT,
    network_sharing_give,
    network_sharing_state,
    network_sharing_withdraw,
)


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Lend an employee's network, or the organisation's networks, to the employer network; "
        "or withdraw."
    )

    def add_options(self, parser):
        parser.add_argument(
            "action",
            choices=["show", "give", "withdraw"],
            help=gettext_lazy("show the state, give or withdraw the opt-in"),
        )
        add_acting_option(
            parser,
            required=True,
            help=gettext_lazy("act as this employee: their own opt-in, or as admin"),
        )
        parser.add_argument(
            "--organisation",
            action="store_true",
            help=gettext_lazy("the organisation's opt-in (an admin of it), not the employee's own"),
        )

    def run(self, *, action, acting, organisation, **options):
        me = acting_employee(acting, required=True, active=False)
        if me.user is None:
            raise CommandError(_("{email} has no login").format(email=me.email))
        if action != "show":
            change = network_sharing_give if action == "give" else network_sharing_withdraw
            change(
                organisation=me.organisation,
                employee=None if organisation else me,
                actor=me.user,
                via="cli",
            )
            if action == "give" and not self.as_json:  # what was agreed to
                self.err.print(str(ORGANISATION_TEXT if organisation else CONSENT_TEXT))
        return network_sharing_state(employee=me)

    def show(self, result):
        yes, no = _("yes"), _("no")
        self.console.print(
            _("Your own opt-in: {employee}. The organisation's: {organisation}.").format(
                employee=yes if result["employee"] else no,
                organisation=yes if result["organisation"] else no,
            )
        )
