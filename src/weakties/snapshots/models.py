"""An engine's results for an employer network (a federation's snapshot).

An organisation's results go into its :class:`~weakties.insights.models.AnalysisRun`, beside
the measures the app computes in-process. A federation's do not fit there: its reach, unique
reach and coverage are those of the whole network (a person known by an employee of another
member is not unique to anyone; a tie to another member's employee is internal), so they would
silently change the meaning of every member's own figures. They are stored here, one run per
load, with the reach of every employee of every member.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FederationRun(models.Model):
    """The results an engine computed from one snapshot of a federation."""

    federation = models.ForeignKey(
        "accounts.Federation", on_delete=models.CASCADE, related_name="engine_runs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    engine = models.CharField(max_length=200)
    #: The snapshot the results came from: its time and its fingerprint.
    snapshot_created_at = models.CharField(max_length=40, blank=True)
    fingerprint = models.CharField(max_length=64)
    #: Network-wide figures: people reached, coverage, growth by year, members.
    figures = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("employer network results")
        verbose_name_plural = _("employer network results")

    def __str__(self) -> str:
        return f"{self.federation_id} {self.created_at:%Y-%m-%d %H:%M} ({self.engine})"


class FederationReach(models.Model):
    """One employee's reach and unique reach within the whole employer network."""

    run = models.ForeignKey(FederationRun, on_delete=models.CASCADE, related_name="employees")
    employee = models.ForeignKey(
        "accounts.Employee", on_delete=models.CASCADE, related_name="federation_reach"
    )
    reach = models.PositiveIntegerField()
    unique_reach = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["run", "employee"], name="snapshots_reach_once")
        ]
        verbose_name = _("reach in an employer network")
        verbose_name_plural = _("reach in employer networks")

    def __str__(self) -> str:
        return f"{self.run_id}/{self.employee_id}: {self.reach}"
