from django.urls import path

from . import exports, views

app_name = "insights"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("refresh/", views.refresh, name="refresh"),
    path("refresh/status/", views.refresh_status, name="refresh_status"),
    path("intro/", views.intro, name="intro"),
    path("companies/", views.companies, name="companies"),
    path("ego/<int:pk>/", views.ego, name="ego"),
    path("export.<str:fmt>", exports.brokers, name="export"),
    path("intro/export.<str:fmt>", exports.intro, name="intro_export"),
    path("network/export.<str:fmt>", exports.network_graph, name="network_export"),
    path("ego/<int:pk>/export.<str:fmt>", exports.ego_graph_view, name="ego_export"),
]
