from django import forms
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
    query = forms.CharField(label=_("Name, role or address"), max_length=300)
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
