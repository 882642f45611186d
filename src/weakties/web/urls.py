from django.contrib.auth import views as auth_views
from django.urls import path

from . import outbox_views, views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("employees/", views.employees, name="employees"),
    path("employees/<int:pk>/", views.employee, name="employee"),
    path("ties/<int:pk>/rating/", views.rate, name="rate_tie"),
    path("import/", views.import_page, name="import"),
    path("import/<int:pk>/", views.import_status, name="import_status"),
    path("consent/withdraw/", views.withdraw, name="withdraw_consent"),
    path("outbox/", outbox_views.outbox, name="outbox"),
    path("outbox/<int:pk>/", outbox_views.outbox_email, name="outbox_email"),
    path(
        "outbox/<int:pk>/attachments/<int:index>/",
        outbox_views.outbox_attachment,
        name="outbox_attachment",
    ),
]
