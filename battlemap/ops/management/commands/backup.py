from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.core.cli import DataCommand, os_problem, refused
from battlemap.ops.progress import Progress
from battlemap.ops.services import backup_write


class Command(DataCommand):
    help = gettext_lazy(
        "Write every account, user, team and their history to FILE (JSON; gzipped when FILE ends in .gz). "
        "`battlemap restore FILE` loads it into a fresh database, SQLite or PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.parent.is_dir():
            raise refused(file, _("no folder %(folder)s") % {"folder": path.parent})
        progress = Progress("backup", self.stderr, verbosity=options["verbosity"])
        tenths = progress.counter(_("wrote %(done)s of %(total)s records (%(percent)s%%, %(seconds)s s)"))

        def say(done: int, total: int) -> None:
            if not done:
                progress.say(_("writing %(count)s records") % {"count": f"{total:,}"})
            tenths(done, total)

        try:
            backup_write(path=path, progress=say)
        except OSError as exc:  # a full disk, a folder not ours: nothing is left under the name
            raise refused(file, _("no backup written: %(problem)s") % {"problem": os_problem(exc)}) from None
        self.stdout.write(
            _("backup written to %(path)s (%(size)s bytes)")
            % {"path": path, "size": f"{path.stat().st_size:,}"}
        )
        progress.finished()
