from django.contrib import admin
from django.urls import include, path

from weakties.api.routes import api
from weakties.site.views import privacy_notice

# Django's admin is for superusers only: the app's roles (admin, coordinator, ...) work in the
# app's own pages, and a login marked staff alone does not open it (issue 11).
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # The public Article 14 notice; the rights pages live under privacy/<subpath>/.
    path("privacy/", privacy_notice, name="privacy-notice"),
    path("insights/", include("weakties.insights.urls")),
    path("federations/", include("weakties.meetings.urls")),
    path("notifications/", include("weakties.notifications.urls")),
    path("introductions/", include("weakties.introductions.urls")),
    path("referrals/", include("weakties.referrals.urls")),
    path("expertise/", include("weakties.expertise.urls")),
    path("ambassadors/", include("weakties.ambassadors.urls")),
    path("plan/", include("weakties.plans.urls")),
    path("audit/", include("weakties.auditlog.urls")),
    # /privacy/ itself is the public notice (site); the rights live under it (issue 12 §1).
    path("privacy/", include("weakties.privacy.urls")),
    path("", include("weakties.web.urls")),
]
