"""The referral use cases, one module per step: vacancies, candidates, asks, referrals, settings.

* ``vacancies`` — enter, change, close, delete and import vacancies (``vacancy_rows``
  parses loose values and sheets);
* ``candidates`` — the contacts in colleagues' networks who may fit a vacancy
  (matching engine × purpose-aware tie strength), stored as suggestions;
* ``asks`` — "is this something for your contact?": the colleagues who know them
  are notified, never more often than ``WEAKTIES_REFERRAL_ASK_DAYS``; the
  ready-to-forward text and the personal referral link;
* ``referrals`` — a candidate applies through a link (first referrer wins, valid
  for a number of months) and moves through the pipeline; the referrer is told;
* ``org_settings`` — the organisation's leaderboard switch and validity.

Names follow the meeting cycle's rule (:mod:`weakties.meetings.services`):
``<entity>_<action>`` with keyword-only arguments, one obvious subject first.
Read-only queries are in :mod:`weakties.referrals.selectors`.  Services never
enqueue tasks (the tasks call services; the edges enqueue them).
"""
