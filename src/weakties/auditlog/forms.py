"""The admin's filter of the audit log: actor, action, dates (all optional)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class LogFilter(forms.Form):
    actor = forms.TypedChoiceField(label=_("Who"), required=False, coerce=int, empty_value=None)
    action = forms.ChoiceField(label=_("Action"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, actors: list[tuple[int, str]], actions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        everyone = [("", _("everyone"))]
        self.fields["actor"].choices = everyone + [(str(pk), name) for pk, name in actors]
        self.fields["action"].choices = [("", _("every action"))] + [(a, a) for a in actions]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("“From” is after “Until”."))
        return data
