"""Build a :class:`~weakties.network.NetworkSnapshot` of one organisation from the database.

This is the one place where the database meets the network layer
(DESIGN.md: *database → network snapshot → analytics*).  Rows are read with
plain SQL cursors straight into numpy arrays: an ORM object per tie would
cost more than all the analytics together at three million ties.

Nodes are the organisation's active employees (``0..E-1``) and the external
people their consenting colleagues know (``E..``).  A tie to a person who is
a colleague becomes an employee–employee tie.  Only employees with an
active consent contribute ties (DESIGN.md, privacy).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import connection

from weakties.accounts.models import Employee, Organisation
from weakties.network import NetworkSnapshot
from weakties.people.services.consent import sharing_employees
from weakties.resolve.functions import function_of
from weakties.resolve.sectors import region_of

__all__ = ["NetworkData", "load_network"]

FETCH = 50_000


@dataclass
class NetworkData:
    """A snapshot plus what the analytics need beside it, aligned by index."""

    snapshot: NetworkSnapshot
    employees: list[dict[str, Any]]
    #: Employees with an active consent (mask over employee nodes).
    sharing: np.ndarray
    #: Per input tie row: database tie id, owner node, and the features of tie strength.
    tie_ids: np.ndarray
    tie_owner: np.ndarray
    duration_days: np.ndarray
    sources: np.ndarray
    interactions: np.ndarray
    recency_days: np.ndarray
    reciprocity: np.ndarray
    rating: np.ndarray
    #: The day each tie was made, or imported where that is unknown.
    tie_day: np.ndarray
    #: Employee node of each employee's manager, -1 where none.
    manager: np.ndarray


def _codes(values: list[str]) -> tuple[np.ndarray, list[str]]:
    """Factorise strings; "" becomes -1 (unknown)."""
    labels: dict[str, int] = {}
    out = np.empty(len(values), dtype=np.int64)
    for i, v in enumerate(values):
        if not v:
            out[i] = -1
            continue
        code = labels.get(v)
        if code is None:
            code = labels[v] = len(labels)
        out[i] = code
    return out, list(labels)


def _json_length(column: str) -> str:
    return (
        f"jsonb_array_length({column})"
        if connection.vendor == "postgresql"
        else (f"json_array_length({column})")
    )


def _days_since(column: str) -> str:
    """Days from a date column to the ``today`` parameter (NULL stays NULL)."""
    if connection.vendor == "postgresql":
        return f"(CAST(%s AS date) - CAST({column} AS date))"
    return f"(julianday(%s) - julianday({column}))"


def _known_where_measured(owner: np.ndarray, interactions: np.ndarray) -> np.ndarray:
    """Interaction counts; NaN (unknown) for owners who never imported mail or calendar."""
    measured = np.zeros(int(owner.max()) + 1 if owner.size else 0, dtype=bool)
    measured[owner[interactions > 0]] = True
    return np.where(measured[owner] if owner.size else False, interactions, np.nan)


def load_network(*, organisation: Organisation, today: dt.date | None = None) -> NetworkData:
    """Read the organisation's employees, people and ties into a snapshot."""
    today64 = np.datetime64(today or dt.date.today(), "D")
    emp_rows = list(
        Employee.objects.filter(organisation=organisation, active=True)
        .order_by("id")
        .values(
            "id",
            "person_id",
            "email",
            "first_name",
            "last_name",
            "department",
            "job_title",
            "location",
            "manager_id",
        )
    )
    E = len(emp_rows)
    emp_node = {row["id"]: k for k, row in enumerate(emp_rows)}
    person_to_emp = {row["person_id"]: k for k, row in enumerate(emp_rows)}
    # an active consent: never given is not sharing (the ties below are read the same way)
    sharing_ids = set(sharing_employees(organisation=organisation).values_list("id", flat=True))
    sharing = np.array([row["id"] in sharing_ids for row in emp_rows], dtype=bool)

    # Numbers only, computed by the database: a 2-D float array per chunk is
    # an order of magnitude faster to build than Python objects per value.
    tie_sql = f"""
        SELECT t.id, t.employee_id, t.person_id, {_days_since("t.connected_on")},
               {_json_length("t.sources")}, t.interactions, t.interactions_sent,
               {_days_since("t.last_interaction")},
               CASE t.rating WHEN 'barely' THEN 0 WHEN 'somewhat' THEN 1 WHEN 'well' THEN 2 END,
               {_days_since("t.created_at")}
        FROM people_tie t
        WHERE t.employee_id IN (
            SELECT e.id FROM accounts_employee e JOIN accounts_consent c ON c.employee_id = e.id
            WHERE e.organisation_id = %s AND e.active AND c.withdrawn_at IS NULL)
    """
    chunks = []
    with connection.cursor() as cursor:
        cursor.execute(tie_sql, [str(today64)] * 3 + [organisation.id])
        while rows := cursor.fetchmany(FETCH):
            chunks.append(np.array(rows, dtype=np.float64))
    table = np.concatenate(chunks) if chunks else np.zeros((0, 10))
    table = table[np.argsort(table[:, 0], kind="stable")]
    tie_ids = table[:, 0].astype(np.int64)
    emp_id_sorted = np.array([row["id"] for row in emp_rows], dtype=np.int64)
    owner = np.searchsorted(emp_id_sorted, table[:, 1].astype(np.int64))
    person_db = table[:, 2].astype(np.int64)
    cols = table

    # External people: everyone tied who is not a colleague.
    colleague_people = np.array(sorted(person_to_emp), dtype=np.int64)
    is_colleague = np.isin(person_db, colleague_people)
    external_ids = np.unique(person_db[~is_colleague])
    P = external_ids.size
    dst = np.empty(tie_ids.size, dtype=np.int64)
    dst[~is_colleague] = E + np.searchsorted(external_ids, person_db[~is_colleague])
    dst[is_colleague] = [person_to_emp[p] for p in person_db[is_colleague].tolist()]

    person_company = np.full(P, -1, dtype=np.int64)
    sector_codes = np.full(P, -1, dtype=np.int64)
    region_codes = np.full(P, -1, dtype=np.int64)
    function_codes = np.full(P, -1, dtype=np.int64)
    company_labels: list[str] = []
    sector_labels: list[str] = []
    region_labels: list[str] = []
    function_labels: list[str] = []
    company_codes = np.full(P, -1, dtype=np.int64)
    if P:
        # Companies are few: read them whole.  People are read by id range
        # and kept where they are among the external people.
        companies: dict[int, tuple[str, str, str]] = {}
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, name, sector, region FROM people_company")
            for cid, name, sector, region in cursor.fetchall():
                companies[cid] = (name, sector or "", region or "")
        lo, hi = int(external_ids[0]), int(external_ids[-1])
        ids_chunks: list[np.ndarray] = []
        company_chunks: list[np.ndarray] = []
        positions: list[str | None] = []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, company_id, position FROM people_person WHERE id BETWEEN %s AND %s",
                [lo, hi],
            )
            while rows := cursor.fetchmany(FETCH):
                pid, cid, pos = zip(*rows, strict=True)
                ids_chunks.append(np.array(pid, dtype=np.int64))
                company_chunks.append(
                    np.array([-1 if c is None else c for c in cid], dtype=np.int64)
                )
                positions.extend(pos)
        all_ids = np.concatenate(ids_chunks)
        all_companies = np.concatenate(company_chunks)
        keep = np.isin(all_ids, external_ids)
        k = np.searchsorted(external_ids, all_ids[keep])
        person_company[k] = all_companies[keep]
        kept_positions = [positions[i] or "" for i in np.flatnonzero(keep).tolist()]
        codes, function_labels = _codes([function_of(p) for p in kept_positions])  # lru-cached
        function_codes[k] = codes
        known = person_company >= 0
        uniq, inv = np.unique(person_company[known], return_inverse=True)
        company_codes[known] = inv
        company_labels = [companies[int(c)][0] for c in uniq]
        sec, sector_labels = _codes([companies[int(c)][1] for c in uniq])
        reg, region_labels = _codes([companies[int(c)][2] for c in uniq])
        sector_codes[known] = sec[inv]
        region_codes[known] = reg[inv]

    duration = np.maximum(cols[:, 3], 0.0)
    # The day a tie was made, or else the day it was imported: reach growth
    # comes from connection dates and from the import history.
    since = np.where(np.isfinite(duration), duration, np.maximum(np.floor(cols[:, 9]), 0))
    tie_day = today64 - np.nan_to_num(since).astype("timedelta64[D]")
    recency = np.maximum(cols[:, 7], 0.0)
    interactions = np.nan_to_num(cols[:, 5])
    sent = np.nan_to_num(cols[:, 6])
    received = interactions - sent
    with np.errstate(invalid="ignore", divide="ignore"):
        reciprocity = np.where(
            interactions > 0, np.minimum(sent, received) / np.maximum(sent, received), np.nan
        )
    reciprocity[~np.isfinite(reciprocity) & (interactions > 0)] = 0.0
    rating = cols[:, 8].copy()
    sources = np.where(np.isfinite(cols[:, 4]), np.maximum(cols[:, 4], 1), 1.0)

    departments, dept_labels = _codes([r["department"] for r in emp_rows])
    emp_regions, emp_region_labels = _codes(
        [region_of(r["location"]) or r["location"] for r in emp_rows]
    )
    emp_functions, emp_function_labels = _codes([function_of(r["job_title"]) for r in emp_rows])
    manager = np.array(
        [emp_node.get(r["manager_id"], -1) if r["manager_id"] else -1 for r in emp_rows],
        dtype=np.int64,
    )

    snapshot = NetworkSnapshot.from_edges(
        [r["id"] for r in emp_rows],
        external_ids,
        owner,
        dst,
        employee_groups={
            "department": (departments, dept_labels),
            "region": (emp_regions, emp_region_labels),
            "function": (emp_functions, emp_function_labels),
        },
        person_groups={
            "company": (company_codes, company_labels),
            "sector": (sector_codes, sector_labels),
            "region": (region_codes, region_labels),
            "function": (function_codes, function_labels),
        },
    )
    return NetworkData(
        snapshot=snapshot,
        employees=emp_rows,
        sharing=sharing,
        tie_ids=tie_ids,
        tie_owner=owner,
        duration_days=duration,
        sources=sources,
        interactions=_known_where_measured(owner, interactions),
        recency_days=recency,
        reciprocity=reciprocity,
        rating=rating,
        tie_day=tie_day,
        manager=manager,
    )
