"""The Dutch catalogues agree: one English text has one Dutch translation everywhere.

Django merges the catalogues of every app with the shared one in ``LOCALE_PATHS``,
which wins.  When two of them translate the same text differently, a page shows
the shared one's words, not its own app's ("Saved." was "Bewaard." on the plans
page and "Opgeslagen." in the shared catalogue, and the page said the latter).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import weakties

SRC = Path(weakties.__file__).parent
_ENTRY = re.compile(
    r'^(?:msgctxt ((?:"(?:[^"\\]|\\.)*"\s*)+))?msgid ((?:"(?:[^"\\]|\\.)*"\s*)+)'
    r'msgstr ((?:"(?:[^"\\]|\\.)*"\s*)+)',
    re.MULTILINE,
)


def _text(quoted: str | None) -> str:
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', quoted or ""))


def entries(path: Path) -> dict[tuple[str, str], str]:
    """``(context, msgid) -> msgstr`` of one catalogue's translated, current entries."""
    text = "\n".join(
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    )
    found = {}
    for match in _ENTRY.finditer(text):
        msgid, msgstr = _text(match.group(2)), _text(match.group(3))
        if msgid and msgstr:
            found[(_text(match.group(1)), msgid)] = msgstr
    return found


def test_the_parser_reads_a_catalogue():
    shared = entries(SRC / "locale" / "nl" / "LC_MESSAGES" / "django.po")
    assert len(shared) > 500
    assert shared[("", "Saved.")] == "Bewaard."


def test_one_text_has_one_translation_in_every_catalogue():
    translations: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(
        lambda: defaultdict(list)
    )
    catalogues = sorted(SRC.glob("**/locale/nl/LC_MESSAGES/django.po"))
    assert len(catalogues) >= 5
    for path in catalogues:
        for key, msgstr in entries(path).items():
            translations[key][msgstr].append(str(path.relative_to(SRC)))
    clashes = {key[1]: dict(found) for key, found in translations.items() if len(found) > 1}
    assert not clashes, f"translated differently in two catalogues: {clashes}"
