"""Mark user-facing text for translation in the pure layers, without importing Django.

The pure layers (``network``, ``matching``, ...) build English sentences; the
Django layer translates them with ``gettext`` when it shows them.  Wrapping a
literal in :func:`gettext_noop` lets ``makemessages`` (xgettext looks for the
name ``gettext_noop``) put it in the catalogue::

    from weakties.translatable import gettext_noop
    TEMPLATE = gettext_noop("Shared skills: {skills}")
    ...
    gettext(TEMPLATE).format(skills=...)   # in the Django layer
"""


def gettext_noop(message: str) -> str:
    """Return ``message`` unchanged; its only job is to be found by ``makemessages``."""
    return message
