"""``weakties refer --vacancy ID [--limit N] [--ask] [--as EMAIL] [--json]``: who may fit, and who knows them.

Looks up, now, the contacts in consenting colleagues' networks who may fit
the vacancy (the matching engine × the purpose-aware tie ranking: moderately
weak ties first, Rajkumar et al. 2022), stores them for the pages, and
prints them best first as
``[{"employee", "contact": {"id", "name", "company", "position"}, "score", "why"}]``:
never an email or a phone.  ``--ask`` then asks the colleagues who know them
("is this something for your contact?"), at most as often as
``WEAKTIES_REFERRAL_ASK_DAYS`` allows.  With ``--as EMAIL`` only a recruiter
or admin of the vacancy's organisation may do this.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rich.table import Table

from weakties.cli.base import CommandError, WeaktiesCommand, acting_employee, add_acting_option
from weakties.referrals import rules, selectors
from weakties.referrals.models import Vacancy
from weakties.referrals.services.asks import asks_send
from weakties.referrals.services.candidates import KEEP, candidates_refresh


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Contacts in colleagues' networks who may fit a vacancy, best first, with reasons."
    )

    def add_options(self, parser):
        parser.add_argument("--vacancy", required=True, type=int, help=gettext_lazy("vacancy id"))
        parser.add_argument(
            "--limit", type=int, default=20, help=gettext_lazy("the best N (default %(default)s)")
        )
        parser.add_argument(
            "--ask",
            action="store_true",
            help=gettext_lazy(
                'then ask the colleagues who know them: "is this something for your contact?"'
            ),
        )
        add_acting_option(parser)

    def run(self, *, vacancy, limit, ask, acting, **options):
        actor = acting_employee(acting)
        label = actor.email if actor else "cli"
        if limit < 1:
            raise CommandError(_("--limit must be at least 1"))
        v = Vacancy.objects.select_related("organisation").filter(pk=vacancy).first()
        if v is None or (actor is not None and not rules.may_see_vacancy(actor, v)):
            raise CommandError(_("no vacancy with id {id}").format(id=vacancy))
        if actor is not None and not rules.may_see_candidates(actor, v):
            raise CommandError(
                _("{email} is not a recruiter or admin of {org}").format(
                    email=actor.email, org=v.organisation.name
                )
            )
        candidates_refresh(vacancies=[v], keep=max(limit, KEEP), actor=actor, actor_label=label)
        self.asked = asks_send(vacancy=v, actor=actor, actor_label=label) if ask else None
        return [
            {
                "employee": r["employee"],
                "contact": r["contact"],
                "score": r["score"],
                "why": r["why"],
            }
            for r in selectors.candidate_rows(v, limit=limit)
        ]

    def show(self, rows):
        if not rows:
            self.console.print(_("No contact in the shared networks fits this vacancy yet."))
        else:
            table = Table("#", _("colleague"), _("contact"), _("score"), _("why"))
            for i, r in enumerate(rows, 1):
                c = r["contact"]
                table.add_row(
                    str(i),
                    r["employee"],
                    f"{c['name']}\n{c['position']} · {c['company']}",
                    f"{r['score']:.3f}",
                    r["why"],
                )
            self.console.print(table)
        if self.asked is not None:
            self.console.print(
                _("{asked} colleagues asked; {waiting} were asked recently and wait.").format(
                    asked=self.asked["asked"], waiting=self.asked["waiting"]
                )
            )
