"""What colleagues know and want: the profile the expertise finder searches (issue 10, part 5).

The plans app (step 3, "set my focus topics") and the introductions app (the
requester's blurb, prefilled) read it; only its owner edits it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    """An employee's skills, focus topics (what contacts should send their way) and blurb."""

    employee = models.OneToOneField(
        "accounts.Employee", on_delete=models.CASCADE, related_name="profile"
    )
    skills = models.TextField(_("skills"), blank=True, help_text=_("One per line or comma."))
    focus_topics = models.TextField(
        _("focus topics"),
        blank=True,
        help_text=_("What your contacts should send your way; one per line or comma."),
    )
    blurb = models.TextField(
        _("about me"),
        blank=True,
        max_length=600,
        help_text=_("A short introduction of yourself that an introducer can forward."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.employee_id)

    @staticmethod
    def split(text: str) -> list[str]:
        """The entries of a skills or focus-topics field (comma or newline separated)."""
        return [p.strip() for p in text.replace("\n", ",").split(",") if p.strip()]
