"""Accounts pages (issue 11): password change and reset, the first login of an invited
colleague, and the administrators' page of logins and roles.

Passwords use Django's own views and token machinery in the site's layout; every email
is written in its reader's language (``Employee.language``) and goes out over SMTP.
A mail server that does not answer never breaks a page: the person is told.
"""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weakties.accounts.access import current_employee
from weakties.accounts.models import Employee, Role
from weakties.accounts.rules import is_org_admin
from weakties.accounts.services.audit import audit
from weakties.accounts.services.users import (
    employee_deactivate,
    employee_reactivate,
    login_create,
    login_state,
    role_set,
)
from weakties.core.errors import ServiceError
from weakties.notifications.services.notify import in_language_of

log = logging.getLogger(__name__)

_TEMPLATES = "weakties/accounts/"


# Emails -----------------------------------------------------------------------------------------


def _set_password_link(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return f"{settings.WEAKTIES_BASE_URL}{path}"


def send_password_email(user, *, kind: str = "reset") -> bool:
    """Email ``user`` a link to choose a password: ``kind`` "reset" or "invite" (first login).

    Written in the language of the employee the login belongs to. Returns whether the
    mail server took it; a failure is logged, never raised.
    """
    employee = Employee.objects.select_related("organisation").filter(user=user).first()
    context = {
        "user": user,
        "employee": employee,
        "organisation": employee.organisation if employee else None,
        "name": (employee.first_name if employee else "") or user.get_username(),
        "link": _set_password_link(user),
        "login_url": f"{settings.WEAKTIES_BASE_URL}{reverse('login')}",
        "username": user.get_username(),
    }

    def build() -> EmailMultiAlternatives:
        subject = loader.render_to_string(f"{_TEMPLATES}email/{kind}_subject.txt", context)
        body = loader.render_to_string(f"{_TEMPLATES}email/{kind}.txt", context)
        return EmailMultiAlternatives(" ".join(subject.split()), body, None, [user.email])

    if employee is not None:
        with in_language_of(employee):
            message = build()
    else:
        message = build()
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        log.warning("password email to %s (%s) could not be sent", user.email, kind, exc_info=True)
        return False
    return True


class ResetForm(PasswordResetForm):
    """Django's reset form, with the email in the reader's language and the invited too.

    A colleague who was invited but never chose a password (no usable one yet) may ask
    for the link again here.
    """

    def get_users(self, email):
        User = get_user_model()
        return (
            u
            for u in User._default_manager.filter(email__iexact=email, is_active=True)
            if u.has_usable_password() or Employee.objects.filter(user=u, active=True).exists()
        )

    def save(self, *args, **kwargs) -> None:
        for user in self.get_users(self.cleaned_data["email"]):
            send_password_email(user, kind="reset")


class _PasswordChange(auth_views.PasswordChangeView):
    def form_valid(self, form):
        response = super().form_valid(form)
        audit("password_changed", actor=self.request.user)
        return response


class _PasswordSet(auth_views.PasswordResetConfirmView):
    """The link's page: a reset, or an invited colleague's first password."""

    def form_valid(self, form):
        first = not self.user.has_usable_password()
        response = super().form_valid(form)
        audit(
            "password_set",
            actor=self.user,
            first_login=first,
        )
        return response


password_change = _PasswordChange.as_view(
    template_name=_TEMPLATES + "password_change.html",
    success_url=reverse_lazy("password_change_done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name=_TEMPLATES + "password_change_done.html"
)
password_reset = auth_views.PasswordResetView.as_view(
    template_name=_TEMPLATES + "password_reset.html",
    form_class=ResetForm,
    success_url=reverse_lazy("password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name=_TEMPLATES + "password_reset_done.html"
)
password_reset_confirm = _PasswordSet.as_view(
    template_name=_TEMPLATES + "password_reset_confirm.html",
    success_url=reverse_lazy("password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name=_TEMPLATES + "password_reset_complete.html"
)


# Logins and roles -------------------------------------------------------------------------------


def _admin_of_org(request) -> Employee:
    me = current_employee(request)
    if not is_org_admin(request.user, me.organisation):
        raise PermissionDenied(_("Only an administrator of this organisation may manage logins."))
    return me


@login_required
def accounts(request):
    """Every employee of the admin's organisation with their login state and role."""
    me = _admin_of_org(request)
    q = request.GET.get("q", "").strip()
    qs = Employee.objects.filter(organisation=me.organisation).select_related("user")
    if q:
        qs = qs.filter(
            Q(first_name__icontains=q) | Q(last_name__icontains=q) | Q(email__icontains=q)
        )
    rows = [
        {"employee": e, "state": login_state(e)}
        for e in qs.order_by("last_name", "first_name")[:500]
    ]
    return render(
        request,
        _TEMPLATES + "accounts.html",
        {"rows": rows, "roles": Role.choices, "q": q, "org": me.organisation},
    )


def _target(request, pk: int) -> tuple[Employee, Employee]:
    me = _admin_of_org(request)
    return me, get_object_or_404(
        Employee.objects.select_related("user"), pk=pk, organisation=me.organisation
    )


def _back(request):
    return redirect(reverse("accounts") + (f"#e{request.resolver_match.kwargs['pk']}"))


@login_required
@require_POST
def account_invite(request, pk: int):
    """Create a login if there is none, and email the link to choose a password."""
    me, employee = _target(request, pk)
    try:
        user = login_create(employee=employee, actor=request.user)
    except ServiceError as e:
        messages.error(request, str(e))
        return _back(request)
    if user.has_usable_password():
        messages.info(request, _("{name} already has a password.").format(name=employee))
    elif send_password_email(user, kind="invite"):
        messages.success(request, _("Invitation sent to {email}.").format(email=employee.email))
    else:
        messages.error(
            request,
            _(
                "The login exists, but the email to {email} could not be sent. Try again later."
            ).format(email=employee.email),
        )
    return _back(request)


@login_required
@require_POST
def account_role(request, pk: int):
    me, employee = _target(request, pk)
    try:
        role_set(employee=employee, role=request.POST.get("role", ""), actor=request.user)
    except ServiceError as e:
        messages.error(request, str(e))
    else:
        messages.success(
            request,
            _("{name} is now {role}.").format(name=employee, role=Role(request.POST["role"]).label),
        )
    return _back(request)


@login_required
@require_POST
def account_active(request, pk: int):
    me, employee = _target(request, pk)
    activate = request.POST.get("active") == "1"
    try:
        if activate:
            employee_reactivate(employee=employee, actor=request.user)
            messages.success(request, _("{name} is active again.").format(name=employee))
        else:
            employee_deactivate(employee=employee, actor=request.user)
            messages.success(request, _("{name} is deactivated.").format(name=employee))
    except ServiceError as e:
        messages.error(request, str(e))
    return _back(request)
