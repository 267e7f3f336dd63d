from __future__ import annotations

import errno
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.audit.cli import audit_command
from battlemap.audit.services import Action
from battlemap.core.cli import DataCommand, account_for_command, language_argument, os_problem, refused
from battlemap.core.multilingual import active_language
from battlemap.core.uploads import write_private
from battlemap.io.export import FORMATS, export_account
from battlemap.io.export.fonts import FontMissing
from battlemap.ops.progress import Progress


class Command(DataCommand):
    help = gettext_lazy(
        "Export an account's map as JSON, XLSX, PDF (account review), PPTX (editable deck) or PNG (org chart)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("-o", "--output", required=True, help=gettext_lazy("file to write"))
        parser.add_argument("--deal", type=int, help=gettext_lazy("deal id (default: the first open deal)"))
        parser.add_argument(
            "--lang",
            type=language_argument,
            help=gettext_lazy("zh or en (also zh-hans, zh-CN; default: the installation's language)"),
        )
        parser.add_argument("--user", help=gettext_lazy("apply this user's access"))

    def handle(self, *args, lang, **options):
        language = lang or active_language()  # the installation's, unless a caller chose one (as `import`)
        with translation.override(language):  # the file and the command's own lines in one language
            return self._export(lang=language, **options)

    def _export(self, *, slug, format, output, deal, lang, user, **options):
        account = account_for_command(slug, user)
        # refused before the work, not after its progress lines (a second trial): a deal of another account,
        # a folder that is not there
        if deal is not None and not account.deals.filter(pk=deal).exists():
            raise refused(f"--deal {deal}", _("no such deal in account %(slug)s") % {"slug": repr(slug)})
        if not Path(output).parent.is_dir():
            raise refused(f"-o {output}", os_problem(FileNotFoundError(errno.ENOENT, "", str(output))))
        progress = Progress("export", self.stderr, verbosity=options["verbosity"])
        progress.say(
            _("%(account)s: %(people)s people; making the %(format)s")
            % {"account": account.name, "people": f"{account.people.count():,}", "format": format.upper()}
        )
        try:
            data = export_account(
                account,
                fmt=format,
                deal_id=deal,
                lang=lang,
                progress=progress.counter(_("step %(done)s of %(total)s (%(seconds)s s)")),
            )
        except FontMissing as exc:
            raise CommandError(str(exc)) from None
        try:
            write_private(Path(output), data)  # personal data: 0600, as `backup`'s
        except OSError as exc:
            raise refused(f"-o {output}", os_problem(exc)) from None
        audit_command(action=Action.EXPORT, account=account, username=user, what="file", format=format)
        self.stdout.write(_("%(file)s: %(size)d bytes") % {"file": output, "size": len(data)})
        progress.finished()
