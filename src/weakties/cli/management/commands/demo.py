"""``weakties demo``: build the demo organisation, print the logins, serve the app."""

from django.core.management import call_command
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from weakties.accounts.models import Role
from weakties.cli.base import WeaktiesCommand, label
from weakties.demo.organisation import build_demo


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Create the demo organisation (100 employees) in WEAKTIES_HOME, then serve it."
    )

    def add_options(self, parser):
        parser.add_argument("--employees", type=int, default=100)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--no-serve", action="store_true", help=gettext_lazy("build the demo and exit")
        )

    def run(self, *, employees, seed, host, port, no_serve, **options):
        call_command("migrate", interactive=False, verbosity=0)
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=self.err,
            disable=not self.show_progress,
        ) as bar:
            task = bar.add_task(_("importing the demo organisation"), total=None)

            def step(phase, done, total):
                bar.update(task, completed=done, total=total)

            organisation, logins = build_demo(employees=employees, seed=seed, progress=step)
        info = {
            "organisation": organisation.name,
            "url": f"http://{host}:{port}/",
            "logins": [
                {"username": x.username, "password": x.password, "role": x.role, "name": x.name}
                for x in logins
            ],
        }
        if self.as_json:
            self.emit_json(info)
        else:
            self.console.print(f"\n[bold]weakties demo[/bold] — {organisation.name}")
            self.console.print(_("Open {url} and sign in as:").format(url=info["url"]))
            for x in info["logins"]:
                self.console.print(
                    f"  {x['username']}  /  {x['password']}   ({label(Role, x['role'])}, {x['name']})"
                )
        if not no_serve:
            call_command("serve", host=host, port=port)
        return None
