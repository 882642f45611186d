from django import forms
from django.utils.translation import gettext_lazy as _

from weakties.privacy.models import ObjectionRequest


class ObjectionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you ask?"),
        choices=ObjectionRequest.Kind.choices,
        widget=forms.RadioSelect,
        initial=ObjectionRequest.Kind.ERASE,
    )
    email = forms.EmailField(
        label=_("Email address at which we answer you"),
        max_length=254,
        help_text=_(
            "We send a link to confirm your request to this address, and answer you there."
        ),
    )
    linkedin_url = forms.CharField(
        label=_("URL of your LinkedIn profile (optional)"),
        max_length=500,
        required=False,
        help_text=_(
            "Give it if you have one: the contacts someone imported may hold you under your "
            "LinkedIn profile alone, and then your email address alone does not find you."
        ),
        widget=forms.URLInput(attrs={"placeholder": "https://www.linkedin.com/in/…"}),
    )
    reason = forms.CharField(
        label=_("Reason (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class LookupForm(forms.Form):
    q = forms.CharField(
        label=_("Email address or LinkedIn profile URL"),
        max_length=500,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    #: The other identifier: a contact kept only as a digest of their LinkedIn URL (compare
    #: and forget) is not found by an address the same line did not hold.
    q2 = forms.CharField(
        label=_("And the other one, if you have it"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_(
            "Give both the email address and the LinkedIn profile URL when you have them: a "
            "contact kept only as a digest of one is not always found by the other."
        ),
    )

    def queries(self) -> list[str]:
        return [v for v in (self.cleaned_data.get("q"), self.cleaned_data.get("q2")) if v]


class EraseConfirmForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type ERASE to confirm"),
        max_length=20,
    )

    def clean_confirm(self) -> str:
        value = self.cleaned_data["confirm"].strip()
        if value.upper() not in ("ERASE", "WISSEN"):
            raise forms.ValidationError(_("Type ERASE to confirm."))
        return value


class DecideForm(forms.Form):
    decision = forms.ChoiceField(choices=[("confirm", "confirm"), ("reject", "reject")])
    answer = forms.CharField(
        label=_("Answer to the person (needed to reject)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
