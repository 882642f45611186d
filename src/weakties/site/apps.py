from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The site's own pages that belong to no capability: the public privacy notice."""

    name = "weakties.site"
    label = "site"
