"""A fuzzing campaign over every importer: real-format samples, mutated by hypothesis (issue 12).

Each case takes one of an importer's real-format samples from ``tests/data`` and applies one
to eight mutations to its bytes: a byte changed, bytes that mean something to a parser inserted
(quotes, delimiters, line ends, ``BEGIN:VCARD``, ``From ``, NUL, invalid UTF-8), a range deleted
or repeated, lines swapped or repeated, the file cut off, a piece of another sample spliced in,
a BOM put in front.  The mutated bytes go through the importer's public entry point.

An outcome is one of:

* ``ok``: records came back (with or without row errors, each naming its line);
* ``refused``: the file was refused with the importers' own error
  (:class:`~weakties.importers.ImportFileError`), a message for people;
* ``crash``: any other exception, or an ``ImportFileError`` that only wraps an unexpected one
  ("an unexpected problem stopped the import"), or a row error without a line.

``bench/fuzz.py`` runs at least 100,000 cases per importer; ``test_fuzz_campaign.py`` runs a
few hundred, derandomized, in the suite.  Crashes are collected, not raised, so a campaign
always runs to its end and reports every one.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from weakties.importers import ImportFileError, parse_bytes, parse_interactions

DATA = Path(__file__).resolve().parent.parent / "data"

#: Which samples each importer is fuzzed from (globs under tests/data).
SAMPLES: dict[str, tuple[str, ...]] = {
    "linkedin": (
        "importers/linkedin_*.csv",
        "org/*Connections.csv",
        "exports/classes/linkedin_*.csv",
    ),
    "google": ("importers/google_*.csv",),
    "outlook": ("importers/outlook_*.csv",),
    "vcard": ("importers/vcard*.vcf", "exports/corpus/*.vcf", "exports/classes/vcard*.vcf"),
    "directory": ("importers/directory_*.csv", "org/directory.csv"),
    "mbox": ("importers/interactions/*.mbox",),
    "ics": ("importers/interactions/*.ics",),
    "requests": ("faults/hulpvragen.csv", "faults/requests_en.csv", "faults/requests.xlsx"),
}
IMPORTERS = tuple(SAMPLES)

#: Bytes that mean something to one of the parsers.
TOKENS = (
    b'"', b'""', b",", b";", b"\t", b"\n", b"\r\n", b"\r", b"\x00", b"\xff", b"\xc3", b"\xe2\x82",
    b"\xef\xbb\xbf", b"\xff\xfe", b"=", b"=\r\n", b":", b"::: ", b" ", b"\\", b"@", b"<", b">",
    b"BEGIN:VCARD\r\n", b"END:VCARD\r\n", b"BEGIN:VEVENT\n", b"END:VEVENT\n", b"BEGIN:VCALENDAR\n",
    b"From - Tue Dec 01 09:00:00 2026\n", b"From: ", b"To: ", b"Date: ", b"DTSTART:", b"ATTENDEE:",
    b"ENCODING=QUOTED-PRINTABLE:", b"CHARSET=", b"TZID=", b"=?utf-8?q?", b"=?utf-8?b?", b"-",
    b"9999", b"0", b"31.02.2021", b"99 Feb 2026", b"First Name", b"Notes:", b"E-mail Address",
    b"email", b"kind", b"title", b"PK\x03\x04", b"mailto:", b"\xf0\x9f\x98\x80", b"\xa0",
)  # fmt: skip

OPS = ("set", "insert", "delete", "repeat", "swap_lines", "repeat_line", "cut", "splice", "bom")


def random_ops(rng: random.Random) -> list[tuple[str, int, int, bytes]]:
    """One to eight mutations, drawn from ``rng`` (hypothesis gives each case its seed: drawing
    the mutations through hypothesis' own strategies cost 6 ms a case, the parsing 1 ms)."""
    ops = []
    for _ in range(rng.randint(1, 8)):
        payload = rng.choice(TOKENS) if rng.random() < 0.7 else rng.randbytes(rng.randint(0, 12))
        ops.append((rng.choice(OPS), rng.getrandbits(31), rng.getrandbits(31), payload))
    return ops


def _samples(importer: str) -> list[bytes]:
    paths = sorted({p for pattern in SAMPLES[importer] for p in DATA.glob(pattern)})
    assert paths, f"no samples for {importer}"
    return [p.read_bytes() for p in paths]


def mutate(data: bytes, ops: list[tuple[str, int, int, bytes]], others: list[bytes]) -> bytes:
    """``data`` with ``ops`` applied in turn; positions are taken modulo the current length."""
    buf = bytearray(data)
    for op, a, b, payload in ops:
        n = len(buf) or 1
        i, j = sorted((a % n, b % n))
        if op == "set" and buf:
            buf[i] = payload[0] if payload else a & 0xFF
        elif op == "insert":
            buf[i:i] = payload
        elif op == "delete":
            del buf[i : min(j, i + 64)]
        elif op == "repeat":
            buf[j:j] = buf[i:j][:256] * (1 + b % 4)
        elif op in ("swap_lines", "repeat_line"):
            buf = bytearray(_lines_op(bytes(buf), op, a, b))
        elif op == "cut":
            del buf[i:]
        elif op == "splice":
            other = others[a % len(others)]
            k = b % (len(other) or 1)
            buf[i:i] = other[k : k + 200]
        elif op == "bom":
            buf[0:0] = payload[:3] if payload else b"\xef\xbb\xbf"
    return bytes(buf)


def _lines_op(data: bytes, op: str, a: int, b: int) -> bytes:
    lines = data.splitlines(keepends=True)
    if not lines:
        return data
    i, j = a % len(lines), b % len(lines)
    if op == "swap_lines":
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines[j:j] = [lines[i]] * (1 + b % 3)
    return b"".join(lines)


@dataclass
class Tally:
    """What one importer's campaign saw."""

    importer: str
    cases: int = 0
    ok: int = 0
    refused: int = 0  # the importers' own error for the file as a whole
    refused_with_line: int = 0  # ... naming the line
    row_errors: int = 0  # cases whose records came with row errors (each naming its line)
    crashes: list[tuple[str, bytes]] = field(default_factory=list)  # (what, the input)
    seconds: float = 0.0

    @property
    def clean_errors(self) -> int:
        return self.refused + self.row_errors

    def as_dict(self) -> dict[str, object]:
        return {
            "importer": self.importer,
            "cases": self.cases,
            "ok": self.ok,
            "clean_errors": self.clean_errors,
            "refused": self.refused,
            "refused_naming_line": self.refused_with_line,
            "row_errors": self.row_errors,
            "crashes": len(self.crashes),
            "cases_per_s": round(self.cases / self.seconds) if self.seconds else 0,
        }


def _parser(importer: str) -> Callable[[bytes, str], object]:
    if importer in ("mbox", "ics"):
        return lambda data, fmt: parse_interactions(data, file="fuzz", format=fmt)
    if importer == "requests":
        from weakties.meetings.services.request_rows import read_request_sheet  # needs Django

        return lambda data, fmt: read_request_sheet(
            data, file="fuzz.xlsx" if data[:2] == b"PK" else "fuzz.csv"
        )
    return lambda data, fmt: parse_bytes(data, file="fuzz", format=fmt)


def run_case(tally: Tally, parse: Callable[[bytes, str], object], data: bytes, fmt: str) -> None:
    """Parse one case and count its outcome; a crash is recorded with its input."""
    tally.cases += 1
    try:
        result = parse(data, fmt)
    except ImportFileError as exc:
        if "unexpected problem" in exc.message.template or not exc.message:
            tally.crashes.append((f"{exc.message} <- {exc.__cause__!r}", data))
            return
        tally.refused += 1
        tally.refused_with_line += exc.line is not None
        return
    except Exception as exc:  # noqa: BLE001 - a crash is what we are counting
        tally.crashes.append((repr(exc), data))
        return
    errors = getattr(result, "errors", [])
    errors = errors.finish() if hasattr(errors, "finish") else errors
    if any(not e.line or e.line < 1 or not str(e.message) for e in errors):
        tally.crashes.append((f"row error without a line or message: {errors!r}", data))
    elif errors:
        tally.row_errors += 1
    else:
        tally.ok += 1


def campaign(
    importer: str,
    *,
    cases: int,
    seed_value: int = 0,
    derandomize: bool = False,
    per_example: int = 1,
) -> Tally:
    """Run ``cases`` mutated samples through ``importer``; never raises for what it finds.

    Hypothesis draws a sample, a seed and a format for every example; ``per_example`` > 1 runs
    that many cases per example, the further ones drawing their sample and format from the
    seed too (the long campaign's way to spend its time parsing rather than drawing).
    """
    samples = _samples(importer)
    others = [s for name in IMPORTERS for s in _samples(name)]
    parse = _parser(importer)
    formats = ("auto", importer) if importer != "requests" else ("auto",)
    tally = Tally(importer)

    @seed(seed_value)
    @settings(
        max_examples=-(-cases // per_example),
        database=None,
        deadline=None,
        derandomize=derandomize,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.integers(0, len(samples) - 1), st.integers(0, 2**64 - 1), st.sampled_from(formats))
    def one(sample: int, mutation_seed: int, fmt: str) -> None:
        rng = random.Random(mutation_seed)
        for n in range(min(per_example, cases - tally.cases)):
            if n:
                sample, fmt = rng.randrange(len(samples)), rng.choice(formats)
            run_case(tally, parse, mutate(samples[sample], random_ops(rng), others), fmt)

    started = time.perf_counter()
    one()
    tally.seconds = time.perf_counter() - started
    return tally
