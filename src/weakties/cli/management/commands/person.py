"""``weakties person find|export|erase``: privacy requests about one person."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.cli.base import CommandError, WeaktiesCommand
from weakties.people.services.privacy import person_erase, person_export, person_find


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Find a person by LinkedIn URL or email, export what is held about them, or erase them."
    )

    def add_options(self, parser):
        parser.add_argument(
            "action", choices=["find", "export", "erase"], help=gettext_lazy("what to do")
        )
        parser.add_argument(
            "target",
            help=gettext_lazy("a person id (export, erase) or a LinkedIn URL / email (find)"),
        )

    def run(self, *, action, target, **options):
        if action == "find":
            person = person_find(query=target, actor_label="cli")
            if person is None:
                raise CommandError(_("nobody with that LinkedIn URL or email is known"))
            return {
                "id": person.pk,
                "name": person.name,
                "company": person.company.name if person.company else "",
            }
        try:
            person_id = int(target)
        except ValueError:
            raise CommandError(
                _(
                    "{target} is not a person id; find it with `weakties person find URL_OR_EMAIL`"
                ).format(target=repr(target))
            ) from None
        if action == "export":
            return person_export(person_id=person_id, actor_label="cli")
        return person_erase(person_id=person_id, actor_label="cli")

    def show(self, result):
        if result.get("erased"):
            self.console.print(
                _(
                    "Person {id} erased: {ties} ties removed, {tombstones} identifiers kept as tombstones"
                ).format(
                    id=result["person"],
                    ties=result["ties_removed"],
                    tombstones=result["tombstones"],
                )
            )
        elif set(result) == {"id", "name", "company"}:
            company = (
                _(" at {company}").format(company=result["company"]) if result["company"] else ""
            )
            self.console.print(
                _("Person {id}: {name}{company}").format(
                    id=result["id"], name=result["name"], company=company
                )
            )
        else:
            self.console.print(result)
