from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from battlemap.accounts.services import account_create
from battlemap.core.cli import user_named, validation_message
from battlemap.teams.models import Team


class Command(BaseCommand):
    help = "Create an account: create-account SLUG --name NAME --owner USER [--team T]"

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--name", required=True)
        parser.add_argument("--owner", required=True)
        parser.add_argument("--team")
        parser.add_argument("--lifecycle", default="prospect")

    def handle(self, *args, slug, name, owner, team, lifecycle, **options):
        owner_user = user_named(owner)
        team_obj = None
        if team:
            team_obj = Team.objects.filter(slug=team).first()
            if team_obj is None:
                raise CommandError(f"--team: no team with slug {team!r}")
        try:
            account = account_create(
                slug=slug, name=name, owner=owner_user, team=team_obj, lifecycle=lifecycle
            )
        except ValidationError as exc:
            raise CommandError(validation_message(exc)) from None
        self.stdout.write(f"created {account.slug}\t{account.name}")
