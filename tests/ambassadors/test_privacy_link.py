"""The invitation's landing page links the privacy page next to the consent box (issue 12)."""

from __future__ import annotations

import pytest

from weakties.ambassadors.models import Invitation

from .test_funnel import campaign, page_of  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_the_consent_form_links_the_privacy_page(campaign, client):  # noqa: F811
    invitation = Invitation.objects.filter(campaign=campaign).first()
    html = client.get(page_of(invitation)).content.decode()  # in the invitee's language, Dutch
    form = html[
        html.index('id="consent-form"') : html.index("</form>", html.index('id="consent-form"'))
    ]
    assert 'class="muted consent-privacy"' in form and 'href="/privacy/"' in form
    assert "de mensen in je netwerk" in form and "de privacypagina" in form
