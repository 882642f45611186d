"""``weakties targets``: a target list's paths through the organisation and its coverage (issue 10).

::

    weakties targets --file FILE [--as EMAIL] [--org NAME] [--purpose sales|job|info]
                     [--save NAME] [--watch] [--paths N] [--json]
    weakties targets --list ID --as EMAIL [--json]
    weakties targets --lists --as EMAIL [--json]

``FILE`` holds one company name or LinkedIn profile URL per line, or is a CSV
or XLSX with a company or LinkedIn column (Dutch or English header).  The
answer (``--json``) is ``{"id", "name", "purpose", "watched", "summary":
{"targets", "found", "with_path", "strong", "weak", "none",
"top_introducers": [{"employee", "targets", "strong_targets"}]}, "targets":
[{"id", "line", "kind", "name", "position", "company", "found", "status",
"people", "introducers", "strong", "paths": [{"employee", "strong"}]}]}``;
``employee`` is ``{"id", "name", "department", "job_title"}``.  ``status`` is
``strong`` (a colleague holds a strong tie there), ``weak`` (weaker ties only)
or ``none``.  No contact's details, ever.

``--as`` acts as that employee, with their permissions: target lists are for
sales people, recruiters and admins.  ``--save NAME`` stores the list as
theirs (``--watch``: they are told when an import creates a new path to one
of its targets); ``--list ID`` shows a stored list, ``--lists`` their lists.
Without ``--as`` the operator gets the coverage of a file for ``--org``,
stored nowhere.
"""

from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from rich.table import Table

from weakties.accounts.services.organisations import organisation_get
from weakties.cli.base import CommandError, WeaktiesCommand, acting_employee, add_acting_option
from weakties.expertise import rules
from weakties.expertise.models import TargetList
from weakties.expertise.selectors.coverage import coverage, specs_from_lines, specs_of
from weakties.expertise.selectors.lists import visible_lists
from weakties.expertise.services.target_lists import target_lines, target_list_create

STATUS_TEXT = {
    "strong": gettext_noop("strong"),
    "weak": gettext_noop("weaker"),
    "none": gettext_noop("none yet"),
}


class Command(WeaktiesCommand):
    help = gettext_lazy("Paths to a list of target companies or people, and its coverage.")

    def add_options(self, parser):
        what = parser.add_mutually_exclusive_group(required=True)
        what.add_argument("--file", type=Path, help=gettext_lazy("the targets (text, CSV, XLSX)"))
        what.add_argument("--list", dest="list_id", type=int, help=gettext_lazy("a stored list"))
        what.add_argument("--lists", action="store_true", help=gettext_lazy("the stored lists"))
        add_acting_option(parser)
        parser.add_argument("--org", help=gettext_lazy("the organisation (when there are several)"))
        parser.add_argument(
            "--purpose",
            choices=TargetList.Purpose.values,
            default=TargetList.Purpose.SALES,
            help=gettext_lazy(
                "what the paths are for: sales prefers strong ties, job and info weaker"
            ),
        )
        parser.add_argument(
            "--save", metavar="NAME", help=gettext_lazy("store the list by this name")
        )
        parser.add_argument(
            "--watch",
            action="store_true",
            help=gettext_lazy("tell me about new paths (with --save)"),
        )
        parser.add_argument(
            "--paths", type=int, default=3, help=gettext_lazy("introducers per target (default 3)")
        )

    def _acting(self, acting, org):
        organisation = organisation_get(name=org) if org else None
        me = acting_employee(acting, organisation=organisation, active=False)
        if me is None:
            return None
        if not rules.may_use_target_lists(me):
            raise CommandError(
                _("%(email)s may not use target lists (sales, recruiters and admins may)")
                % {"email": acting}
            )
        return me

    def run(self, *, file, list_id, lists, acting, org, purpose, save, watch, paths, **options):
        me = self._acting(acting, org)
        if (list_id or lists or save) and me is None:
            raise CommandError(_("--list, --lists and --save act for an employee: add --as EMAIL"))
        if watch and not save:
            raise CommandError(_("--watch watches a stored list: add --save NAME"))
        if lists:
            return [
                {"id": t.pk, "name": t.name, "purpose": t.purpose, "watched": t.watched,
                 "owner": t.owner.email}
                for t in visible_lists(me)
            ]  # fmt: skip
        if list_id:
            found = TargetList.objects.filter(pk=list_id).first()
            if found is None or not rules.may_see_target_list(me, found):
                raise CommandError(_("no target list %(id)d of yours") % {"id": list_id})
            return self._answer(found, me, paths)
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("cannot read %(file)s: %(error)s") % {"file": file, "error": exc.strerror}
            ) from None
        lines = target_lines(data=data, file_name=file.name)
        if save:
            created = target_list_create(
                owner=me, name=save, lines=lines, purpose=purpose, watched=watch
            )
            return self._answer(created, me, paths)
        organisation = me.organisation if me else organisation_get(name=org)
        result = coverage(
            organisation=organisation, targets=specs_from_lines(lines), paths=paths, show_urls=True
        )
        return {"id": None, "name": "", "purpose": purpose, "watched": False, **result}

    def _answer(self, found, me, paths):
        result = coverage(
            organisation=found.organisation,
            targets=specs_of(found),
            paths=paths,
            show_urls=rules.may_change_target_list(me, found),
        )
        return {
            "id": found.pk, "name": found.name, "purpose": found.purpose,
            "watched": found.watched, **result,
        }  # fmt: skip

    def show(self, result):
        if isinstance(result, list):
            for t in result:
                self.console.print(f"{t['id']:>5}  {t['name']}  ({t['owner']})")
            return
        s = result["summary"]
        self.console.print(
            _(
                "{with_path} of {targets} targets have a path: {strong} through a strong tie, "
                "{weak} through weaker ties only; {none} have none yet."
            ).format(**s)
        )
        table = Table(_("target"), _("path"), _("colleagues"), _("best introducers"))
        for t in result["targets"]:
            name = t["name"] or t.get("url") or _("a person (line {line})").format(line=t["line"])
            best = ", ".join(
                p["employee"]["name"] + (" ✓" if p["strong"] else "") for p in t["paths"]
            )
            table.add_row(name, _(STATUS_TEXT[t["status"]]), str(t["introducers"]), best)
        self.console.print(table)
        if result.get("id"):
            self.console.print(_("Stored as list {id}.").format(id=result["id"]))
