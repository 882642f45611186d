"""``weakties companies rekey [--dry-run]``: the stored companies under today's key rules."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.cli.base import WeaktiesCommand
from weakties.people.services.company_keys import companies_rekey


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Give every stored company the key today's rules give it, merging companies that then "
        "share one (after an upgrade; all or nothing)."
    )

    def add_options(self, parser):
        parser.add_argument("action", choices=["rekey"], help=gettext_lazy("what to do"))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("say what would change, and change nothing"),
        )

    def run(self, *, action, dry_run, **options):
        report = companies_rekey(dry_run=dry_run, actor_label="cli")
        return {**report.as_dict(), "dry_run": dry_run}

    def show(self, result):
        if not result["rekeyed"]:
            self.console.print(_("Every company has the key today's rules give it."))
            return
        for old, new in result["keys"].items():
            self.console.print(f"  {old} → {new}")
        for merge in result["merges"]:
            self.console.print(
                _("  {company} merged into {into}").format(
                    company=merge["company"], into=merge["into"]
                )
            )
        line = (
            _("{rekeyed} companies would get a new key, {merged} would be merged; nothing changed.")
            if result["dry_run"]
            else _("{rekeyed} companies got a new key, {merged} were merged.")
        )
        self.console.print(line.format(rekeyed=result["rekeyed"], merged=result["merged"]))
