"""The steps of a networking plan, in the order of seed ``002_*``.

Four stages, eight steps.  Each step can be ticked off by its owner; a few
are also done by themselves, where weakties can see that they are
(``auto``): a goal is set, the expertise profile names skills and says who
you are, focus topics are filled in.  The titles are marked for translation
and read in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

__all__ = ["STAGES", "STEPS", "STEP_KEYS", "Step", "step"]


@dataclass(frozen=True)
class Step:
    key: str
    stage: int
    title: Promise
    #: What "done" means, for people.
    how: Promise
    #: Done by itself when weakties sees it (the owner may still tick it).
    auto: bool = False
    #: The owner may tick it (the goal is set with the form, not ticked).
    tickable: bool = True


STAGES = {
    1: _("Set your goal"),
    2: _("Who can help you"),
    3: _("Take action"),
    4: _("Ask your network"),
}

STEPS = (
    Step(
        "goal",
        1,
        _("Decide what you want to reach"),
        _("Done when your plan has a goal."),
        auto=True,
        tickable=False,
    ),
    Step(
        "helpers",
        2,
        _("Make a list of who can help you"),
        _("Tick it when you have picked the people from the list below you want to approach."),
    ),
    Step(
        "profile",
        3,
        _("Complete your profile"),
        _("Done by itself when your profile names your skills and has a short introduction."),
        auto=True,
    ),
    Step(
        "focus",
        3,
        _("Set your focus topics"),
        _("Done by itself when your profile names the topics contacts should send your way."),
        auto=True,
    ),
    Step(
        "reach",
        3,
        _("Find the people with the most reach in your target area"),
        _("Tick it when you know whom to approach."),
    ),
    Step(
        "message",
        3,
        _("Send a personal connection request that asks no favour"),
        _("Tick it when you have sent it."),
    ),
    Step(
        "ask",
        4,
        _("Ask for introductions, with concrete questions"),
        _("Tick it when you have asked, or when you have requested an introduction here."),
        auto=True,
    ),
    Step(
        "thanks",
        4,
        _("Thank the people who helped you"),
        _("Tick it when you have said thank you."),
    ),
)

STEP_KEYS = tuple(s.key for s in STEPS)
_BY_KEY = {s.key: s for s in STEPS}


def step(key: str) -> Step | None:
    """The step with this key, or None."""
    return _BY_KEY.get(key)
