"""The ``weakties`` command: Django management commands underneath.

``weakties`` (or ``weakties help``) lists weakties' own commands in groups, each with one line in
the configured language; ``weakties help COMMAND`` and ``weakties COMMAND --help`` show a
command's options. ``weakties who-knows`` runs the management command ``who_knows`` (a ``-`` in a
name stands for ``_``). Django's own commands (``migrate``, ``shell``, ``createsuperuser`` …) stay
reachable as ``weakties django COMMAND`` (or plain ``weakties COMMAND``) and are listed by
``weakties django`` and ``weakties --all``. Failures print one line and exit non-zero.

Start-up is kept short (issue 11): this module imports nothing heavy, the commands skip Django's
system checks (they import every page and the API; ``init``, ``serve`` and ``weakties django
check`` run them), the analytics (numpy, scipy, igraph) are imported where they are used, and
the garbage collector leaves what ``django.setup()`` builds alone (:func:`setup`).
``bench/cli.py`` measures it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import NamedTuple

from weakties.translatable import gettext_noop

#: The app whose management commands are weakties' own.
APP = "weakties.cli"

HELP_FLAGS = ("help", "--help", "-h")
ALL_FLAG = "--all"


Translate = Callable[[str], str]


class Group(NamedTuple):
    """A heading of ``weakties --help`` and its commands: ``(name, one line)``, in order.

    The texts are English message ids (``gettext_noop``), translated when shown.
    """

    title: str
    commands: tuple[tuple[str, str], ...]


#: Every command of ``cli/management/commands/``, once (``tests/cli/test_help.py`` checks).
GROUPS: tuple[Group, ...] = (
    Group(
        gettext_noop("Set-up"),
        (
            ("init", gettext_noop("Create or upgrade the database")),
            ("demo", gettext_noop("Build the demo organisation and serve it")),
            ("org", gettext_noop("Create or list organisations")),
            ("user", gettext_noop("Create or reset an employee's login")),
            ("token", gettext_noop("Create an API token for a login")),
        ),
    ),
    Group(
        gettext_noop("Import"),
        (
            ("import", gettext_noop("Import contacts, the HR directory, or mail and calendar")),
            ("consent", gettext_noop("Record or withdraw an employee's consent")),
        ),
    ),
    Group(
        gettext_noop("Ambassadors"),
        (
            ("invite", gettext_noop("Invite colleagues to become ambassadors")),
            ("campaign", gettext_noop("Invitation campaigns and how far each got")),
            ("plan", gettext_noop("Your personal networking plan")),
        ),
    ),
    Group(
        gettext_noop("Network & insights"),
        (
            ("analyze", gettext_noop("Analyse the network: strength, reach, brokers, types")),
            ("reach", gettext_noop("How far the organisation's second degree reaches")),
            ("brokers", gettext_noop("The brokers between groups, with their measures")),
            ("who_knows", gettext_noop("Who knows someone at a company")),
            ("expertise", gettext_noop("Find colleagues by skill, topic, job or contacts")),
            ("targets", gettext_noop("Paths to a list of target companies or people")),
        ),
    ),
    Group(
        gettext_noop("Introductions & referrals"),
        (
            ("intro", gettext_noop("Who can introduce you; introduction requests")),
            ("vacancy", gettext_noop("Enter, import, list, close or open vacancies")),
            ("refer", gettext_noop("Contacts who may fit a vacancy")),
        ),
    ),
    Group(
        gettext_noop("Employer networks"),
        (
            ("federation", gettext_noop("Employer networks, their members and results")),
            ("meeting", gettext_noop("Meetings and their call for help requests")),
            ("request", gettext_noop("Help requests of a meeting and their outcomes")),
            ("match", gettext_noop("Proposed matches of a meeting")),
            ("brief", gettext_noop("The representative's brief of a meeting")),
            (
                "network_sharing",
                gettext_noop("Lend networks to the employer network (two opt-ins), or withdraw"),
            ),
        ),
    ),
    Group(
        gettext_noop("Notifications"),
        (
            ("notifications", gettext_noop("Your notifications; mark them read")),
            ("digest", gettext_noop("Send the notification digests that are due")),
        ),
    ),
    Group(
        gettext_noop("Privacy"),
        (
            ("person", gettext_noop("Find, export or erase a person")),
            ("employee", gettext_noop("Export an employee's data, or erase the employee")),
            ("export", gettext_noop("Export ties as JSON, with where each came from")),
            (
                "retention",
                gettext_noop("Flag and remove old imports; compare and forget; purge old requests"),
            ),
        ),
    ),
    Group(
        gettext_noop("Server & maintenance"),
        (
            ("serve", gettext_noop("Serve the web app, the API and the background worker")),
            ("worker", gettext_noop("Run the background worker")),
            ("snapshot", gettext_noop("Export a Parquet snapshot, compute it, load results")),
            ("companies", gettext_noop("Re-key the stored companies after an upgrade")),
        ),
    ),
)


def shown(name: str) -> str:
    """A command's name as people type it: ``who-knows`` for ``who_knows``."""
    return name.replace("_", "-")


def command_name(word: str) -> str:
    """The management command for what was typed (``who-knows`` → ``who_knows``)."""
    return word.replace("-", "_") if not word.startswith("-") else word


def catalogue() -> Translate:
    """gettext of weakties' own catalogue in the configured language, without setting Django up.

    ``weakties --help`` needs nothing else: its texts are all in the shared catalogue
    (``locale/``), and setting Django up (every app and model) would cost more than the rest of
    the command (issue 11). ``tests/cli/test_help.py`` checks it reads as Django's ``gettext``.
    """
    import gettext

    from django.conf import settings
    from django.utils.translation import to_locale

    found = gettext.translation(
        "django",
        localedir=str(settings.LOCALE_PATHS[0]),
        languages=[to_locale(settings.LANGUAGE_CODE)],
        fallback=True,
    )
    return found.gettext


def overview(_: Translate) -> str:
    """``weakties --help``: the groups and their commands, translated by ``_``.

    (Named ``_`` so that ``makemessages`` finds the texts below.)
    """
    width = max(len(shown(name)) for group in GROUPS for name, _line in group.commands)
    lines = [
        _("weakties: the second-degree network of your organisation, put to work."),
        "",
        _("usage: weakties COMMAND [options]"),
    ]
    for group in GROUPS:
        lines += ["", f"{_(group.title)}:"]
        lines += [f"  {shown(name):<{width}}  {_(line)}" for name, line in group.commands]
    lines += [
        "",
        _("'weakties help COMMAND' or 'weakties COMMAND --help' shows a command's options."),
        _("'weakties django' lists Django's own commands (migrate, shell, createsuperuser …);"),
        _("'weakties --all' lists them below these."),
    ]
    return "\n".join(lines)


def django_commands() -> dict[str, list[str]]:
    """Django's and the other apps' commands that are not weakties' own: app → names."""
    from django.core.management import get_commands

    by_app: dict[str, list[str]] = {}
    for name, app in sorted(get_commands().items()):
        if app != APP:
            label = "django" if app == "django.core" else app.rpartition(".")[2]
            by_app.setdefault(label, []).append(name)
    return by_app


def django_overview() -> str:
    """``weakties django``: the commands Django and the other installed apps bring."""
    from django.utils.translation import gettext as _

    lines = [
        _("Django's own commands: 'weakties django COMMAND' (or 'weakties COMMAND') runs one,")
    ]
    lines.append(_("'weakties django help COMMAND' shows its options."))
    for app, names in sorted(django_commands().items()):
        lines += ["", f"[{app}]"] + [f"  {name}" for name in names]
    return "\n".join(lines)


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    try:
        return f"weakties {package_version('weakties')}"
    except PackageNotFoundError:  # pragma: no cover - run from a source tree without install
        return "weakties"


def unknown(word: str) -> str:
    """One line for a command that does not exist, with the nearest ones."""
    from difflib import get_close_matches

    from django.core.management import get_commands
    from django.utils.translation import gettext as _

    ours = [shown(name) for group in GROUPS for name, _line in group.commands]
    django = sorted(name for name, app in get_commands().items() if app != APP)
    near = get_close_matches(word, ours + django, n=3)
    message = _("unknown command '{name}'").format(name=word)
    if near:
        message += "; " + _("did you mean {names}?").format(names=", ".join(near))
    return message + " " + _("('weakties help' lists the commands)")


class UnknownCommand(Exception):
    """No management command by that name."""


def run_command(name: str, rest: list[str]) -> None:
    """Parse ``rest`` for the management command ``name`` and run it."""
    from django.core.management import get_commands, load_command_class

    app = get_commands().get(name)
    if app is None:
        raise UnknownCommand(name)
    command = app if not isinstance(app, str) else load_command_class(app, name)
    parser = command.create_parser("weakties", shown(name) if app == APP else name)
    options = parser.parse_args(rest)
    kwargs = vars(options)
    args = kwargs.pop("args", ())
    # Like BaseCommand.run_from_argv, but leaves database connections open
    # (tests run commands inside a transaction) and prints one line on error.
    command.execute(*args, **kwargs)


def dispatch(argv: list[str]) -> int:
    """Run what ``argv`` asks for (Django is set up); exceptions go to :func:`main`."""
    if argv and argv[0] == "django":
        argv = argv[1:]
        if not argv or argv[0] in HELP_FLAGS and len(argv) == 1:
            print(django_overview())
            return 0
    elif not argv or argv[0] in (*HELP_FLAGS, ALL_FLAG):
        if argv[1:2] and not argv[1].startswith("-"):
            argv = [argv[1], "--help"]  # weakties help COMMAND
        else:
            from django.utils.translation import gettext

            print(overview(gettext))
            if ALL_FLAG in argv:
                print("\n" + django_overview())
            return 0
    if argv[0] in HELP_FLAGS and argv[1:2]:
        argv = [argv[1], "--help"]  # weakties django help COMMAND
    try:
        run_command(command_name(argv[0]), argv[1:])
    except UnknownCommand:
        print(f"weakties: error: {unknown(argv[0])}", file=sys.stderr)
        return 1
    return 0


def start(argv: list[str], *, program: bool = False) -> int:
    """What runs before Django is set up (version, the command list), then :func:`dispatch`."""
    if argv[:1] in (["--version"], ["version"]):
        print(version())
        return 0
    if argv in ([], *([flag] for flag in HELP_FLAGS)):
        print(overview(catalogue()))  # before django.setup(): the first thing people run
        return 0
    setup(program=program)
    return dispatch(argv)


def setup(*, program: bool) -> None:
    """``django.setup()``; in the ``weakties`` program, with the cyclic garbage collector kept off it.

    Setting Django up makes some 60,000 objects (modules, classes, models, settings) that live
    as long as the process. In the program itself (``program``: :func:`main` called without
    arguments, as the ``weakties`` script and ``python -m weakties.cli`` do; never a test or a
    script that calls ``main([...])`` inside its own process) the collector is paused while
    they are made and then told to leave them alone (:func:`gc.freeze`): it no longer walks
    them over and over while the apps load, nor takes them apart one by one when the process
    exits. That was about a third of the CPU time of a simple command (issue 11; ``bench/cli.py``).
    What the command itself makes afterwards is collected as always. The cost: the few thousand
    objects that set-up throws away stay in memory (about a megabyte) until the process ends.
    """
    import django

    if not program:
        django.setup()
        return
    import gc

    collecting = gc.isenabled()
    gc.disable()
    try:
        django.setup()
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def main(argv: list[str] | None = None) -> int:
    program = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weakties.site.settings")
    try:
        return start(argv, program=program)
    except KeyboardInterrupt:
        print("weakties: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader stopped early (``weakties | head``): not a failure; keep Python from
        # complaining about the closed pipe when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except Exception as exc:  # noqa: BLE001 - one line for people, not a stack trace
        return failed(exc)


def failed(exc: Exception) -> int:
    """Say in one line what went wrong; the exit status."""
    # Imported here, not at the top: ``weakties --help`` does without Django's management.
    from django.core.management.base import CommandError

    from weakties.cli.base import translate_argparse

    if isinstance(exc, CommandError):
        message = translate_argparse(" ".join(str(exc).split()))
        print(f"weakties: error: {message}", file=sys.stderr)
        return exc.returncode
    if os.environ.get("WEAKTIES_DEBUG"):
        raise exc
    message = " ".join(str(exc).split()) or type(exc).__name__
    print(f"weakties: error: {message}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
