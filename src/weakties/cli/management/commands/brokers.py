"""``weakties brokers [--org NAME] [--limit N] --json``: network position of every employee."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rich.table import Table

from weakties.accounts.services.organisations import organisation_get
from weakties.cli.base import WeaktiesCommand
from weakties.core.errors import ServiceError
from weakties.insights.selectors import stored_run
from weakties.insights.services.analytics import employee_rows


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Brokers: constraint, effective size, betweenness, brokerage roles, unique reach, type."
    )

    def add_options(self, parser):
        parser.add_argument(
            "--org", help=gettext_lazy("the organisation (needed when there are several)")
        )
        parser.add_argument("--limit", type=int, help=gettext_lazy("only the best N brokers"))

    def run(self, *, org, limit, **options):
        organisation = organisation_get(name=org)
        run = stored_run(organisation=organisation)
        if run is None:
            raise ServiceError(
                _("no analysis of {organisation} yet: run `weakties analyze` first").format(
                    organisation=organisation.name
                )
            )
        return employee_rows(run=run, limit=limit)

    def show(self, rows):
        table = Table(
            _("employee"),
            _("degree"),
            _("constraint"),
            _("hierarchy"),
            _("eff. size"),
            _("betweenness"),
            _("roles"),
            _("unique reach"),
            _("type"),
        )
        for r in rows:
            z = r.get("roles_z") or {}
            # Highest Gould & Fernandez z-score first: above chance, not just many contacts.
            held = sorted(
                ((k, v) for k, v in r["roles"].items() if v),
                key=lambda kv: -(z.get(kv[0]) if z.get(kv[0]) is not None else -1e9),
            )
            roles = ", ".join(
                f"{k} {v}" + (f" (z {z[k]:.1f})" if z.get(k) is not None else "") for k, v in held
            )
            table.add_row(
                r["employee"],
                str(r["degree"]),
                "–" if r["constraint"] is None else f"{r['constraint']:.3f}",
                "–" if r.get("hierarchy") is None else f"{r['hierarchy']:.2f}",
                "–" if r["effective_size"] is None else f"{r['effective_size']:.1f}",
                f"{r['betweenness']:.1f}",
                roles,
                str(r["unique_reach"]),
                r["type"],
            )
        self.console.print(table)
