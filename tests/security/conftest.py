"""Two organisations, one login per role in each, built once per module (issue 12 §2).

"Acme BV" is the viewer's own organisation. "Zorblax Quantique BV" is the other one:
every name, title and address in it contains :data:`tests.factories.OTHER_MARK`, so a
response that shows anything of it is found by searching for that word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from tests.factories import OTHER_MARK, OrgWorld, org_world

OWN_NAMES = {
    "admin": ("Anna", "de Vries"),
    "employee": ("Jan", "van den Berg"),
    "recruiter": ("Sophie", "Bakker"),
    "sales": ("Tom", "Jansen"),
    "representative": ("Rita", "Vos"),
    "coordinator": ("Cor", "Smit"),
}
OWN_CONTACTS = {
    "employee": [
        ("Mehmet", "Celik", "Bakker Logistiek", "mehmet.celik@example.com", "+31 6 12345678"),
        ("Eva", "Smit", "Coolblue", "eva.smit@example.org", "+31 6 22223333"),
        # Named like attacks: every page must show these as text (issue 12 §3).
        (
            "<script>alert(1)</script>",
            '"><img src=x onerror=alert(2)>',
            "<script>alert(3)</script> BV",
            "xss@example.net",
            "+31 6 77778888",
        ),
    ],
    "recruiter": [("Lotte", "van Dijk", "Rabobank", "lotte@rabobank.example", "+31 6 44445555")],
    "sales": [
        ("Pieter", "de Graaf", "Gemeente Utrecht", "pieter@utrecht.example", "+31 30 7654321")
    ],
}
OTHER_NAMES = {
    role: (first, f"Zorblax{role.capitalize()}")
    for role, first in zip(OWN_NAMES, ("Zara", "Zeno", "Zita", "Zeb", "Zola", "Zak"), strict=True)
}
OTHER_CONTACTS = {
    "employee": [
        ("Zorblina", "Zorblaxhoff", "Zorblaxcorp", "zorblina@zorblaxcorp.example", "+31 6 99990001")
    ],
    "sales": [("Zorbo", "Zorblaxen", "Coolblue", "zorbo@zorblaxcorp.example", "+31 6 99990002")],
}

#: Every title the own organisation's builder makes up carries this: pages must escape it.
OWN_MARK = '"><img src=x onerror=alert(4)>'
#: What an unescaped hostile name leaves in HTML.
RAW = ("<script>alert(", "<img src=x onerror=")


@dataclass
class World:
    own: OrgWorld
    other: OrgWorld
    clients: dict[str, Client] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    #: Per viewer role: the contact details (email, phone) of other people's contacts.
    forbidden: dict[str, set[str]] = field(default_factory=dict)

    def side(self, which: str) -> OrgWorld:
        return self.own if which == "own" else self.other


def _contact_values(owner_ids: set[int] | None) -> set[str]:
    from weakties.people.models import Tie

    ties = Tie.objects.all() if owner_ids is None else Tie.objects.filter(employee_id__in=owner_ids)
    values = set()
    for email, phone in ties.values_list("email", "phone"):
        for value in (email, phone, phone.replace(" ", "")):
            if value and len(value) > 5:
                values.add(value.lower())
    return values


def _forbidden(own: OrgWorld, other: OrgWorld) -> dict[str, set[str]]:
    everything = _contact_values(None)
    for cards in (*OWN_CONTACTS.values(), *OTHER_CONTACTS.values()):
        for *_, email, phone in cards:
            everything |= {email.lower(), phone, phone.replace(" ", "")}
    forbidden = {"anonymous": everything}
    for role, person in own.people.items():
        mine = _contact_values({person.pk})
        for *_, email, phone in OWN_CONTACTS.get(role, []):
            mine |= {email.lower(), phone, phone.replace(" ", "")}
        forbidden[role] = everything - mine
    return forbidden


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Any:
    """Built once for the module inside a transaction that is rolled back at its end."""
    from weakties.accounts.models import ApiToken

    folder = tmp_path_factory.mktemp("security-world")
    with django_db_blocker.unblock(), transaction.atomic():
        own = org_world(
            name="Acme BV",
            domain="acme.nl",
            names=OWN_NAMES,
            contacts=OWN_CONTACTS,
            folder=folder,
            mark=OWN_MARK,
        )
        other = org_world(
            name="Zorblax Quantique BV",
            domain="zorblax.example",
            names=OTHER_NAMES,
            contacts=OTHER_CONTACTS,
            folder=folder,
            mark=OTHER_MARK,
        )
        w = World(own=own, other=other)
        w.clients["anonymous"] = Client()
        for role, person in own.people.items():
            client = Client()
            client.force_login(person.user)
            w.clients[role] = client
            w.tokens[role] = ApiToken.issue(person.user, "permission test")[1]
        w.forbidden = _forbidden(own, other)
        yield w
        transaction.set_rollback(True)
