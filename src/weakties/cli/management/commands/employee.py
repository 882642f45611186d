"""``weakties employee export|erase EMAIL``: an employee's own data, or their erasure (issue 12)."""

from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.accounts.services.organisations import employee_find, organisation_get
from weakties.cli.base import CommandError, WeaktiesCommand, acting_employee, add_acting_option
from weakties.privacy import rules
from weakties.privacy.services.erasure import employee_erase
from weakties.privacy.services.exports import as_zip, employee_export


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Export everything held about an employee, or erase the employee and all of theirs."
    )

    def add_options(self, parser):
        parser.add_argument("action", choices=["export", "erase"], help=gettext_lazy("what to do"))
        parser.add_argument("email", help=gettext_lazy("the employee's work email"))
        parser.add_argument(
            "--org", help=gettext_lazy("the organisation (needed when there are several)")
        )
        add_acting_option(
            parser,
            help=gettext_lazy(
                "act as this employee: themselves to export, an admin of the organisation to erase"
            ),
        )
        parser.add_argument(
            "--zip",
            dest="zip_path",
            metavar="FILE",
            help=gettext_lazy("export: also write the data as CSV files in this zip file"),
        )
        parser.add_argument(
            "--yes",
            action="store_true",
            help=gettext_lazy("erase: confirm that it cannot be undone"),
        )

    def run(self, *, action, email, org, acting, zip_path, yes, **options):
        organisation = organisation_get(name=org) if org else None
        target = employee_find(email=email, organisation=organisation)
        me = acting_employee(acting, organisation=organisation, active=False)
        if action == "export":
            if me is not None and me.pk != target.pk:
                raise CommandError(_("{email} may export only their own data").format(email=acting))
            data = employee_export(employee=target, actor_label=acting or "cli")
            if zip_path:
                Path(zip_path).write_bytes(as_zip(data))
            return data
        if me is not None and not rules.may_erase_employee(me, target):
            raise CommandError(
                _(
                    "{email} may not erase {target}: only another admin of the organisation may"
                ).format(email=acting, target=email)
            )
        if not yes:
            raise CommandError(_("erasure cannot be undone: add --yes to confirm"))
        return employee_erase(employee=target, actor_label=acting or "cli")

    def show(self, result):
        if result.get("erased"):
            self.console.print(
                _("Employee erased; the audit log names them {mark} from now on.").format(
                    mark=result["employee"]
                ),
                markup=False,
            )
            for key, value in result["removed"].items():
                self.console.print(f"  {key}: {value}", markup=False)
            return
        for section, rows in result.items():
            self.console.print(f"{section}: {len(rows)}", markup=False)
