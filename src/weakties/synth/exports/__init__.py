"""Write a synthetic organisation as the files real tools export.

:func:`write_exports` produces, under ``out_dir``::

    directory.csv                       HR directory (English, or Dutch with ``;``)
    linkedin/<local-part>_Connections.csv   one per employee
    google/<local-part>_contacts.csv    address books of ~30 % of the employees,
    outlook/<local-part>_contacts.csv   one format each
    vcard/<local-part>.vcf
    ground_truth.json                   {file: {physical line: person id}}
    manifest.json                       every file with owner, format, variant, encoding

The ground truth maps the physical line (1-based, preamble and header
counted; for a vCard the ``BEGIN:VCARD`` line) of every record to the id of
the :class:`~weakties.synth.SynthPerson` it shows.  Blank LinkedIn hidden
members have no entry.
"""

from __future__ import annotations

import csv
import io
import json
import random
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..model import SynthOrganisation, SynthPerson
from .addressbook import write_google, write_outlook
from .linkedin import VARIANTS as LINKEDIN_VARIANTS
from .linkedin import write_linkedin
from .noise import Noise
from .vcard import write_vcard

__all__ = [
    "DIRECTORY_HEADER",
    "DIRECTORY_HEADER_NL",
    "ExportFile",
    "ExportManifest",
    "load_ground_truth",
    "load_manifest",
    "write_exports",
]

DIRECTORY_HEADER = (
    "email",
    "first_name",
    "last_name",
    "department",
    "job_title",
    "location",
    "manager_email",
)
DIRECTORY_HEADER_NL = (
    "e-mailadres",
    "voornaam",
    "achternaam",
    "afdeling",
    "functie",
    "locatie",
    "manager",
)
_LINKEDIN_P = (("current", 0.70), ("old", 0.15), ("excel", 0.15))
_VARIANT_P = {
    "google": (("legacy", 0.5), ("new", 0.5)),
    "outlook": (("nl", 0.65), ("en", 0.35)),
    "vcard": (("3.0", 0.6), ("2.1", 0.2), ("4.0", 0.2)),
}
_ENCODING = {
    ("google", "legacy"): ("utf-16", "\r\n"),
    ("google", "new"): ("utf-8", "\n"),
    ("outlook", "nl"): ("cp1252", "\r\n"),
    ("outlook", "en"): ("cp1252", "\r\n"),
}


@dataclass
class ExportFile:
    """One written network export."""

    owner: str  # employee email
    path: Path
    format: str  # "linkedin" | "google" | "outlook" | "vcard"
    variant: str = ""
    encoding: str = "utf-8"
    rows: int = 0


@dataclass
class ExportManifest:
    """What :func:`write_exports` wrote.

    ``rows`` counts every contact record in the network exports (LinkedIn
    hidden members included, the directory excluded).
    """

    directory: Path
    files: list[ExportFile]
    ground_truth: Path
    rows: int
    out_dir: Path | None = None
    manifest: Path | None = None
    hidden: int = 0
    by_format: dict[str, int] = field(default_factory=dict)
    name: str = ""  # organisation name
    domain: str = ""  # organisation e-mail domain


def _pick(r: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    x = r.random()
    for name, p in options:
        x -= p
        if x < 0:
            return name
    return options[-1][0]


def _write_directory(org: SynthOrganisation, path: Path, dutch: bool) -> dict[int, int]:
    buf = io.StringIO()
    if dutch:
        writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
        writer.writerow(DIRECTORY_HEADER_NL)
    else:
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(DIRECTORY_HEADER)
    truth = {}
    for n, e in enumerate(org.employees):
        writer.writerow(
            (
                e.email,
                e.first_name,
                e.last_name,
                e.department,
                e.job_title,
                e.location,
                e.manager_email,
            )
        )
        truth[n + 2] = e.person_id
    # Excel's "CSV UTF-8" (what a Dutch HR department saves) starts with a BOM.
    path.write_bytes(buf.getvalue().encode("utf-8-sig" if dutch else "utf-8"))
    return truth


def write_exports(
    org: SynthOrganisation,
    out_dir: Path,
    *,
    seed: int | None = None,
    noise: float = 1.0,
    dutch_directory: bool = False,
) -> ExportManifest:
    """Write the directory and every employee's exports in their real formats.

    Parameters
    ----------
    org : SynthOrganisation
        From :func:`~weakties.synth.generate_organisation`.
    out_dir : Path
        Created if missing; existing files with the same names are replaced.
    seed : int, optional
        Seed of the variation (file variants and per-appearance noise);
        defaults to ``org.seed``.  The same organisation, seed and noise give
        byte-identical files.
    noise : float
        Multiplies every per-appearance variation probability; 0 writes
        canonical values.
    dutch_directory : bool
        Write the directory with Dutch headers and ``;`` (UTF-8 with BOM, CRLF).

    Returns
    -------
    ExportManifest
    """
    out_dir = Path(out_dir)
    for sub in ("linkedin", "google", "outlook", "vcard"):
        (out_dir / sub).mkdir(parents=True, exist_ok=True)
    r = random.Random((org.seed if seed is None else seed) * 7919 + 104729)
    nz = Noise(r, noise)
    people = org.people
    truth: dict[str, dict[int, int]] = {}
    directory = out_dir / "directory.csv"
    truth["directory.csv"] = _write_directory(org, directory, dutch_directory)
    files: list[ExportFile] = []
    hidden_total = 0
    today = org.today.toordinal()
    for e in org.employees:
        local = e.email.split("@", 1)[0]
        li_rows: list[tuple[SynthPerson, date]] = []
        book: list[SynthPerson] = []
        book_format = ""
        for t in org.ties_of(e.email):
            src = t.sources
            if src[0] == "linkedin":
                li_rows.append((people[t.person - 1], t.connected_on))
            if src[-1] != "linkedin":
                book.append(people[t.person - 1])
                book_format = src[-1]
        variant = _pick(r, _LINKEDIN_P)
        hidden = [date.fromordinal(today - r.randrange(15 * 365)) for _ in range(r.randrange(4))]
        rel = f"linkedin/{local}_Connections.csv"
        t_map, n = write_linkedin(out_dir / rel, variant, li_rows, hidden, nz)
        truth[rel] = t_map
        hidden_total += len(hidden)
        files.append(
            ExportFile(
                e.email, out_dir / rel, "linkedin", variant, LINKEDIN_VARIANTS[variant][0], n
            )
        )
        if not book:
            continue
        variant = _pick(r, _VARIANT_P[book_format])
        r.shuffle(book)
        if book_format == "vcard":
            rel = f"vcard/{local}.vcf"
            t_map, n = write_vcard(out_dir / rel, variant, book, nz)
            encoding = "utf-8"
        elif book_format == "google":
            rel = f"google/{local}_contacts.csv"
            t_map, n = write_google(out_dir / rel, variant, book, nz)
            encoding = _ENCODING[(book_format, variant)][0]
        else:
            rel = f"outlook/{local}_contacts.csv"
            t_map, n = write_outlook(out_dir / rel, variant, book, nz)
            encoding = "cp1252"
        truth[rel] = t_map
        files.append(ExportFile(e.email, out_dir / rel, book_format, variant, encoding, n))
    gt_path = out_dir / "ground_truth.json"
    gt_path.write_text(
        json.dumps(
            {k: {str(line): pid for line, pid in v.items()} for k, v in truth.items()},
            separators=(",", ":"),
        ),
        encoding="utf-8",
    )
    rows = sum(f.rows for f in files)
    by_format: dict[str, int] = {}
    for f in files:
        by_format[f.format] = by_format.get(f.format, 0) + f.rows
    manifest_path = out_dir / "manifest.json"
    manifest = {
        "organisation": org.name,
        "domain": org.domain,
        "seed": org.seed,
        "export_seed": org.seed if seed is None else seed,
        "noise": noise,
        "employees": len(org.employees),
        "people": len(org.people),
        "ties": len(org.ties),
        "directory": {
            "path": "directory.csv",
            "format": "directory",
            "variant": "nl" if dutch_directory else "en",
            "encoding": "utf-8-sig" if dutch_directory else "utf-8",
            "delimiter": ";" if dutch_directory else ",",
        },
        "ground_truth": "ground_truth.json",
        "rows": rows,
        "hidden": hidden_total,
        "files": [
            {
                "owner": f.owner,
                "path": f.path.relative_to(out_dir).as_posix(),
                "format": f.format,
                "variant": f.variant,
                "encoding": f.encoding,
                "rows": f.rows,
            }
            for f in files
        ],
    }
    manifest_path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    return ExportManifest(
        directory=directory,
        files=files,
        ground_truth=gt_path,
        rows=rows,
        out_dir=out_dir,
        manifest=manifest_path,
        hidden=hidden_total,
        by_format=by_format,
        name=org.name,
        domain=org.domain,
    )


def load_ground_truth(path: str | Path) -> dict[str, dict[int, int]]:
    """Read ``ground_truth.json`` (or the export directory holding it).

    Returns
    -------
    dict
        ``{file name relative to the export directory: {physical line: person id}}``.
    """
    path = Path(path)
    if path.is_dir():
        path = path / "ground_truth.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {
        name: {int(line): int(pid) for line, pid in lines.items()} for name, lines in raw.items()
    }


def load_manifest(path: str | Path) -> ExportManifest:
    """Read ``manifest.json`` (or the export directory holding it) back into an :class:`ExportManifest`.

    Paths are resolved against the manifest's directory, so a written export
    can be moved and read again (the benchmarks generate in a subprocess).
    """
    path = Path(path)
    if path.is_dir():
        path = path / "manifest.json"
    root = path.parent
    raw = json.loads(path.read_text(encoding="utf-8"))
    files = [
        ExportFile(
            f["owner"], root / f["path"], f["format"], f["variant"], f["encoding"], f["rows"]
        )
        for f in raw["files"]
    ]
    by_format: dict[str, int] = {}
    for f in files:
        by_format[f.format] = by_format.get(f.format, 0) + f.rows
    return ExportManifest(
        directory=root / raw["directory"]["path"],
        files=files,
        ground_truth=root / raw["ground_truth"],
        rows=raw["rows"],
        out_dir=root,
        manifest=path,
        hidden=raw["hidden"],
        by_format=by_format,
        name=raw["organisation"],
        domain=raw["domain"],
    )
