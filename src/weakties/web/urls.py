from django.contrib.auth import views as auth_views
from django.urls import path

from weakties.web import exports

from . import outbox_views, views, views_accounts

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", views_accounts.password_change, name="password_change"),
    path("password/change/done/", views_accounts.password_change_done, name="password_change_done"),
    path("password/reset/", views_accounts.password_reset, name="password_reset"),
    path("password/reset/sent/", views_accounts.password_reset_done, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views_accounts.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        views_accounts.password_reset_complete,
        name="password_reset_complete",
    ),
    path("accounts/", views_accounts.accounts, name="accounts"),
    path("accounts/<int:pk>/invite/", views_accounts.account_invite, name="account_invite"),
    path("accounts/<int:pk>/role/", views_accounts.account_role, name="account_role"),
    path("accounts/<int:pk>/active/", views_accounts.account_active, name="account_active"),
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
    path("employees/export.<str:fmt>", exports.employees, name="employees_export"),
    path("employees/<int:pk>/export.<str:fmt>", exports.network, name="network_export"),
    path("introductions/export.<str:fmt>", exports.introductions, name="introductions_export"),
    path("referrals/export.<str:fmt>", exports.referrals, name="referrals_export"),
]
