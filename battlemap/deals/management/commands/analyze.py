from __future__ import annotations

import json
from datetime import date

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.analysis import text_report
from battlemap.analysis.i18n import normalize_language
from battlemap.core.cli import DataCommand, account_for_command, language_argument, refused
from battlemap.core.dates import (
    not_up_to_today_message,
    since_has_ended,
    since_not_ended_message,
    up_to_today,
)
from battlemap.maps import account_analysis, changes_since


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise refused(
            option, _("expected a date YYYY-MM-DD, got %(value)s") % {"value": repr(value)}
        ) from None
    if not up_to_today(day):  # the one rule of the web's and the API's days (core.dates)
        raise refused(option, not_up_to_today_message(day))
    return day


def _not_there(error: ValueError, *, slug: str, deal: int | None) -> CommandError:
    """The maps' refusal, named by its field (`deal: no deal …`, `as_of: account … did not exist yet`), in the
    CLI's language."""
    what = str(error).partition(":")[0]
    if what == "deal":
        return refused(what, _("no deal %(deal)s in account %(slug)s") % {"deal": deal, "slug": repr(slug)})
    if what == "as_of":
        return refused(what, _("account %(slug)s did not exist yet") % {"slug": repr(slug)})
    return CommandError(str(error))


class Command(DataCommand):
    help = gettext_lazy(
        "Analyse an account: influence, coverage, red flags, deal health, playbook, influence circle "
        "(a readable report, or JSON with --json; the JSON shape is in docs/analysis.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help=gettext_lazy("the account's slug (see `battlemap accounts`)"))
        parser.add_argument("--deal", type=int, help=gettext_lazy("only this deal (its id)"))
        parser.add_argument(
            "--json", action="store_true", help=gettext_lazy("print JSON instead of the report")
        )
        parser.add_argument(
            "--lang",
            type=language_argument,
            help=gettext_lazy("zh or en (also zh-hans, zh-CN; default: the installation's language)"),
        )
        parser.add_argument(
            "--as-of",
            dest="as_of",
            help=gettext_lazy("the map as it was at the end of this day (YYYY-MM-DD)"),
        )
        parser.add_argument(
            "--since", help=gettext_lazy("add the changes since the end of this day (YYYY-MM-DD)")
        )
        parser.add_argument(
            "--user", help=gettext_lazy("apply this user's access (default: as administrator)")
        )

    def handle(
        self, *args, slug, deal=None, json=False, lang=None, as_of=None, since=None, user=None, **options
    ):
        language = normalize_language(lang or settings.LANGUAGE_CODE)  # --lang is read (language_argument)
        as_of_day, since_day = _day(as_of, "--as-of"), _day(since, "--since")
        if as_of_day and since_day and since_day > as_of_day:
            raise refused("--since", _("must not be after --as-of"))
        if since_day and not since_has_ended(since_day):  # from its end: today's window is empty (core.dates)
            raise refused("--since", since_not_ended_message(since_day))
        account = account_for_command(slug, user)
        try:
            data = account_analysis(account=account, lang=language, as_of=as_of_day, deal_id=deal)
            if since_day is not None:
                data["changes"] = changes_since(
                    account=account, since=since_day, until=as_of_day, lang=language
                )
        except ValueError as error:
            raise _not_there(error, slug=slug, deal=deal) from None
        if json:
            self.stdout.write(_dumps(data))
        else:
            self.stdout.write(text_report(data, language), ending="")


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
