from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.core.cli import DataCommand
from battlemap.ops.progress import Progress
from battlemap.ops.services import RestoreRefused, backup_restore


class Command(DataCommand):
    help = gettext_lazy(
        "Load a backup written by `battlemap backup` into this (migrated, empty) database; all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--replace", action="store_true", help=gettext_lazy("remove everything in this database first")
        )

    def handle(self, *args, file, replace, **options):
        progress = Progress("restore", self.stderr, verbosity=options["verbosity"])
        try:
            backup_restore(
                path=Path(file),
                replace=replace,
                progress=progress.counter(
                    _("restored %(done)s of %(total)s records (%(percent)s%%, %(seconds)s s)")
                ),
            )
        except RestoreRefused as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(_("restored %(file)s") % {"file": file})
        progress.finished()
