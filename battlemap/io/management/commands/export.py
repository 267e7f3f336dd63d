from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from battlemap.audit.cli import audit_command
from battlemap.audit.services import Action
from battlemap.core.cli import DataCommand, account_for_command
from battlemap.io.export import FORMATS, export_account
from battlemap.io.export.fonts import FontMissing


class Command(DataCommand):
    help = "Export an account's map as JSON, XLSX, PDF (account review), PPTX (editable deck) or PNG (org chart)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("-o", "--output", required=True, help="file to write")
        parser.add_argument("--deal", type=int, help="deal id (default: the first open deal)")
        parser.add_argument("--lang", choices=["zh", "en"], default="zh")
        parser.add_argument("--user", help="apply this user's access")

    def handle(self, *args, slug, format, output, deal, lang, user, **options):
        account = account_for_command(slug, user)
        try:
            data = export_account(account, fmt=format, deal_id=deal, lang="zh-hans" if lang == "zh" else "en")
        except KeyError:
            raise CommandError(f"--deal {deal}: no such deal in account {slug!r}") from None
        except FontMissing as exc:
            raise CommandError(str(exc)) from None
        try:
            Path(output).write_bytes(data)
        except OSError as exc:
            raise CommandError(f"-o {output}: {exc.strerror}") from None
        audit_command(action=Action.EXPORT, account=account, username=user, what="file", format=format)
        self.stdout.write(f"{output}: {len(data)} bytes")
