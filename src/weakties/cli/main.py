"""The ``weakties`` command: Django management commands underneath.

``weakties who-knows`` runs the management command ``who_knows``; every other
word is passed on as it is.  Failures print one line and exit non-zero.
"""

from __future__ import annotations

import os
import sys

ALIASES = {"who-knows": "who_knows"}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weakties.site.settings")
    if argv and argv[0] in ALIASES:
        argv[0] = ALIASES[argv[0]]
    import django
    from django.core.management import ManagementUtility
    from django.core.management.base import CommandError

    try:
        if not argv or argv[0] in ("help", "--help", "-h", "--version", "version"):
            ManagementUtility(["weakties", *argv]).execute()
            return 0
        django.setup()
        name, rest = argv[0], argv[1:]
        command = ManagementUtility(["weakties", *argv]).fetch_command(name)
        parser = command.create_parser("weakties", name)
        options = parser.parse_args(rest)
        kwargs = vars(options)
        args = kwargs.pop("args", ())
        # Like BaseCommand.run_from_argv, but leaves database connections open
        # (tests run commands inside a transaction) and prints one line on error.
        command.execute(*args, **kwargs)
    except CommandError as exc:
        print(f"weakties: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return exc.returncode
    except KeyboardInterrupt:
        print("weakties: interrupted", file=sys.stderr)
        return 130
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except Exception as exc:  # noqa: BLE001 - one line for people, not a stack trace
        if os.environ.get("WEAKTIES_DEBUG"):
            raise
        message = " ".join(str(exc).split()) or type(exc).__name__
        print(f"weakties: error: {message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
