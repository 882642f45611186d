"""What the plan page says per goal: why the goal needs its own approach, and concrete questions.

Seed ``002_*``: "each motive asks for its own approach" (step 1), and "make
sure you have a list of concrete questions at hand when you call them, and
above all do not forget to thank them for their time" (step 4).  Asking
straight out for a job does not work; being a capable professional eager to
learn does.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from weakties.plans.models import Goal

__all__ = ["GOAL_HELP", "QUESTIONS"]

GOAL_HELP = {
    Goal.NEW_JOB: _(
        "Job leads come most often through acquaintances, not close friends (Granovetter 1973)."
    ),
    Goal.KNOWLEDGE: _("Broaden what you know: people outside your own circle bring new ideas."),
    Goal.PROMOTION: _("Take a step up: be known for what you can do, beyond your own team."),
    Goal.NEW_DIRECTION: _("Give your career a new direction: meet people who already work there."),
    Goal.CUSTOMERS: _(
        "Win customers: colleagues who know the right people can vouch for you and open doors."
    ),
}

QUESTIONS = {
    Goal.NEW_JOB: (
        _("What does a working week in your team look like?"),
        _("Which skills make the difference in your work?"),
        _("Whom else should I talk to, to learn more?"),
    ),
    Goal.KNOWLEDGE: (
        _("How do you keep up with your field?"),
        _("Which problem taught you the most?"),
        _("Whom else should I talk to, to learn more?"),
    ),
    Goal.PROMOTION: (
        _("What made the difference in your last step up?"),
        _("Which skills did you need that you had not expected?"),
        _("How did you make your work visible beyond your team?"),
    ),
    Goal.NEW_DIRECTION: (
        _("How did you get into this field?"),
        _("What would you do differently if you started again?"),
        _("Whom else should I talk to, to learn more?"),
    ),
    Goal.CUSTOMERS: (
        _("What keeps your organisation busy this year?"),
        _("How do you usually find new suppliers or partners?"),
        _("Whom else should I talk to, to learn more?"),
    ),
}
