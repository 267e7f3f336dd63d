from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.core.cli import DataCommand, refused, user_named
from battlemap.core.dates import day_text, moment_text
from battlemap.users.models import ApiToken
from battlemap.users.services import token_create, token_revoke
from battlemap.users.tokens import token_state


class Command(DataCommand):
    help = gettext_lazy(
        "API tokens: token create USER [--name N] [--expires DAYS] [--read-only] | token list USER | token revoke ID. "
        "The token is printed once, as the last word of the last line."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help=gettext_lazy("create a token and print it once"))
        create.add_argument("user")
        create.add_argument("--name", default="")
        create.add_argument(
            "--expires", type=int, default=None, metavar="DAYS", help=gettext_lazy("expire after DAYS days")
        )
        create.add_argument(
            "--read-only",
            action="store_true",
            help=gettext_lazy("a token that only reads (a report or BI tool): any change is refused, 403"),
        )
        listing = sub.add_parser("list", help=gettext_lazy("list a user's tokens (never the token text)"))
        listing.add_argument("user")
        revoke = sub.add_parser("revoke", help=gettext_lazy("revoke a token by its ID"))
        revoke.add_argument("id", type=int)

    def _user(self, name: str):
        return user_named(name, "USER")

    def handle(self, *args, action, **options):
        if action == "create":
            user = self._user(options["user"])
            try:
                new = token_create(
                    user=user,
                    name=options["name"],
                    expires_in_days=options["expires"],
                    read_only=options["read_only"],
                )
            except ValidationError as exc:
                field, messages = next(iter(exc.message_dict.items()))
                raise refused("USER" if field == "user" else f"--{field}", messages[0]) from None
            said = {"id": new.token.id, "name": new.token.name, "user": user.username}
            if new.token.expires:
                said["day"] = day_text(new.token.expires)
                self.stdout.write(_("created token %(id)s “%(name)s” for %(user)s, expires %(day)s") % said)
            else:
                self.stdout.write(_("created token %(id)s “%(name)s” for %(user)s") % said)
            self.stdout.write(
                _("Copy it now, it will not be shown again. Use it as 'Authorization: Bearer …'.")
            )
            self.stdout.write(f"token: {new.secret}")  # the last word of the last line, in every language
        elif action == "list":
            user = self._user(options["user"])
            tokens = ApiToken.objects.filter(user=user)
            if not tokens:
                self.stdout.write(_("%(user)s has no API tokens") % {"user": user.username})
            for t in tokens:  # times in TIME_ZONE, as every page and `battlemap jobs` show them
                used = moment_text(t.last_used) if t.last_used else "never"
                expires = day_text(t.expires) if t.expires else "never"
                self.stdout.write(
                    f"{t.id}\t{t.prefix}…\t{t.name}\t{token_state(t)}\tcreated {day_text(t.created)}"
                    f"\tlast used {used}\texpires {expires}" + ("\tread only" if t.read_only else "")
                )
        else:
            try:
                token = ApiToken.objects.select_related("user").get(pk=options["id"])
            except ApiToken.DoesNotExist:
                raise refused("ID", _("no token with id %(id)s") % {"id": options["id"]}) from None
            said = {"id": token.id, "name": token.name, "user": token.user.username}
            if token.revoked is not None:
                said["when"] = moment_text(token.revoked)  # as `token list` says times
                self.stdout.write(
                    _("token %(id)s “%(name)s” of %(user)s was revoked already, on %(when)s") % said
                )
                return
            token_revoke(token=token)
            self.stdout.write(_("revoked token %(id)s “%(name)s” of %(user)s") % said)
