"""Data minimisation and storage limitation (GDPR Art. 5(1)(c) and (e); issue 12).

* compare and forget (:mod:`.services.forget`): with ``WEAKTIES_COMPARE_AND_FORGET`` on,
  contacts who match nothing the organisation asked for are kept only as digests and counts
  (Belgian DPA, decision 25/2020);
* retention (:mod:`.services.retention`): imports older than ``WEAKTIES_RETENTION_DAYS`` are
  flagged to their owner, then removed after ``WEAKTIES_RETENTION_GRACE_DAYS``;
* the weekly run that does both (:mod:`.tasks`).

It sits above every app that says what the organisation asks for (targets, vacancies, help
requests, target lists) and is imported by none of them.  ``docs/privacy.md`` has the trade-off.
"""
