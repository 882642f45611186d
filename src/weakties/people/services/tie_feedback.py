"""What the owner's answers to introduction requests say about a tie (issue 10).

The introductions app calls :func:`tie_intro_answered` when an introducer
accepts or declines; the counts are tie-strength evidence for the next
analysis (an introducer who vouches for a contact knows them well enough,
Granovetter 1973; Gilbert & Karahalios 2009 use such reciprocal acts as
strength predictors).
"""

from __future__ import annotations

from django.db.models import F

from weakties.people.models import Tie

__all__ = ["tie_intro_answered"]


def tie_intro_answered(*, tie_id: int, accepted: bool) -> None:
    """Count one accepted (or declined) introduction request on the tie; no read, one UPDATE."""
    field = "intros_accepted" if accepted else "intros_declined"
    Tie.objects.filter(pk=tie_id).update(**{field: F(field) + 1})
