"""A generated organisation's exports read back with the real importers, with the truth.

What the resolution measurements need (``tests/integration/test_resolution_ground_truth.py``,
``bench/resolution.py``): the HR directory's lines as contacts, every export's
contacts in file order, and the true person behind each export line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..importers import parse_path
from ..importers.records import Contact
from .exports import ExportManifest, load_ground_truth
from .model import SynthOrganisation

__all__ = ["ReadBack", "read_back"]


@dataclass
class ReadBack:
    """The directory's lines, the exports' lines and the true person of each export line."""

    directory: list[Contact] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    truth: list[int] = field(default_factory=list)
    #: ``(file, first errors)`` of every export the importers reported errors for.
    problems: list[tuple[str, list[object]]] = field(default_factory=list)


def read_back(org: SynthOrganisation, manifest: ExportManifest) -> ReadBack:
    """Read ``write_exports(org, ...)``'s files as the import would: directory, then exports."""
    out = ReadBack()
    out.directory = [
        Contact(
            line=entry.line,
            source="directory",
            first_name=entry.first_name,
            last_name=entry.last_name,
            emails=(entry.email,),
            company=org.name,
            position=entry.job_title,
        )
        for entry in parse_path(manifest.directory).records
    ]
    truth_by_file = load_ground_truth(manifest.ground_truth)
    if manifest.out_dir is None:
        raise ValueError("the manifest does not say where its files were written")
    for export in manifest.files:
        parsed = parse_path(export.path)
        if parsed.errors:
            out.problems.append((export.path.name, list(parsed.errors[:3])))
        lines = truth_by_file[export.path.relative_to(manifest.out_dir).as_posix()]
        for contact in parsed.records:
            out.contacts.append(contact)
            out.truth.append(lines[contact.line])
    return out
