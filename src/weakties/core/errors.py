"""The one error a use case raises for people (HackSoft styleguide: services raise domain errors).

The edges turn it into a message: the web into a form error or a page
message, the API into a 422 answer (one exception handler in
:mod:`weakties.api.routes`), the CLI into a red line and exit code 1.
"""

from __future__ import annotations

__all__ = ["ServiceError"]


class ServiceError(Exception):
    """A problem a person can fix; the message says what and how."""
