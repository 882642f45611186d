"""Sectors in words: the keys that imports give companies (``resolve.sectors``), in Dutch or English."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy

from weakties.resolve.sectors import SECTORS

__all__ = ["SECTOR_NAMES", "sector_name", "sector_key"]

#: The sectors in words (the keys are the Dutch labels of ``resolve.sectors``).
SECTOR_NAMES = {
    "it": gettext_lazy("IT and software"),
    "finance": gettext_lazy("finance and insurance"),
    "zorg": gettext_lazy("healthcare"),
    "overheid": gettext_lazy("government"),
    "onderwijs": gettext_lazy("education"),
    "retail": gettext_lazy("retail"),
    "logistiek": gettext_lazy("logistics and transport"),
    "energie": gettext_lazy("energy"),
    "bouw": gettext_lazy("construction"),
    "industrie": gettext_lazy("industry"),
    "zakelijke dienstverlening": gettext_lazy("business services"),
    "media": gettext_lazy("media"),
}


def sector_name(key: str) -> str:
    """A sector key in words, in the active language."""
    return str(SECTOR_NAMES.get(key, key))


def sector_key(text: str) -> str | None:
    """The sector key for a key or a Dutch or English name ("zorg", "Healthcare"); None if none."""
    wanted = " ".join(text.split()).casefold()
    if wanted in SECTORS:
        return wanted
    for language in ("nl", "en"):
        with translation.override(language):
            for key, name in SECTOR_NAMES.items():
                if str(name).casefold() == wanted:
                    return key
    return None
