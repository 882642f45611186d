"""Vacancy sheets: CSV and XLSX, Dutch or English headers, all or nothing, errors naming row and column."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import Workbook

from weakties.core.errors import ServiceError
from weakties.referrals.models import Vacancy
from weakties.referrals.services.vacancies import (
    VacancyImportError,
    vacancies_import,
    vacancy_create,
    vacancy_update,
)

pytestmark = pytest.mark.django_db


def _future(days: int = 60) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def test_a_dutch_sheet_with_semicolons_imports_every_row(orgs, tmp_path):
    brouwer, _kiwi = orgs
    closes = _future()
    path = tmp_path / "vacatures.csv"
    path.write_text(
        "Functie;Omschrijving;Standplaats;Niveau;Sluitingsdatum\n"
        f"Python developer;Backend in Django;Utrecht;medior;{closes:%d-%m-%Y}\n"
        "Verpleegkundige;;Den Bosch;mbo 4;\n",
        encoding="cp1252",
    )
    created = vacancies_import(organisation=brouwer, path=path)
    assert [(v.title, v.location, v.level, v.closes_on) for v in created] == [
        ("Python developer", "Utrecht", "medior", closes),
        ("Verpleegkundige", "Den Bosch", "mbo 4", None),
    ]
    assert created[0].description == "Backend in Django"
    assert {v.source for v in created} == {Vacancy.Source.IMPORT}


def test_an_english_workbook_imports(orgs, tmp_path):
    brouwer, _kiwi = orgs
    book = Workbook()
    sheet = book.active
    sheet.append(["Our vacancies, spring"])
    sheet.append(["Job title", "Description", "Location", "Level", "Closing date"])
    sheet.append(["Data engineer", "Pipelines", "Amsterdam", "senior", _future(30)])
    path = tmp_path / "vacancies.xlsx"
    book.save(path)
    (v,) = vacancies_import(organisation=brouwer, path=path)
    assert (v.title, v.location, v.level, v.closes_on) == (
        "Data engineer",
        "Amsterdam",
        "senior",
        _future(30),
    )


def test_a_broken_sheet_changes_nothing_and_names_row_and_column(orgs, tmp_path):
    brouwer, _kiwi = orgs
    before = Vacancy.objects.count()
    path = tmp_path / "vacatures.csv"
    path.write_text(
        "functie,locatie,sluitingsdatum\n"
        "Python developer,Utrecht,\n"
        ",Gent,\n"
        "Tester,Utrecht,32-13-2027\n"
        "Planner,Utrecht,01-01-2001\n"
    )
    with pytest.raises(VacancyImportError) as refused:
        vacancies_import(organisation=brouwer, path=path)
    assert Vacancy.objects.count() == before
    errors = [e["message"] for e in refused.value.errors]
    assert errors[0].startswith("line 3, column functie:")
    assert "line 4, column sluitingsdatum:" in errors[1] and "32-13-2027" in errors[1]
    assert "line 5, column sluitingsdatum:" in errors[2] and "in the past" in errors[2]
    assert "nothing was imported" in str(refused.value)


def test_the_errors_come_in_dutch_for_a_dutch_reader(orgs, tmp_path):
    from django.utils import translation

    brouwer, _kiwi = orgs
    path = tmp_path / "vacatures.csv"
    path.write_text("functie,locatie\n,Gent\n")
    with translation.override("nl"), pytest.raises(VacancyImportError) as refused:
        vacancies_import(organisation=brouwer, path=path)
    message = refused.value.errors[0]["message"]
    assert message.startswith("regel 2, kolom functie:"), message
    assert "niets geïmporteerd" in str(refused.value)


def test_a_sheet_without_a_title_column_says_which_columns_it_wants(orgs, tmp_path):
    brouwer, _kiwi = orgs
    path = tmp_path / "x.csv"
    path.write_text("naam,plaats\nJan,Utrecht\n")
    with pytest.raises(VacancyImportError) as refused:
        vacancies_import(organisation=brouwer, path=path)
    assert "no column for title" in str(refused.value)
    assert Vacancy.objects.count() == 0


def test_a_file_that_is_not_a_workbook_is_refused(orgs):
    brouwer, _kiwi = orgs
    with pytest.raises(VacancyImportError) as refused:
        vacancies_import(
            organisation=brouwer, path="v.xlsx", data=b"PK\x03\x04 not a zip", file_name="v.xlsx"
        )
    assert "XLSX" in str(refused.value)


def test_one_vacancy_is_checked_like_a_row(orgs):
    brouwer, _kiwi = orgs
    with pytest.raises(ServiceError, match="title: empty"):
        vacancy_create(organisation=brouwer, title="  ")
    with pytest.raises(ServiceError, match="closing date: .* is in the past"):
        vacancy_create(organisation=brouwer, title="Tester", closes="2001-01-01")
    v = vacancy_create(organisation=brouwer, title="Tester", closes=_future().isoformat())
    assert v.closes_on == _future()


def test_a_past_closing_date_may_stay_when_other_fields_change(orgs):
    brouwer, _kiwi = orgs
    v = vacancy_create(organisation=brouwer, title="Tester")
    Vacancy.objects.filter(pk=v.pk).update(closes_on=dt.date(2001, 1, 1))
    v.refresh_from_db()
    vacancy_update(v, title="Senior tester")
    v.refresh_from_db()
    assert (v.title, v.closes_on) == ("Senior tester", dt.date(2001, 1, 1))
    with pytest.raises(ServiceError):
        vacancy_update(v, closes=dt.date(2002, 1, 1))


def test_workbook_bytes_from_an_upload_import(orgs):
    brouwer, _kiwi = orgs
    book = Workbook()
    book.active.append(["Titel", "Regio"])
    book.active.append(["Monteur", "Gent"])
    data = io.BytesIO()
    book.save(data)
    (v,) = vacancies_import(
        organisation=brouwer, path="upload.xlsx", data=data.getvalue(), file_name="upload.xlsx"
    )
    assert (v.title, v.location) == ("Monteur", "Gent")
