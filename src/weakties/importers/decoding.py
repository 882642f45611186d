"""Turn the raw bytes of an uploaded file into text, or refuse it.

Contact exports arrive in a handful of encodings: UTF-8 with or without a
byte-order mark (LinkedIn, directory exports), UTF-16 LE with a BOM (Google's
old "Google CSV"), and Windows-1252 (Outlook, and anything re-saved by Excel on
Windows).  Files that are not text at all (PDF, images, ZIP archives, Excel
workbooks) are recognised and refused with a message that says what they are.

Notes
-----
Detection order: known binary signatures, byte-order marks, BOM-less UTF-16
(recognised by the pattern of NUL bytes), strict UTF-8, then Windows-1252.
Any other NUL byte, or a high share of control characters, marks the file as
binary.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .records import ImportFileError

__all__ = ["EXPECTED", "Decoded", "decode", "decode_cp1252"]

#: What an importable file is; ends every "wrong kind of file" message.
EXPECTED = (
    "expected a LinkedIn Connections.csv, a Google or Outlook contacts CSV, "
    "a vCard (.vcf) or an HR directory CSV"
)

#: Known signatures of binary formats people upload by mistake, with a hint.
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", "a PDF document", ""),
    (b"\x89PNG", "a PNG image", ""),
    (b"\xff\xd8\xff", "a JPEG image", ""),
    (b"GIF8", "a GIF image", ""),
    (
        b"PK\x03\x04",
        "a ZIP archive (or an Excel .xlsx workbook)",
        " If it is LinkedIn's data export, unzip it and upload Connections.csv;"
        " if it is a spreadsheet, save it as CSV first.",
    ),
    (
        b"\xd0\xcf\x11\xe0",
        "an old-style Office file (.xls, .doc or .msg)",
        " Save the sheet as CSV first.",
    ),
    (b"\x1f\x8b", "a gzip-compressed file", " Decompress it first."),
    (
        b"!BDN",
        "an Outlook data file (.pst)",
        " In Outlook, export the contacts as a CSV file instead.",
    ),
)

#: Control characters that do not occur in text files (tab, newlines, form feed excluded).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_SAMPLE = 65536


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text of a file and the name of the encoding that was used."""

    text: str
    encoding: str


def decode(data: bytes, file: str) -> Decoded:
    """Decode ``data`` into text.

    Parameters
    ----------
    data : bytes
        The complete file.
    file : str
        File name, used in error messages.

    Returns
    -------
    Decoded
        The text (without byte-order mark) and the encoding name.

    Raises
    ------
    ImportFileError
        The file is empty, binary, or damaged UTF-16.
    """
    if not data.strip():
        raise ImportFileError(
            file, "the file is empty. Export your contacts again and upload that file."
        )
    for magic, kind, hint in _SIGNATURES:
        if data.startswith(magic):
            raise ImportFileError(
                file, f"this is {kind}; it does not look like a contacts export: {EXPECTED}.{hint}"
            )

    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        encoding = "utf-32"
        text = _strict(data, "utf-32", file)
    elif data.startswith(codecs.BOM_UTF8):
        encoding, text = _utf8_or_cp1252(data[3:], bom=True)
    elif data.startswith(codecs.BOM_UTF16_LE):
        encoding = "utf-16-le"
        text = _strict(data[2:], encoding, file)
    elif data.startswith(codecs.BOM_UTF16_BE):
        encoding = "utf-16-be"
        text = _strict(data[2:], encoding, file)
    elif (guess := _bomless_utf16(data)) is not None:
        encoding = guess
        text = _strict(data, encoding, file)
    elif b"\x00" in data:
        raise _binary(file)
    else:
        encoding, text = _utf8_or_cp1252(data, bom=False)

    if not text.strip():
        raise ImportFileError(
            file, "the file is empty. Export your contacts again and upload that file."
        )
    sample = text[:_SAMPLE]
    controls = len(_CONTROL.findall(sample))
    if "\x00" in sample or controls > max(2, len(sample) // 50):
        raise _binary(file)
    return Decoded(text, encoding)


def _binary(file: str) -> ImportFileError:
    return ImportFileError(file, f"this is a binary file, not a contacts export: {EXPECTED}.")


def _utf8_or_cp1252(data: bytes, *, bom: bool) -> tuple[str, str]:
    try:
        return ("utf-8-sig" if bom else "utf-8"), data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252", decode_cp1252(data)


def decode_cp1252(data: bytes) -> str:
    """Decode Windows-1252; its five undefined bytes are read as Latin-1 (never fails)."""
    return data.decode("cp1252", errors="_weakties_latin1")


def _latin1_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):  # pragma: no cover - decode only
        raise exc
    chunk = exc.object[exc.start : exc.end]
    return bytes(chunk).decode("latin-1"), exc.end


codecs.register_error("_weakties_latin1", _latin1_fallback)


def _bomless_utf16(data: bytes) -> str | None:
    """Recognise UTF-16 without a BOM by where the NUL bytes fall."""
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul > 0.5 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.5 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, file: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        unit = 4 if encoding.startswith("utf-32") else 2
        good = data[: exc.start - exc.start % unit].decode(encoding, errors="replace")
        line = good.count("\n") + 1
        if exc.end >= len(data):
            what = "the file ends in the middle of a character; it may have been cut off"
        else:
            what = f"the file is declared {encoding.upper()} but contains bytes that are not"
        raise ImportFileError(
            file, f"{what}. Export the contacts again and upload the new file.", line=line
        ) from None
