"""``weakties import FILE... --owner EMAIL`` and ``weakties import directory FILE --org NAME``.

With ``--json`` every file gives one JSON object on its own line:
``{"file", "format", "contacts", "skipped", "people_created", "ties_created",
"ties_updated", "errors": [{"line", "message"}], "warnings": [{"line", "message"}]}``.  Any failed file makes
the command exit non-zero; the files that were fine are imported.
"""

import json
import re
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from weakties.accounts.services.organisations import employee_find, organisation_get
from weakties.cli.base import CommandError, WeaktiesCommand
from weakties.core.priority import batch_priority
from weakties.people.services.consent import consent_for_import
from weakties.people.services.directory import directory_import
from weakties.people.services.interactions import (
    INTERACTION_FORMATS,
    interactions_import,
    is_interaction_file,
)
from weakties.people.services.network_import.importer import NETWORK_FORMATS, NetworkImporter


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Import network exports of an employee, or the HR directory of an organisation."
    )

    def add_options(self, parser):
        parser.add_argument(
            "files",
            nargs="+",
            metavar="FILE",
            help=gettext_lazy("files to import; `directory FILE` imports the HR directory"),
        )
        parser.add_argument(
            "--owner", help=gettext_lazy("work email of the employee whose network the files hold")
        )
        parser.add_argument(
            "--org", help=gettext_lazy("the organisation (needed when there are several)")
        )
        parser.add_argument(
            "--format",
            default="auto",
            choices=(*NETWORK_FORMATS, *INTERACTION_FORMATS),
            help=gettext_lazy("mbox and ics add mail and calendar metadata to existing ties"),
        )
        parser.add_argument(
            "--consent-given-by-owner",
            metavar="RECORD",
            default="",
            help=gettext_lazy(
                "the employee withdrew consent and gave it again outside weakties: name the "
                "record (e.g. where the signed form is kept); it is written to the audit log"
            ),
        )

    def run(self, *, files, owner, org, format, consent_given_by_owner="", **options):
        batch_priority()  # an import yields the CPU to a web server on the same machine
        if files[0] == "directory" and not owner:
            if len(files) != 2:
                raise CommandError(_("usage: weakties import directory FILE --org NAME"))
            return self._directory(Path(files[1]), org)
        if not owner:
            raise CommandError(
                _(
                    "say whose network this is with --owner EMAIL (the employee must be in the directory)"
                )
            )
        for f in files:
            if not Path(f).is_file():
                raise CommandError(_("{file}: no such file").format(file=f))
        employee = employee_find(
            email=owner, organisation=organisation_get(name=org) if org else None
        )
        # Refused before anything is read when the employee withdrew consent.
        consent_for_import(employees=[employee], given_by_owner=consent_given_by_owner)
        mail = [f for f in files if is_interaction_file(f, format)]
        files = [f for f in files if f not in mail]
        importer = NetworkImporter()
        reports = []
        with self._progress() as bar:
            task = bar.add_task("importing", total=len(files) + len(mail))

            def step(phase, done, total):
                bar.update(task, description=f"{phase} {done:,}/{total:,}")

            for report in importer.import_files(
                jobs=[(f, employee) for f in files], format=format, progress=step
            ):
                reports.append(report)
                bar.advance(task)
            for f in mail:
                reports.append(interactions_import(path=f, owner=employee, format=format))
                bar.advance(task)
        self._report(reports)
        return None

    def _directory(self, path, org):
        if not path.is_file():
            raise CommandError(_("{file}: no such file").format(file=path))
        organisation = organisation_get(name=org)
        report = directory_import(path=path, organisation=organisation)
        self._report([report])
        return None

    def _progress(self):
        return Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=self.err,
            disable=not self.show_progress,
            transient=True,
        )

    def _report(self, reports):
        failed = [r for r in reports if not r.ok]
        for r in reports:
            if self.as_json:
                self.stdout.write(json.dumps(r.as_dict(), ensure_ascii=False, default=str))
            else:
                self._show_one(r)
        if failed:
            first = failed[0]
            err = first.errors[0] if first.errors else {"line": None, "message": _("failed")}
            message = err["message"].rstrip(".")
            line = err.get("line")
            where = (
                _("{file}, line {line}").format(file=first.file, line=line)
                if _needs_line(line, message)
                else first.file
            )
            more = (
                _(" (and {count} more files)").format(count=len(failed) - 1)
                if len(failed) > 1
                else ""
            )
            count = (
                _(" ({count} errors)").format(count=len(first.errors))
                if len(first.errors) > 1
                else ""
            )
            raise CommandError(
                _("{where}: {message}{count}{more} — nothing was imported from it").format(
                    where=where, message=message, count=count, more=more
                )
            )

    def _show_one(self, r):
        if not r.ok:
            self.console.print(_("[red]✗[/red] {file}: not imported").format(file=escape(r.file)))
            for e in r.errors[:20]:
                line = e.get("line")
                prefix = (
                    _("line {line}: ").format(line=line) if _needs_line(line, e["message"]) else ""
                )
                self.console.print(f"    {escape(prefix + e['message'])}")
            if len(r.errors) > 20:
                self.console.print("    " + _("… {count} more").format(count=len(r.errors) - 20))
            return
        if getattr(r, "duplicate", False):
            self.console.print(
                _("[yellow]=[/yellow] {file}: already imported, nothing changed").format(
                    file=escape(r.file)
                )
            )
            return
        if r.format == "directory":
            self.console.print(
                _(
                    "[green]✓[/green] {file}: {employees} employees ({created} new, {updated} updated, "
                    "{deactivated} no longer listed)"
                ).format(
                    file=escape(r.file),
                    employees=r.employees,
                    created=r.created,
                    updated=r.updated,
                    deactivated=r.deactivated,
                )
            )
            return
        self.console.print(
            _(
                "[green]✓[/green] {file} ({format}): {contacts:,} contacts, {skipped:,} skipped, "
                "{people:,} new people, {ties:,} new ties, {updated:,} updated"
            ).format(
                file=escape(r.file),
                format=r.format,
                contacts=r.contacts,
                skipped=r.skipped,
                people=r.people_created,
                ties=r.ties_created,
                updated=r.ties_updated,
            )
        )
        warnings = getattr(r, "warnings", [])
        for w in warnings[:10]:  # read in part or left out: said, never a reason to refuse
            self.console.print("    " + escape(w["message"]))
        if len(warnings) > 10:
            self.console.print("    " + _("… {count} more").format(count=len(warnings) - 10))


def _needs_line(line, message: str) -> bool:
    """Whether to say the line: the message does not name it already (in any language)."""
    return bool(line) and re.search(rf"\b{line}\b", message) is None
