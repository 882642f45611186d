"""Forms of the introduction pages: ask, answer, edit the draft, record the outcome."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from weakties.introductions.models import Outcome


class RequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why would you like to be introduced?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("Your colleague reads this, and it goes into the introduction."),
    )
    questions = forms.CharField(
        label=_("Your concrete questions, one per line"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("Concrete questions make it easy for the contact to say yes."),
    )
    blurb = forms.CharField(
        label=_("A few lines about you"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Your colleague can forward this to the contact."),
    )


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[("accept", _("accept")), ("decline", _("decline")), ("snooze", _("snooze"))]
    )
    reason = forms.CharField(
        label=_("Reason (only the two of you see it)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    until = forms.DateField(
        label=_("Snooze until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),  # ISO in every language
    )


class DraftForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200, required=False)
    draft = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 22}), required=False
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What came of it?"), choices=Outcome.choices, widget=forms.RadioSelect
    )
