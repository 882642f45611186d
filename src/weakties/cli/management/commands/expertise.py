"""``weakties expertise``: find colleagues by what they know and whom they know (issue 10).

::

    weakties expertise --query TEXT [--company NAME] [--sector S] [--region R]
                       [--limit N] [--org NAME] [--as EMAIL] [--json]
    weakties expertise --reindex [--org NAME] [--json]

``--json`` prints ``[{"employee": {"id", "name", "department", "job_title"},
"score", "why": [...]}]`` best first.  With ``--as`` the search runs as that
employee, with their permissions (every active employee may search their own
organisation; they are left out of their own results); without it, as the
operator, in ``--org`` (or the only organisation).  ``--reindex`` rebuilds the
finder's indexes (terms of profiles and titles, whom employees know) of the
organisation, for instance after restoring a database, a chunk of employees at
a time; run again after it was killed, it continues where the killed one got
to (:func:`~weakties.expertise.services.index.index_rebuild`).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rich.table import Table

from weakties.accounts.services.organisations import organisation_get
from weakties.cli.base import CommandError, WeaktiesCommand, acting_employee, add_acting_option
from weakties.expertise import rules
from weakties.expertise.selectors.finder import expertise_search
from weakties.expertise.services.index import index_rebuild


class Command(WeaktiesCommand):
    help = gettext_lazy("Find colleagues by skill, focus topic, job, or whom they know.")

    def add_options(self, parser):
        parser.add_argument("--query", "-q", default="", help=gettext_lazy("what to look for"))
        parser.add_argument("--company", help=gettext_lazy("who knows people at this company"))
        parser.add_argument("--sector", help=gettext_lazy("who knows people in this sector"))
        parser.add_argument("--region", help=gettext_lazy("who knows people in this region"))
        parser.add_argument(
            "--limit", type=int, default=20, help=gettext_lazy("the best N (default %(default)s)")
        )
        parser.add_argument("--org", help=gettext_lazy("the organisation (when there are several)"))
        add_acting_option(
            parser, help=gettext_lazy("search as this employee, with their permissions")
        )
        parser.add_argument(
            "--reindex", action="store_true", help=gettext_lazy("rebuild the finder's indexes")
        )

    def run(self, *, query, company, sector, region, limit, org, acting, reindex, **options):
        organisation = organisation_get(name=org) if org or not acting else None
        if reindex:
            if acting:
                raise CommandError(_("--reindex is for the operator, not --as an employee"))
            return index_rebuild(organisation=organisation)
        me = acting_employee(acting, organisation=organisation, active=False)
        if me is not None:
            if not rules.may_use_finder(me):
                raise CommandError(
                    _("%(email)s may not search colleagues (not an active employee)")
                    % {"email": acting}
                )
            organisation = me.organisation
        hits = expertise_search(
            organisation=organisation,
            query=query,
            company=company,
            sector=sector,
            region=region,
            searcher=me,
            actor_label=acting or "cli",
            limit=limit,
        )
        return [h.as_dict() for h in hits]

    def show(self, result):
        if isinstance(result, dict):
            self.console.print(
                _("Indexed {employees} employees; {rows} company rows of whom they know.").format(
                    employees=result["employees"], rows=result["company_rows"]
                )
            )
            return
        if not result:
            self.console.print(_("No colleague matches yet."))
            return
        table = Table(_("colleague"), _("job title"), _("department"), _("why"), _("score"))
        for r in result:
            e = r["employee"]
            table.add_row(
                e["name"], e["job_title"], e["department"], "; ".join(r["why"]), f"{r['score']:.2f}"
            )
        self.console.print(table)
