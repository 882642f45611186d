from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.index, name="index"),
    path("goal/", views.goal, name="goal"),
    path("steps/<slug:key>/tick/", views.tick, name="tick"),
    path("message/", views.message, name="message"),
    path("reminders/", views.reminders, name="reminders"),
]
