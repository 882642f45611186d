"""The importer registry: which formats exist and which one a file is.

Modelled on paperless-ngx's parser registry: every format module exposes
``LABEL``, ``score(text_head) -> float`` (0 = not this format, 1 = surely
this format) and ``parse(text, *, file, encoding) -> ParseResult``.  The
highest score at or above :data:`THRESHOLD` wins.
"""

from __future__ import annotations

from types import ModuleType

from ..translatable import gettext_noop
from . import directory, google, ics, linkedin, mbox, outlook, vcard
from .decoding import EXPECTED
from .records import ImportFileError, Text

__all__ = [
    "FORMATS",
    "INTERACTION_EXPECTED",
    "INTERACTION_FORMATS",
    "INTERACTION_PARSERS",
    "PARSERS",
    "THRESHOLD",
    "check",
    "check_interactions",
    "detect",
    "detect_interactions",
    "scores",
]

#: Every format, in the order ties are broken.
PARSERS: dict[str, ModuleType] = {
    "linkedin": linkedin,
    "google": google,
    "outlook": outlook,
    "vcard": vcard,
    "directory": directory,
}
FORMATS = tuple(PARSERS)
#: Lowest score that counts as a match.
THRESHOLD = 0.5
#: How much better another format must score before an explicit choice is refused.
_MARGIN = 0.2


def scores(head: str) -> dict[str, float]:
    """Score ``head`` (the start of the decoded text) against every format."""
    out = {}
    for name, module in PARSERS.items():
        try:
            out[name] = float(module.score(head))
        except Exception:  # a scorer must never break detection
            out[name] = 0.0
    return out


def detect(head: str, file: str) -> str:
    """Return the format of a file from the start of its text.

    Raises
    ------
    ImportFileError
        No format scores at least :data:`THRESHOLD`.
    """
    found = scores(head)
    best = max(found, key=lambda name: found[name])
    if found[best] < THRESHOLD:
        raise ImportFileError(file, _not_contacts(head))
    return best


def check(format: str, head: str, file: str) -> None:
    """Refuse an explicitly chosen ``format`` when the file is plainly something else."""
    found = scores(head)
    best = max(found, key=lambda name: found[name])
    chosen = PARSERS[format].LABEL
    if best != format and found[best] >= THRESHOLD:
        if found[format] < THRESHOLD or found[best] - found[format] >= _MARGIN:
            raise ImportFileError(file, _looks_like(PARSERS[best].LABEL, chosen))
    if found[format] < THRESHOLD:
        raise ImportFileError(
            file,
            _not_contacts(
                head,
                Text(gettext_noop("{chosen}, nor like any other contacts export"), chosen=chosen),
            ),
        )


def _looks_like(found: Text, chosen: Text) -> Text:
    return Text(
        gettext_noop(
            "this looks like {found}, not {chosen}. Choose the right kind of file, or let the "
            "kind be detected automatically."
        ),
        found=found,
        chosen=chosen,
    )


def _not_contacts(head: str, what: Text | None = None) -> Text:
    what = what or Text(gettext_noop("a contacts export"))
    start = head.lstrip()
    if start[:1] in ("{", "["):
        template = gettext_noop("this is a JSON file, which does not look like {what}: {expected}.")
    elif start[:1] == "<":
        template = gettext_noop(
            "this is an HTML or XML file, which does not look like {what}: {expected}."
        )
    elif start[:15].upper() == "BEGIN:VCALENDAR":
        template = gettext_noop(
            "this is a calendar (.ics) file, which does not look like {what}: {expected}."
        )
    elif first := start.split("\n", 1)[0].strip():
        return Text(
            gettext_noop(
                "this does not look like {what}: {expected}. Its first line reads: {first}."
            ),
            what=what,
            expected=EXPECTED,
            first=repr(first[:80]),
        )
    else:
        template = gettext_noop("this does not look like {what}: {expected}.")
    return Text(template, what=what, expected=EXPECTED)


# -- interaction metadata (mbox, .ics) ------------------------------------------------------------
#
# A second, separate family: these files give InteractionRecord objects (who wrote to or met
# whom, and when) rather than contacts, and are streamed: each module exposes ``LABEL``,
# ``score(text_head)`` and ``parse_stream(binary_stream, *, file) -> ParseResult``.

#: Interaction formats, in the order ties are broken.
INTERACTION_PARSERS: dict[str, ModuleType] = {"mbox": mbox, "ics": ics}
INTERACTION_FORMATS = tuple(INTERACTION_PARSERS)
#: What an importable interaction file is; ends every "wrong kind of file" message.
INTERACTION_EXPECTED = Text(
    gettext_noop("expected a mailbox (mbox) file or a calendar (.ics) file")
)


def _interaction_scores(head: str) -> dict[str, float]:
    out = {}
    for name, module in INTERACTION_PARSERS.items():
        try:
            out[name] = float(module.score(head))
        except Exception:  # a scorer must never break detection
            out[name] = 0.0
    return out


def detect_interactions(head: str, file: str) -> str:
    """Return ``"mbox"`` or ``"ics"`` from the start of a file's text, or refuse it."""
    found = _interaction_scores(head)
    best = max(found, key=lambda name: found[name])
    if found[best] < THRESHOLD:
        raise ImportFileError(file, _not_interactions(head))
    return best


def check_interactions(format: str, head: str, file: str) -> None:
    """Refuse an explicitly chosen interaction ``format`` that the file plainly is not."""
    found = _interaction_scores(head)
    if found[format] >= THRESHOLD:
        return
    best = max(found, key=lambda name: found[name])
    chosen = INTERACTION_PARSERS[format].LABEL
    if found[best] >= THRESHOLD:
        raise ImportFileError(file, _looks_like(INTERACTION_PARSERS[best].LABEL, chosen))
    raise ImportFileError(file, _not_interactions(head))


def _not_interactions(head: str) -> Text:
    contacts = scores(head)
    best = max(contacts, key=lambda name: contacts[name])
    if contacts[best] >= THRESHOLD:
        return Text(
            gettext_noop(
                "this looks like {found}, a contacts export: import it as contacts. "
                "For interactions, {expected}."
            ),
            found=PARSERS[best].LABEL,
            expected=INTERACTION_EXPECTED,
        )
    first = head.lstrip().split("\n", 1)[0].strip()
    if first:
        return Text(
            gettext_noop(
                "this does not look like e-mail or calendar data: {expected}. "
                "Its first line reads: {first}."
            ),
            expected=INTERACTION_EXPECTED,
            first=repr(first[:80]),
        )
    return Text(
        gettext_noop("this does not look like e-mail or calendar data: {expected}."),
        expected=INTERACTION_EXPECTED,
    )
