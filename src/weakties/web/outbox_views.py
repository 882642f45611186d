"""The demo's *Outbox* page: every email the demo kept instead of sending (admins, demo only).

Outside demo mode (``WEAKTIES_DEMO``) the pages do not exist (404): mail then
goes to the mail server and nothing is kept.  Only administrators read it
(403 for everyone else): the emails hold colleagues' personal links.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from weakties.accounts.rules import is_admin

from .models import OutboxEmail
from .outbox import attachment_bytes, attachment_parts, parsed


def may_read_outbox(user) -> bool:
    """The Outbox is there in demo mode, for administrators."""
    return bool(getattr(settings, "WEAKTIES_DEMO", False)) and is_admin(user)


def _require(request) -> None:
    if not getattr(settings, "WEAKTIES_DEMO", False):
        raise Http404(_("The outbox exists only in the demo."))
    if not is_admin(request.user):
        raise PermissionDenied(_("Only administrators read the outbox."))


@login_required
def outbox(request):
    _require(request)
    qs = OutboxEmail.objects.defer("raw", "html", "body")
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(recipients__icontains=q.lower()) | qs.filter(subject__icontains=q)
    page = Paginator(qs.order_by("-created_at", "-id"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "weakties/outbox.html",
        {"page": page, "q": q, "total": OutboxEmail.objects.count()},
    )


@login_required
def outbox_email(request, pk: int):
    _require(request)
    mail = get_object_or_404(OutboxEmail, pk=pk)
    newer = OutboxEmail.objects.filter(created_at__gt=mail.created_at).order_by("created_at")
    older = OutboxEmail.objects.filter(created_at__lt=mail.created_at).order_by("-created_at")
    return render(
        request,
        "weakties/outbox_email.html",
        {
            "mail": mail,
            "newer": newer.values_list("pk", flat=True).first(),
            "older": older.values_list("pk", flat=True).first(),
        },
    )


@login_required
def outbox_attachment(request, pk: int, index: int):
    """One attachment of a kept email, as the recipient would open it (a calendar invite: .ics)."""
    _require(request)
    mail = get_object_or_404(OutboxEmail, pk=pk)
    parts = attachment_parts(parsed(mail.raw))
    if not 0 <= index < len(parts):
        raise Http404(_("No such attachment."))
    part = parts[index]
    response = HttpResponse(attachment_bytes(part), content_type=part.get_content_type())
    name = (part.get_filename() or "attachment").replace('"', "")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
