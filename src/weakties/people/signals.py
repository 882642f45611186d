"""What the people app tells the apps above it, once its writes are committed.

``people`` imports none of the apps built on it; they connect to these
signals instead (in their ``AppConfig.ready``).  Each is sent after the
transaction that made the change has committed (:func:`send_after_commit`),
so a receiver sees the new rows, and a receiver that fails is logged and
never undoes or fails the import.

* :data:`ties_imported`: a network import created ties, and their
  :class:`~weakties.people.models.TieRank` rows where the owners share.
  Arguments: ``employee_ids`` (the owners) and ``first_tie``/``last_tie``
  (the ids of the ties created lie in this range; other owners' ties may
  too, so filter on the owners).
* :data:`directory_imported`: the HR directory of an organisation was
  imported (employees added, changed, gone or back).  Argument:
  ``organisation_id``.

One is sent **inside** the transaction that makes the change (``send`` at
once, not after the commit), so that what the receivers keep in step commits
or rolls back with it, and a privacy request is never half done:

* :data:`ties_removed`: some ties of these employees stopped counting: they
  were deleted (consent withdrawn, a person erased, contacts forgotten, an
  import removed) or their owners stopped sharing (they left).  Argument:
  ``employee_ids``.  A receiver that fails fails the change.
* :data:`companies_rekeyed`: companies took the key the rules of
  ``resolve.company_key`` give now, and those that then shared one were
  merged (:mod:`weakties.people.services.company_keys`).  Arguments:
  ``keys`` (``{old key: new key}``) and ``employee_ids`` (whose ties now
  point at another company: rows counted per company are to be recounted).

Receivers: :mod:`weakties.expertise` (the finder's indexes, watched target lists).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from django.dispatch import Signal

__all__ = [
    "ties_imported",
    "directory_imported",
    "ties_removed",
    "companies_rekeyed",
    "send_after_commit",
]

ties_imported = Signal()
directory_imported = Signal()
ties_removed = Signal()
companies_rekeyed = Signal()


def send_after_commit(signal: Signal, sender: Any, **kwargs: Any) -> None:
    """Send ``signal`` once the current transaction commits (at once outside one).

    ``robust``: an exception in a receiver is logged (``django.db.backends``)
    and stops neither the other receivers nor the caller.
    """
    transaction.on_commit(partial(_send, signal, sender, kwargs), robust=True)


def _send(signal: Signal, sender: Any, kwargs: dict[str, Any]) -> None:
    for _receiver, result in signal.send_robust(sender=sender, **kwargs):
        if isinstance(result, Exception):
            raise result
