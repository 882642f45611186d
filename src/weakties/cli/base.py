"""What every weakties command shares: ``--json``, one-line errors, rich output, help for people.

Help and argument errors speak the configured language: argparse's own words ("usage:",
"options", "the following arguments are required") are translated here, and Django's options
that a weakties user never needs (``--settings``, ``--pythonpath``, ``--traceback`` …) are
accepted but left out of the help.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal, overload

from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rich.console import Console

from weakties.core.errors import ServiceError

if TYPE_CHECKING:
    from weakties.accounts.models import Employee, Organisation

__all__ = [
    "WeaktiesCommand",
    "add_acting_option",
    "acting_employee",
    "translate_argparse",
    "CommandError",
    "label",
    "add_page_options",
    "page_limit",
    "show_count",
]

#: ``--all``: as many as there are.
EVERY = 1_000_000_000


#: Django's options, still accepted, that the help of a weakties command leaves out.
HIDDEN_BASE_OPTIONS = {
    "--version",
    "--verbosity",
    "--settings",
    "--pythonpath",
    "--traceback",
    "--no-color",
    "--force-color",
    "--skip-checks",
}

#: argparse's own messages (Python ships them in English only) and ours, in that order.
ARGPARSE_MESSAGES = [
    ("the following arguments are required: %s", gettext_lazy("required: %s")),
    ("unrecognized arguments: %s", gettext_lazy("unknown arguments: %s")),
    ("one of the arguments %s is required", gettext_lazy("one of %s is required")),
    ("not allowed with argument %s", gettext_lazy("cannot be combined with %s")),
    ("expected one argument", gettext_lazy("needs a value")),
    ("expected at least one argument", gettext_lazy("needs at least one value")),
    ("expected at most one argument", gettext_lazy("takes at most one value")),
    ("invalid choice: %s (choose from %s)", gettext_lazy("%s is not a choice (choose from %s)")),
    ("invalid %s value: %s", gettext_lazy("not a valid %s: %s")),
    ("ambiguous option: %s could match %s", gettext_lazy("%s is ambiguous: %s")),
]


def _pattern(template: str) -> re.Pattern[str]:
    return re.compile("^" + re.escape(template).replace("%s", "(.+?)") + "$")


_ARGPARSE_PATTERNS = [(_pattern(english), ours) for english, ours in ARGPARSE_MESSAGES]
_ARGUMENT = re.compile(r"^argument (.+?): (.+)$", re.S)


def translate_argparse(message: str) -> str:
    """argparse's English error ``message`` in the configured language (as it is if unknown).

    Django's parser raises these as ``CommandError("Error: …")``; ``weakties.cli.main`` prints
    them through here.
    """
    message = message.removeprefix("Error: ")
    argument = _ARGUMENT.match(message)
    if argument:
        return _("option {option}: {problem}").format(
            option=argument.group(1), problem=translate_argparse(argument.group(2))
        )
    for pattern, ours in _ARGPARSE_PATTERNS:
        found = pattern.match(message)
        if found:
            return str(ours) % found.groups()
    return message


class HelpFormatter(DjangoHelpFormatter):
    """Django's help layout with argparse's "usage: " in the configured language."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """``parser`` and every subcommand's parser under it."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from _parsers(sub)


def speak_the_language(parser: argparse.ArgumentParser) -> None:
    """Translate what argparse itself writes in ``parser``'s help and errors, subparsers too."""
    for each in _parsers(parser):
        each.formatter_class = HelpFormatter
        each._positionals.title = _("arguments")
        each._optionals.title = _("options")
        for action in each._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = _("show this help and exit")
            elif HIDDEN_BASE_OPTIONS.intersection(action.option_strings):
                action.help = argparse.SUPPRESS  # --skip-checks: Django adds it past the hiding


class WeaktiesCommand(BaseCommand):
    """A management command with ``--json`` and errors for people.

    Subclasses implement :meth:`run` and return what to print: with
    ``--json`` it is dumped as JSON, otherwise :meth:`show` renders it.

    Every option needs a ``help`` (``tests/cli/test_help.py`` walks every
    parser), and the command a line in :data:`weakties.cli.main.GROUPS`.
    """

    json_option = True
    suppressed_base_arguments = HIDDEN_BASE_OPTIONS
    #: Django's system checks import every page and the whole API (the URLconf): about a second
    #: before any command could start (issue 11). The commands that set the site up or serve it
    #: run them (``requires_system_checks = "__all__"``); ``weakties django check`` runs them all.
    requires_system_checks: list[str] | str = []

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any):
        # ``help`` may be lazy (translated); argparse wants a plain string.
        self.help = str(self.help)
        kwargs.setdefault("formatter_class", HelpFormatter)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        speak_the_language(parser)
        return parser

    def add_arguments(self, parser) -> None:
        if self.json_option:
            parser.add_argument(
                "--json", action="store_true", help=gettext_lazy("machine-readable output")
            )
        self.add_options(parser)

    def add_options(self, parser) -> None:  # pragma: no cover - overridden
        pass

    def handle(self, *args: Any, **options: Any) -> None:
        self.as_json = bool(options.get("json"))
        # emoji=False: ":x:" in a user's file must print as it is.
        self.console = Console(file=self.stdout._out, highlight=False, emoji=False)
        self.err = Console(file=sys.stderr, highlight=False, emoji=False)
        try:
            result = self.run(**options)
        except ServiceError as exc:
            raise CommandError(str(exc)) from None
        if result is not None:
            if self.as_json:
                self.emit_json(result)
            else:
                self.show(result)

    def run(self, **options: Any) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def show(self, result: Any) -> None:
        self.console.print(result)

    def emit_json(self, value: Any) -> None:
        self.stdout.write(json.dumps(value, ensure_ascii=False, default=str))

    @property
    def show_progress(self) -> bool:
        return not self.as_json and self.err.is_terminal


def label(choices: Any, value: Any) -> str:
    """The translated label of an enum value, for people (``--json`` keeps the value)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def add_page_options(parser: Any, *, default: int) -> None:
    """``--limit N`` (the best N, ``default`` unless given) and ``--all`` for a ranked search."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--limit",
        type=int,
        default=default,
        help=gettext_lazy("the best N (default %(default)s)"),
    )
    group.add_argument("--all", action="store_true", help=gettext_lazy("every result"))


def page_limit(limit: int, *, every: bool) -> int:
    """The page size a ranked search is asked for."""
    return EVERY if every else limit


def show_count(console: Console, *, shown: int, total: int) -> None:
    """Say how many of how many a ranked search showed, and how to see the rest."""
    if shown < total:
        console.print(
            _("{shown} of {total}; --limit N shows more, --all shows every one").format(
                shown=shown, total=total
            )
        )


#: What ``--as EMAIL`` says in a command's help unless the command says more.
ACTING_HELP = gettext_lazy("act as this employee, with exactly their permissions")


def add_acting_option(parser: Any, *names: str, required: bool = False, help: Any = None) -> None:
    """``--as EMAIL`` (or ``names``, e.g. ``--from``), read into ``acting``: the command acts as
    this employee, with exactly their permissions (:func:`acting_employee` finds them)."""
    parser.add_argument(
        *(names or ("--as",)),
        dest="acting",
        metavar="EMAIL",
        required=required,
        help=help or ACTING_HELP,
    )


@overload
def acting_employee(
    email: str | None,
    *,
    organisation: Organisation | None = ...,
    required: Literal[True],
    active: bool = ...,
) -> Employee: ...


@overload
def acting_employee(
    email: str | None,
    *,
    organisation: Organisation | None = ...,
    required: bool = ...,
    active: bool = ...,
) -> Employee | None: ...


def acting_employee(
    email: str | None,
    *,
    organisation: Organisation | None = None,
    required: bool = False,
    active: bool = True,
) -> Employee | None:
    """The employee ``--as`` names (in ``organisation`` when given); ``None`` when none is named.

    Refused with a one-line :class:`CommandError` when no employee has the
    address, when several organisations do (``--org`` says which), when
    ``required`` and none is named, and when ``active`` and they left.
    """
    from weakties.accounts.models import Employee  # here: every command imports this module

    if not email:
        if required:
            raise CommandError(_("name the employee with --as EMAIL"))
        return None
    found = Employee.objects.select_related("organisation", "person", "user").filter(
        email__iexact=email.strip()
    )
    if organisation is not None:
        found = found.filter(organisation=organisation)
    employees = list(found[:2])
    if not employees:
        raise CommandError(_("no employee with email {email}").format(email=email))
    if len(employees) > 1:
        raise CommandError(
            _("{email} works at several organisations; say which with --org NAME").format(
                email=email
            )
        )
    if active and not employees[0].active:
        raise CommandError(_("{email} is not an active employee").format(email=email))
    return employees[0]
