from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _


class IntroForm(forms.Form):
    target = forms.ChoiceField(
        label=_("Introduce me to"),
        choices=[
            ("company", _("a company")),
            ("role", _("a role")),
            ("person", _("a person (LinkedIn URL or email)")),
        ],
        initial="company",
    )
    query = forms.CharField(
        label=_("Name, role or address"),
        max_length=300,
        widget=forms.TextInput(
            attrs={
                # A company completes as one types (issue 11): the options come from the server.
                "list": "company-options",
                "autocomplete": "off",
                "hx-get": reverse_lazy("insights:companies"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#company-options",
                "hx-swap": "innerHTML",
                "hx-include": "this",
            }
        ),
    )
    purpose = forms.ChoiceField(
        label=_("Purpose"),
        choices=[
            ("info", _("new information")),
            ("job", _("a job or candidate lead")),
            ("sales", _("a sales conversation")),
        ],
        initial="info",
    )
    limit = forms.IntegerField(
        label=_("Results"), min_value=1, max_value=100, required=False, initial=20
    )
