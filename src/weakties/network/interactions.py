"""From e-mail and meeting metadata to the interaction inputs of tie strength.

Gilbert & Karahalios (2009) found the intensity of communication (how often
two people exchange messages) and its recency (days since the last one)
among the best predictors of tie strength; reciprocity, exchanges going both
ways, is one of Granovetter's (1973) four dimensions ("reciprocal
services").  :func:`summarise_interactions` turns one employee's interaction
records (from :func:`weakties.importers.parse_interactions`) into those three
numbers per counterpart address:

* an e-mail the employee **sent** counts once for every recipient (``sent``);
* an e-mail the employee **received** (they are among the recipients)
  counts once for its sender (``received``); other recipients of the same
  mail are not counted, a shared mailing list is not a tie;
* a **meeting** the employee organised or attended counts once for every
  other participant (``meetings``).

``count = sent + received + meetings`` feeds ``interactions``,
``today - last`` feeds ``recency_days`` and :attr:`InteractionSummary.reciprocity`
(``min(sent, received) / max(sent, received)``, NaN without e-mail) feeds
``reciprocity`` of :func:`~weakties.network.tie_strength`.  Records seen twice
(the same :attr:`~weakties.importers.InteractionRecord.key`, e.g. a mail in
two exported folders) count once.

References
----------
.. [1] Gilbert, E. & Karahalios, K. (2009). Predicting Tie Strength with
   Social Media. *CHI 2009*, 211-220.
.. [2] Granovetter, M. S. (1973). The Strength of Weak Ties. *American
   Journal of Sociology* 78(6), 1360-1380.

Examples
--------
>>> from datetime import datetime, UTC
>>> from weakties.importers import InteractionRecord
>>> from weakties.network.interactions import summarise_interactions
>>> day = lambda d: datetime(2026, 12, d, tzinfo=UTC)
>>> records = [
...     InteractionRecord(1, "email", day(1), "me@org.nl", ("an@x.nl", "bo@y.nl")),
...     InteractionRecord(9, "email", day(2), "an@x.nl", ("me@org.nl", "bo@y.nl")),
...     InteractionRecord(20, "meeting", day(3), "bo@y.nl", ("me@org.nl",)),
... ]
>>> s = summarise_interactions(records, {"me@org.nl"})
>>> s["an@x.nl"].sent, s["an@x.nl"].received, s["an@x.nl"].reciprocity
(1, 1, 1.0)
>>> s["bo@y.nl"].count, s["bo@y.nl"].last.day
(2, 3)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only the type: the summary reads a record's attributes
    from weakties.importers.records import InteractionRecord

__all__ = ["InteractionSummary", "summarise_interactions"]


@dataclass(slots=True)
class InteractionSummary:
    """What one employee exchanged with one counterpart address."""

    sent: int = 0
    received: int = 0
    meetings: int = 0
    first: datetime | None = None
    last: datetime | None = None

    @property
    def count(self) -> int:
        """All interactions: e-mails both ways plus meetings."""
        return self.sent + self.received + self.meetings

    @property
    def reciprocity(self) -> float:
        """``min(sent, received) / max(sent, received)`` (1 balanced, 0 one-way, NaN no mail)."""
        high = max(self.sent, self.received)
        return min(self.sent, self.received) / high if high else math.nan

    def _seen(self, when: datetime) -> None:
        if self.first is None or when < self.first:
            self.first = when
        if self.last is None or when > self.last:
            self.last = when


def summarise_interactions(
    records: Iterable[InteractionRecord], own_addresses: Iterable[str]
) -> dict[str, InteractionSummary]:
    """Per counterpart address, the interactions of the employee owning ``own_addresses``.

    Parameters
    ----------
    records : iterable of InteractionRecord
        From one employee's mailbox and calendar files (duplicates allowed).
    own_addresses : iterable of str
        The employee's own e-mail addresses (any case).

    Returns
    -------
    dict of str to InteractionSummary
        Keyed by lower-case address; the employee's own addresses are absent.
    """
    me = {a.strip().lower() for a in own_addresses}
    out: dict[str, InteractionSummary] = {}
    for r in _distinct(records):
        if r.kind == "meeting":
            _count_meeting(out, me, r)
        elif r.sender in me:
            _count_sent(out, me, r)
        elif r.sender and me.intersection(r.recipients):
            _count_received(out, r.sender, r.when)
    return out


def _distinct(records: Iterable[InteractionRecord]) -> Iterator[InteractionRecord]:
    """The records, each message or meeting once (by its :attr:`~InteractionRecord.key`)."""
    seen: set[str] = set()
    for r in records:
        key = r.key
        if key not in seen:
            seen.add(key)
            yield r


def _summary(out: dict[str, InteractionSummary], address: str) -> InteractionSummary:
    """The summary of ``address``, created empty on first use."""
    s = out.get(address)
    if s is None:
        s = out[address] = InteractionSummary()
    return s


def _count_meeting(out: dict[str, InteractionSummary], me: set[str], r: InteractionRecord) -> None:
    """A meeting the employee attends counts once for every other participant."""
    if not me.intersection(r.participants):
        return
    for other in r.participants:
        if other not in me:
            s = _summary(out, other)
            s.meetings += 1
            s._seen(r.when)


def _count_sent(out: dict[str, InteractionSummary], me: set[str], r: InteractionRecord) -> None:
    """A message the employee sent counts once for every other recipient."""
    for other in r.recipients:
        if other not in me:
            s = _summary(out, other)
            s.sent += 1
            s._seen(r.when)


def _count_received(out: dict[str, InteractionSummary], sender: str, when: datetime) -> None:
    """A message sent to the employee counts once for its sender."""
    s = _summary(out, sender)
    s.received += 1
    s._seen(when)
