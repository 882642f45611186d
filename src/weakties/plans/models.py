"""A personal networking plan: the four steps of seed ``002_*`` (issue 10, part 4).

1. set the goal (a new job, knowledge, promotion, a new direction, customers;
   optionally target companies, sectors or topics);
2. list who can help;
3. act: complete the profile, set focus topics (seed ``003_*``), find the
   people with the most reach in the target area, send a personal connection
   request that asks no favour;
4. ask for introductions with concrete questions, and say thank you.

One plan per employee is active at a time; changing the goal closes it and
starts a new one, so the history stays.  Each step is ticked off by the
employee (a :class:`Tick`) or done by itself where weakties can see it
(:mod:`weakties.plans.steps`).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Goal(models.TextChoices):
    """What the employee wants to reach (seed 002, step 1): each asks for its own approach."""

    NEW_JOB = "new_job", _("a new job")
    KNOWLEDGE = "knowledge", _("more knowledge")
    PROMOTION = "promotion", _("a promotion")
    NEW_DIRECTION = "new_direction", _("a new direction in my career")
    CUSTOMERS = "customers", _("customers")


class Reminders(models.TextChoices):
    """How often the plan may remind its owner, at most."""

    NEVER = "never", _("never")
    WEEKLY = "weekly", _("at most once a week")
    MONTHLY = "monthly", _("at most once a month")


class Plan(models.Model):
    """An employee's networking plan; ``active`` for the current one, older ones are history."""

    employee = models.ForeignKey(
        "accounts.Employee", on_delete=models.CASCADE, related_name="plans"
    )
    goal = models.CharField(_("goal"), max_length=20, choices=Goal.choices)
    #: Target companies, sectors or topics as the employee wrote them (at most ten).
    targets = models.JSONField(_("targets"), default=list, blank=True)
    reminders = models.CharField(
        _("reminders"), max_length=10, choices=Reminders.choices, default=Reminders.WEEKLY
    )
    #: The employee's own version of the connection request; empty: weakties' draft.
    message = models.TextField(_("connection request"), blank=True, max_length=1000)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    #: The owner's last change or tick: a reminder waits a full interval after it.
    last_activity_at = models.DateTimeField(default=timezone.now)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    #: Who has the most reach in the target area, counted by :mod:`.services.area`.
    area = models.JSONField(default=dict, blank=True)
    area_at = models.DateTimeField(null=True, blank=True)
    #: When a count was last asked of the background worker (not asked again while it runs).
    area_requested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("networking plan")
        verbose_name_plural = _("networking plans")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee"], condition=models.Q(active=True), name="plan_one_active"
            )
        ]

    def __str__(self) -> str:
        return f"{self.employee_id}: {self.goal}{'' if self.active else ' (closed)'}"


class Tick(models.Model):
    """A step of a plan the employee ticked off."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="ticks")
    step = models.CharField(max_length=20)
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("step done")
        verbose_name_plural = _("steps done")
        constraints = [models.UniqueConstraint(fields=["plan", "step"], name="tick_once")]

    def __str__(self) -> str:
        return f"plan {self.plan_id}: {self.step}"


class ReminderRun(models.Model):
    """A reminder run that is scheduled (one row per moment): the worker's daily chain.

    The run is a django-tasks task enqueued with ``run_after`` for the next
    reminder hour; when it has run it schedules the next one.  The unique
    ``due_at`` keeps one moment to one task, however many plans ask for it
    (:func:`weakties.plans.tasks.schedule_reminder_run`).
    """

    due_at = models.DateTimeField(unique=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    ran_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-due_at"]

    def __str__(self) -> str:
        return self.due_at.isoformat()
