"""The meeting cycle's use cases, one module per step of the cycle.

``federations`` (membership, delegates), ``meetings`` (plan a meeting, schedule
its call), ``help_requests`` (one request or a sheet; ``request_rows`` parses
them), ``proposals`` (matches and their pipeline), ``contacts`` (a vacancy
against the second degree), ``outcomes``, ``brief`` and ``delivery`` (sending
what the tasks schedule).  Read-only queries are in
:mod:`weakties.meetings.selectors`.

Names
-----
A use case that makes or changes one kind of thing is named ``<entity>_<action>``,
so that a module's functions sort by what they are about: ``meeting_create``,
``meeting_update``, ``meeting_get``, ``federation_create``, ``federation_get``,
``federation_invite``, ``invitation_accept``, ``invitation_decline``,
``delegate_appoint``, ``help_request_add``, ``help_requests_import``,
``matches_compute``, ``matches_propose``, ``match_set_stage``,
``contacts_suggest``, ``suggestion_answer``, ``outcome_record``, ``brief_build``.

Names that would read worse that way keep saying what they do: the senders in
``delivery`` and ``schedule_call``, which name what they send like the tasks
that run them (``send_call`` is what the task ``send_meeting_call`` does);
functions named for what they give (``request_dict``, ``match_dict``,
``why_text``, ``to_request``, ``brief_html``, ``brief_pdf``); and the parsers
(``parse_date``, ``parse_kind``, ``parse_request``, ``read_request_sheet``).

Arguments
---------
Keyword-only, except one: a function's one obvious subject may come first, by
position, when the name already says what it is:

* the thing the first word of the name names: ``meeting_update(meeting, ...)``,
  ``federation_invite(federation, ...)``, ``match_set_stage(match, ...)``,
  ``suggestion_answer(suggestion, ...)``, or the value that finds it:
  ``meeting_get(meeting_id)``, ``federation_get(name_or_id)``;
* the one thing a function reads, renders or sends: ``brief_pdf(meeting)``,
  ``request_dict(request)``, ``send_call(meeting, ...)``,
  ``federation_results(federation, ...)``, ``parse_kind(value)``.

Everything else is passed by name, and so is every argument of a use case
whose first word names what it makes or records, since none of its inputs is
"the" subject: ``meeting_create(federation=..., date=...)``,
``delegate_appoint(federation=..., employee=..., role=...)``,
``help_request_add(meeting=..., org=..., kind=..., title=...)``,
``help_requests_import(meeting=..., path=...)``,
``matches_propose(meeting=...)``, ``contacts_suggest(demand=...)``,
``outcome_record(request=..., outcome=...)``,
``invitation_accept(federation=..., organisation=...)``.

The tasks in :mod:`weakties.meetings.tasks` keep positional ids: they are
enqueued with them.
"""
