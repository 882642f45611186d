"""Interaction records -> per-counterpart counts, recency and reciprocity."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from weakties.importers import InteractionRecord, parse_interactions
from weakties.network.interactions import summarise_interactions

DATA = Path(__file__).resolve().parents[1] / "data" / "importers" / "interactions"
ME = "pieter.jansen@voorbeeld.nl"
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def test_mail_both_ways_meetings_and_cc_lists():
    records = [
        InteractionRecord(1, "email", T0, ME, ("a@x.nl", "b@x.nl")),
        InteractionRecord(2, "email", T0 + timedelta(days=1), "a@x.nl", (ME, "c@x.nl")),
        InteractionRecord(3, "email", T0 + timedelta(days=2), "a@x.nl", (ME,)),
        InteractionRecord(4, "meeting", T0 + timedelta(days=5), "b@x.nl", (ME, "c@x.nl")),
        InteractionRecord(5, "email", T0, "z@x.nl", ("y@x.nl",)),  # not the employee's
    ]
    s = summarise_interactions(records, {ME.upper()})
    assert set(s) == {"a@x.nl", "b@x.nl", "c@x.nl"}
    a = s["a@x.nl"]
    assert (a.sent, a.received, a.meetings, a.count) == (1, 2, 0, 3)
    assert a.reciprocity == 0.5
    assert a.first == T0 and a.last == T0 + timedelta(days=2)
    assert (s["b@x.nl"].sent, s["b@x.nl"].meetings) == (1, 1)
    c = s["c@x.nl"]  # co-recipient of a mail: not counted; co-attendee: counted
    assert (c.received, c.meetings) == (0, 1) and math.isnan(c.reciprocity)


def test_the_same_message_in_two_files_counts_once():
    data = (DATA / "thunderbird_inbox.mbox").read_bytes()
    once = parse_interactions(data, file="Inbox").records
    twice = once + parse_interactions(data, file="Inbox copy").records
    assert [r.key for r in once] == [r.key for r in parse_interactions(data, file="x").records]
    a = summarise_interactions(once, {ME})
    b = summarise_interactions(twice, {ME})
    assert {k: v.count for k, v in a.items()} == {k: v.count for k, v in b.items()}
    assert a["sanne.devries@bakkerij-devries.nl"].reciprocity == 1.0


people = st.sampled_from([ME, "a@x.nl", "b@x.nl", "c@x.nl"])


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["email", "meeting"]),
            st.integers(0, 30),
            people,
            st.lists(people, min_size=1, max_size=3, unique=True),
        ),
        max_size=25,
    )
)
def test_counts_equal_a_plain_recount(rows):
    records = []
    for k, (kind, day, sender, to) in enumerate(rows):
        recipients = tuple(x for x in to if x != sender)
        records.append(InteractionRecord(k + 1, kind, T0 + timedelta(days=day), sender, recipients))
    s = summarise_interactions(records, {ME})
    unique = {r.key: r for r in records}.values()
    for other in ("a@x.nl", "b@x.nl", "c@x.nl"):
        sent = sum(r.kind == "email" and r.sender == ME and other in r.recipients for r in unique)
        received = sum(
            r.kind == "email" and r.sender == other and ME in r.recipients for r in unique
        )
        meetings = sum(
            r.kind == "meeting" and ME in r.participants and other in r.participants for r in unique
        )
        got = s.get(other)
        if not sent + received + meetings:
            assert got is None
            continue
        assert got is not None
        assert (got.sent, got.received, got.meetings) == (sent, received, meetings)
