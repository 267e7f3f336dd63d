from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.accounts.services import CREATORS_TEAM, account_create, check_no_namesake
from battlemap.core.cli import DataCommand, refused, user_named
from battlemap.core.errors import validation_message
from battlemap.teams.selectors import team_named
from battlemap.vocab import LIFECYCLE

SAME_NAME_CLI = gettext_lazy(
    "the owner already sees an account of this name: %(accounts)s. If it is another customer of the same name, "
    "add --another."
)


class Command(DataCommand):
    help = gettext_lazy(
        "Create an account: create-account SLUG --name NAME --owner USER [--team T | --no-team] [--another]. "
        "Without --team it is shared with the owner's team when they are on exactly one team, else with none. "
        "A name the owner sees on an account already is refused unless --another says it is another customer."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--name", required=True, help=gettext_lazy("the account's name"))
        parser.add_argument("--owner", required=True, help=gettext_lazy("username of its owner"))
        teams = parser.add_mutually_exclusive_group()
        teams.add_argument(
            "--team",
            help=gettext_lazy(
                "slug or name of the team to share it with (default: the owner's team if they have just one)"
            ),
        )
        teams.add_argument("--no-team", action="store_true", help=gettext_lazy("share it with no team"))
        parser.add_argument(
            "--another",
            action="store_true",
            help=gettext_lazy(
                "create it even if the owner sees an account of the same name (another customer)"
            ),
        )
        parser.add_argument(
            "--lifecycle",
            default="prospect",
            choices=LIFECYCLE.codes,
            help=gettext_lazy("lifecycle stage (default: %(default)s)"),
        )

    def handle(self, *args, slug, name, owner, team, no_team, lifecycle, another, **options):
        owner_user = user_named(owner)
        team_obj = None if no_team else CREATORS_TEAM
        if team:
            try:
                team_obj = team_named(team)
            except ValueError as exc:
                raise refused("--team", exc) from None
            if team_obj is None:
                raise refused("--team", _("no team with slug or name %(team)s") % {"team": repr(team)})
        try:
            if not another:
                check_no_namesake(user=owner_user, name=name, message=SAME_NAME_CLI)
            account = account_create(
                slug=slug, name=name, owner=owner_user, team=team_obj, lifecycle=lifecycle
            )
        except ValidationError as exc:
            raise CommandError(validation_message(exc)) from None
        self.stdout.write(_("created %(slug)s\t%(name)s") % {"slug": account.slug, "name": account.name})
