"""The organisation's referral settings: the leaderboard switch and how long a referral holds.

Without a stored row the defaults hold: no leaderboard (it is opt-in, and it
counts referrals and hires, never shares), and referrals valid for
``WEAKTIES_REFERRAL_VALID_MONTHS`` months (default 6).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from weakties.accounts.models import Organisation
from weakties.core.errors import ServiceError
from weakties.referrals.models import ReferralSettings, default_valid_months
from weakties.referrals.services.actors import audit_by

__all__ = ["MAX_VALID_MONTHS", "settings_of", "settings_update", "settings_dict"]

MAX_VALID_MONTHS = 60


def settings_of(organisation: Organisation) -> ReferralSettings:
    """The organisation's settings (unsaved defaults when none are stored)."""
    found = ReferralSettings.objects.filter(organisation=organisation).first()
    return found or ReferralSettings(
        organisation=organisation, leaderboard=False, valid_months=default_valid_months()
    )


def settings_update(
    *,
    organisation: Organisation,
    leaderboard: bool | None = None,
    valid_months: int | None = None,
    actor: Any = None,
    actor_label: str = "",
) -> ReferralSettings:
    """Switch the leaderboard and set the validity in months (1 to 60); audited."""
    current = settings_of(organisation)
    if valid_months is not None:
        if not 1 <= int(valid_months) <= MAX_VALID_MONTHS:
            raise ServiceError(
                _("a referral is valid for 1 to %(limit)s months, not %(months)s")
                % {"limit": MAX_VALID_MONTHS, "months": valid_months}
            )
        current.valid_months = int(valid_months)
    if leaderboard is not None:
        current.leaderboard = bool(leaderboard)
    current.save()
    audit_by(
        "referral_settings",
        actor,
        actor_label,
        organisation=organisation.name,
        leaderboard=current.leaderboard,
        valid_months=current.valid_months,
    )
    return current


def settings_dict(s: ReferralSettings) -> dict[str, Any]:
    return {"leaderboard": s.leaderboard, "valid_months": s.valid_months}
