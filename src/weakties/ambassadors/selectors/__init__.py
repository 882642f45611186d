"""Reads of the ambassadors app (no writes): campaigns and their funnel, sync status, white spots,
material, and an employee's own contribution.

The names other modules use are re-exported here.
"""

from .campaigns import (
    campaign_funnel,
    campaigns_overview,
    declined_for_good,
    reminder_allowed_at,
    reminder_due,
)
from .material import post_share_counts, posts_for
from .sync import sync_rows, sync_summary
from .white_spots import white_spots

__all__ = [
    "campaign_funnel",
    "campaigns_overview",
    "declined_for_good",
    "reminder_allowed_at",
    "reminder_due",
    "post_share_counts",
    "posts_for",
    "sync_rows",
    "sync_summary",
    "white_spots",
]
