"""``weakties analyze [--org NAME] [--json]``: recompute every network analytic and store it."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from weakties.accounts.services.organisations import organisation_get
from weakties.cli.base import WeaktiesCommand
from weakties.core.errors import ServiceError
from weakties.insights.services.analytics import analytics_refresh
from weakties.network.analysis import STEPS
from weakties.people.strength import strength_weights


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Recompute tie strength, reach, brokers, diversity and typology, and store them."
    )

    def add_options(self, parser):
        parser.add_argument(
            "--org", help=gettext_lazy("the organisation (needed when there are several)")
        )
        parser.add_argument(
            "--weight",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help=gettext_lazy("a tie-strength weight or scale, e.g. rating=4 (repeatable)"),
        )

    def run(self, *, org, weight, **options):
        organisation = organisation_get(name=org)
        weights = {}
        for item in weight:
            name, sep, value = item.partition("=")
            if not sep:
                raise ServiceError(
                    _("--weight {item}: write NAME=VALUE, e.g. rating=4").format(item=repr(item))
                )
            weights[name.strip()] = value.strip()
        strength_weights(overrides=weights)  # check before the work starts
        if not self.show_progress:
            run = analytics_refresh(organisation=organisation, weights=weights)
        else:
            columns = (TextColumn("{task.description:<18}"), BarColumn(), TimeElapsedColumn())
            with Progress(*columns, console=self.err, transient=True) as bar:
                task = bar.add_task("load", total=len(STEPS) + 2)

                def progress(step, done, total):
                    bar.update(task, description=step, advance=1 if done else 0)

                run = analytics_refresh(
                    organisation=organisation, progress=progress, weights=weights
                )
        figures = run.figures
        return {
            "run": run.id,
            "organisation": organisation.name,
            "employees": figures["employees"],
            "employees_sharing": figures["employees_sharing"],
            "ties": figures["ties"],
            "people_reached": figures["people_reached"],
            "tiers": figures["tiers"],
            "types": figures["types"],
            "betweenness": figures["betweenness"],
            "seconds": figures["seconds"],
        }

    def show(self, r):
        total = sum(r["seconds"].values())
        self.console.print(
            _(
                "Analysed {employees} employees ({sharing} sharing), "
                "{ties:,} ties, {people:,} people reached in {seconds:.1f} s."
            ).format(
                employees=r["employees"],
                sharing=r["employees_sharing"],
                ties=r["ties"],
                people=r["people_reached"],
                seconds=total,
            )
        )
        tiers = ", ".join(f"{k} {v:,}" for k, v in r["tiers"].items())
        self.console.print(_("Ties by tier: {tiers}").format(tiers=tiers))
        types = ", ".join(f"{k} {v}" for k, v in r["types"].items())
        self.console.print(_("Types: {types}").format(types=types))
