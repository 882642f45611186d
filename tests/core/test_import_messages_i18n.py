"""Import problems are told in the reader's language: Dutch by default, English on request.

Reports (the CLI and API contract ``[{"line", "message"}]``) speak the active
language; a stored batch keeps the message as data too, so the import page
says it in the language of whoever looks at it.
"""

from __future__ import annotations

import ast
import gettext
import json
import string
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

import weakties
from tests.factories import DATA, acme, employee, login, meeting
from weakties.cli.main import main
from weakties.core.messages import error_entry, localize
from weakties.importers import Text
from weakties.meetings.services.help_requests import RequestImportError, help_requests_import
from weakties.people.models import ImportBatch
from weakties.people.services.directory import directory_import
from weakties.people.services.interactions import interactions_import
from weakties.people.services.network_import.importer import NetworkImporter

pytestmark = pytest.mark.django_db

BROKEN = DATA / "unquoted_comma_Connections.csv"  # a bad date no longer rejects a file
DUTCH = "regel 3 heeft 8 velden, maar de kopregel op regel 1 heeft er 7; waarschijnlijk bevat"
ENGLISH = "line 3 has 8 fields but the header on line 1 has 7; probably a value contains"
PACKAGE = Path(weakties.__file__).parent
CATALOGUE = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "django.mo"


def _import_broken() -> tuple:
    report = NetworkImporter().import_file(path=BROKEN, owner=employee("tom.jansen@acme.nl"))
    return report, ImportBatch.objects.get(pk=report.batch)


# -- reports ---------------------------------------------------------------------------------


def test_report_errors_are_dutch_and_still_name_the_line():
    acme(networks=False)
    with translation.override("nl"):
        report, _ = _import_broken()
    assert not report.ok
    (error,) = report.errors
    assert set(error) == {"line", "message"}  # the JSON contract is unchanged
    assert error["line"] == 3
    assert error["message"].startswith(DUTCH)
    assert json.loads(json.dumps(report.as_dict()))["errors"] == [error]


def test_report_errors_are_english_when_english_is_active():
    acme(networks=False)
    with translation.override("en"):
        report, _ = _import_broken()
    assert report.errors[0]["message"].startswith(ENGLISH)


def test_stored_batch_keeps_the_text_to_say_again_in_another_language():
    acme(networks=False)
    with translation.override("nl"):
        _, batch = _import_broken()
    (stored,) = batch.errors
    assert stored["line"] == 3 and stored["message"].startswith(DUTCH)
    assert stored["text"]["template"] == "line {line} {problem}."
    with translation.override("en"):
        assert localize(stored["text"]).startswith(ENGLISH)
    with translation.override("nl"):
        assert localize(stored["text"]) == stored["message"]


def test_the_command_line_speaks_the_configured_language(capsys, settings):
    acme(networks=False)
    for language, expected in (("nl", DUTCH), ("en", ENGLISH)):
        settings.LANGUAGE_CODE = language
        code = main(["import", str(BROKEN), "--owner", "tom.jansen@acme.nl", "--json"])
        out, _ = capsys.readouterr()
        assert code != 0
        assert json.loads(out)["errors"][0]["message"].startswith(expected)


def test_refused_file_is_dutch_in_report_and_batch(tmp_path):
    acme(networks=False)
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" * 20)
    with translation.override("nl"):
        report = NetworkImporter().import_file(path=pdf, owner=employee("tom.jansen@acme.nl"))
    assert report.errors[0]["message"].startswith("dit is een PDF-document; het lijkt niet op")
    stored = ImportBatch.objects.get(pk=report.batch).errors[0]
    assert stored["text"]["values"]["kind"]["template"] == "a PDF document"
    with translation.override("en"):
        assert localize(stored["text"]).startswith("this is a PDF document; it does not look like")


def test_directory_import_reports_in_dutch(tmp_path):
    acme(networks=False)
    bad = tmp_path / "directory.csv"
    bad.write_text("email,first_name,last_name\nnot-an-email,Kees,Kok\n", encoding="utf-8")
    with translation.override("nl"):
        report = directory_import(
            path=bad, organisation=employee("tom.jansen@acme.nl").organisation
        )
    assert report.errors == [
        {"line": 2, "message": "regel 2: 'not-an-email' is geen geldig e-mailadres."}
    ]


def test_mailbox_import_reports_in_dutch_and_keeps_the_text(tmp_path):
    acme(networks=False)
    cut = tmp_path / "Inbox"
    cut.write_text("From - Tue Dec 01 09:00:00 2026\nFrom: an@example.nl\nTo: bo@example.nl\n")
    with translation.override("nl"):
        report = interactions_import(path=cut, owner=employee("tom.jansen@acme.nl"))
    assert report.errors[0]["message"].startswith("het bestand houdt op midden in de kopregels")
    assert "text" not in report.errors[0]
    stored = ImportBatch.objects.get(pk=report.batch).errors[0]
    assert stored["line"] == 3 and stored["text"]["values"]["line"] == 1
    with translation.override("en"):
        assert localize(stored["text"]).startswith("the file ends inside the headers")


def test_help_request_sheet_refused_by_the_importers_is_dutch(tmp_path):
    sheet = tmp_path / "requests.csv"
    sheet.write_bytes(b"%PDF-1.7\n" * 5)
    regio = meeting(acme(networks=False))
    with translation.override("nl"), pytest.raises(RequestImportError) as caught:
        help_requests_import(meeting=regio, path=sheet)
    assert caught.value.errors[0]["message"].startswith("dit is een PDF-document")


# -- the web page ----------------------------------------------------------------------------


def _upload_broken(client) -> ImportBatch:
    upload = SimpleUploadedFile("Connections.csv", BROKEN.read_bytes())
    html = client.post(
        reverse("import"), {"file": upload, "consent": "on", "format": "auto"}, follow=True
    ).content.decode()
    assert 'data-status="failed"' in html
    assert "regel 3 heeft 8 velden, maar de kopregel op regel 1 heeft er 7" in html
    return ImportBatch.objects.get(owner__email="tom.jansen@acme.nl")


def test_status_page_is_dutch_for_a_dutch_viewer_and_english_on_request(client):
    acme(networks=False)
    login(client, "tom.jansen@acme.nl")
    batch = _upload_broken(client)
    page = reverse("import_status", args=[batch.pk])

    dutch = client.get(page).content.decode()
    assert "heeft 8 velden" in dutch and "has 8 fields" not in dutch

    english = client.get(page, headers={"accept-language": "en"}).content.decode()
    assert "line 3 has 8 fields but the header on line 1 has 7" in english
    assert "heeft 8 velden" not in english


def test_status_page_follows_the_chosen_language(client):
    acme(networks=False)
    login(client, "tom.jansen@acme.nl")
    batch = _upload_broken(client)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get(reverse("import_status", args=[batch.pk]), headers={"hx-request": "true"})
    assert "has 8 fields" in html.content.decode()


def test_status_page_shows_an_old_message_without_text_as_it_was(client):
    acme(networks=False)
    login(client, "tom.jansen@acme.nl")
    batch = _upload_broken(client)
    batch.errors = [{"line": 3, "message": "an old English message"}]
    batch.save()
    assert (
        "an old English message"
        in client.get(reverse("import_status", args=[batch.pk])).content.decode()
    )


# -- localize itself -------------------------------------------------------------------------


def test_localize_takes_texts_their_data_and_plain_strings():
    message = Text(
        "line {line} {problem}.",
        line=4,
        problem=Text(
            "has {count} fields but the header on line {header_line} has {width}; probably a value contains a {delimiter} without being quoted",
            count=9,
            header_line=1,
            width=7,
            delimiter=Text("semicolon"),
        ),
    )
    with translation.override("nl"):
        said = localize(message)
        assert said == (
            "regel 4 heeft 9 velden, maar de kopregel op regel 1 heeft er 7; waarschijnlijk "
            "bevat een waarde een puntkomma zonder aanhalingstekens."
        )
        assert localize(message.as_data()) == said
        assert localize("not a Text") == "not a Text"
        assert localize(None) == ""
    with translation.override("en"):
        assert localize(message) == str(message)


def test_a_translation_that_does_not_fit_its_values_falls_back_to_english():
    # Stored data whose values lack what the template names: no error, the English template.
    data = {"template": "line {line} {problem}.", "values": {"line": 4}}
    with translation.override("nl"):
        assert localize(data) == "line {line} {problem}."
    # A value of the wrong kind for its format spec: the same.
    data = Text(
        "line {line} has {count:,} fields; a contacts export has at most {limit}. Check that this is the right file.",
        line=2,
        count=600,
        limit=500,
    ).as_data()
    data["values"]["count"] = "many"
    with translation.override("nl"):
        assert "{count:,}" in localize(data)


def test_error_entry_keeps_the_text_only_when_asked():
    message = Text("line {line} has no e-mail address; every employee needs one.", line=5)
    with translation.override("nl"):
        assert error_entry(5, message) == {
            "line": 5,
            "message": "regel 5 heeft geen e-mailadres; elke medewerker heeft er een nodig.",
        }
        kept = error_entry(5, message, keep_text=True)
    assert kept["text"] == message.as_data()
    assert "text" not in error_entry(None, "plain", keep_text=True)


# -- the catalogue ---------------------------------------------------------------------------


def _templates() -> set[str]:
    """Every message template the importers (and the network import service) mark."""
    sources = [
        *sorted((PACKAGE / "importers").glob("*.py")),
        *sorted((PACKAGE / "people" / "services" / "network_import").glob("*.py")),
    ]
    found = set()
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "gettext_noop":
                found.add(node.args[0].value)
    return found


class _Missing(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return ""


def _fields(template: str) -> set[tuple]:
    """The placeholders with their format specs (a translation may name one twice)."""
    return {
        (f, spec, conv) for _, f, spec, conv in string.Formatter().parse(template) if f is not None
    }


def test_every_importer_message_has_a_dutch_translation_with_the_same_placeholders():
    templates = _templates()
    assert len(templates) > 90
    with open(CATALOGUE, "rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    catalogue.add_fallback(_Missing())
    for template in templates:
        dutch = catalogue.gettext(template)
        assert dutch, f"no Dutch for {template!r}"
        assert _fields(dutch) == _fields(template), template


def test_django_uses_the_compiled_catalogue():
    with translation.override("nl"):
        assert translation.gettext("a contacts export") == "een contactenexport"
        assert translation.gettext("comma") == "komma"
