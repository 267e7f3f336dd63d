"""The `battlemap` command: Django's management with the project's settings.

`battlemap serve`, `battlemap demo`, `battlemap accounts`, … are management commands of the apps;
Django's own (`migrate`, `createsuperuser`, …) work too.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "battlemap.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["battlemap", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
