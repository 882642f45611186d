"""`weakties --help`: weakties' own commands in groups, every option explained, in the user's language.

The walk over every command's parser is the guard for new commands: an option without ``help``,
a help text that does not go through gettext, or a command missing from
:data:`weakties.cli.main.GROUPS` fails here.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import load_command_class
from django.utils import translation

import weakties.cli.management.commands as commands_package
from weakties.cli.main import GROUPS, catalogue, main, overview, shown

COMMANDS = sorted(
    p.stem
    for p in Path(commands_package.__file__).parent.glob("*.py")
    if not p.stem.startswith("_")
)

#: Help texts that read the same in Dutch and English.
SAME_IN_BOTH = {"Privacy", "junior, medior, senior, …"}


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def parsers(
    parser: argparse.ArgumentParser, path: str
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """``parser`` and its subcommands' parsers, each with where it is (``intro request``)."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from parsers(sub, f"{path} {name}")


def help_texts(name: str) -> list[tuple[str, str]]:
    """Every text of ``name``'s help in the active language: (where, text)."""
    command = load_command_class("weakties.cli", name)
    texts = [(name, str(command.help))]
    for path, parser in parsers(command.create_parser("weakties", name), name):
        for action in parser._actions:
            if action.help == argparse.SUPPRESS or isinstance(action, argparse._HelpAction):
                continue
            where = f"{path} {'/'.join(action.option_strings) or action.dest}"
            if isinstance(action, argparse._SubParsersAction):
                helps = {a.dest: a.help for a in action._choices_actions}
                texts += [(f"{path} {sub}", str(helps.get(sub) or "")) for sub in action.choices]
                continue
            texts.append((where, str(action.help or "")))
    return texts


def test_the_groups_hold_every_command_once():
    grouped = [name for group in GROUPS for name, _line in group.commands]
    assert len(grouped) == len(set(grouped)), "a command is in two groups"
    assert sorted(grouped) == COMMANDS, (
        f"missing from weakties.cli.main.GROUPS: {sorted(set(COMMANDS) - set(grouped))}; "
        f"no such command: {sorted(set(grouped) - set(COMMANDS))}"
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_has_help(name):
    with translation.override("en"):
        missing = [where for where, text in help_texts(name) if not text.strip()]
    assert not missing, f"options without help: {missing}"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_help_text_is_in_dutch(name):
    with translation.override("en"):
        english = help_texts(name)
    with translation.override("nl"):
        dutch = help_texts(name)
    assert [w for w, _t in english] == [w for w, _t in dutch]
    untranslated = [
        f"{where}: {text!r}"
        for (where, text), (_w, nl) in zip(english, dutch, strict=True)
        if text == nl and text.strip() and text not in SAME_IN_BOTH
    ]
    assert not untranslated, "help without Dutch (or not through gettext):\n" + "\n".join(
        untranslated
    )


def overview_texts() -> list[str]:
    return [t for group in GROUPS for t in (group.title, *(line for _n, line in group.commands))]


def test_the_overview_is_translated():
    for text in overview_texts():
        with translation.override("nl"):
            assert translation.gettext(text) != text or text in SAME_IN_BOTH, text


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_overview_reads_djangos_catalogue_without_django(settings, language):
    """`weakties --help` skips django.setup(); its own gettext must say what Django's says."""
    settings.LANGUAGE_CODE = language
    light = catalogue()
    with translation.override(language):
        assert overview(light) == overview(translation.gettext)
        for text in overview_texts():
            assert light(text) == translation.gettext(text), text


@pytest.mark.parametrize("argv", [[], ["--help"], ["help"], ["-h"]])
def test_help_lists_weakties_commands_in_groups_in_dutch(capsys, settings, argv):
    settings.LANGUAGE_CODE = "nl"
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert "Inrichten:" in out and "Werkgeversnetwerken:" in out and "Server en onderhoud:" in out
    assert "  who-knows " in out and "Wie kent iemand bij een bedrijf" in out
    for name in COMMANDS:
        assert f"\n  {shown(name)} " in out, name
    for internal in ("flush", "sqlflush", "createsuperuser", "changepassword", "runserver"):
        assert internal not in out.split("weakties django")[0], internal
    assert "weakties django" in out and "--all" in out
    assert "Set-up" not in out and "options" not in out


def test_help_speaks_english_when_configured(capsys, settings):
    settings.LANGUAGE_CODE = "en"
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "Set-up:" in out and "Who knows someone at a company" in out
    assert "Inrichten" not in out


def test_all_and_django_list_djangos_commands_too(capsys, settings):
    settings.LANGUAGE_CODE = "nl"
    code, out, _ = run(capsys, "--all")
    assert code == 0 and "  who-knows " in out and "  sqlflush" in out and "[django]" in out
    code, out, _ = run(capsys, "django")
    assert code == 0 and "  migrate" in out and "  createsuperuser" in out
    assert "who-knows" not in out and "who_knows" not in out


def test_help_of_one_command(capsys, settings):
    settings.LANGUAGE_CODE = "nl"
    code, by_help, _ = run(capsys, "help", "who-knows")
    assert code == 0
    code, by_flag, _ = run(capsys, "who-knows", "--help")
    assert code == 0 and by_help == by_flag
    assert by_help.startswith("gebruik: weakties who-knows")
    assert "opties:" in by_help and "toon deze hulp en stop" in by_help
    # Django's options are accepted but not shown: they are not for a weakties user.
    for hidden in ("--settings", "--pythonpath", "--traceback", "--verbosity", "--no-color"):
        assert hidden not in by_help
    assert "show this help" not in by_help and "usage:" not in by_help


@pytest.mark.django_db
def test_djangos_commands_still_run(capsys):
    code, out, _ = run(capsys, "django", "help", "showmigrations")
    assert code == 0 and "showmigrations" in out and "--plan" in out
    code, out, _ = run(capsys, "django", "showmigrations", "cli")
    assert code == 0 and "cli" in out


def test_argument_errors_are_one_line_in_dutch(capsys, settings):
    settings.LANGUAGE_CODE = "nl"
    code, _, err = run(capsys, "who-knows")
    assert code != 0 and err == "weakties: error: nodig: --company\n"
    code, _, err = run(capsys, "who-knows", "--company", "X", "--limit", "veel")
    assert code != 0 and err == "weakties: error: optie --limit: geen geldig int: 'veel'\n"
    code, _, err = run(capsys, "who-knows", "--company", "X", "--bogus")
    assert code != 0 and err == "weakties: error: onbekende argumenten: --bogus\n"


def test_an_unknown_command_suggests_the_nearest(capsys, settings):
    settings.LANGUAGE_CODE = "nl"
    code, out, err = run(capsys, "who-knos")
    assert code == 1 and not out
    assert err.startswith("weakties: error: onbekende opdracht 'who-knos'; bedoelde je who-knows")
    assert len(err.splitlines()) == 1


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("weakties ")
