from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.core.cli import DataCommand, language_argument, user_named
from battlemap.core.errors import validation_message
from battlemap.core.multilingual import active_language
from battlemap.demo.loader import load_demo
from battlemap.demo.services import demo_users_disable
from battlemap.punctuation import join_names


class Command(DataCommand):
    help = gettext_lazy(
        "Load the demo accounts and the users demo/demo and manager/manager (running it again changes nothing); "
        "--disable --to USER: disable the demo's users, handing their accounts to USER."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--disable",
            action="store_true",
            help=gettext_lazy(
                "disable the demo users that still have the demo's published passwords (deactivated, never "
                "deleted: what they wrote stays)"
            ),
        )
        parser.add_argument(
            "--to",
            metavar="USER",
            help=gettext_lazy("with --disable: the user who takes over the accounts the demo users own"),
        )
        parser.add_argument(
            "--lang",
            type=language_argument,
            help=gettext_lazy(
                "the language of the demo users' and team's names and of the messages: zh or en (also zh-hans, "
                "zh-CN; default: the installation's language)"
            ),
        )

    def handle(self, *args, disable, to, lang=None, **options):
        with translation.override(lang or translation.get_language()):
            self._handle(disable, to)

    def _handle(self, disable, to) -> None:
        if disable:
            self._disable(to)
            return
        if to:
            raise CommandError(_("--to goes with --disable"))
        loaded = load_demo()
        if loaded:
            self.stdout.write(
                _("loaded demo accounts: %(slugs)s (log in as demo / demo)")
                % {"slugs": join_names(active_language(), loaded)}
            )
        else:
            self.stdout.write(_("demo accounts already loaded; nothing changed"))

    def _disable(self, to: str | None) -> None:
        try:
            done = demo_users_disable(to=user_named(to, "--to") if to else None)
        except ValidationError as exc:
            raise CommandError(validation_message(exc, {"to": "--to"})) from None
        lang = active_language()
        if not done.users:
            self.stdout.write(_("no demo user signs in with the demo's published password; nothing changed"))
            return
        self.stdout.write(_("disabled the demo users %(users)s") % {"users": join_names(lang, done.users)})
        if done.handed_over:
            self.stdout.write(
                _("handed over to %(user)s: %(accounts)s")
                % {"user": to, "accounts": join_names(lang, done.handed_over)}
            )
        if done.teams_without_manager:
            self.stderr.write(
                _(
                    "warning: no active user manages %(teams)s now: an administrator names a manager on the team's "
                    "page, or `battlemap createuser NAME --team TEAM --manager` adds one"
                )
                % {"teams": join_names(lang, done.teams_without_manager)}
            )
