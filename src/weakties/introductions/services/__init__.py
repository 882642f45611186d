"""The use cases of introduction requests (issue 10, part 2), one module per step.

``requests`` (ask: :func:`~.requests.introduction_request`), ``answers``
(:func:`~.answers.introduction_answer`: accept, decline, snooze;
``introduction_draft_save``, ``introduction_mark_sent``,
``introduction_outcome``), ``drafts`` (the message in the introducer's
language, the ``mailto:`` link), ``lifecycle`` (expiry, the end of a snooze,
the thank-you reminder: :func:`~.lifecycle.requests_close_due`) and
``notices`` (what each party is told, through ``notifications.notify``).
Read-only queries are in :mod:`weakties.introductions.selectors`.

Names follow the meetings app's rule (``meetings/services/__init__.py``):
``<entity>_<action>``, keyword-only arguments, except the one request a
use case acts on, which comes first.
"""
