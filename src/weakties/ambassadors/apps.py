from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def on_companies_rekeyed(sender: Any = None, *, keys: dict[str, str], **kwargs: Any) -> int:
    """The organisation's target companies follow their keys (``people.signals.companies_rekeyed``)."""
    # Imported here: django.setup() connects this receiver, and every command would pay for the
    # service's imports (the whole of ``weakties.resolve``, rapidfuzz included; issue 11).
    from weakties.ambassadors.services.targets import targets_rekey

    return targets_rekey(sender, keys=keys, **kwargs)


class AmbassadorsConfig(AppConfig):
    name = "weakties.ambassadors"
    label = "ambassadors"
    verbose_name = _("ambassadors")

    def ready(self) -> None:
        """The organisation's target companies follow their keys when companies are re-keyed."""
        from weakties.people import signals

        signals.companies_rekeyed.connect(on_companies_rekeyed, dispatch_uid="ambassadors.rekeyed")
