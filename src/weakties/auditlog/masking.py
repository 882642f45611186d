"""Contact details out of audit entries before anyone reads them (DESIGN.md: details are the owner's).

The audit log stores what happened; a few entries hold text someone typed (a
search query, a goal).  Whatever in them looks like an email address or a
phone number is replaced by a placeholder, recursively through the entry.
Digests (``email:3f2a…``) and ids stay: they identify no one to a reader.

>>> masked({"query": "mail jan@example.org or +31 6 1234 5678", "day": "2026-12-05", "ids": [3]})
{'query': 'mail [email] or [phone]', 'day': '2026-12-05', 'ids': [3]}
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["EMAIL_MASK", "PHONE_MASK", "masked", "masked_text"]

EMAIL_MASK = "[email]"
PHONE_MASK = "[phone]"

_EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+")
#: Seven or more digits with the separators people write in numbers; not an ISO date or time.
_PHONE = re.compile(r"(?<![\w-])\+?\(?\d[\d ().-]{5,}\d(?![\w:-])")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _phone(match: re.Match[str]) -> str:
    text = match.group(0)
    if _DATE.match(text.strip()) or sum(c.isdigit() for c in text) < 7:
        return text
    return PHONE_MASK


def masked_text(text: str) -> str:
    return _PHONE.sub(_phone, _EMAIL.sub(EMAIL_MASK, text))


def masked(value: Any) -> Any:
    """``value`` (an audit entry's detail) with email addresses and phone numbers masked."""
    if isinstance(value, str):
        return masked_text(value)
    if isinstance(value, dict):
        return {key: masked(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [masked(item) for item in value]
    return value
