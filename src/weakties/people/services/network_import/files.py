"""Reading one network file: size check, checksum and parse (no database).

Both the importer and the second process that plans ahead
(:mod:`~weakties.people.services.network_import.ahead`) start here, so
neither has to import the other.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from weakties.importers import ImportFileError, Text, parse_bytes, read_file
from weakties.importers.records import ParseResult
from weakties.people.services.network_import.plan import FilePlan

__all__ = ["LoadedFile", "load_file"]


@dataclass
class LoadedFile:
    """A file read and parsed (picklable, so a second process can do it).

    ``plan`` is set when the second process also resolved it (then
    ``parsed.records`` is emptied and ``contacts`` still counts them).
    """

    checksum: str = ""
    parsed: ParseResult | None = None
    error: tuple[Text, int | None] | None = None
    contacts: int = 0
    plan: FilePlan | None = None
    seconds: float = 0.0  # spent reading, parsing and planning it


def load_file(*, path: str | os.PathLike[str], name: str, format: str = "auto") -> LoadedFile:
    """Read (size checked first), hash and parse one file.  Pure: no database."""
    try:
        data = read_file(path, file=name)
        checksum = hashlib.sha256(data).hexdigest()
        parsed = parse_bytes(data, file=name, format=format)
        return LoadedFile(checksum, parsed, contacts=len(parsed.records))
    except ImportFileError as exc:
        return LoadedFile(error=(exc.message, exc.line))
