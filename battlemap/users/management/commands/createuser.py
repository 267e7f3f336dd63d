from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from battlemap.teams.models import Membership, Team
from battlemap.teams.services import membership_add, team_create
from battlemap.users.services import user_create


class Command(BaseCommand):
    help = "Create a user: createuser NAME --password P [--team T] [--manager] [--superuser]"

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--password", required=True)
        parser.add_argument("--email", default="")
        parser.add_argument("--team", help="team slug; created if missing")
        parser.add_argument("--manager", action="store_true", help="join the team as its manager")
        parser.add_argument(
            "--superuser", action="store_true", help="an administrator who sees every account"
        )

    def handle(self, *args, name, password, email, team, manager, superuser, **options):
        User = get_user_model()
        if not name.strip():
            raise CommandError("NAME: empty")
        if User.objects.filter(username=name).exists():
            raise CommandError(f"a user named {name!r} already exists")
        if not password:
            raise CommandError("--password: empty")
        with transaction.atomic():
            try:
                user = user_create(username=name, password=password, email=email, superuser=superuser)
            except ValidationError as exc:
                raise CommandError("--password: " + " ".join(exc.message_dict["password"])) from None
            if team:
                try:
                    team_obj = Team.objects.filter(slug=team).first() or team_create(slug=team)
                except ValidationError as exc:
                    field, messages = next(iter(exc.message_dict.items()))
                    raise CommandError(f"--team: {field}: {messages[0]}") from None
                role = Membership.Role.MANAGER if manager else Membership.Role.MEMBER
                membership_add(team=team_obj, user=user, role=role)
        self.stdout.write(f"created user {user.username}" + (f" in team {team}" if team else ""))
