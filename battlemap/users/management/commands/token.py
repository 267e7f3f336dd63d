from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from battlemap.core.cli import DataCommand, user_named
from battlemap.users.models import ApiToken
from battlemap.users.services import token_create, token_revoke
from battlemap.users.tokens import token_state


class Command(DataCommand):
    help = (
        "API tokens: token create USER [--name N] [--expires DAYS] | token list USER | token revoke ID. "
        "The token is printed once, as the last word of the last line."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a token and print it once")
        create.add_argument("user")
        create.add_argument("--name", default="")
        create.add_argument(
            "--expires", type=int, default=None, metavar="DAYS", help="expire after DAYS days"
        )
        listing = sub.add_parser("list", help="list a user's tokens (never the token text)")
        listing.add_argument("user")
        revoke = sub.add_parser("revoke", help="revoke a token by its ID")
        revoke.add_argument("id", type=int)

    def _user(self, name: str):
        return user_named(name, "USER")

    def handle(self, *args, action, **options):
        if action == "create":
            user = self._user(options["user"])
            try:
                new = token_create(user=user, name=options["name"], expires_in_days=options["expires"])
            except ValidationError as exc:
                field, messages = next(iter(exc.message_dict.items()))
                raise CommandError(f"--{field}: {messages[0]}") from None
            expires = f", expires {new.token.expires:%Y-%m-%d}" if new.token.expires else ""
            self.stdout.write(f"created token {new.token.id} “{new.token.name}” for {user.username}{expires}")
            self.stdout.write("Copy it now, it will not be shown again. Use it as 'Authorization: Bearer …'.")
            self.stdout.write(f"token: {new.secret}")
        elif action == "list":
            user = self._user(options["user"])
            tokens = ApiToken.objects.filter(user=user)
            if not tokens:
                self.stdout.write(f"{user.username} has no API tokens")
            for t in tokens:
                used = f"{t.last_used:%Y-%m-%d %H:%M}" if t.last_used else "never"
                expires = f"{t.expires:%Y-%m-%d}" if t.expires else "never"
                self.stdout.write(
                    f"{t.id}\t{t.prefix}…\t{t.name}\t{token_state(t)}\tcreated {t.created:%Y-%m-%d}"
                    f"\tlast used {used}\texpires {expires}"
                )
        else:
            try:
                token = ApiToken.objects.select_related("user").get(pk=options["id"])
            except ApiToken.DoesNotExist:
                raise CommandError(f"ID: no token with id {options['id']}") from None
            if token.revoked is not None:
                self.stdout.write(
                    f"token {token.id} “{token.name}” of {token.user.username} was revoked already, "
                    f"on {token.revoked:%Y-%m-%d %H:%M}"
                )
                return
            token_revoke(token=token)
            self.stdout.write(f"revoked token {token.id} “{token.name}” of {token.user.username}")
