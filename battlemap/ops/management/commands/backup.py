from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.core.cli import DataCommand, refused
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
        backup_write(path=path)
        path.chmod(0o600)  # it holds password hashes and personal data
        self.stdout.write(
            _("backup written to %(path)s (%(size)s bytes)")
            % {"path": path, "size": f"{path.stat().st_size:,}"}
        )
