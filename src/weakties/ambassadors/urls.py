from django.urls import path

from .views import campaigns, contribution, landing, material

app_name = "ambassadors"

urlpatterns = [
    # The admin's pages.
    path("", campaigns.index, name="index"),
    path("campaigns/<int:pk>/", campaigns.campaign, name="campaign"),
    path("campaigns/<int:pk>/remind/", campaigns.remind, name="remind"),
    path("campaigns/<int:pk>/send/", campaigns.send_again, name="send_again"),
    path("sync/", campaigns.sync, name="sync"),
    path("targets/", campaigns.targets, name="targets"),
    path("targets/white-spots/", campaigns.white_spots_part, name="white_spots"),
    path("targets/<int:pk>/delete/", campaigns.target_delete, name="target_delete"),
    # Every employee's pages.
    path("material/", material.material, name="material"),
    path("material/<int:pk>/shared/", material.shared, name="shared"),
    path("material/<int:pk>/archive/", material.archive, name="archive"),
    path("contribution/", contribution.contribution, name="contribution"),
    # The personal link (no login needed).
    path("i/<str:token>/", landing.landing, name="landing"),
    path("i/<str:token>/consent/", landing.consent, name="consent"),
    path("i/<str:token>/decline/", landing.decline, name="decline"),
    path("i/<str:token>/withdraw/", landing.withdraw, name="withdraw"),
    path("i/<str:token>/imports/<int:pk>/", landing.landing_import, name="landing_import"),
]
