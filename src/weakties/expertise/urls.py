from django.urls import path

from . import views

app_name = "expertise"

urlpatterns = [
    path("", views.index, name="index"),
    path("profile/", views.profile, name="profile"),
    path("targets/", views.targets, name="targets"),
    path("targets/<int:pk>/", views.target_list, name="target_list"),
    path("targets/<int:pk>/settings/", views.target_list_settings, name="target_list_settings"),
    path("targets/<int:pk>/watch/", views.target_list_watch, name="target_list_watch"),
    path("targets/<int:pk>/replace/", views.target_list_replace_view, name="target_list_replace"),
    path("targets/<int:pk>/delete/", views.target_list_delete_view, name="target_list_delete"),
    path("targets/<int:list_pk>/<int:pk>/", views.target, name="target"),
]
