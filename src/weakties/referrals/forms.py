"""Forms of the referral pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Stage
from .services.org_settings import MAX_VALID_MONTHS


class DateInput(forms.DateInput):
    input_type = "date"


class VacancyForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        help_text=_("For example: Python developer, or: verpleegkundige"),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the job is and what it asks; its words help find people who fit."),
    )
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    level = forms.CharField(
        label=_("Level"),
        max_length=100,
        required=False,
        help_text=_("For example: junior, medior, senior, hbo"),
    )
    closes = forms.DateField(label=_("Closes on"), required=False, widget=DateInput)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)


class ApplyForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your email address"), max_length=254)
    linkedin_url = forms.URLField(
        label=_("Your LinkedIn profile (optional)"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    message = forms.CharField(
        label=_("A message to the recruiter (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    privacy = forms.BooleanField(
        label=_("I have read how my data are handled (above)."), required=True
    )


class SettingsForm(forms.Form):
    leaderboard = forms.BooleanField(
        label=_("Show colleagues a leaderboard per department (referrals and hires, never shares)"),
        required=False,
    )
    valid_months = forms.IntegerField(
        label=_("A referral holds its candidate for (months)"),
        min_value=1,
        max_value=MAX_VALID_MONTHS,
    )
