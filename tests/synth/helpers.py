"""Independent readers of the written files, built on the standard library only."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from weakties.synth.exports.noise import CREDENTIALS, TITLES
from weakties.synth.names import ascii_fold

_NOISE_WORDS = {w.strip(" ,.").lower() for w in CREDENTIALS + TITLES}
_LEGAL = {"bv", "b v", "nv", "n v", "inc", "ltd", "gmbh", "se", "bvba"}


def name_tokens(*parts: str) -> list[str]:
    """Words of a name, folded and lower case, without credentials, titles and emoji."""
    words = re.findall(r"[a-z0-9]+", ascii_fold(" ".join(parts)).lower())
    return sorted(w for w in words if w not in _NOISE_WORDS)


def company_key(name: str) -> str:
    """Company without legal form, punctuation, case or diacritics."""
    text = ascii_fold(name).lower()
    text = re.sub(r"[^a-z0-9&+]+", " ", text).strip()
    for legal in sorted(_LEGAL, key=len, reverse=True):
        if text.endswith(" " + legal):
            text = text[: -len(legal) - 1]
            break
    return text.strip()


def canonical_url(url: str) -> str:
    """The form every variant of a LinkedIn URL reduces to."""
    url = url.strip().lower().replace("\\:", ":").rstrip("/")
    url = re.sub(r"^https?://([a-z]+\.)?linkedin\.com", "https://www.linkedin.com", url)
    return url


def decode(path: Path, encoding: str) -> str:
    data = path.read_bytes()
    if encoding == "utf-16":
        assert data[:2] == b"\xff\xfe"
        return data[2:].decode("utf-16-le")
    return data.decode(encoding)


def csv_records(text: str, delimiter: str = ",") -> list[tuple[int, list[str]]]:
    """``(physical line where the record ends, fields)`` for every record, header included."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [(reader.line_num, row) for row in reader]
