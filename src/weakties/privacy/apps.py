from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "weakties.privacy"
    label = "privacy"
    verbose_name = _("privacy requests")

    def ready(self) -> None:
        from weakties.privacy import receivers  # noqa: F401  (a filed request starts the purge)
