"""The demo's employer network: built once, with results to show and a meeting coming.

Both calls went out (issue 11: none had been queued, so the demo showed the
bug of a call that never goes out): the held meeting's as history, the coming
meeting's through the real task, its moment having come.
"""

from __future__ import annotations

import pytest

from tests.factories import acme, employee
from weakties.accounts.models import Federation
from weakties.demo.federation import DEMO_FEDERATION, build_demo_network
from weakties.meetings.models import MailJob
from weakties.meetings.rules import is_coordinator
from weakties.meetings.selectors import CallState, call_state, calls_not_sent, federation_results

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
    past, coming = federation.meetings.order_by("date")
    assert coming.requests.count() == 4 and coming.call_task_id
    invited = org.employees.filter(active=True).count() + 4 + 4  # the ministry's, the agency's
    for meeting in (past, coming):
        meeting.refresh_from_db()
        assert call_state(meeting)["state"] == CallState.SENT
        assert meeting.deliveries.filter(kind="call").count() == invited
    assert MailJob.objects.get(meeting=coming, kind="call").status == MailJob.Status.SENT
    # The requesters of the held meeting heard what came of their requests.
    assert set(
        MailJob.objects.filter(meeting=past, kind="feedback").values_list("status", flat=True)
    ) == {MailJob.Status.SENT}
    assert calls_not_sent() == []
    from django.contrib.auth import get_user_model

    anna.user = get_user_model().objects.create_user(username="anna", password="x-Passw0rd-x")
    anna.save()
    assert is_coordinator(anna.user, federation)
    assert build_demo_network(org).pk == federation.pk
    assert Federation.objects.filter(name=DEMO_FEDERATION).count() == 1
