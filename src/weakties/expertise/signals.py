"""What the expertise app's services tell its background side.

:data:`pass_stalled`: a rebuild pass of an organisation's finder indexes stalled (its process
died) and a search or task marked it taken up
(:func:`weakties.expertise.services.index.index_resume_stalled`).  Sent after that mark
committed; argument ``organisation_id``.  The receiver
(:func:`weakties.expertise.receivers.on_pass_stalled`) enqueues the task that finishes the
pass.  A signal, not a call: the tasks import the services, so the services may not import
the tasks (no circle of imports, ``tests/layout``).
"""

from __future__ import annotations

from django.dispatch import Signal

__all__ = ["pass_stalled"]

pass_stalled = Signal()
