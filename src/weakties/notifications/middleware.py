"""Pages in the signed-in employee's own language, remembered across devices and sessions.

``RememberedLanguageMiddleware`` sits after ``AuthenticationMiddleware`` (and so
after ``LocaleMiddleware``, which picked a language from the cookie or the
browser).  For a signed-in employee:

* with a remembered language (``Employee.language``), that language wins for
  the request: the pages, and the emails sent in it, are the same everywhere;
* switching language with the header's switcher (Django's ``set_language``,
  ``POST /i18n/setlang/``) remembers the choice;
* an employee with no remembered language who chose one before signing in
  (the language cookie) gets that one remembered.

It costs nothing extra: ``request.user.employee`` is the one look-up the
page's menu makes anyway (Django caches it on the user).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from weakties.accounts.rules import employee_of
from weakties.notifications.language import is_language
from weakties.notifications.services.preferences import language_remember

__all__ = ["RememberedLanguageMiddleware"]


class RememberedLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        employee = employee_of(getattr(request, "user", None))
        if employee is not None:
            self._use(request, employee)
        response = self.get_response(request)
        if employee is not None and _switched_language(request, response):
            language_remember(employee=employee, language=request.POST.get("language", ""))
        return response

    @staticmethod
    def _use(request, employee) -> None:
        language = employee.language
        if not is_language(language):
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
            if not language_remember(employee=employee, language=chosen):
                return
            language = chosen
        translation.activate(language)
        request.LANGUAGE_CODE = language


def _switched_language(request, response) -> bool:
    """A successful POST to Django's ``set_language`` view (it answers with a redirect or 204)."""
    match = getattr(request, "resolver_match", None)
    return (
        request.method == "POST"
        and match is not None
        and match.url_name == "set_language"
        and response.status_code in (204, 302)
    )
