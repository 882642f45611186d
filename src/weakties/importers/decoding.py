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

A UTF-8 file that someone edited with a Windows-1252 tool can hold a few
stray 8-bit bytes among its correct UTF-8 characters (sometimes both in one
word).  Reading the whole file as Windows-1252 would garble every correct
name, so when the file's valid UTF-8 sequences are not rare next to its stray
bytes, it is read as UTF-8 and only the stray bytes as Windows-1252
(encoding ``"utf-8+cp1252"``); :attr:`Decoded.stray_lines` says where they
were.  A file that is Windows-1252 throughout (or Windows-1251, 1253, ...:
their letters only rarely form valid UTF-8 by chance) is read as Windows-1252.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..translatable import gettext_noop
from .records import ImportFileError, Text

__all__ = ["EXPECTED", "Decoded", "decode", "decode_cp1252"]

#: What an importable file is; ends every "wrong kind of file" message.
EXPECTED = Text(
    gettext_noop(
        "expected a LinkedIn Connections.csv, a Google or Outlook contacts CSV, "
        "a vCard (.vcf) or an HR directory CSV"
    )
)

#: Known signatures of binary formats people upload by mistake: what the file is, and a
#: hint (or ``None``) on what to do instead.
_SIGNATURES: tuple[tuple[bytes, Text, Text | None], ...] = (
    (b"%PDF", Text(gettext_noop("a PDF document")), None),
    (b"\x89PNG", Text(gettext_noop("a PNG image")), None),
    (b"\xff\xd8\xff", Text(gettext_noop("a JPEG image")), None),
    (b"GIF8", Text(gettext_noop("a GIF image")), None),
    (
        b"PK\x03\x04",
        Text(gettext_noop("a ZIP archive (or an Excel .xlsx workbook)")),
        Text(
            gettext_noop(
                "If it is LinkedIn's data export, unzip it and upload Connections.csv; "
                "if it is a spreadsheet, save it as CSV first."
            )
        ),
    ),
    (
        b"\xd0\xcf\x11\xe0",
        Text(gettext_noop("an old-style Office file (.xls, .doc or .msg)")),
        Text(gettext_noop("Save the sheet as CSV first.")),
    ),
    (
        b"\x1f\x8b",
        Text(gettext_noop("a gzip-compressed file")),
        Text(gettext_noop("Decompress it first.")),
    ),
    (
        b"!BDN",
        Text(gettext_noop("an Outlook data file (.pst)")),
        Text(gettext_noop("In Outlook, export the contacts as a CSV file instead.")),
    ),
)

_EMPTY = Text(gettext_noop("the file is empty. Export your contacts again and upload that file."))

#: Control characters that do not occur in text files (tab, newlines, form feed excluded).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_SAMPLE = 65536


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text of a file and the name of the encoding that was used.

    ``stray_lines`` lists the lines (1-based) of a UTF-8 file whose bytes
    that were not UTF-8 were read as Windows-1252 (encoding
    ``"utf-8+cp1252"``); it is empty otherwise.
    """

    text: str
    encoding: str
    stray_lines: tuple[int, ...] = ()


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
        raise ImportFileError(file, _EMPTY)
    for magic, kind, hint in _SIGNATURES:
        if data.startswith(magic):
            raise ImportFileError(file, _not_a_contacts_export(kind, hint))

    stray: tuple[int, ...] = ()
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        encoding = "utf-32"
        text = _strict(data, "utf-32", file)
    elif data.startswith(codecs.BOM_UTF8):
        encoding, text, stray = _utf8_or_cp1252(data[3:], bom=True)
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
        encoding, text, stray = _utf8_or_cp1252(data, bom=False)

    if not text.strip():
        raise ImportFileError(file, _EMPTY)
    sample = text[:_SAMPLE]
    controls = len(_CONTROL.findall(sample))
    if "\x00" in sample or controls > max(2, len(sample) // 50):
        raise _binary(file)
    return Decoded(text, encoding, stray)


def _not_a_contacts_export(kind: Text, hint: Text | None) -> Text:
    if hint is None:
        return Text(
            gettext_noop("this is {kind}; it does not look like a contacts export: {expected}."),
            kind=kind,
            expected=EXPECTED,
        )
    return Text(
        gettext_noop("this is {kind}; it does not look like a contacts export: {expected}. {hint}"),
        kind=kind,
        expected=EXPECTED,
        hint=hint,
    )


def _binary(file: str) -> ImportFileError:
    return ImportFileError(
        file,
        Text(
            gettext_noop("this is a binary file, not a contacts export: {expected}."),
            expected=EXPECTED,
        ),
    )


def _utf8_or_cp1252(data: bytes, *, bom: bool) -> tuple[str, str, tuple[int, ...]]:
    utf8 = "utf-8-sig" if bom else "utf-8"
    try:
        return utf8, data.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        text = data.decode("utf-8", errors="_weakties_cp1252")
        return utf8 + "+cp1252", text, _stray_lines(data)
    return "cp1252", decode_cp1252(data), ()


#: How many stray bytes one valid UTF-8 character may stand beside.  In 8-bit text
#: (Windows-1250 to 1258) a valid UTF-8 sequence arises by chance about once in a hundred
#: or more 8-bit letters; a UTF-8 file touched by an 8-bit editor has far more of them.
_STRAY_PER_CHARACTER = 4


def _mostly_utf8(data: bytes) -> bool:
    """Whether ``data`` (not valid UTF-8) is UTF-8 with stray 8-bit bytes."""
    text = data.decode("utf-8", errors="replace")
    stray = text.count("\ufffd")
    characters = len(text) - len(text.encode("ascii", errors="ignore")) - stray
    return 0 < characters and stray <= _STRAY_PER_CHARACTER * characters


def _stray_lines(data: bytes) -> tuple[int, ...]:
    """The 1-based lines of ``data`` that are not valid UTF-8."""
    lines = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            lines.append(number)
    return tuple(lines)


def decode_cp1252(data: bytes) -> str:
    """Decode Windows-1252; its five undefined bytes are read as Latin-1 (never fails)."""
    return data.decode("cp1252", errors="_weakties_latin1")


def _latin1_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):  # pragma: no cover - decode only
        raise exc
    chunk = exc.object[exc.start : exc.end]
    return bytes(chunk).decode("latin-1"), exc.end


codecs.register_error("_weakties_latin1", _latin1_fallback)


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Read the bytes that are not UTF-8 as Windows-1252 (an error handler for UTF-8)."""
    if not isinstance(exc, UnicodeDecodeError):  # pragma: no cover - decode only
        raise exc
    return decode_cp1252(bytes(exc.object[exc.start : exc.end])), exc.end


codecs.register_error("_weakties_cp1252", _cp1252_fallback)


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
            message = Text(
                gettext_noop(
                    "the file ends in the middle of a character; it may have been cut off. "
                    "Export the contacts again and upload the new file."
                )
            )
        else:
            message = Text(
                gettext_noop(
                    "the file is declared {encoding} but contains bytes that are not. "
                    "Export the contacts again and upload the new file."
                ),
                encoding=encoding.upper(),
            )
        raise ImportFileError(file, message, line=line) from None
