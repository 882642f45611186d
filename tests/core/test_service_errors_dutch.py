"""Service errors are told in the reader's language: Dutch by default, English on request.

The message is built when the error is raised, so it is in the active
language: the CLI's configured language, the web or API request's language.
"""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.factories import acme, employee, meeting
from weakties.accounts.models import ApiToken
from weakties.accounts.services.organisations import organisation_create, organisation_get
from weakties.cli.main import main
from weakties.core.errors import ServiceError
from weakties.meetings.services.help_requests import RequestImportError, help_requests_import

pytestmark = pytest.mark.django_db

BAD_SHEET = b"kind,title,count\nvacancy,,1\nvacancy,Developer,none\n"


def _error(language: str, call, *args, **kwargs) -> str:
    with translation.override(language), pytest.raises(ServiceError) as info:
        call(*args, **kwargs)
    return str(info.value)


def test_organisation_errors_in_dutch_and_english():
    acme(networks=False)
    assert _error("nl", organisation_create, name=" ") == "een organisatie heeft een naam nodig"
    assert _error("en", organisation_create, name=" ") == "an organisation needs a name"
    assert _error("nl", organisation_create, name="Acme BV") == "organisatie 'Acme BV' bestaat al"
    assert (
        _error("en", organisation_create, name="Acme BV") == "organisation 'Acme BV' already exists"
    )
    organisation_create(name="Globex")
    assert (
        _error("nl", organisation_get, name=None)
        == "er zijn meerdere organisaties; geef met --org NAAM aan welke"
    )
    assert (
        _error("en", organisation_get, name=None)
        == "there are several organisations; say which with --org NAME"
    )


def test_help_request_sheet_errors_in_dutch_and_english():
    regio = meeting(acme(networks=False))
    for language in ("nl", "en"):
        with translation.override(language), pytest.raises(RequestImportError) as info:
            help_requests_import(meeting=regio, path="requests.csv", data=BAD_SHEET)
        messages = [(e["line"], e["message"]) for e in info.value.errors]
        if language == "nl":
            assert messages == [
                (
                    2,
                    "de titel is leeg; zeg in een paar woorden wat er gevraagd of aangeboden wordt",
                ),
                (3, "aantal 'none' is geen geheel getal"),
            ]
            assert str(info.value).startswith("requests.csv: regel 2: de titel is leeg")
            assert str(info.value).endswith("; er is niets geïmporteerd")
        else:
            assert messages == [
                (2, "title is empty; say in a few words what is asked or offered"),
                (3, "count 'none' is not a whole number"),
            ]
            assert str(info.value).startswith("requests.csv: line 2: title is empty")
            assert str(info.value).endswith("; nothing was imported")


def test_cli_error_in_dutch(capsys, settings):
    settings.LANGUAGE_CODE = "nl"
    acme(networks=False)
    assert main(["org", "create", "Acme BV"]) != 0
    err = capsys.readouterr().err
    assert "organisatie 'Acme BV' bestaat al" in err
    assert "already exists" not in err


def _token(email: str) -> str:
    from django.contrib.auth import get_user_model

    e = employee(email)
    e.user = get_user_model().objects.create_user(username=email, password="x-Passw0rd-x")
    e.save()
    _, key = ApiToken.issue(e.user, "test")
    return key


def test_api_error_in_the_request_language(client):
    acme()
    key = _token("tom.jansen@acme.nl")
    for language, message in (("nl", "mag niet leeg zijn"), ("en", "must not be empty")):
        response = client.get(
            "/api/who-knows",
            {"company": " "},
            headers={"Authorization": f"Bearer {key}", "Accept-Language": language},
        )
        assert response.status_code == 422
        # The schema says it (issue 12 §5): a malformed value, named by place, in their language.
        assert response.json()["detail"][0]["loc"] == ["query", "company"]
        assert response.json()["detail"][0]["msg"] == message
