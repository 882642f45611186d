from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "weakties.web"
    label = "web"
