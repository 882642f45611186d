"""``weakties intro (--company NAME | --person URL_OR_EMAIL | --role TEXT) [--purpose job|sales|info] [--limit N | --all] --json``."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rich.table import Table

from weakties.accounts.services.organisations import organisation_get
from weakties.cli.base import WeaktiesCommand, add_page_options, page_limit, show_count
from weakties.insights.services.introductions import INTRO_PURPOSES, introductions


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Who can introduce you to a company, a person or a role: ranked, with reasons."
    )

    def add_options(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument(
            "--company", help=gettext_lazy("a company name (normalised: 'Stripe, Inc.' = 'Stripe')")
        )
        target.add_argument("--person", help=gettext_lazy("a LinkedIn URL or an email address"))
        target.add_argument(
            "--role", help=gettext_lazy("a role in free text, matched against contacts' positions")
        )
        parser.add_argument(
            "--purpose",
            choices=INTRO_PURPOSES,
            default="info",
            help=gettext_lazy(
                "job leads and information prefer moderately weak ties, sales strong ones"
            ),
        )
        add_page_options(parser, default=20)
        parser.add_argument(
            "--org", help=gettext_lazy("the organisation (needed when there are several)")
        )

    def run(self, *, company, person, role, purpose, limit, all, org, **options):
        page = introductions(
            organisation=organisation_get(name=org),
            company=company,
            person=person,
            role=role,
            purpose=purpose,
            limit=page_limit(limit, every=all),
            actor_label="cli",
        )
        self.total = page.total
        return page.rows

    def show(self, rows):
        if not rows:
            self.console.print(_("Nobody who shares their network knows a fitting contact yet."))
            return
        table = Table("#", _("introducer"), _("contact"), _("tier"), _("score"), _("why"))
        for i, r in enumerate(rows, 1):
            c = r["contact"]
            table.add_row(
                str(i),
                r["introducer"],
                f"{c['name']}\n{c['position']} · {c['company']}",
                r["tier"],
                f"{r['score']:.3f}",
                r["why"],
            )
        self.console.print(table)
        show_count(self.console, shown=len(rows), total=self.total)
