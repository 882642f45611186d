"""``weakties person find|export|erase``: privacy requests about one person."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.cli.base import CommandError, WeaktiesCommand, acting_employee, add_acting_option
from weakties.people.services.privacy import person_find
from weakties.privacy import rules
from weakties.privacy.services.erasure import subject_erase
from weakties.privacy.services.exports import subject_export
from weakties.privacy.services.subjects import subject_of


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
            help=gettext_lazy("a person id, or a LinkedIn URL / email"),
        )
        parser.add_argument(
            "--also",
            default="",
            metavar="EMAIL_OR_URL",
            help=gettext_lazy(
                "the other identifier (export, erase): a contact kept only as a digest of their "
                "LinkedIn URL is not always found by their email address alone"
            ),
        )
        add_acting_option(
            parser,
            help=gettext_lazy(
                "act as this admin: only people their organisation holds something about"
            ),
        )

    def run(self, *, action, target, also="", acting=None, **options):
        me = acting_employee(acting, active=False)
        if me is not None and not rules.may_handle_privacy(me):
            raise CommandError(_("{email} is not an admin").format(email=acting))
        if action == "find":
            person = person_find(query=target, actor_label=acting or "cli")
            if person is not None and me is not None:
                if not rules.may_handle_subject(me, subject_of(person_id=person.pk)):
                    person = None
            if person is None:
                raise CommandError(_("nobody with that LinkedIn URL or email is known"))
            return {
                "id": person.pk,
                "name": person.name,
                "company": person.company.name if person.company else "",
            }
        subject = (
            subject_of(also, person_id=int(target))
            if target.isdigit()
            else subject_of(target, also)
        )
        if me is not None and not rules.may_handle_subject(me, subject):
            raise CommandError(_("nobody with that LinkedIn URL or email is known"))
        label = acting or "cli"
        if action == "export":
            return subject_export(
                subject=subject, organisation=rules.scope_of(me), actor_label=label
            )
        return subject_erase(subject=subject, actor_label=label)

    def show(self, result):
        if result.get("erased"):
            self.console.print(
                _(
                    "Person {id} erased: {ties} ties removed, {tombstones} identifiers kept as tombstones"
                ).format(
                    id=result["person"] or "—",
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
