"""Forms of the plan page: the goal, the connection request, the reminder setting."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from weakties.plans.models import Goal, Reminders
from weakties.plans.targets import MAX_TARGETS, clean_targets


class GoalForm(forms.Form):
    goal = forms.ChoiceField(
        label=_("What do you want to reach?"), choices=Goal.choices, widget=forms.RadioSelect
    )
    targets = forms.CharField(
        label=_("Target companies, sectors or topics (optional)"),
        help_text=_(
            "One per line or separated by commas, at most ten. For example: Rabobank, zorg, data analysis."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reminders = forms.ChoiceField(
        label=_("Remind me of my next step"), choices=Reminders.choices, initial=Reminders.WEEKLY
    )

    def clean_targets(self) -> list[str]:
        targets = clean_targets([self.cleaned_data.get("targets", "")])
        if len(targets) > MAX_TARGETS:
            raise forms.ValidationError(
                _("Name at most %(n)s targets: a plan needs a focus."), params={"n": MAX_TARGETS}
            )
        return targets


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Your connection request"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 7}),
    )


class RemindersForm(forms.Form):
    reminders = forms.ChoiceField(label=_("Reminders"), choices=Reminders.choices)
