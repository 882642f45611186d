"""``weakties analyze [--org NAME] [--engine embedded|spark] [--calibrate] [--json]``: recompute
and store.

``--calibrate`` stores nothing: it fits the tie-strength weights to the organisation's own
outcomes (accepted and declined introductions, ratings, referrals that ended) by logistic
regression and prints the fitted weights, the AUC and how many outcomes of each kind they rest
on, or says why the hand weights stay (:mod:`weakties.insights.services.calibration`).

``--engine embedded`` (the default) computes every measure in this process. ``--engine spark``
exports a snapshot, computes the join-shaped measures (reach, unique reach, coverage) on Apache
Spark (``--master URL``, local by default) and stores them; the measures Spark does not compute
are carried from the latest run (issue 14).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from weakties.accounts.services.organisations import organisation_get
from weakties.cli.base import WeaktiesCommand
from weakties.core.errors import ServiceError
from weakties.core.priority import batch_priority
from weakties.engines.dialects import ENGINES
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
        parser.add_argument(
            "--engine",
            choices=ENGINES,
            default="embedded",
            help=gettext_lazy(
                "the engine: embedded (in this process, every measure) or spark "
                "(reach, unique reach, coverage)"
            ),
        )
        parser.add_argument(
            "--master",
            help=gettext_lazy("with --engine spark: the cluster's master URL (default local[2])"),
        )
        parser.add_argument(
            "--calibrate",
            action="store_true",
            help=gettext_lazy(
                "fit the tie-strength weights to this organisation's outcomes (logistic "
                "regression) and print them with the AUC; stores nothing"
            ),
        )

    def run(self, *, org, weight, engine="embedded", master=None, calibrate=False, **options):
        batch_priority()  # the analysis yields the CPU to a web server on the same machine
        organisation = organisation_get(name=org)
        if engine != "embedded":
            return self._on_engine(organisation, weight, engine, master)
        if master:
            raise ServiceError(_("--master goes with --engine spark"))
        weights = {}
        for item in weight:
            name, sep, value = item.partition("=")
            if not sep:
                raise ServiceError(
                    _("--weight {item}: write NAME=VALUE, e.g. rating=4").format(item=repr(item))
                )
            weights[name.strip()] = value.strip()
        strength_weights(overrides=weights)  # check before the work starts
        if calibrate:
            from weakties.insights.services.calibration import calibration_fit
            from weakties.referrals.selectors import referral_outcomes

            fit = calibration_fit(
                organisation=organisation,
                weights=weights,
                more=[referral_outcomes(organisation=organisation)],
            )
            return {"organisation": organisation.name, "calibration": fit.as_dict()}
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

    def _on_engine(self, organisation, weight, engine, master):
        from weakties.snapshots.services.engine import analytics_on_engine

        if weight:
            raise ServiceError(
                _("--weight goes with --engine embedded: Spark computes no tie strength")
            )
        run = analytics_on_engine(organisation_name=organisation.name, engine=engine, master=master)
        figures = run.figures
        return {
            "run": run.id,
            "organisation": organisation.name,
            "engine": figures["engine"],
            "employees": figures.get("employees"),
            "employees_sharing": figures["employees_sharing"],
            "people_reached": figures["people_reached"],
            "carried_from": figures["carried_from"],
        }

    def show(self, r):
        if "calibration" in r:
            self._show_calibration(r["calibration"])
            return
        if "engine" in r:
            self.console.print(
                _(
                    "Computed with {engine}: {employees} employees, {people:,} people reached; "
                    "constraint, brokers and types carried from run {carried}."
                ).format(
                    engine=r["engine"],
                    employees=r["employees"],
                    people=r["people_reached"],
                    carried=r["carried_from"] or "-",
                )
            )
            return
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

    def _show_calibration(self, c):
        """The fitted weights, the AUC and the outcomes they rest on, in plain words."""
        say = self.console.print
        if not c["fitted"]:
            reason = {
                "too_few_outcomes": _("too few outcomes"),
                "too_few_of_one_kind": _("too few outcomes of one kind (strong or not)"),
                "no_features": _("no feature varies over the outcomes"),
            }.get(c["reason"], c["reason"])
            say(
                _(
                    "Not calibrated: {reason} ({outcomes} outcomes, {positives} positive). "
                    "The hand weights stay, as a prior (Gilbert & Karahalios 2009)."
                ).format(reason=reason, outcomes=c["outcomes"], positives=c["positives"])
            )
        else:
            say(
                _(
                    "Fitted on {outcomes} outcomes ({positives} positive): AUC {auc:.3f} on "
                    "outcomes the fit did not see (0.5 is chance, 1 perfect); Brier score "
                    "{brier:.3f}."
                ).format(
                    outcomes=c["outcomes"], positives=c["positives"], auc=c["auc"], brier=c["brier"]
                )
            )
        self._show_outcome_kinds(c)
        say(_("Weights (hand prior -> to use):"))
        for name, w in c["weights"].items():
            say(f"  {name:<13} {c['prior'][name]:6.2f} -> {w:6.2f}")
        if c["calibration"]:
            say(_("Calibration (predicted -> observed share of strong ties, per fifth):"))
            for b in c["calibration"]:
                say(f"  {b['predicted']:.2f} -> {b['observed']:.2f}  (n={b['n']})")
        if c["negative"]:
            say(
                _("Weight 0, as more of it went with fewer strong ties: {names}").format(
                    names=", ".join(c["negative"])
                )
            )

    def _show_outcome_kinds(self, c):
        """Outcomes per kind, the AUC within each, and the referrals that are no outcome."""
        say = self.console.print
        kinds = {
            "introductions": _("introductions"),
            "ratings": _("ratings"),
            "referrals": _("referrals"),
        }
        say(
            _("Outcomes by kind: {kinds}.").format(
                kinds=", ".join(
                    _("{kind} {outcomes} ({positives} positive)").format(
                        kind=kinds.get(k, k), outcomes=v["outcomes"], positives=v["positives"]
                    )
                    for k, v in c.get("sources", {}).items()
                )
            )
        )
        aucs = {k: v for k, v in c.get("auc_by_source", {}).items() if v is not None}
        if len(aucs) > 1:
            say(
                _("AUC within each kind: {aucs}.").format(
                    aucs=", ".join(f"{kinds.get(k, k)} {v:.3f}" for k, v in aucs.items())
                )
            )
        left = c.get("left_out", {})
        if any(left.values()):
            say(
                _(
                    "Referrals left out: {no_tie} of someone the referrer has no tie with, "
                    "{not_shared} from networks not shared, {open} still in progress."
                ).format(
                    no_tie=left.get("referrals_without_tie", 0),
                    not_shared=left.get("referrals_not_shared", 0),
                    open=left.get("referrals_in_progress", 0),
                )
            )
