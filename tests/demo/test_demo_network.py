"""The demo's employer network: built once, with results to show and a meeting coming."""

from __future__ import annotations

import pytest

from tests.factories import acme, employee
from weakties.accounts.models import Federation
from weakties.demo.federation import DEMO_FEDERATION, build_demo_network
from weakties.meetings.rules import is_coordinator
from weakties.meetings.selectors import federation_results

pytestmark = pytest.mark.django_db


def test_demo_network_has_results_and_a_coming_meeting():
    org = acme(networks=False)
    anna = employee("anna.devries@acme.nl")
    anna.role = "admin"
    anna.save()
    federation = build_demo_network(org)
    assert federation.members.count() == 3
    results = federation_results(federation, public=True)
    assert results["placements"] == 18 and results["redundancies_prevented"] == 18
    coming = federation.meetings.order_by("-date").first()
    assert coming.requests.count() == 4 and not coming.call_task_id
    from django.contrib.auth import get_user_model

    anna.user = get_user_model().objects.create_user(username="anna", password="x-Passw0rd-x")
    anna.save()
    assert is_coordinator(anna.user, federation)
    assert build_demo_network(org).pk == federation.pk
    assert Federation.objects.filter(name=DEMO_FEDERATION).count() == 1
