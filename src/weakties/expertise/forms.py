"""Forms of the expertise pages: they parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from weakties.expertise.models import TargetList
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


class FinderForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=300, required=True)
    limit = forms.IntegerField(
        label=_("Results"), min_value=1, max_value=100, required=False, initial=20
    )


class TargetListForm(forms.Form):
    """A new list: a name, its purpose, and the targets pasted or uploaded."""

    name = forms.CharField(label=_("Name of the list"), max_length=200, required=False)
    purpose = forms.ChoiceField(
        label=_("Purpose"), choices=TargetList.Purpose.choices, initial=TargetList.Purpose.SALES
    )
    text = forms.CharField(
        label=_("Targets"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 8, "placeholder": "ASML\nRabobank\nhttps://www.linkedin.com/in/…"}
        ),
        help_text=_(
            "One company or LinkedIn profile URL per line, or paste a column from a spreadsheet."
        ),
    )
    file = forms.FileField(
        label=_("…or upload a file"),
        required=False,
        help_text=_("CSV or XLSX with a company or LinkedIn column, or a plain text file."),
    )
    watched = forms.BooleanField(
        label=_("Watch: tell me when an import creates a new path to one of these targets"),
        required=False,
    )

    def __init__(self, *args, replacing: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.replacing = replacing
        if replacing:
            for name in ("name", "purpose", "watched"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if not self.replacing and not (data.get("name") or "").strip():
            self.add_error("name", _("Give the list a name."))
        if not (data.get("text") or "").strip() and not data.get("file"):
            raise forms.ValidationError(_("Paste the targets or upload a file."))
        return data


class TargetListSettingsForm(forms.Form):
    name = forms.CharField(label=_("Name of the list"), max_length=200)
    purpose = forms.ChoiceField(label=_("Purpose"), choices=TargetList.Purpose.choices)
    watched = forms.BooleanField(label=_("Watch this list"), required=False)
