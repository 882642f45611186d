from django import forms
from django.utils.translation import gettext_lazy as _

FORMAT_CHOICES = [
    ("auto", _("Recognise automatically")),
    ("linkedin", _("LinkedIn Connections.csv")),
    ("google", _("Google Contacts CSV")),
    ("outlook", _("Outlook CSV")),
    ("vcard", _("vCard (.vcf)")),
    ("mbox", _("Mailbox (mbox): only who wrote to whom, and when")),
    ("ics", _("Calendar (.ics): only who met whom, and when")),
]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Export file"))
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, initial="auto")
    consent = forms.BooleanField(
        label=_(
            "I agree that my colleagues may see whom I know and how well (never contact details), and ask me for introductions. I can withdraw this at any time."
        ),
        required=False,
    )
