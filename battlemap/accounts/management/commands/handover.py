from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from battlemap.accounts.selectors import handover_scope
from battlemap.accounts.services.handover import account_handover
from battlemap.core.cli import DataCommand, account_for_command, refused, user_named
from battlemap.core.errors import validation_message
from battlemap.teams.selectors import memberships_run_by
from battlemap.teams.services import COVERAGE_GIVEN, ITEMS_GIVEN, member_accounts_handover


class Command(DataCommand):
    help = gettext_lazy(
        "Hand an account over to another user, with its open deals and the old owner's open action items: "
        "handover ACCOUNT --to USER --note TEXT [--user ACTING_USER]; or every account of a seller who leaves, "
        "all or none: handover --from USER --to USER --note TEXT (their open action items on their teams' other "
        "accounts go to each account's owner)"
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", metavar="ACCOUNT", nargs="?")
        parser.add_argument(
            "--from",
            dest="from_user",
            metavar="USER",
            help=gettext_lazy("instead of ACCOUNT: every account this user owns (that --user may hand over)"),
        )
        parser.add_argument("--to", required=True, help=gettext_lazy("the new owner's username"))
        parser.add_argument(
            "--note", required=True, help=gettext_lazy("why, kept in history (up to 100 characters)")
        )
        parser.add_argument(
            "--user",
            help=gettext_lazy("act as this user (the owner, or an administrator); default: the installation"),
        )

    def handle(self, *args, slug, from_user, to, note, user, **options):
        if slug is not None and from_user is not None:
            raise CommandError(_("name one ACCOUNT or --from USER, not both"))
        if slug is None and from_user is None:
            raise CommandError(_("name one ACCOUNT, or --from USER for all of theirs"))
        by = user_named(user, "--user") if user else None
        if by is not None and not by.is_active:
            raise refused(
                "--user", _("%(user)s is deactivated: they may hand no account over.") % {"user": user}
            )
        new_owner = user_named(to, "--to")
        try:
            if from_user is None:
                account = account_for_command(slug, user, "view")
                old = account.owner.get_username()
                account = account_handover(account=account, to=new_owner, note=note, by=by)
                self.stdout.write(f"{account.slug}\t{old} → {account.owner.get_username()}")
                return
            old_owner = user_named(from_user, "--from")
            accounts, others = handover_scope(by, old_owner)
            if not accounts and others:
                raise refused(
                    "--from",
                    ngettext(
                        "%(user)s owns %(count)d account, which --user may not hand over",
                        "%(user)s owns %(count)d accounts, none of which --user may hand over",
                        others,
                    )
                    % {"user": from_user, "count": others},
                )
            if not accounts:
                raise refused("--from", _("%(user)s owns no account to hand over") % {"user": from_user})
            done, given = member_accounts_handover(
                memberships=memberships_run_by(by, old_owner),
                accounts=accounts,
                to=new_owner,
                note=note,
                by=by,
            )
        except ValidationError as exc:
            raise CommandError(validation_message(exc, {"to": "--to", "note": "--note"})) from None
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        for account in done:
            self.stdout.write(f"{account.slug}\t{from_user} → {account.owner.get_username()}")
        if given.items:
            self.stdout.write(ITEMS_GIVEN % {"count": len(given.items)})
        if given.coverage:
            self.stdout.write(COVERAGE_GIVEN % {"count": len(given.coverage)})
        if others:
            self.stderr.write(
                ngettext(
                    "%(count)d more account of %(user)s is not --user's to hand over",
                    "%(count)d more accounts of %(user)s are not --user's to hand over",
                    others,
                )
                % {"count": others, "user": from_user}
            )
