from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy

from battlemap.accounts.services import account_handover
from battlemap.core.cli import DataCommand, account_for_command, user_named
from battlemap.core.errors import validation_message


class Command(DataCommand):
    help = gettext_lazy(
        "Hand an account over to another user, with its open deals and the old owner's open action items: "
        "handover ACCOUNT --to USER --note TEXT [--user ACTING_USER]"
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", metavar="ACCOUNT")
        parser.add_argument("--to", required=True, help=gettext_lazy("the new owner's username"))
        parser.add_argument(
            "--note", required=True, help=gettext_lazy("why, kept in history (up to 100 characters)")
        )
        parser.add_argument(
            "--user",
            help=gettext_lazy("act as this user (the owner, or an administrator); default: the installation"),
        )

    def handle(self, *args, slug, to, note, user, **options):
        account = account_for_command(slug, user, "view")
        by = user_named(user) if user else None
        old = account.owner.get_username()
        try:
            account = account_handover(account=account, to=user_named(to), note=note, by=by)
        except ValidationError as exc:
            raise CommandError(validation_message(exc)) from None
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{account.slug}\t{old} → {account.owner.get_username()}")
