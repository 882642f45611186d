"""``weakties serve``: the production server (gunicorn) plus the background worker."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.management import CommandError, call_command
from django.core.management.base import SystemCheckError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weakties.cli.base import WeaktiesCommand


def add_listen_options(parser) -> None:
    """``--host`` and ``--port``, defaulting to ``WEAKTIES_HOST`` and ``WEAKTIES_PORT`` (also ``weakties demo``)."""
    parser.add_argument(
        "--host",
        default=os.environ.get("WEAKTIES_HOST", "127.0.0.1"),
        help=gettext_lazy("address to listen on (WEAKTIES_HOST; default %(default)s)"),
    )
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("WEAKTIES_PORT") or "8000"),
        help=gettext_lazy("port to listen on (WEAKTIES_PORT; default %(default)s)"),
    )


class Command(WeaktiesCommand):
    help = gettext_lazy("Serve the web app and API with gunicorn; also runs the background worker.")
    json_option = False
    #: Serving is when a wrong setting or model must show, before anyone is let in: Django's
    #: system checks run first (the other commands skip them to start fast; issue 11).
    requires_system_checks = "__all__"

    def execute(self, *args, **options):
        if options.get("check_deploy"):  # it runs them itself, with --deploy, and says what failed
            options["skip_checks"] = True
        return super().execute(*args, **options)

    def add_options(self, parser):
        add_listen_options(parser)
        parser.add_argument(
            "--workers", type=int, default=2, help=gettext_lazy("web worker processes")
        )
        parser.add_argument(
            "--threads", type=int, default=4, help=gettext_lazy("threads per web worker")
        )
        parser.add_argument(
            "--check-deploy",
            action="store_true",
            help=gettext_lazy(
                "run Django's deployment checks (check --deploy) with these settings and exit;"
                " fails on errors"
            ),
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help=gettext_lazy("do not start the background worker here"),
        )

    def run(self, *, host, port, workers, threads, no_worker, check_deploy=False, **options):
        if check_deploy:
            self.check_deploy()
            return
        call_command("migrate", interactive=False, verbosity=0)
        worker = None
        if not no_worker:
            worker = subprocess.Popen(
                [sys.executable, "-m", "weakties.cli", "worker", "--verbosity", "0"]
            )
        self.err.print(
            _("weakties serving on http://{host}:{port}/  (data in {home})").format(
                host=host, port=port, home=settings.HOME
            )
        )
        try:
            serve_wsgi(host=host, port=port, workers=workers, threads=threads)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)

    def check_deploy(self) -> None:
        """Django's ``check --deploy``: every finding printed; an error (not a warning) exits 1."""
        try:
            call_command("check", deploy=True, fail_level="ERROR", stdout=self.stdout)
        except SystemCheckError as exc:
            self.stderr.write(str(exc))
            raise CommandError(
                _("the deployment checks found errors (above); fix them before serving")
            ) from None


def release_connections() -> None:
    """Close this process's database connections and PostgreSQL pools before gunicorn forks.

    The migration (and the system checks) opened them in the master.  A forked
    worker inherits the pool, with its open sockets: two workers then talk
    through one PostgreSQL session, and their prepared statements clash
    ("prepared statement _pg3_0 already exists", wrong parameter counts) until
    the pool starves.  Each worker opens its own pool on its first request.
    """
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()
        if getattr(connection, "pool", None):
            connection.close_pool()


def worker_ready(worker: object = None) -> None:
    """Gunicorn's ``post_worker_init``: load every view now, then freeze what is loaded.

    Python's full garbage collection walks every object that lives on (a
    worker holds some 125,000 after start-up: Django, the URLconf, the
    catalogues); one took 64 ms in the middle of a request, the searches'
    p99 under load.  :func:`gc.freeze` moves them out of the collector's
    sight (they are never garbage), and a full collection then takes 2 ms.
    Importing the URLconf first puts the views' modules among them and
    spares the first request the imports.
    """
    import gc

    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view module
    gc.collect()
    gc.freeze()


def serve_wsgi(*, host: str, port: int, workers: int, threads: int) -> None:
    from gunicorn.app.base import BaseApplication

    release_connections()

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", threads)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("accesslog", None)
            self.cfg.set("loglevel", "warning")
            self.cfg.set("timeout", 120)
            self.cfg.set("post_worker_init", worker_ready)

        def load(self):
            from weakties.site.wsgi import application

            return application

    Server().run()
