"""The personal link's page: why, what is shared with whom, how to export, and the answer.

It works without a login: the signed token names the invitation and so the
employee (:func:`weakties.ambassadors.access.invitation_for`). Someone signed
in as a *different* employee is refused (403): they neither read nor answer
another colleague's invitation
(:func:`weakties.ambassadors.rules.may_answer_invitation`). The page speaks
the employee's own language unless the visitor chose another one with the
language switch.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weakties.core.errors import ServiceError
from weakties.core.progress import read_progress
from weakties.people.models import ImportBatch

from .. import access, rules
from ..forms import ConsentForm, DeclineForm
from ..models import Decline
from ..services.answers import (
    invitation_consent,
    invitation_decline,
    invitation_import,
    invitation_open,
    invitation_withdraw,
)

_FINISHED = (ImportBatch.Status.DONE, ImportBatch.Status.FAILED, ImportBatch.Status.WITHDRAWN)


def _speak_their_language(request, employee) -> None:
    """The employee's language, unless the visitor picked one with the language switch."""
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        return
    language = employee.language or settings.LANGUAGE_CODE
    translation.activate(language)
    request.LANGUAGE_CODE = language


def _invitation(request, token: str):
    """The invitation of the link; 403 for someone signed in as another colleague."""
    invitation = access.invitation_for(token)
    _speak_their_language(request, invitation.employee)
    if not rules.may_answer_invitation(request.user, invitation):
        raise PermissionDenied(
            _("This personal link was made for a colleague; you are signed in as yourself.")
        )
    return invitation


def _page(request, token: str, invitation, *, consent_form=None, decline_form=None, status=200):
    employee = invitation.employee
    decline = Decline.objects.filter(employee=employee).first()
    return render(
        request,
        "ambassadors/landing.html",
        {
            "token": token,
            "invitation": invitation,
            "employee": employee,
            "org": employee.organisation,
            "campaign": invitation.campaign,
            "inviter": invitation.campaign.created_by,
            "sharing": employee.has_consent(),
            "decline": decline,
            "imports": ImportBatch.objects.filter(owner=employee)[:5],
            "has_login": employee.user_id is not None,
            "consent_form": consent_form or ConsentForm(),
            "decline_form": decline_form or DeclineForm(),
            "minimum": settings.WEAKTIES_MIN_GROUP,
        },
        status=status,
    )


def landing(request, token: str):
    invitation = _invitation(request, token)
    invitation_open(invitation=invitation)
    return _page(request, token, invitation)


@require_POST
def consent(request, token: str):
    """Consent, and import the file when one came with it (as the import page does)."""
    invitation = _invitation(request, token)
    form = ConsentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, token, invitation, consent_form=form, status=400)
    actor = request.user if request.user.is_authenticated else None
    upload = form.cleaned_data.get("file")
    try:
        if upload:
            batch = invitation_import(
                invitation=invitation,
                upload=upload,
                format=form.cleaned_data["format"] or "auto",
                actor=actor,
            )
            return redirect(
                reverse("ambassadors:landing_import", args=[token, batch.pk]) + "#import-status"
            )
        invitation_consent(invitation=invitation, actor=actor)
    except ServiceError as exc:
        form.add_error(None, str(exc))
        return _page(request, token, invitation, consent_form=form, status=400)
    messages.success(request, _("Thank you! You share your network now. Import a file below."))
    return redirect(reverse("ambassadors:landing", args=[token]) + "#answer")


@require_POST
def decline(request, token: str):
    invitation = _invitation(request, token)
    form = DeclineForm(request.POST)
    form.is_valid()
    actor = request.user if request.user.is_authenticated else None
    try:
        invitation_decline(
            invitation=invitation, reason=form.cleaned_data.get("reason", ""), actor=actor
        )
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _(
                "Understood. We will not ask you again. If you change your mind, this page stays open."
            ),
        )
    return redirect(reverse("ambassadors:landing", args=[token]) + "#answer")


@require_POST
def withdraw(request, token: str):
    invitation = _invitation(request, token)
    actor = request.user if request.user.is_authenticated else None
    removed = invitation_withdraw(invitation=invitation, actor=actor)
    messages.success(
        request,
        _("Your consent is withdrawn and your network (%(n)s ties) is removed.")
        % {"n": removed["ties_removed"]},
    )
    return redirect(reverse("ambassadors:landing", args=[token]) + "#answer")


def landing_import(request, token: str, pk: int):
    """An import started from the personal page: its progress and result (htmx polls it)."""
    invitation = _invitation(request, token)
    batch = ImportBatch.objects.filter(pk=pk, owner=invitation.employee).first()
    if batch is None:
        raise Http404
    context = {
        "token": token,
        "batch": batch,
        "progress": read_progress(f"import-{batch.pk}"),
        "finished": batch.status in _FINISHED,
        "invitation": invitation,
        "has_login": invitation.employee.user_id is not None,
    }
    if request.htmx:
        return render(request, "ambassadors/_import_status.html", context)
    return render(request, "ambassadors/landing_import.html", context)
