from django.contrib import admin
from django.urls import include, path

from weakties.api.routes import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("insights/", include("weakties.insights.urls")),
    path("federations/", include("weakties.meetings.urls")),
    path("notifications/", include("weakties.notifications.urls")),
    path("introductions/", include("weakties.introductions.urls")),
    path("referrals/", include("weakties.referrals.urls")),
    path("expertise/", include("weakties.expertise.urls")),
    path("ambassadors/", include("weakties.ambassadors.urls")),
    path("plan/", include("weakties.plans.urls")),
    path("", include("weakties.web.urls")),
]
