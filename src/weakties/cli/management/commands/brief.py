"""``weakties brief --meeting ID --pdf FILE``: the representative's brief."""

from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.accounts.services.audit import audit
from weakties.cli.base import WeaktiesCommand, label
from weakties.core.errors import ServiceError
from weakties.meetings.models import RequestKind
from weakties.meetings.services.brief import brief_dict, brief_pdf
from weakties.meetings.services.meetings import meeting_get


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "The representative's brief of a meeting: requests grouped, with proposed matches; as PDF with --pdf."
    )

    def add_options(self, parser):
        parser.add_argument("--meeting", required=True, help=gettext_lazy("meeting id"))
        parser.add_argument(
            "--pdf", metavar="FILE", help=gettext_lazy("write the brief as PDF to FILE")
        )

    def run(self, *, meeting, pdf, **options):
        m = meeting_get(meeting)
        if pdf:
            data = brief_pdf(m)
            try:
                Path(pdf).write_bytes(data)
            except OSError as exc:
                raise ServiceError(
                    _("{file}: cannot write the PDF ({reason})").format(
                        file=pdf, reason=exc.strerror
                    )
                ) from None
            audit("brief_exported", actor_label="cli", meeting=m.pk)
            return {"meeting": m.pk, "pdf": str(pdf), "bytes": len(data)}
        return brief_dict(m)

    def show(self, result):
        if "pdf" in result:
            self.console.print(
                _("Wrote the brief of meeting {meeting} to {file}").format(
                    meeting=result["meeting"], file=result["pdf"]
                )
            )
            return
        meeting = result["meeting"]
        self.console.print(f"{meeting['federation']} — {meeting['date']} {meeting['place']}")
        for group in result["groups"]:
            self.console.print("\n" + label(RequestKind, group["kind"]))
            for org in group["orgs"]:
                for r in org["requests"]:
                    self.console.print(f"  {org['org']}: {r['title']}")
        if result["matches"]:
            self.console.print("\n" + _("proposed matches"))
            for m in result["matches"]:
                self.console.print(
                    f"  {m['score']:.2f}  {m['supply']['title']} → {m['demand']['title']}: {m['why']}"
                )
