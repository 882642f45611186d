"""``weakties consent give|withdraw --owner EMAIL``.

Consent is the employee's own act (issue 12 §6): ``give`` records it only when
the employee acts themselves (``--as`` their own address, with their own
login) or when the operator names the record of the employee's consent with
``--consent-given-by-owner RECORD`` (where the signed form is kept), which
goes into the audit log, as on the import path
(:func:`weakties.people.services.consent.consent_for_import`).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.accounts.services.audit import audit
from weakties.accounts.services.organisations import employee_find, organisation_get
from weakties.cli.base import CommandError, WeaktiesCommand, add_acting_option
from weakties.people.services.consent import consent_give, consent_withdraw


class Command(WeaktiesCommand):
    help = gettext_lazy("Record or withdraw an employee's consent to share their network.")

    def add_options(self, parser):
        parser.add_argument(
            "action", choices=["give", "withdraw"], help=gettext_lazy("give or withdraw consent")
        )
        parser.add_argument(
            "--owner", required=True, help=gettext_lazy("the employee's work email")
        )
        parser.add_argument(
            "--org", help=gettext_lazy("the organisation (needed when there are several)")
        )
        add_acting_option(
            parser, help=gettext_lazy("act as this employee: giving consent is only their own act")
        )
        parser.add_argument(
            "--consent-given-by-owner",
            dest="record",
            metavar="RECORD",
            default="",
            help=gettext_lazy(
                "where the employee's own consent is recorded (e.g. the signed form); "
                "written to the audit log"
            ),
        )

    def _given_by_whom(self, employee, acting: str | None, record: str) -> tuple[bool, str]:
        """``(own act, record)`` when the consent is the employee's own act; refuses otherwise."""
        if acting:
            if acting.strip().lower() != employee.email.lower() or employee.user is None:
                raise CommandError(
                    _(
                        "only {email} may give their own consent (--as {email}, with their login)"
                    ).format(email=employee.email)
                )
            return True, ""
        if record.strip():
            return False, record.strip()[:500]
        raise CommandError(
            _(
                "consent is {email}'s own act: let them give it on the import page, act as them "
                "with --as {email}, or name the record of their consent with "
                "--consent-given-by-owner RECORD"
            ).format(email=employee.email)
        )

    def run(self, *, action, owner, org, acting, record, **options):
        employee = employee_find(
            email=owner, organisation=organisation_get(name=org) if org else None
        )
        if action == "give":
            own, record = self._given_by_whom(employee, acting, record)
            consent = consent_give(employee=employee, via="cli")
            audit(
                "consent.given" if own else "consent.given_by_owner",
                actor=employee.user if own else None,
                actor_label="cli",
                employee=employee.pk,
                email=employee.email,
                **({"record": record} if record else {}),
            )
            return {
                "employee": employee.email,
                "consent": True,
                "since": consent.given_at.isoformat(),
            }
        removed = consent_withdraw(employee=employee)
        return {"employee": employee.email, "consent": False, **removed}

    def show(self, result):
        if result["consent"]:
            self.console.print(
                _("{employee} shares their network since {since}").format(
                    employee=result["employee"], since=result["since"]
                )
            )
            return
        self.console.print(
            _("{employee} withdrew their consent: {ties} ties and {people} people removed").format(
                employee=result["employee"],
                ties=result["ties_removed"],
                people=result["people_removed"],
            )
        )
