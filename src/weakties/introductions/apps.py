from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntroductionsConfig(AppConfig):
    name = "weakties.introductions"
    label = "introductions"
    verbose_name = _("introduction requests")
