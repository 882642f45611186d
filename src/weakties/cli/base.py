"""What every weakties command shares: ``--json``, one-line errors, rich output."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rich.console import Console

from weakties.core.errors import ServiceError

__all__ = [
    "WeaktiesCommand",
    "CommandError",
    "label",
    "add_page_options",
    "page_limit",
    "show_count",
]

#: ``--all``: as many as there are.
EVERY = 1_000_000_000


class WeaktiesCommand(BaseCommand):
    """A management command with ``--json`` and errors for people.

    Subclasses implement :meth:`run` and return what to print: with
    ``--json`` it is dumped as JSON, otherwise :meth:`show` renders it.
    """

    json_option = True

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any):
        # ``help`` may be lazy (translated); argparse wants a plain string.
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)

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
