"""Pages of notifications: the list, marking read, following a link, the settings.

Thin: they find the signed-in employee, ask the selectors and services, render.
Another employee's notice is a 404, for everyone: a colleague, an admin, another
organisation (:mod:`weakties.notifications.rules`).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.dates import WEEKDAYS
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from weakties.accounts.access import current_employee
from weakties.notifications.forms import PreferenceForm
from weakties.notifications.models import Notice
from weakties.notifications.schedule import digest_hour, digest_weekday
from weakties.notifications.selectors import notice_of, notices_of, unread_count
from weakties.notifications.services.notices import notice_mark_read, notices_mark_all_read
from weakties.notifications.services.preferences import preference_dict, preference_set

#: Notices on one page of the list.
PAGE_SIZE = 30


@login_required
def index(request):
    me = current_employee(request)
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(notices_of(employee=me, unread=unread_only), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "unread_only": unread_only, "unread": unread_count(employee=me)}
    return render(request, "notifications/index.html", context)


def _own(request, pk: int) -> Notice:
    notice = notice_of(employee=current_employee(request), notice_id=pk)
    if notice is None:
        raise Http404(_("No such notification."))
    return notice


@login_required
@require_POST
def read(request, pk: int):
    notice = notice_mark_read(_own(request, pk))
    if request.htmx:
        context = {"notice": notice, "unread": unread_count(employee=notice.employee), "oob": True}
        return render(request, "notifications/_notice.html", context)
    return redirect("notifications:index")


@login_required
def open_notice(request, pk: int):
    """Follow a notice's link; following it marks it read."""
    notice = notice_mark_read(_own(request, pk))
    target = notice.link
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("notifications:index")
    return redirect(target)


@login_required
@require_POST
def read_all(request):
    count = notices_mark_all_read(employee=current_employee(request))
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d notification marked read.", "%(count)d notifications marked read.", count
            )
            % {"count": count},
        )
    return redirect("notifications:index")


@login_required
def settings_page(request):
    me = current_employee(request)
    form = PreferenceForm(request.POST or None, initial=preference_dict(me))
    if request.method == "POST" and form.is_valid():
        chosen = preference_set(
            employee=me,
            digest=form.cleaned_data["digest"],
            language=form.cleaned_data["language"],
            actor=request.user,
        )
        translation.activate(chosen["language"])  # say it in the language just chosen
        messages.success(request, _("Your notification settings are saved."))
        response = redirect("notifications:settings")
        # The header's switcher and pages after signing out follow the choice too.
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, chosen["language"], samesite="Lax", max_age=365 * 86400
        )
        return response
    return render(
        request,
        "notifications/settings.html",
        {"form": form, "hour": f"{digest_hour():02d}:00", "weekday": WEEKDAYS[digest_weekday()]},
    )
