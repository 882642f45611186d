"""Stored results of ``weakties analyze``: one run per refresh, one row per employee.

Tie strength and tier go to the narrow :class:`weakties.people.models.TieRank`
table, one row per sharing employee's tie, which the hot searches read
(rewriting the wide tie table row by row would cost several times more).
Everything per employee and per organisation lives here, so pages and the API
read results instead of recomputing them.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class AnalysisRun(models.Model):
    """One refresh of the analytics of an organisation."""

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="analysis_runs"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    #: Organisation-level figures: reach, coverage, growth, timings, sample sizes.
    figures = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("analysis run")
        verbose_name_plural = _("analysis runs")

    def __str__(self) -> str:
        return f"{self.organisation} {self.started_at:%Y-%m-%d %H:%M} ({self.status})"


class EmployeeInsight(models.Model):
    """What the analytics say about one employee's network position."""

    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="employees")
    employee = models.ForeignKey(
        "accounts.Employee", on_delete=models.CASCADE, related_name="insights"
    )
    degree = models.PositiveIntegerField(default=0)
    reach = models.PositiveIntegerField(default=0)
    #: People only this employee knows: what leaves with them (key-person risk).
    unique_reach = models.PositiveIntegerField(default=0)
    constraint = models.FloatField(null=True, blank=True)
    effective_size = models.FloatField(null=True, blank=True)
    efficiency = models.FloatField(null=True, blank=True)
    #: Burt's hierarchy (same graph as constraint): how much of the constraint one contact holds.
    hierarchy = models.FloatField(null=True, blank=True)
    #: The same three on observed ties only, where contact-contact ties are known.
    #: (The three above count contacts at one company as tied; see services.analytics.)
    constraint_observed = models.FloatField(null=True, blank=True)
    effective_size_observed = models.FloatField(null=True, blank=True)
    efficiency_observed = models.FloatField(null=True, blank=True)
    betweenness = models.FloatField(default=0.0)
    #: Gould & Fernandez brokerage counts by role.
    roles = models.JSONField(default=dict, blank=True)
    #: The same roles as z-scores against random assignment of groups (Gould & Fernandez).
    roles_z = models.JSONField(default=dict, blank=True)
    #: All brokerage against its expectation (Gould & Fernandez's total z): brokers are ranked by it.
    brokerage_z = models.FloatField(null=True, blank=True)
    type = models.CharField(max_length=20, blank=True)
    #: Why this type: the axis scores and thresholds.
    type_why = models.JSONField(default=dict, blank=True)
    #: Entropy and E-I index of the contacts by attribute.
    diversity = models.JSONField(default=dict, blank=True)
    #: Plain-language homophily warning (English; translated when shown), or "".
    homophily = models.TextField(blank=True)
    #: Ties by tier: {"strong": n, "moderate": n, "weak": n, "dormant": n}.
    tiers = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "employee"], name="insight_per_run")]
        # The brokers' order (BROKERS_FIRST) has its own index, made per database by migration
        # 0006: SQLite's CREATE INDEX takes no NULLS LAST.
        indexes = [
            # The key-person risk (most unique reach first) reads the top of this range.
            models.Index(fields=["run", "-unique_reach", "employee"], name="insight_key_people"),
        ]
        verbose_name = _("employee insight")
        verbose_name_plural = _("employee insights")

    def __str__(self) -> str:
        return f"{self.employee_id} in run {self.run_id}: {self.type}"


#: Best brokers first: the most brokerage against its expectation (Gould & Fernandez's
#: z-score over all roles, as R sna computes it), then the lowest constraint (Burt).
#: Raw brokerage counts grow with degree squared; the z-score does not rank by degree.
BROKERS_FIRST = (
    F("brokerage_z").desc(nulls_last=True),
    F("constraint").asc(nulls_last=True),
    "-betweenness",
    "employee_id",
)
