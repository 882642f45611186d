"""How an employee wants to be told: digest frequency and language.

The language is ``Employee.language`` (pages and emails); the frequency is
:class:`~weakties.notifications.models.Preference`.  Choosing a daily or
weekly digest makes sure the digest run is scheduled.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from weakties.accounts.models import Employee
from weakties.accounts.services.audit import audit
from weakties.core.errors import ServiceError
from weakties.notifications.language import is_language, language_of
from weakties.notifications.models import Digest, Preference
from weakties.notifications.services.delivery import digest_of
from weakties.notifications.tasks import schedule_digest_run

__all__ = ["preference_dict", "preference_set", "language_remember"]


def preference_dict(employee: Employee) -> dict[str, str]:
    """``{"digest", "language"}``: what the settings page, the API and the CLI show."""
    return {"digest": digest_of(employee), "language": language_of(employee)}


def _check(digest: str | None, language: str | None) -> None:
    if digest is not None and digest not in Digest.values:
        raise ServiceError(
            _("digest must be one of {choices}, not {value}").format(
                choices=", ".join(Digest.values), value=repr(digest)
            )
        )
    if language is not None and language != "" and not is_language(language):
        raise ServiceError(
            _("language must be one of {choices}, not {value}").format(
                choices=", ".join(code for code, _name in settings.LANGUAGES), value=repr(language)
            )
        )


def preference_set(
    *,
    employee: Employee,
    digest: str | None = None,
    language: str | None = None,
    actor=None,
    actor_label: str = "",
) -> dict[str, str]:
    """Change the employee's digest and/or language (None: unchanged; language "": site default).

    Audited when something changed; returns :func:`preference_dict`.
    """
    _check(digest, language)
    changed: dict[str, str] = {}
    with transaction.atomic():
        if digest is not None:
            preference, _created = Preference.objects.get_or_create(employee=employee)
            if preference.digest != digest:
                preference.digest = digest
                preference.save(update_fields=["digest"])
                changed["digest"] = digest
            employee.notice_preference = preference
        if language is not None and language != employee.language:
            Employee.objects.filter(pk=employee.pk).update(language=language)
            employee.language = language
            changed["language"] = language
        if changed:
            audit(
                "notifications.preference",
                actor=actor,
                actor_label=actor_label,
                employee=employee.pk,
                **changed,
            )
    if changed.get("digest") in (Digest.DAILY, Digest.WEEKLY):
        schedule_digest_run()
    return preference_dict(employee)


def language_remember(*, employee: Employee, language: str) -> bool:
    """Remember the language the employee picked in the header; True when it changed."""
    if not is_language(language) or language == employee.language:
        return False
    Employee.objects.filter(pk=employee.pk).update(language=language)
    employee.language = language
    return True
