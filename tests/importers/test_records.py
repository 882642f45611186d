"""The typed records: a contact built by name is the contact the class builds."""

from __future__ import annotations

import inspect
import pickle
from datetime import date

from weakties.importers.records import Contact, make_contact


def test_make_contact_takes_every_field_by_name_in_order_with_the_same_defaults():
    parameters = inspect.signature(make_contact).parameters
    assert tuple(parameters) == Contact._fields
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters.values())
    defaults = {n: p.default for n, p in parameters.items() if p.default is not p.empty}
    assert defaults == Contact._field_defaults


def test_make_contact_equals_the_class_built_contact_and_pickles_as_one():
    values = {
        "line": 7,
        "source": "linkedin",
        "first_name": "Jan",
        "last_name": "van den Berg",
        "emails": ("jan@example.nl",),
        "phones": ("+31 6 1234 5678",),
        "linkedin_url": "https://www.linkedin.com/in/jvdb",
        "company": "Gemeente Utrecht",
        "department": "Wonen",
        "position": "Beleidsadviseur",
        "connected_on": date(2026, 2, 7),
    }
    made = make_contact(**values)
    assert type(made) is Contact
    assert made == Contact(**values)
    assert made.position == "Beleidsadviseur" and made.full_name == "Jan van den Berg"
    again = pickle.loads(pickle.dumps(made))
    assert type(again) is Contact and again == made
    assert make_contact(line=1, source="vcard") == Contact(1, "vcard")
