from django.urls import path

from . import views

app_name = "introductions"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/draft/", views.draft, name="draft"),
    path("<int:pk>/sent/", views.sent, name="sent"),
    path("<int:pk>/outcome/", views.outcome, name="outcome"),
]
