from django.apps import AppConfig


class CliConfig(AppConfig):
    name = "weakties.cli"
    label = "cli"
