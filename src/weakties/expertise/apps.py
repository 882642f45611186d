from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertiseConfig(AppConfig):
    name = "weakties.expertise"
    label = "expertise"
    verbose_name = _("expertise and target lists")

    def ready(self) -> None:
        """Listen to the people app: imports and removals change the finder's indexes; and to
        this app's services: a stalled rebuild pass is finished by the worker."""
        from weakties.expertise import receivers
        from weakties.expertise.signals import pass_stalled
        from weakties.people import signals

        signals.ties_imported.connect(receivers.on_ties_imported, dispatch_uid="expertise.ties")
        signals.directory_imported.connect(
            receivers.on_directory_imported, dispatch_uid="expertise.directory"
        )
        signals.ties_removed.connect(receivers.on_ties_removed, dispatch_uid="expertise.removed")
        signals.companies_rekeyed.connect(
            receivers.on_companies_rekeyed, dispatch_uid="expertise.rekeyed"
        )
        pass_stalled.connect(receivers.on_pass_stalled, dispatch_uid="expertise.stalled")
