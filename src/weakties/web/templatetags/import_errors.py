"""Template filters for import problems.

``{% load import_errors %}`` then ``{{ e|error_message }}`` shows one entry of
``ImportBatch.errors`` in the viewer's language: the kept ``"text"`` is
translated now (see :mod:`weakties.core.messages`); an entry stored
without it shows its ``"message"`` as it was written.
"""

from __future__ import annotations

from collections.abc import Mapping

from django import template

from weakties.core.messages import localize

register = template.Library()


@register.filter
def error_message(entry: Mapping | str | None) -> str:
    """One import problem (``{"line", "message"[, "text"]}``) in the active language."""
    if not isinstance(entry, Mapping):
        return localize(entry)
    return localize(entry.get("text") or entry.get("message"))
