"""Interaction metadata: From/To/Cc/Date of mbox messages, ORGANIZER/ATTENDEE/DTSTART of .ics."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weakties.importers import (
    INTERACTION_FORMATS,
    MAX_INTERACTION_BYTES,
    ImportFileError,
    InteractionRecord,
    ics,
    mbox,
    parse_interactions,
    parse_interactions_path,
)

PIETER = "pieter.jansen@voorbeeld.nl"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# -- mbox -----------------------------------------------------------------------------------------


@pytest.fixture
def inbox(sample):
    return parse_interactions(sample("interactions/thunderbird_inbox.mbox"), file="Inbox")


def test_thunderbird_mbox_gives_one_record_per_countable_message(inbox):
    assert inbox.format == "mbox"
    assert [r.line for r in inbox.records] == [1, 24, 49]
    first = inbox.records[0]
    assert first == InteractionRecord(
        line=1,
        kind="email",
        when=utc(2026, 11, 3, 8, 14, 20),
        sender="sanne.devries@bakkerij-devries.nl",
        recipients=(PIETER, "jose.muller@voorbeeld.nl", "anouk.bakker@example.com"),
        names=(
            ("sanne.devries@bakkerij-devries.nl", "Sanne de Vries"),
            (PIETER, "Pieter Jansen"),
            ("jose.muller@voorbeeld.nl", "José Müller"),  # RFC 2047, folded Cc
            ("anouk.bakker@example.com", "Bakker, Anouk"),  # quoted comma
        ),
    )


def test_reply_counts_the_other_direction(inbox):
    reply = inbox.records[1]
    assert (reply.sender, reply.recipients) == (PIETER, ("sanne.devries@bakkerij-devries.nl",))
    assert reply.when == utc(2026, 11, 4, 15, 2, 10)


def test_folded_date_and_duplicate_recipients(inbox):
    last = inbox.records[2]
    assert last.when == utc(2026, 11, 7, 7, 0, 0)
    # case-insensitive duplicates merged; the sender is not among the recipients
    assert last.recipients == (PIETER,)
    assert last.participants == ("karel@smit-bouw.nl", PIETER)


def test_unreadable_date_is_a_row_error_on_its_line_and_addressless_mail_is_skipped(inbox):
    assert [e.line for e in inbox.errors] == [35]
    assert "gisteren rond tienen" in inbox.errors[0].message
    assert "begins on line 34" in inbox.errors[0].message
    assert inbox.skipped == 1  # Mailer-Daemon <> to undisclosed-recipients


def test_bodies_and_subjects_are_never_kept(inbox):
    text = repr(inbox.records) + repr(inbox.errors)
    for secret in ("Geheim", "offerte", "Offerte", "kerstpakketten", "Tot maandag"):
        assert secret not in text


def test_body_lines_are_not_read(monkeypatch):
    """A body line that looks like a header is not taken for one."""
    data = (
        b"From x@y Tue Dec  1 10:00:00 2026\n"
        b"From: a@example.nl\nTo: b@example.nl\nDate: Tue, 01 Dec 2026 10:00:00 +0000\n\n"
        b"To: c@example.nl\nDate: not a date\nFrom here on it is body text.\n"
    )
    r = parse_interactions(data, file="mutt")
    assert r.errors == [] and len(r.records) == 1
    assert r.records[0].recipients == ("b@example.nl",)


def test_crlf_and_cp1252_headers():
    data = (
        b"From - Mon Nov 30 12:00:00 2026\r\n"
        b"From: Ren\xe9e Visser <renee@visser-advies.nl>\r\n"
        b"To: pieter.jansen@voorbeeld.nl\r\nDate: Mon, 30 Nov 2026 12:00:00 +0100\r\n\r\nhoi\r\n"
    )
    r = parse_interactions(data, file="win.mbox")
    assert r.records[0].names == (("renee@visser-advies.nl", "Renée Visser"),)


def test_missing_date_is_a_row_error():
    data = b"From - x\nFrom: a@example.nl\nTo: b@example.nl\n\nbody\n"
    r = parse_interactions(data, file="x.mbox")
    assert r.records == [] and r.errors[0].line == 1
    assert "no Date header" in r.errors[0].message


def test_mbox_cut_off_inside_headers_is_refused_with_the_line():
    data = (
        b"From - x\nFrom: a@example.nl\nTo: b@example.nl\nDate: Tue, 01 Dec 2026 10:00:00 +0000\n"
    )
    with pytest.raises(ImportFileError, match="cut off") as info:
        parse_interactions(data, file="Inbox")
    assert info.value.file == "Inbox" and info.value.line == 4


def test_text_before_the_first_message_is_refused():
    data = b"\n\nDear Sir,\nFrom - x\nFrom: a@example.nl\n\n"
    with pytest.raises(ImportFileError, match="mailbox"):
        parse_interactions(data, file="brief.txt", format="mbox")


# -- .ics -----------------------------------------------------------------------------------------


def test_outlook_calendar_with_windows_time_zone_and_folded_attendees(sample):
    r = parse_interactions(sample("interactions/outlook_calendar.ics"), file="Agenda.ics")
    assert r.format == "ics"
    planning, weekly = r.records
    assert planning.kind == "meeting" and planning.line == 21
    assert planning.when == utc(2026, 11, 10, 9, 0)  # 10:00 Amsterdam winter time
    assert planning.sender == PIETER
    # the alarm's ATTENDEE is not a participant; the organizer is not repeated
    assert planning.recipients == ("anouk.bakker@example.com", "sanne.devries@bakkerij-devries.nl")
    assert dict(planning.names)["anouk.bakker@example.com"] == "Bakker, Anouk"
    assert weekly.when == utc(2026, 7, 1, 12, 0)  # summer time; recurring counts once
    assert [e.line for e in r.errors] == [54]
    assert "2026-11-12 09:00" in r.errors[0].message
    assert "Vergaderzaal" not in repr(r.records) and "Jaarplanning" not in repr(r.records)


def test_google_calendar_utc_all_day_declined_and_cancelled(sample):
    r = parse_interactions(sample("interactions/google_calendar.ics"), file="basic.ics")
    intro, heidag, zomer = r.records
    assert intro.when == utc(2026, 12, 1, 13, 0) and not intro.all_day
    assert intro.recipients == ("renee@visser-advies.nl",)  # karel declined
    assert dict(intro.names)["renee@visser-advies.nl"] == "Renée Visser"  # folded inside CN
    assert heidag.all_day and heidag.when == utc(2026, 12, 15)
    assert heidag.sender == "anouk.bakker@example.com" and heidag.recipients == (PIETER,)
    assert zomer.when == utc(2026, 6, 15, 7, 30)
    assert dict(zomer.names)[PIETER] == "Jansen: Pieter"  # quoted colon in a parameter
    assert r.skipped == 2  # cancelled; alone
    assert r.errors == []


@pytest.mark.parametrize(
    "value, params, expected",
    [
        ("20261201T100000Z", {}, (utc(2026, 12, 1, 10), False)),
        ("20261201T100000", {"TZID": "Europe/Amsterdam"}, (utc(2026, 12, 1, 9), False)),
        ("20260601T100000", {"TZID": "W. Europe Standard Time"}, (utc(2026, 6, 1, 8), False)),
        ("20261201T100000", {"TZID": "Atlantis/Unknown"}, (utc(2026, 12, 1, 10), False)),
        ("20261201T100000", {}, (utc(2026, 12, 1, 10), False)),
        ("20261201", {"VALUE": "DATE"}, (utc(2026, 12, 1), True)),
        ("20261201", {}, (utc(2026, 12, 1), True)),
        ("20261301T100000Z", {}, None),
        ("20261201T10", {}, None),
        ("2026-12-01", {"VALUE": "DATE"}, None),
    ],
)
def test_dtstart_forms(value, params, expected):
    assert ics.parse_datetime(value, params) == expected


def test_split_property_handles_quotes():
    assert ics.split_property('ATTENDEE;CN="A;B:C";ROLE=CHAIR:mailto:x@y.nl') == (
        "ATTENDEE",
        {"CN": "A;B:C", "ROLE": "CHAIR"},
        "mailto:x@y.nl",
    )
    with pytest.raises(ValueError):
        ics.split_property("ATTENDEE;CN=nobody")


def ical(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode()


def test_calendar_cut_off_inside_an_event_is_refused_with_the_line():
    data = ical("BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART:20261201T100000Z")
    with pytest.raises(ImportFileError, match="event that begins on line 2") as info:
        parse_interactions(data, file="cal.ics")
    assert info.value.line == 3


def test_calendar_without_end_is_refused():
    with pytest.raises(ImportFileError, match="END:VCALENDAR"):
        parse_interactions(ical("BEGIN:VCALENDAR", "VERSION:2.0"), file="cal.ics")


def test_mismatched_end_is_refused():
    data = ical("BEGIN:VCALENDAR", "BEGIN:VEVENT", "END:VTODO", "END:VCALENDAR")
    with pytest.raises(ImportFileError, match="line 3 ends a VTODO"):
        parse_interactions(data, file="cal.ics")


def test_event_without_start_is_a_row_error():
    data = ical(
        "BEGIN:VCALENDAR",
        "BEGIN:VEVENT",
        "ORGANIZER:mailto:a@example.nl",
        "ATTENDEE:mailto:b@example.nl",
        "END:VEVENT",
        "END:VCALENDAR",
    )
    r = parse_interactions(data, file="cal.ics")
    assert [(e.line, "no DTSTART" in e.message) for e in r.errors] == [(2, True)]


# -- detection, limits, wrong files ----------------------------------------------------------------


def test_formats_and_detection(sample):
    assert INTERACTION_FORMATS == ("mbox", "ics")
    assert mbox.score("From - Tue\nFrom: a@b.nl\n") == 1.0
    assert ics.score("\ufeffBEGIN:VCALENDAR\r\n") == 1.0
    with pytest.raises(ImportFileError, match="looks like a calendar"):
        parse_interactions(sample("interactions/google_calendar.ics"), file="x", format="mbox")
    with pytest.raises(ImportFileError, match="unknown format 'eml'"):
        parse_interactions(b"x", file="x", format="eml")


@pytest.mark.parametrize(
    "data, match",
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        ("BEGIN:VCALENDAR\r\n".encode("utf-16"), "UTF-16"),
        (b"From - x\nFrom: a@b.nl\x00\x00\x01\n", "binary"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:An\r\nEND:VCARD\r\n", "vCard.*import it as contacts"),
        (b"First Name,Last Name,Connected On\nAn,Vos,01 Dec 2026\n", "LinkedIn"),
        (b"Beste collega,\nhier is mijn verslag.\n", "Beste collega"),
    ],
)
def test_wrong_files_get_a_clear_error_naming_the_file(data, match):
    with pytest.raises(ImportFileError, match=match) as info:
        parse_interactions(data, file="upload.dat")
    assert str(info.value).startswith("upload.dat")


def test_nul_bytes_after_the_head_are_refused_with_the_line():
    data = ical("BEGIN:VCALENDAR") + b"X" * 70_000 + b"\r\n\x00\x00\r\n"
    with pytest.raises(ImportFileError, match="binary") as info:
        parse_interactions(data, file="cal.ics")
    assert info.value.line == 3


def test_path_is_streamed_and_size_is_checked(sample, tmp_path, monkeypatch):
    r = parse_interactions_path(sample.path("interactions/thunderbird_inbox.mbox"))
    assert r.file == "thunderbird_inbox.mbox" and len(r.records) == 3
    import weakties.importers as importers

    monkeypatch.setattr(importers, "MAX_INTERACTION_BYTES", 100)
    with pytest.raises(ImportFileError, match="largest mailbox or calendar"):
        parse_interactions_path(sample.path("interactions/google_calendar.ics"))
    with pytest.raises(ImportFileError, match="not a regular file"):
        parse_interactions_path(tmp_path)
    with pytest.raises(ImportFileError, match="cannot be opened"):
        parse_interactions_path(tmp_path / "missing.mbox")
    assert MAX_INTERACTION_BYTES >= 2**30


def test_a_large_mailbox_is_read_without_keeping_bodies():
    body = b"x" * 1000 + b"\n"
    message = (
        b"From - Tue Dec 01 10:00:00 2026\nFrom: a@example.nl\nTo: b@example.nl\n"
        b"Date: Tue, 01 Dec 2026 10:00:00 +0000\n\n" + body * 50 + b"\n"
    )
    r = mbox.parse_stream(io.BytesIO(message * 200), file="big")
    assert len(r.records) == 200 and r.errors == []


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600), st.sampled_from(("auto", "mbox", "ics")))
def test_random_bytes_never_crash(data, format):
    try:
        result = parse_interactions(data, file="fuzz", format=format)
    except ImportFileError as exc:
        assert str(exc).startswith("fuzz")
        assert "unexpected problem" not in exc.message
    else:
        assert all(isinstance(r, InteractionRecord) for r in result.records)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "BEGIN:VEVENT",
                "END:VEVENT",
                "BEGIN:VALARM",
                "END:VALARM",
                "DTSTART:20261201T100000Z",
                "DTSTART;VALUE=DATE:2026",
                "ORGANIZER:mailto:a@example.nl",
                'ATTENDEE;CN="x:y":mailto:b@example.nl',
                " continued",
                "ATTENDEE",
                "",
            ]
        ),
        max_size=12,
    ),
    st.booleans(),
)
def test_mangled_calendars_give_records_errors_or_a_file_error(lines, close):
    data = ical("BEGIN:VCALENDAR", *lines, *(["END:VCALENDAR"] if close else []))
    try:
        result = parse_interactions(data, file="cal.ics")
    except ImportFileError as exc:
        assert "unexpected problem" not in exc.message
    else:
        for record in result.records:
            assert record.when.tzinfo is not None and record.recipients


def test_full_envelope_line_separates_messages_without_a_blank_line():
    data = (
        b"From an@example.nl Tue Dec  1 10:00:00 2026\n"
        b"From: an@example.nl\nTo: bo@example.nl\nDate: Tue, 01 Dec 2026 10:00:00 +0000\n\n"
        b"first body\n"
        b"From bo@example.nl Wed Dec  2 11:00:00 2026\n"
        b"From: bo@example.nl\nTo: an@example.nl\nDate: Wed, 02 Dec 2026 11:00:00 +0000\n\n"
        b"From here on, a body line that is not an envelope.\n"
    )
    r = parse_interactions(data, file="takeout.mbox")
    assert [(x.line, x.sender) for x in r.records] == [(1, "an@example.nl"), (7, "bo@example.nl")]


def test_an_endless_line_is_refused(monkeypatch):
    import weakties.importers as importers

    monkeypatch.setattr(importers, "MAX_LINE_BYTES", 1000)
    data = b"From - x\nFrom: a@example.nl\nDate: Tue, 01 Dec 2026 10:00:00 +0000\n\n" + b"y" * 5000
    with pytest.raises(ImportFileError, match="line 5 is longer") as info:
        parse_interactions(data, file="big.mbox")
    assert info.value.line == 5
