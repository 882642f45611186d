"""Use cases of networking plans: they write and own their transactions.

``plans.py`` sets the goal, ticks steps, keeps the draft message and the
reminder setting; ``area.py`` counts who has the most reach in the target
area; ``reminders.py`` sends the gentle reminders that are due.  Each takes
the acting employee and checks :mod:`weakties.plans.rules` itself, so the
pages, the API and the CLI cannot forget to.
"""
