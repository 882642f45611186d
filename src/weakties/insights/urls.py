from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("refresh/", views.refresh, name="refresh"),
    path("refresh/status/", views.refresh_status, name="refresh_status"),
    path("intro/", views.intro, name="intro"),
    path("companies/", views.companies, name="companies"),
    path("ego/<int:pk>/", views.ego, name="ego"),
]
