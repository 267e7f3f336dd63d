"""The `battlemap` command: Django's management with the project's settings.

`battlemap serve`, `battlemap demo`, `battlemap accounts`, … are management commands of the apps;
Django's own (`migrate`, `createsuperuser`, …) work too.
"""

from __future__ import annotations

import os
import platform
import sys
from importlib import metadata

VERSION_ARGS = (["--version"], ["version"])


def version_line() -> str:
    """`battlemap --version`: Battlemap's version from the installed package's metadata (pyproject.toml's
    `version`), then Django's and Python's, for a bug report: "battlemap 0.1.0 (Django 5.2.19, Python 3.11.2)".
    Django's own `--version` would print only Django's."""
    import django

    try:
        ours = metadata.version("battlemap")
    except metadata.PackageNotFoundError:  # run from a source tree never installed (`pip install -e .`)
        ours = "(not installed)"
    return f"battlemap {ours} (Django {django.get_version()}, Python {platform.python_version()})"


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "battlemap.settings")
    given = sys.argv[1:] if argv is None else argv
    # `battlemap --version`, `battlemap version` and `battlemap <command> --version`: Django answers all three
    # with its own version.
    if given in VERSION_ARGS or (len(given) == 2 and given[1] == "--version"):
        print(version_line())
        return
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError
    from django_tasks.exceptions import InvalidTaskBackendError

    from battlemap.env import SettingRefused, envstr, refuse

    args = ["battlemap", *given]
    try:
        execute_from_command_line(args)
        sys.stdout.flush()  # a closed pipe shows here, inside the try, not at interpreter exit
    except BrokenPipeError:
        # The reader went away (`battlemap accounts | head -1`): stop quietly, as Unix tools do.
        # Python's own recipe (docs: signal, "Note on SIGPIPE"): point stdout at devnull so the
        # final flush at exit cannot raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except SettingRefused as exc:
        # A setting (BATTLEMAP_VAR_DIR, DATABASE_URL, an integer or boolean variable) that cannot be used:
        # one line naming it, before anything starts (serve, worker, migrate, any command).
        print(f"battlemap: {exc}", file=sys.stderr)
        sys.exit(2)
    except InvalidTaskBackendError as exc:
        # TASKS_BACKEND naming no backend (`foo.Bar`, a misspelt class): django-tasks stops on its first use with a
        # traceback; said in one line as every other setting, exit 2.
        value = envstr("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
        why = str(exc.__cause__ or exc)
        accepts = (
            f"cannot be loaded ({why}): expected django_tasks_db.DatabaseBackend or "
            "django_tasks.backends.immediate.ImmediateBackend"
        )
        print(f"battlemap: {refuse('TASKS_BACKEND', value, accepts)}", file=sys.stderr)
        sys.exit(2)
    except DatabaseError as exc:
        if "--traceback" in args:
            raise
        # Most often a database that was never migrated or cannot be reached: say so, without a traceback,
        # in the CLI's language (the apps are ready: a query failed).
        from battlemap.core.cli import database_error_lines

        for line in database_error_lines(exc):
            print(line, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
