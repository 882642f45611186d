"""``weakties vacancy create|import|list|close|open``: the organisation's vacancies.

Without ``--as`` the command acts as the operator of the installation; with
``--as EMAIL`` it has exactly that employee's permissions (the predicates of
:mod:`weakties.referrals.rules`): only recruiters and admins enter, import,
close and open vacancies, and colleagues list the open ones.
"""

from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.accounts.models import Employee, Organisation
from weakties.accounts.services.organisations import organisation_get
from weakties.cli.base import CommandError, WeaktiesCommand, acting_employee, add_acting_option
from weakties.core.errors import ServiceError
from weakties.referrals import rules, selectors
from weakties.referrals.models import Vacancy, VacancyStatus
from weakties.referrals.services.vacancies import (
    vacancies_import,
    vacancy_create,
    vacancy_dict,
    vacancy_set_status,
)


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Vacancies: enter one, import a CSV/XLSX sheet (English or Dutch headers), list, close or open."
    )

    def add_options(self, parser):
        parser.add_argument(
            "action",
            choices=["create", "import", "list", "close", "open"],
            help=gettext_lazy("create a vacancy, import a sheet, list, close or reopen one"),
        )
        parser.add_argument(
            "target", nargs="?", help=gettext_lazy("FILE (import) or vacancy ID (close, open)")
        )
        parser.add_argument("--org", help=gettext_lazy("the organisation's name"))
        parser.add_argument("--title", help=gettext_lazy("the vacancy's title (create)"))
        parser.add_argument("--description", default="", help=gettext_lazy("what the job is"))
        parser.add_argument("--location", default="", help=gettext_lazy("where the job is"))
        parser.add_argument("--level", default="", help=gettext_lazy("junior, medior, senior, …"))
        parser.add_argument("--closes", help=gettext_lazy("closing date, YYYY-MM-DD"))
        add_acting_option(parser)

    def _organisation(self, org: str | None, actor: Employee | None) -> Organisation:
        if actor is not None and not org:
            return actor.organisation
        return organisation_get(name=org)

    def _manage(self, organisation: Organisation, actor: Employee | None) -> None:
        if actor is not None and not rules.may_manage_vacancies(actor, organisation):
            raise CommandError(
                _("{email} is not a recruiter or admin of {org}").format(
                    email=actor.email, org=organisation.name
                )
            )

    def run(self, *, action, target, org, acting, **options):
        actor = acting_employee(acting)
        label = actor.email if actor else "cli"
        if action in ("close", "open"):
            return self._status(action, target, actor, label)
        organisation = self._organisation(org, actor)
        if action == "list":
            qs = (
                selectors.vacancies_for(actor, organisation)
                if actor is not None
                else Vacancy.objects.filter(organisation=organisation).select_related(
                    "organisation", "created_by"
                )
            )
            return [vacancy_dict(v) for v in qs]
        self._manage(organisation, actor)
        if action == "import":
            return self._import(target, organisation, actor, label)
        if not options.get("title"):
            raise CommandError(_("vacancy create needs --title"))
        v = vacancy_create(
            organisation=organisation,
            title=options["title"],
            description=options["description"],
            location=options["location"],
            level=options["level"],
            closes=options["closes"],
            source=str(Vacancy.Source.CLI),
            actor=actor,
            actor_label=label,
        )
        return vacancy_dict(v)

    def _import(self, target, organisation, actor, label):
        if not target:
            raise CommandError(_("vacancy import needs a FILE"))
        path = Path(target)
        if not path.is_file():
            raise ServiceError(_("{file}: no such file").format(file=target))
        created = vacancies_import(
            organisation=organisation, path=path, actor=actor, actor_label=label
        )
        return {
            "file": path.name,
            "organisation": organisation.name,
            "imported": len(created),
            "ids": [v.pk for v in created],
        }

    def _status(self, action, target, actor, label):
        v = (
            Vacancy.objects.select_related("organisation", "created_by")
            .filter(pk=int(target) if target and target.isdigit() else -1)
            .first()
        )
        if v is None or (actor is not None and not rules.may_see_vacancy(actor, v)):
            raise CommandError(_("no vacancy with id {id}").format(id=target))
        self._manage(v.organisation, actor)
        status = VacancyStatus.OPEN if action == "open" else VacancyStatus.CLOSED
        return vacancy_dict(vacancy_set_status(v, status=status, actor=actor, actor_label=label))

    def show(self, result):
        if isinstance(result, list):
            if not result:
                self.console.print(_("No vacancies."))
            for v in result:
                state = _("open") if v["open"] else _("closed")
                self.console.print(f"{v['id']:>5}  {v['title']}  ({v['location'] or '-'}; {state})")
        elif "imported" in result:
            self.console.print(
                _("{file}: imported {count} vacancies for {org}").format(
                    file=result["file"], count=result["imported"], org=result["organisation"]
                )
            )
        else:
            self.console.print(
                _("Vacancy {id}: {title} ({status})").format(
                    id=result["id"], title=result["title"], status=result["status"]
                )
            )
