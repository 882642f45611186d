"""``weakties federation create NAME --member ORG...`` and friends: employer networks."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.accounts.models import Federation
from weakties.accounts.services.organisations import employee_find, organisation_get
from weakties.cli.base import CommandError, WeaktiesCommand, label
from weakties.meetings.models import Delegate, DelegateRole, FederationInvitation
from weakties.meetings.selectors import federation_results
from weakties.meetings.services.federations import (
    delegate_appoint,
    federation_create,
    federation_get,
    federation_invite,
    invitation_accept,
    invitation_decline,
)

ACTIONS = ["create", "list", "show", "results", "invite", "join", "decline", "appoint"]


def _federation_dict(f: Federation) -> dict:
    return {
        "id": f.pk,
        "name": f.name,
        "members": [o.name for o in f.members.order_by("name")],
        "representatives": [
            {"email": d.employee.email, "org": d.employee.organisation.name, "role": d.role}
            for d in Delegate.objects.filter(federation=f)
            .select_related("employee__organisation")
            .order_by("role", "employee__email")
        ],
        "meetings": f.meetings.count(),
    }


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Employer networks: create, list, show, results, invite an organisation, join or decline, appoint representatives."
    )

    def add_options(self, parser):
        parser.add_argument("action", choices=ACTIONS, help=gettext_lazy("what to do"))
        parser.add_argument("name", nargs="?", help=gettext_lazy("the federation's name (or id)"))
        parser.add_argument(
            "--member",
            action="append",
            default=[],
            metavar="ORG",
            help=gettext_lazy("a founding member (repeat, or several after one --member)"),
            nargs="+",
        )
        parser.add_argument(
            "--coordinator", help=gettext_lazy("work email of the coordinator (create, appoint)")
        )
        parser.add_argument(
            "--org", help=gettext_lazy("the organisation invited, joining or declining")
        )
        parser.add_argument("--token", help=gettext_lazy("the invitation token (join, decline)"))
        parser.add_argument(
            "--representative",
            help=gettext_lazy("work email of who represents the joining organisation"),
        )
        parser.add_argument(
            "--employee", help=gettext_lazy("work email of the employee to appoint")
        )
        parser.add_argument(
            "--role",
            default="representative",
            choices=["representative", "coordinator"],
            help=gettext_lazy("the role to appoint to (default %(default)s)"),
        )

    def run(
        self,
        *,
        action,
        name,
        member,
        coordinator,
        org,
        token,
        representative,
        employee,
        role,
        **options,
    ):
        if action == "list":
            return [_federation_dict(f) for f in Federation.objects.all()]
        if not name:
            raise CommandError(_("federation {action} needs a NAME").format(action=action))
        if action == "create":
            members = [m for group in member for m in group]
            federation = federation_create(
                name=name, members=members, coordinator=coordinator, actor_label="cli"
            )
            return _federation_dict(federation)
        federation = federation_get(name)
        if action == "show":
            return _federation_dict(federation)
        if action == "results":
            # The public figures: small groups hidden, no personal data.
            return federation_results(federation, public=True)
        if action == "appoint":
            who = employee or coordinator
            if not who:
                raise CommandError(_("federation appoint needs --employee EMAIL"))
            d = delegate_appoint(
                federation=federation,
                employee=who,
                role="coordinator" if coordinator and not employee else role,
                actor_label="cli",
            )
            return {
                "id": d.pk,
                "federation": federation.name,
                "email": d.employee.email,
                "role": d.role,
            }
        if not org:
            raise CommandError(_("federation {action} needs --org ORG").format(action=action))
        organisation = organisation_get(name=org)
        if action == "invite":
            inv = federation_invite(federation, organisation=organisation, actor_label="cli")
            return {
                "id": inv.pk,
                "federation": federation.name,
                "org": organisation.name,
                "token": inv.token,
                "status": inv.status,
            }
        if action == "join":
            rep = (
                employee_find(email=representative, organisation=organisation)
                if representative
                else None
            )
            inv = invitation_accept(
                federation=federation,
                organisation=organisation,
                token=token,
                representative=rep,
                actor_label="cli",
            )
            return {
                "id": inv.pk,
                "federation": federation.name,
                "org": organisation.name,
                "status": inv.status,
            }
        inv = invitation_decline(federation=federation, organisation=organisation, token=token)
        return {
            "id": inv.pk,
            "federation": federation.name,
            "org": organisation.name,
            "status": inv.status,
        }

    def show(self, result):
        if isinstance(result, list):
            if not result:
                self.console.print(
                    _(
                        "No employer networks yet; create one with `weakties federation create NAME --member ORG`."
                    )
                )
            for f in result:
                self.console.print(
                    _("{id:>4}  {name}  ({members} members, {meetings} meetings)").format(
                        id=f["id"],
                        name=f["name"],
                        members=len(f["members"]),
                        meetings=f["meetings"],
                    )
                )
        elif "placements" in result:
            hidden = f"< {result['min_group']}"
            self.console.print(
                _("{federation}: {meetings} meetings, {requests} help requests").format(
                    federation=result["federation"],
                    meetings=result["meetings"],
                    requests=result["requests"],
                )
            )
            placed = hidden if result["placements"] is None else result["placements"]
            self.console.print("  " + _("people placed: {count}").format(count=placed))
            prevented = (
                hidden
                if result["redundancies_prevented"] is None
                else result["redundancies_prevented"]
            )
            self.console.print("  " + _("redundancies prevented: {count}").format(count=prevented))
            days = result["time_to_fill_days"] if result["time_to_fill_days"] is not None else "-"
            self.console.print(
                "  "
                + _("vacancies filled: {count}; days to fill (median): {days}").format(
                    count=result["vacancies_filled"], days=days
                )
            )
        elif "members" in result:
            self.console.print(_("{name} (id {id})").format(name=result["name"], id=result["id"]))
            members = ", ".join(result["members"]) or _("none")
            self.console.print("  " + _("members: {members}").format(members=members))
            for d in result["representatives"]:
                self.console.print(f"  {label(DelegateRole, d['role'])}: {d['email']} ({d['org']})")
        elif "token" in result:
            self.console.print(
                _("Invited {org} to {federation}. Invitation token: {token}").format(
                    org=result["org"], federation=result["federation"], token=result["token"]
                )
            )
        elif "role" in result:
            self.console.print(
                _("{email} is now {role} in {federation}").format(
                    email=result["email"],
                    role=label(DelegateRole, result["role"]),
                    federation=result["federation"],
                )
            )
        else:
            self.console.print(
                _("{org}: invitation to {federation} {status}").format(
                    org=result["org"],
                    federation=result["federation"],
                    status=label(FederationInvitation.Status, result["status"]),
                )
            )
