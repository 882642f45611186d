"""Forms of the employer-network pages."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weakties.accounts.models import Organisation

from .models import HelpRequest, Outcome, RequestKind, Stage


class DateInput(forms.DateInput):
    """``<input type=date>``: its value is ISO (``YYYY-MM-DD``) in every language.

    Django would write the date in the page's language (``17-12-2026`` in
    Dutch), which a date input rejects, leaving the field empty.  The
    browser shows the date in the reader's own format anyway.
    """

    input_type = "date"

    def __init__(self, attrs=None, format=None):  # noqa: A002 - Django's argument name
        super().__init__(attrs, format=format or "%Y-%m-%d")


class TimeInput(forms.TimeInput):
    """``<input type=time>``: ``HH:MM`` in every language."""

    input_type = "time"

    def __init__(self, attrs=None, format=None):  # noqa: A002 - Django's argument name
        super().__init__(attrs, format=format or "%H:%M")


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput)
    start_time = forms.TimeField(label=_("Starts at"), initial=dt.time(14, 0), widget=TimeInput)
    end_time = forms.TimeField(label=_("Ends at"), initial=dt.time(17, 0), widget=TimeInput)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    host = forms.ModelChoiceField(label=_("Host organisation"), queryset=None, required=False)
    agenda = forms.CharField(
        label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    call_days = forms.IntegerField(
        label=_("Send the call for help requests this many days before"),
        initial=14,
        min_value=1,
        max_value=365,
    )

    def __init__(self, *args, federation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = federation.members.order_by("name")

    def clean_date(self):
        date = self.cleaned_data["date"]
        # A meeting that has passed keeps its date while its place or agenda is corrected.
        if date < timezone.localdate() and date != self.initial.get("date"):
            raise forms.ValidationError(_("The date is in the past."))
        return date


class HelpRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is it about?"), choices=RequestKind.choices, widget=forms.RadioSelect
    )
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        help_text=_("For example: meat inspector, 12 people; or: road inspector, two vacancies"),
    )
    text = forms.CharField(
        label=_("Tell more"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    skills = forms.CharField(label=_("Skills"), required=False, help_text=_("Separated by commas"))
    region = forms.CharField(label=_("Region"), max_length=200, required=False)
    level = forms.CharField(label=_("Level"), max_length=100, required=False)
    count = forms.IntegerField(label=_("Number of people"), min_value=1, initial=1)
    date = forms.DateField(
        label=_("Date"),
        required=False,
        widget=DateInput,
        help_text=_("Surplus staff: when they become surplus. Vacancy: when it opens."),
    )
    months_ahead = forms.IntegerField(
        label=_("Expected in how many months?"),
        min_value=0,
        max_value=60,
        required=False,
        help_text=_("Only for a vacancy that is expected later."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()
            self.fields["organisation"].widget = forms.HiddenInput()


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX sheet"))


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    next_step = forms.CharField(
        label=_("Next step for the requester"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class StageForm(forms.Form):
    stage = forms.ChoiceField(choices=Stage.choices)
    placed = forms.IntegerField(min_value=0, required=False)


class InviteForm(forms.Form):
    """The coordinator names the organisation to invite by its exact name.

    No list of organisations: one installation serves several, and none may learn
    which others use it (issue 12 §2).
    """

    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_("Its exact name, as its admin gives it to you."),
    )

    def __init__(self, *args, federation, **kwargs):
        super().__init__(*args, **kwargs)
        self.federation = federation

    def clean_organisation(self) -> Organisation:
        name = " ".join(self.cleaned_data["organisation"].split())
        found = (
            Organisation.objects.filter(name__iexact=name)
            .exclude(federations=self.federation)
            .first()
        )
        if found is None:
            raise forms.ValidationError(
                _("No organisation named %(name)s can be invited.") % {"name": name}
            )
        return found


__all__ = [
    "MeetingForm",
    "HelpRequestForm",
    "ImportForm",
    "OutcomeForm",
    "StageForm",
    "InviteForm",
    "HelpRequest",
]
