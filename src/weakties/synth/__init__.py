"""Realistic synthetic organisations for the demo, the tests and the benchmarks.

The synth layer is pure (no Django) and fully seeded: the same arguments give
the same organisation and byte-identical export files.

>>> from weakties.synth import generate_organisation, write_exports
>>> org = generate_organisation(employees=100, seed=1)   # 5 account managers, 1 recruiter
>>> manifest = write_exports(org, out_dir)               # doctest: +SKIP

See :mod:`weakties.synth.organisation` for the model and
:mod:`weakties.synth.exports` for the file formats.
"""

from .exports import ExportFile, ExportManifest, load_ground_truth, load_manifest, write_exports
from .model import SynthEmployee, SynthOrganisation, SynthPerson, SynthTie
from .organisation import generate_organisation
from .readback import ReadBack, read_back

__all__ = [
    "ReadBack",
    "read_back",
    "ExportFile",
    "ExportManifest",
    "SynthEmployee",
    "SynthOrganisation",
    "SynthPerson",
    "SynthTie",
    "generate_organisation",
    "load_ground_truth",
    "load_manifest",
    "write_exports",
]
