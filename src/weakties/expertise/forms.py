"""Forms of the expertise pages: they parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from weakties.expertise.services.profiles import MAX_BLURB


class ProfileForm(forms.Form):
    skills = forms.CharField(
        label=_("Skills"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": _("e.g. data engineering, Python")}),
        help_text=_("What you know and can do; one per line or comma."),
    )
    focus_topics = forms.CharField(
        label=_("Focus topics"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 4, "placeholder": _("e.g. energy transition, hiring data engineers")}
        ),
        help_text=_(
            "What your contacts should send your way: the subjects, questions and people "
            "you would like to hear about. One per line or comma."
        ),
    )
    blurb = forms.CharField(
        label=_("About me"),
        required=False,
        max_length=MAX_BLURB,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_BLURB}),
        help_text=_("A few sentences an introducer can forward to their contact."),
    )
