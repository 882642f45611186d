"""``weakties demo``: build and analyse the demo organisation, print the logins, serve the app.

The demo runs in demo mode (``WEAKTIES_DEMO``): every email goes to the
admins' *Outbox* page instead of a mail server, so the call for help
requests, invitations and feedback can be read without one.  It listens
where ``weakties serve`` does (``--host``/``--port``, or ``WEAKTIES_HOST`` and
``WEAKTIES_PORT``), and the links in its emails point there.

Demo mode lasts as long as the command (:func:`demo_mode`): called in-process
(tests, a script), it leaves the environment and the settings as it found them.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.management import call_command
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from weakties.accounts.models import Role
from weakties.cli.base import WeaktiesCommand, label
from weakties.cli.management.commands.serve import add_listen_options
from weakties.demo.analysis import analyse_demo
from weakties.demo.organisation import build_demo
from weakties.meetings.tasks import send_meeting_call

#: Where the demo keeps its emails (the settings choose it when ``WEAKTIES_DEMO`` is set).
OUTBOX_BACKEND = "weakties.web.outbox.OutboxBackend"


#: What demo mode switches: in the environment (for the worker ``serve`` starts) and in settings.
_ENVIRONMENT = ("WEAKTIES_DEMO", "WEAKTIES_BASE_URL")
_SETTINGS = ("WEAKTIES_DEMO", "EMAIL_BACKEND", "WEAKTIES_BASE_URL")
_UNSET = object()


@contextmanager
def demo_mode(url: str) -> Iterator[None]:
    """Emails to the Outbox and links in them to ``url`` while the block runs: here, and in
    the worker ``serve`` starts; then the environment and the settings as they were.

    The settings are read already, so this process is switched by hand; the
    worker, a new process, reads the same from the environment.  A base URL
    set in the environment is kept.
    """
    environment = {name: os.environ.get(name) for name in _ENVIRONMENT}
    kept = {name: getattr(settings, name, _UNSET) for name in _SETTINGS}
    os.environ["WEAKTIES_DEMO"] = "1"
    settings.WEAKTIES_DEMO = True
    settings.EMAIL_BACKEND = OUTBOX_BACKEND
    if environment["WEAKTIES_BASE_URL"] is None:
        os.environ["WEAKTIES_BASE_URL"] = url.rstrip("/")
        settings.WEAKTIES_BASE_URL = url.rstrip("/")
    try:
        yield
    finally:
        for name, value in environment.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        for name, was in kept.items():
            if was is _UNSET:
                delattr(settings, name)
            else:
                setattr(settings, name, was)


class Command(WeaktiesCommand):
    help = gettext_lazy(
        "Create and analyse the demo organisation (100 employees) in WEAKTIES_HOME, then serve it; "
        "its emails go to the Outbox page."
    )

    def add_options(self, parser):
        parser.add_argument(
            "--employees",
            type=int,
            default=100,
            help=gettext_lazy("employees of the demo organisation (default %(default)s)"),
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=1,
            help=gettext_lazy(
                "seed of the generated organisation: the same seed, the same demo (default %(default)s)"
            ),
        )
        add_listen_options(parser)
        parser.add_argument(
            "--no-serve", action="store_true", help=gettext_lazy("build the demo and exit")
        )

    def run(self, *, employees, seed, host, port, no_serve, **options):
        url = f"http://{host}:{port}/"
        with demo_mode(url):
            return self._demo(url, employees=employees, seed=seed, host=host, port=port,
                              no_serve=no_serve)  # fmt: skip

    def _demo(self, url, *, employees, seed, host, port, no_serve):
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
            bar.update(task, description=_("analysing the network"), completed=0, total=None)
            analyse_demo(organisation, progress=step)
        # The demo's emails (the meeting's call, feedback, questions) go to the Outbox now;
        # a backend that runs tasks at once (the tests') has sent them already.
        if send_meeting_call.get_backend().supports_defer:
            call_command("worker", batch=True, verbosity=0)
        info = {
            "organisation": organisation.name,
            "url": url,
            "outbox": f"{url}outbox/",
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
            self.console.print(
                _("Emails are not sent: the admin reads them in the Outbox, {url}").format(
                    url=info["outbox"]
                )
            )
        if not no_serve:
            call_command("serve", host=host, port=port, skip_checks=False)  # as serve runs
        return None
