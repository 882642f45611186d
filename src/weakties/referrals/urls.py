from django.urls import path

from . import views

app_name = "referrals"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("import/", views.import_sheet, name="import"),
    path("mine/", views.mine, name="mine"),
    path("settings/", views.org_settings, name="settings"),
    path("leaderboard/", views.leaderboard, name="leaderboard"),
    path("<int:pk>/", views.vacancy, name="vacancy"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/candidates/", views.candidates, name="candidates"),
    path("<int:pk>/candidates/refresh/", views.refresh, name="refresh"),
    path("<int:pk>/ask/", views.ask, name="ask"),
    path("<int:pk>/forward/", views.forward, name="forward"),
    path("referral/<int:pk>/stage/", views.stage, name="stage"),
    path("apply/<str:token>/", views.apply, name="apply"),
]
