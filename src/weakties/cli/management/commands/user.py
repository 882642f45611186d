"""``weakties user create EMAIL`` links a login to an employee; ``weakties token create`` is separate."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.accounts.models import Role
from weakties.accounts.services.organisations import employee_find, organisation_get
from weakties.cli.base import CommandError, WeaktiesCommand, label


class Command(WeaktiesCommand):
    help = gettext_lazy("Create or reset a login for an employee (username = work email).")

    def add_options(self, parser):
        parser.add_argument("action", choices=["create"], help=gettext_lazy("what to do"))
        parser.add_argument("email", help=gettext_lazy("the employee's work email"))
        parser.add_argument(
            "--org", help=gettext_lazy("the organisation (needed when there are several)")
        )
        parser.add_argument("--password", help=gettext_lazy("default: a random one, printed once"))
        parser.add_argument(
            "--role",
            choices=[r.value for r in Role],
            help=gettext_lazy("also set the employee's role"),
        )

    def run(self, *, action, email, org, password, role, **options):
        employee = employee_find(
            email=email, organisation=organisation_get(name=org) if org else None
        )
        password = password or secrets.token_urlsafe(12)
        User = get_user_model()
        user = (
            employee.user
            or User.objects.filter(username=employee.email).first()
            or User(username=employee.email)
        )
        user.email = employee.email
        user.first_name, user.last_name = employee.first_name[:150], employee.last_name[:150]
        try:  # the same rules as the web's forms (AUTH_PASSWORD_VALIDATORS), issue 12
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(
                _("the password is refused: {reasons}").format(reasons=" ".join(exc.messages))
            ) from None
        user.set_password(password)
        user.save()
        employee.user = user
        if role:
            employee.role = role
        employee.save()
        return {"username": user.username, "password": password, "role": employee.role}

    def show(self, result):
        self.console.print(
            _("Login {username} ({role}); password:").format(
                username=result["username"], role=label(Role, result["role"])
            )
        )
        self.console.print(f"  {result['password']}", markup=False)
