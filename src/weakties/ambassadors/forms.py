"""Forms of the ambassadors pages: a campaign, a target, a post, and the landing page's answers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from weakties.resolve.sectors import SECTORS

from .models import Campaign, Target
from .sectors import sector_name

#: The export formats the landing page accepts (as the import page does).
FORMAT_CHOICES = [
    ("auto", _("Recognise automatically")),
    ("linkedin", _("LinkedIn Connections.csv")),
    ("google", _("Google Contacts CSV")),
    ("outlook", _("Outlook CSV")),
    ("vcard", _("vCard (.vcf)")),
]


class CampaignForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Invite"), choices=Campaign.Scope.choices, initial=Campaign.Scope.ALL
    )
    department = forms.ChoiceField(label=_("Department"), required=False, choices=())
    emails = forms.CharField(
        label=_("Email addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "anna@example.org"}),
        help_text=_("One a line, or separated by commas. Only colleagues are invited."),
    )
    emails_file = forms.FileField(label=_("…or a file with addresses"), required=False)
    message = forms.CharField(
        label=_("A few words from you (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why it matters now. It goes into the email and onto the personal page."),
    )

    def __init__(self, *args, departments: list[str] = (), **kwargs):  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", "—")] + [(d, d) for d in departments]

    def addresses(self) -> list[str]:
        """The pasted addresses and those in the uploaded file, as lines."""
        lines = [self.cleaned_data.get("emails") or ""]
        upload = self.cleaned_data.get("emails_file")
        if upload:
            lines.append(upload.read(1_000_000).decode("utf-8", errors="replace"))
        return lines


class TargetForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Target.Kind.choices)
    name = forms.CharField(
        label=_("Company or sector"),
        max_length=300,
        widget=forms.TextInput(attrs={"list": "sector-names"}),
    )

    @staticmethod
    def sector_names() -> list[str]:
        return [sector_name(s) for s in SECTORS]


class PostForm(forms.Form):
    title_nl = forms.CharField(label=_("Title (Dutch)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    link = forms.URLField(label=_("Link"), max_length=500, assume_scheme="https")
    text_nl = forms.CharField(
        label=_("Suggested text (Dutch)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    text_en = forms.CharField(
        label=_("Suggested text (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ConsentForm(forms.Form):
    """Consent on the landing page, with an export file now or later."""

    consent = forms.BooleanField(
        label=_(
            "I agree that my colleagues may see whom I know and how well (never contact details), "
            "and ask me for introductions. I can withdraw this at any time."
        ),
        required=True,
        error_messages={"required": _("Tick the box to agree first.")},
    )
    file = forms.FileField(
        label=_("Export file (optional: you can also import later)"), required=False
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=FORMAT_CHOICES, initial="auto", required=False
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Would you tell us why? (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
