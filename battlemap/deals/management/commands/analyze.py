from __future__ import annotations

import json
from datetime import date

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import get_language

from battlemap.analysis import text_report
from battlemap.analysis.i18n import normalize_language
from battlemap.core.cli import DataCommand, account_for_command
from battlemap.core.dates import not_up_to_today_message, up_to_today
from battlemap.maps import account_analysis, changes_since
from battlemap.punctuation import labelled


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option}: expected a date YYYY-MM-DD, got {value!r}") from None
    if not up_to_today(day):  # the one rule of the web's and the API's days (core.dates)
        raise CommandError(labelled(get_language() or "en", option, not_up_to_today_message(day)))
    return day


class Command(DataCommand):
    help = (
        "Analyse an account: influence, coverage, red flags, deal health, playbook, influence circle "
        "(a readable report, or JSON with --json; the JSON shape is in docs/analysis.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the account's slug (see `battlemap accounts`)")
        parser.add_argument("--deal", type=int, help="only this deal (its id)")
        parser.add_argument("--json", action="store_true", help="print JSON instead of the report")
        parser.add_argument("--lang", help="zh or en (default: the installation's language)")
        parser.add_argument(
            "--as-of", dest="as_of", help="the map as it was at the end of this day (YYYY-MM-DD)"
        )
        parser.add_argument("--since", help="add the changes since the end of this day (YYYY-MM-DD)")
        parser.add_argument("--user", help="apply this user's access (default: as administrator)")

    def handle(
        self, *args, slug, deal=None, json=False, lang=None, as_of=None, since=None, user=None, **options
    ):
        try:
            language = normalize_language(lang or settings.LANGUAGE_CODE)
        except ValueError as error:
            raise CommandError(f"--lang: {error}") from None
        as_of_day, since_day = _day(as_of, "--as-of"), _day(since, "--since")
        if as_of_day and since_day and since_day > as_of_day:
            raise CommandError("--since: must not be after --as-of")
        account = account_for_command(slug, user)
        try:
            data = account_analysis(account=account, lang=language, as_of=as_of_day, deal_id=deal)
            if since_day is not None:
                data["changes"] = changes_since(
                    account=account, since=since_day, until=as_of_day, lang=language
                )
        except ValueError as error:
            raise CommandError(str(error)) from None
        if json:
            self.stdout.write(_dumps(data))
        else:
            self.stdout.write(text_report(data, language), ending="")


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
