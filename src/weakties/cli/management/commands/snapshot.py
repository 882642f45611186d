"""``weakties snapshot export|compute|load-results|introducers|resolve|match DIR``: engines.

``export`` writes the Parquet snapshot of an organisation (``--org``) or a federation
(``--federation``) and its ``manifest.json``; ``compute`` runs the metrics of
:mod:`weakties.engines` on it (``--engine embedded|spark``, ``--master URL``) into
``DIR/results``; ``load-results`` stores those results, all or nothing; ``introducers
--list ID`` computes who can introduce to every target of a target list on the engine, into
``DIR/introducers``; ``resolve`` writes the candidate pairs for identity resolution
(:mod:`weakties.engines.resolution`) to ``DIR/resolution``; ``match --federation NAME``
matches the employer network's open vacancies and work-experience places against its contacts
(:mod:`weakties.engines.supply_demand`, ``--least`` the loosest occupational link kept) into
``DIR/supply_demand`` and counts the candidates per request.
"""

from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from weakties.cli.base import WeaktiesCommand
from weakties.core.errors import ServiceError
from weakties.engines.dialects import ENGINES
from weakties.engines.supply_demand import LINKS
from weakties.snapshots.selectors import BATCH_ROWS
from weakties.snapshots.services.engine import (
    snapshot_compute,
    snapshot_introducers,
    snapshot_match,
    snapshot_resolve,
)
from weakties.snapshots.services.export import snapshot_export, snapshot_scope
from weakties.snapshots.services.results import snapshot_results_load


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Export the network as a Parquet snapshot, compute it on an engine, load the results."
    )

    def add_options(self, parser):
        parser.add_argument(
            "action",
            choices=["export", "compute", "load-results", "introducers", "resolve", "match"],
            help=gettext_lazy("what to do"),
        )
        parser.add_argument("directory", help=gettext_lazy("the snapshot's folder"))
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--org", help=gettext_lazy("export: the organisation"))
        group.add_argument("--federation", help=gettext_lazy("export, match: the employer network"))
        parser.add_argument(
            "--list",
            type=int,
            dest="target_list",
            help=gettext_lazy("introducers: the target list's number"),
        )
        parser.add_argument(
            "--batch-rows",
            type=int,
            default=BATCH_ROWS,
            help=gettext_lazy(
                "export: rows read and written at a time, one Parquet row group each "
                "(default %(default)s)"
            ),
        )
        parser.add_argument(
            "--engine",
            choices=ENGINES,
            default="embedded",
            help=gettext_lazy(
                "compute, introducers, resolve, match: the engine (default %(default)s)"
            ),
        )
        parser.add_argument(
            "--least",
            choices=LINKS,
            default="related",
            help=gettext_lazy(
                "match: the loosest occupational link kept: related families, the same family, "
                "or the same occupation (default %(default)s)"
            ),
        )
        parser.add_argument(
            "--master",
            help=gettext_lazy("compute with Spark: the cluster's master URL (default local)"),
        )

    def run(
        self,
        *,
        action,
        directory,
        org,
        federation,
        engine,
        master,
        batch_rows,
        target_list,
        least="related",
        **options,
    ):
        folder = Path(directory)
        if action == "export":
            scope = snapshot_scope(organisation=org, federation=federation)
            manifest = self._export(folder, scope, batch_rows)
            return {"action": "export", "directory": str(folder)} | manifest.as_json()
        if action == "match":
            return self._match(folder, org, federation, engine, least, master)
        if org or federation:
            raise ServiceError(_("--org and --federation go with export only"))
        if action == "introducers":
            if target_list is None:
                raise ServiceError(_("introducers needs --list ID"))
            path, rows = snapshot_introducers(
                directory=folder, target_list=target_list, engine=engine, master=master
            )
            return {"action": "introducers", "path": str(path), "rows": rows, "engine": engine}
        if action == "resolve":
            path, counts = snapshot_resolve(directory=folder, engine=engine, master=master)
            return {
                "action": "resolve",
                "path": str(path),
                "engine": engine,
                "pairs": sum(counts.values()),
                "counts": counts,
            }
        if action == "compute":
            manifest, seconds = snapshot_compute(directory=folder, engine=engine, master=master)
            return {"action": "compute", "directory": str(folder), "seconds": seconds} | (
                manifest.as_json()
            )
        run = snapshot_results_load(directory=folder)
        federation = getattr(run, "federation", None)
        return {
            "action": "load-results",
            "directory": str(folder),
            "federation": federation.name if federation else None,
            "run": run.id,
            "engine": run.figures.get("engine"),
            "people_reached": run.figures.get("people_reached"),
            "employees": run.employees.count(),
            "carried_from": run.figures.get("carried_from"),
        }

    def _match(self, folder, org, federation, engine, least, master):
        if org or not federation:
            raise ServiceError(_("match needs --federation NAME (and no --org)"))
        found = snapshot_match(
            directory=folder, federation=federation, engine=engine, least=least, master=master
        )
        return {
            "action": "match",
            "federation": found.federation,
            "engine": engine,
            "least": least,
            "path": str(found.path),
            "requests": found.requests,
            "candidates": found.candidates,
            "contacts": found.contacts,
        }

    def _show_match(self, r):
        from weakties.meetings.models import RequestKind

        for q in r["requests"]:
            self.console.print(
                _("  {id}  {title} ({organisation}, {kind}): {candidates:,} candidates").format(
                    id=q["id"],
                    title=escape(q["title"]),
                    organisation=escape(q["organisation"]),
                    kind=RequestKind(q["kind"]).label,
                    candidates=q["candidates"],
                )
            )
        self.console.print(
            _(
                "{candidates:,} candidates ({contacts:,} contacts) for {requests} open vacancies "
                "and work-experience places of {federation}, computed with {engine}, in {path}."
            ).format(
                candidates=r["candidates"],
                contacts=r["contacts"],
                requests=len(r["requests"]),
                federation=escape(r["federation"]),
                engine=r["engine"],
                path=escape(r["path"]),
            )
        )

    def _export(self, folder, scope, batch_rows):
        """The export, with a line per table counting its rows as they are written."""
        if not self.show_progress:
            return snapshot_export(directory=folder, scope=scope, batch_rows=batch_rows)
        columns = (
            SpinnerColumn(),
            TextColumn("{task.description:<12}"),
            TextColumn("{task.fields[rows]}"),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=self.err, transient=True) as bar:
            tasks: dict[str, TaskID] = {}

            def progress(table, rows):
                if table not in tasks:
                    for done in tasks.values():  # tables are written one after another
                        bar.stop_task(done)
                    tasks[table] = bar.add_task(table, total=None, rows="")
                bar.update(tasks[table], rows=_("{rows:,} rows").format(rows=rows))

            return snapshot_export(
                directory=folder, scope=scope, batch_rows=batch_rows, progress=progress
            )

    def show(self, r):
        if r["action"] == "match":
            self._show_match(r)
            return
        if r["action"] == "resolve":
            self.console.print(
                _(
                    "{pairs:,} candidate pairs for identity resolution computed with {engine}, "
                    "in {path}: {rare:,} by a rare name, {company:,} by name and company."
                ).format(
                    pairs=r["pairs"],
                    engine=r["engine"],
                    path=r["path"],
                    rare=r["counts"]["rare name"],
                    company=r["counts"]["name+company"],
                )
            )
            return
        if r["action"] == "introducers":
            self.console.print(
                _("{rows:,} candidate introductions computed with {engine}, in {path}.").format(
                    rows=r["rows"], engine=r["engine"], path=r["path"]
                )
            )
            return
        if r["action"] == "load-results" and r["federation"]:
            self.console.print(
                _(
                    "Results of {engine} for the employer network {name} stored as run {run}: "
                    "{employees} employees, {people:,} people reached."
                ).format(
                    engine=r["engine"],
                    name=r["federation"],
                    run=r["run"],
                    employees=r["employees"],
                    people=r["people_reached"],
                )
            )
            return
        if r["action"] == "load-results":
            self.console.print(
                _(
                    "Results of {engine} stored as analysis run {run}: {employees} employees, "
                    "{people:,} people reached."
                ).format(
                    engine=r["engine"],
                    run=r["run"],
                    employees=r["employees"],
                    people=r["people_reached"],
                )
            )
            return
        rows = ", ".join(f"{name} {t['rows']:,}" for name, t in r["tables"].items())
        if r["action"] == "export":
            self.console.print(
                _("Snapshot of {scope} written to {directory}: {rows}.").format(
                    scope=r["scope"]["name"], directory=r["directory"], rows=rows
                )
            )
        else:
            self.console.print(
                _("Computed with {engine} in {seconds:.1f} s: {rows}.").format(
                    engine=r["engine"], seconds=sum(r["seconds"].values()), rows=rows
                )
            )
