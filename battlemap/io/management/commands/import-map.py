from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from battlemap.accounts.services import CREATORS_TEAM
from battlemap.core.cli import DataCommand, user_named
from battlemap.io.mapformat.limits import check_size, read_map
from battlemap.io.mapformat.load import FILE_TEAM, MapImportError, map_load


class Command(DataCommand):
    help = "Load a map-format JSON file (docs/map-format.md) as a new account."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--as", dest="slug", help="slug of the new account (default: the slug in the file)"
        )
        parser.add_argument("--owner", help="owner of the new account (default: the owner named in the file)")
        teams = parser.add_mutually_exclusive_group()
        teams.add_argument(
            "--team",
            help="team to share the account with (default: the file's team; with --owner, the new owner's "
            "team if they are on exactly one, else none: a new owner does not inherit the old owner's team)",
        )
        teams.add_argument("--no-team", action="store_true", help="share the account with no team")

    def handle(self, *args, file, slug, owner, team, no_team, **options):
        path = Path(file)
        try:
            check_size(path.stat().st_size)  # a huge file is refused before it is read
            data = read_map(path.read_bytes())
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from None
        except MapImportError as exc:
            raise CommandError(f"{file}: {exc}") from None
        owner_name = owner or ((data.get("account") or {}).get("owner") if isinstance(data, dict) else None)
        if not owner_name:
            raise CommandError("--owner is required: the file names no owner")
        try:
            team_choice = None if no_team else team or (CREATORS_TEAM if owner else FILE_TEAM)
            loaded = map_load(data=data, owner=user_named(owner_name), slug=slug, team=team_choice)
        except MapImportError as exc:
            raise CommandError(f"{file}: {exc}") from None
        account = loaded.account
        self.stdout.write(f"{account.slug}\t{account.name}\t{account.people.count()} people")
        if loaded.left_out:  # users of the map unknown here or not allowed: said, never dropped unseen
            self.stdout.write(loaded.left_out.text())
