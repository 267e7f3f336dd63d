from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from battlemap.teams.models import Membership, Team


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
        create = User.objects.create_superuser if superuser else User.objects.create_user
        user = create(username=name, password=password, email=email)
        if team:
            team_obj, _ = Team.objects.get_or_create(slug=team, defaults={"name": team})
            role = Membership.Role.MANAGER if manager else Membership.Role.MEMBER
            Membership.objects.create(team=team_obj, user=user, role=role)
        self.stdout.write(f"created user {user.username}" + (f" in team {team}" if team else ""))
