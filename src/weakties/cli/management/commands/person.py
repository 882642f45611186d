"""``weakties person find|export|erase``: privacy requests about one person."""

from weakties.cli.base import CommandError, WeaktiesCommand
from weakties.services.people import erase_person, export_person, find_person


class Command(WeaktiesCommand):
    help = "Find a person by LinkedIn URL or email, export what is held about them, or erase them."

    def add_options(self, parser):
        parser.add_argument("action", choices=["find", "export", "erase"])
        parser.add_argument("target", help="a person id (export, erase) or a LinkedIn URL / email (find)")

    def run(self, *, action, target, **options):
        if action == "find":
            person = find_person(target, actor_label="cli")
            if person is None:
                raise CommandError("nobody with that LinkedIn URL or email is known")
            return {"id": person.pk, "name": person.name, "company": person.company.name if person.company else ""}
        try:
            person_id = int(target)
        except ValueError:
            raise CommandError(f"{target!r} is not a person id; find it with `weakties person find URL_OR_EMAIL`") from None
        if action == "export":
            return export_person(person_id, actor_label="cli")
        return erase_person(person_id, actor_label="cli")
