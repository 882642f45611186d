"""``weakties federation create NAME --member ORG...`` and friends: employer networks."""

from weakties.accounts.models import Federation
from weakties.cli.base import CommandError, WeaktiesCommand
from weakties.meetings.models import Delegate
from weakties.services.federations import (
    accept_invitation,
    appoint,
    create_federation,
    decline_invitation,
    get_federation,
    invite,
)
from weakties.services.organisations import find_employee, get_organisation
from weakties.services.results import federation_results

ACTIONS = ["create", "list", "show", "results", "invite", "join", "decline", "appoint"]


def _federation_dict(f: Federation) -> dict:
    return {
        "id": f.pk,
        "name": f.name,
        "members": [o.name for o in f.members.order_by("name")],
        "representatives": [
            {"email": d.employee.email, "org": d.employee.organisation.name, "role": d.role}
            for d in Delegate.objects.filter(federation=f).select_related("employee__organisation").order_by("role", "employee__email")
        ],
        "meetings": f.meetings.count(),
    }


class Command(WeaktiesCommand):
    help = "Employer networks: create, list, show, results, invite an organisation, join or decline, appoint representatives."

    def add_options(self, parser):
        parser.add_argument("action", choices=ACTIONS)
        parser.add_argument("name", nargs="?", help="the federation's name (or id)")
        parser.add_argument("--member", action="append", default=[], metavar="ORG", help="a founding member (repeat, or several after one --member)", nargs="+")
        parser.add_argument("--coordinator", help="work email of the coordinator (create, appoint)")
        parser.add_argument("--org", help="the organisation invited, joining or declining")
        parser.add_argument("--token", help="the invitation token (join, decline)")
        parser.add_argument("--representative", help="work email of who represents the joining organisation")
        parser.add_argument("--employee", help="work email of the employee to appoint")
        parser.add_argument("--role", default="representative", choices=["representative", "coordinator"])

    def run(self, *, action, name, member, coordinator, org, token, representative, employee, role, **options):
        if action == "list":
            return [_federation_dict(f) for f in Federation.objects.all()]
        if not name:
            raise CommandError(f"federation {action} needs a NAME")
        if action == "create":
            members = [m for group in member for m in group]
            federation = create_federation(name, members=members, coordinator=coordinator, actor_label="cli")
            return _federation_dict(federation)
        federation = get_federation(name)
        if action == "show":
            return _federation_dict(federation)
        if action == "results":
            # The public figures: small groups hidden, no personal data.
            return federation_results(federation, public=True)
        if action == "appoint":
            who = employee or coordinator
            if not who:
                raise CommandError("federation appoint needs --employee EMAIL")
            d = appoint(federation, employee=who, role="coordinator" if coordinator and not employee else role, actor_label="cli")
            return {"id": d.pk, "federation": federation.name, "email": d.employee.email, "role": d.role}
        if not org:
            raise CommandError(f"federation {action} needs --org ORG")
        organisation = get_organisation(org)
        if action == "invite":
            inv = invite(federation, organisation, actor_label="cli")
            return {"id": inv.pk, "federation": federation.name, "org": organisation.name, "token": inv.token, "status": inv.status}
        if action == "join":
            rep = find_employee(representative, organisation=organisation) if representative else None
            inv = accept_invitation(federation, organisation, token=token, representative=rep, actor_label="cli")
            return {"id": inv.pk, "federation": federation.name, "org": organisation.name, "status": inv.status}
        inv = decline_invitation(federation, organisation, token=token)
        return {"id": inv.pk, "federation": federation.name, "org": organisation.name, "status": inv.status}

    def show(self, result):
        if isinstance(result, list):
            if not result:
                self.console.print("No employer networks yet; create one with `weakties federation create NAME --member ORG`.")
            for f in result:
                self.console.print(f"{f['id']:>4}  {f['name']}  ({len(f['members'])} members, {f['meetings']} meetings)")
        elif "placements" in result:
            hidden = f"< {result['min_group']}"
            self.console.print(f"{result['federation']}: {result['meetings']} meetings, {result['requests']} help requests")
            self.console.print(f"  people placed: {hidden if result['placements'] is None else result['placements']}")
            self.console.print(f"  redundancies prevented: {hidden if result['redundancies_prevented'] is None else result['redundancies_prevented']}")
            self.console.print(f"  vacancies filled: {result['vacancies_filled']}; days to fill (median): {result['time_to_fill_days'] if result['time_to_fill_days'] is not None else '-'}")
        elif "members" in result:
            self.console.print(f"{result['name']} (id {result['id']})")
            self.console.print("  members: " + (", ".join(result["members"]) or "none"))
            for d in result["representatives"]:
                self.console.print(f"  {d['role']}: {d['email']} ({d['org']})")
        elif "token" in result:
            self.console.print(f"Invited {result['org']} to {result['federation']}. Invitation token: {result['token']}")
        elif "role" in result:
            self.console.print(f"{result['email']} is now {result['role']} in {result['federation']}")
        else:
            self.console.print(f"{result['org']}: invitation to {result['federation']} {result['status']}")
