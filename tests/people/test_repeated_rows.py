"""A file that repeats one contact costs what distinct rows cost (issue 12).

The stored result is one tie with every physical line in its provenance,
recorded once; folding a repeat appends its line instead of rebuilding the
lines seen so far (the old n² / 2 step).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import acme, employee
from weakties.importers.records import Contact
from weakties.people.models import ImportBatch, Tie, TieProvenance
from weakties.people.services.network_import import plan as plans
from weakties.people.services.network_import.importer import NetworkImporter
from weakties.resolve import PersonIndex

_HEAD = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
)
_ROW = (
    "Zoë,Peeters,https://www.linkedin.com/in/zoe-peeters-1a2b3c,,"
    '"Stripe, Inc.",Account Executive,07 Feb 2026\n'
)


def _repeated_file(path, repeats: int):
    path.write_text(_HEAD + _ROW * repeats, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_five_thousand_repeats_store_one_tie_with_every_line_once(tmp_path):
    acme(networks=False)
    tom = employee("tom.jansen@acme.nl")
    path = _repeated_file(tmp_path / "Connections.csv", 5000)
    report = NetworkImporter().import_file(path=path, owner=tom)
    assert report.ok, report.errors
    assert (report.contacts, report.people_created, report.ties_created) == (5000, 1, 1)
    tie = Tie.objects.get(employee=tom)
    assert tie.person.last_name == "Peeters"
    assert tie.connected_on == dt.date(2026, 2, 7)
    batch = ImportBatch.objects.get(owner=tom)
    lines = list(
        TieProvenance.objects.filter(tie=tie, batch=batch)
        .order_by("line")
        .values_list("line", flat=True)
    )
    # The header row is line 4 of the file: the contacts are lines 5 to 5004.
    assert lines == list(range(5, 5005))


def _contact(line: int) -> Contact:
    return Contact(
        source="linkedin",
        line=line,
        first_name="Zoë",
        last_name="Peeters",
        company="Stripe",
        linkedin_url="https://www.linkedin.com/in/zoe-peeters-1a2b3c",
    )


def _fold_copies(repeats: int, monkeypatch) -> tuple[int, tuple[int, ...]]:
    """Fold ``repeats`` lines of one person; returns (line slots copied while folding, lines)."""
    copied = 0
    real_fold = plans._fold

    def counting_fold(seen, contact, email, phone):
        nonlocal copied
        folded = real_fold(seen, contact, email, phone)
        if folded[6] is not seen[6]:  # a new collection of lines: all of them copied
            copied += len(folded[6])
        return folded

    monkeypatch.setattr(plans, "_fold", counting_fold)
    plan = plans.plan_file(
        index=PersonIndex(),
        contacts=(_contact(line) for line in range(1, repeats + 1)),
        own_person=None,
        erased=set(),
    )
    assert len(plan.ties) == 1
    return copied, plan.ties.lines[0]


def test_folding_work_does_not_grow_with_the_square_of_the_repeats(monkeypatch):
    small, lines = _fold_copies(1000, monkeypatch)
    assert lines == tuple(range(1, 1001))
    large, lines = _fold_copies(2000, monkeypatch)
    assert lines == tuple(range(1, 2001))
    # Rebuilding the lines per repeat copies 1 + 2 + ... + n slots (about 500k
    # for 1,000 repeats, four times that for 2,000); appending copies none.
    assert large <= 2 * small + 2000
    assert (small, large) == (0, 0)
