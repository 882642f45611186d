from django.urls import path

from weakties.auditlog import views

app_name = "auditlog"

urlpatterns = [
    path("", views.log, name="log"),
    path("export.csv", views.export, name="export"),
    path("mine/", views.mine, name="mine"),
]
