from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from battlemap.core.cli import DataCommand
from battlemap.ops.services import backup_write


class Command(DataCommand):
    help = (
        "Write every account, user, team and their history to FILE (JSON; gzipped when FILE ends in .gz). "
        "`battlemap restore FILE` loads it into a fresh database, SQLite or PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.parent.is_dir():
            raise CommandError(f"{file}: no folder {path.parent}")
        backup_write(path=path)
        path.chmod(0o600)  # it holds password hashes and personal data
        self.stdout.write(f"backup written to {path} ({path.stat().st_size:,} bytes)")
