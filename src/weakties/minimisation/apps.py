from django.apps import AppConfig


class MinimisationConfig(AppConfig):
    name = "weakties.minimisation"
    label = "minimisation"

    def ready(self) -> None:
        from weakties.minimisation import receivers  # noqa: F401  (connects to people's signals)
