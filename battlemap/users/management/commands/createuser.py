from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import slug_re
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from battlemap.core.cli import DataCommand, refused
from battlemap.core.multilingual import active_language
from battlemap.punctuation import aside, labelled
from battlemap.teams.models import Membership
from battlemap.teams.selectors import team_named
from battlemap.teams.services import membership_add, team_create
from battlemap.users.services import user_create


class Command(DataCommand):
    help = gettext_lazy("Create a user: createuser NAME --password P [--team T] [--manager] [--superuser]")

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--password", required=True)
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--team",
            help=gettext_lazy(
                "the team's slug or name (华东大客户部); a new name makes a team with a pinyin slug"
            ),
        )
        parser.add_argument(
            "--manager", action="store_true", help=gettext_lazy("join the team as its manager")
        )
        parser.add_argument(
            "--superuser", action="store_true", help=gettext_lazy("an administrator who sees every account")
        )

    def handle(self, *args, name, password, email, team, manager, superuser, **options):
        User = get_user_model()
        if not name.strip():
            raise refused("NAME", pgettext("command line", "empty"))
        if User.objects.filter(username=name).exists():
            raise CommandError(_("a user named %(name)s already exists") % {"name": repr(name)})
        if not password:
            raise refused("--password", pgettext("command line", "empty"))
        with transaction.atomic():
            try:
                user = user_create(username=name, password=password, email=email, superuser=superuser)
            except ValidationError as exc:
                raise refused("--password", " ".join(exc.message_dict["password"])) from None
            if team:
                try:
                    team_obj = team_named(team) or _team_create(team)
                except ValueError as exc:
                    raise refused("--team", exc) from None
                except ValidationError as exc:
                    field, messages = next(iter(exc.message_dict.items()))
                    raise refused("--team", labelled(active_language(), field, messages[0])) from None
                role = Membership.Role.MANAGER if manager else Membership.Role.MEMBER
                membership_add(team=team_obj, user=user, role=role)
        if team:
            self.stdout.write(
                _("created user %(user)s in team %(team)s")
                % {"user": user.username, "team": team_obj.name + aside(active_language(), team_obj.slug)}
            )
        else:
            self.stdout.write(_("created user %(user)s") % {"user": user.username})


def _team_create(text: str):
    """A new team called `text`: a slug as it is (`north`), a name with a slug made from it (华东大客户部 →
    hua-dong-da-ke-hu-bu, as a new account's)."""
    slug = text.strip()
    if slug_re.match(slug):
        return team_create(slug=slug)
    return team_create(name=slug)
