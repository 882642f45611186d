"""The quoted table names that the hand-written SQL of the searches reads (issue 9)."""

from __future__ import annotations

import functools

from django.db import connection
from django.db.models import Model

from weakties.accounts.models import Consent
from weakties.people.models import TieRank

__all__ = ["quoted_tables"]


@functools.cache
def quoted_tables() -> dict[str, str]:
    """The quoted table names the searches' SQL reads."""
    from weakties.accounts.models import Employee
    from weakties.people.models import Company, Person, Tie

    models: dict[str, type[Model]] = {
        "rank": TieRank,
        "tie": Tie,
        "employee": Employee,
        "person": Person,
        "company": Company,
        "consent": Consent,
    }
    return {name: connection.ops.quote_name(m._meta.db_table) for name, m in models.items()}
