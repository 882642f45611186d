"""What an employee may change on their own ties: how well they know the contact."""

from __future__ import annotations

from django.utils.translation import gettext as _

from weakties.accounts.models import Employee
from weakties.core.errors import ServiceError
from weakties.people.models import Tie

__all__ = ["tie_rate"]


def tie_rate(*, owner: Employee, tie_id: int, rating: str) -> Tie:
    """Set the owner's own rating of a tie ("well", "somewhat", "barely" or "" to clear).

    The rating is one input of tie strength (Gilbert & Karahalios 2009) and
    counts from the next ``weakties analyze``.  Only the owner may rate.
    """
    if rating not in {"", *Tie.Rating.values}:
        raise ServiceError(_("rating must be one of: well, somewhat, barely"))
    tie = Tie.objects.filter(pk=tie_id, employee=owner).first()
    if tie is None:
        raise ServiceError(_("no such tie in your network"))
    tie.rating = rating
    tie.save(update_fields=["rating", "updated_at"])
    return tie
