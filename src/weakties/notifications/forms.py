"""The settings form: how often to be emailed, and in which language."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from weakties.notifications.models import Digest


class PreferenceForm(forms.Form):
    digest = forms.ChoiceField(
        label=_("Email me about my notifications"),
        choices=Digest.choices,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Language of pages and emails"),
        choices=settings.LANGUAGES,
    )
