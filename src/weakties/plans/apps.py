from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "weakties.plans"
    label = "plans"
    verbose_name = _("networking plans")


#: The navigation link in ``weakties/base.html`` (kept here so this app's catalogue translates it).
NAV_LABEL = _("My plan")
