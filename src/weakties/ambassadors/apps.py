from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AmbassadorsConfig(AppConfig):
    name = "weakties.ambassadors"
    label = "ambassadors"
    verbose_name = _("ambassadors")

    def ready(self) -> None:
        """The organisation's target companies follow their keys when companies are re-keyed."""
        from weakties.ambassadors.services.targets import targets_rekey
        from weakties.people import signals

        signals.companies_rekeyed.connect(targets_rekey, dispatch_uid="ambassadors.rekeyed")
