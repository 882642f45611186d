"""Say the importers' messages in the reader's language.

The importers (pure, no Django) build every message as an English
:class:`~weakties.importers.Text` that keeps its template and values.  Here
the template is translated with Django's ``gettext`` in the active language,
nested values (a delimiter's name, "expected a LinkedIn Connections.csv, …")
are translated the same way, and the result is formatted.

Reports (the CLI and API JSON contract ``[{"line", "message"}]``) carry the
message in the active language; stored import batches also keep the message
as data (``"text"``), so a page can show it later in the viewer's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext

from weakties.importers import Text

__all__ = ["error_entry", "localize"]


def localize(message: Text | Mapping | str | None) -> str:
    """``message`` in the active language.

    ``message`` is a :class:`~weakties.importers.Text`, its
    :meth:`~weakties.importers.Text.as_data` dict (as stored with a batch), or
    a plain string, which is returned as it is.  A translation that does not
    fit its values (a placeholder lost or misspelt) falls back to the English.
    """
    if isinstance(message, Text):
        return _say(message.template, message.values)
    if isinstance(message, Mapping) and isinstance(message.get("template"), str):
        return _say(message["template"], message.get("values") or {})
    return "" if message is None else str(message)


def error_entry(
    line: int | None, message: Text | str | None, *, keep_text: bool = False
) -> dict[str, Any]:
    """``{"line", "message"}`` with the message in the active language.

    With ``keep_text`` a :class:`~weakties.importers.Text` is kept as data too
    (``"text"``), for :func:`localize` to say again in another language.
    """
    entry: dict[str, Any] = {"line": line, "message": localize(message)}
    if keep_text and isinstance(message, Text):
        entry["text"] = message.as_data()
    return entry


def _say(template: str, values: Mapping) -> str:
    if not template:
        return ""  # gettext("") is the catalogue's header
    translated = gettext(template)
    if not values:
        return translated
    try:
        return translated.format(**{key: _value(value) for key, value in values.items()})
    except (KeyError, IndexError, ValueError):
        return _english(template, values)


def _value(value: object) -> object:
    if isinstance(value, Text | Mapping):
        return localize(value)
    return value


def _english(template: str, values: Mapping) -> str:
    plain = {}
    for key, value in values.items():
        if isinstance(value, Mapping) and isinstance(value.get("template"), str):
            value = _english(value["template"], value.get("values") or {})
        plain[key] = value
    try:
        return template.format(**plain) if plain else template
    except (KeyError, IndexError, ValueError):
        return template
