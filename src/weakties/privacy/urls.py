"""Under ``/privacy/`` (the notice itself, ``/privacy/``, is the ``site`` app's page)."""

from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("my-data/", views.my_data, name="my_data"),
    path("object/", views.object_form, name="object"),
    path("object/confirm/<str:token>/", views.object_confirm, name="object_confirm"),
    path("requests/", views.requests_list, name="requests"),
    path("requests/<int:pk>/decide/", views.request_decide, name="request_decide"),
    path("people/", views.people, name="people"),
    path("people/erase/", views.person_erase_view, name="person_erase"),
    path("employees/", views.employee_lookup, name="employee_lookup"),
    path("employees/<int:pk>/erase/", views.employee_erase_view, name="employee_erase"),
]
