from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy

from battlemap.audit.cli import audit_command
from battlemap.audit.services import Action
from battlemap.core.cli import DataCommand, account_for_command, os_problem, refused
from battlemap.core.uploads import write_private
from battlemap.io.mapformat import dumps_map, export_map


class Command(DataCommand):
    help = gettext_lazy("Export the whole map of an account in the map format (docs/map-format.md).")

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--format", default="json", choices=["json"])
        parser.add_argument("-o", "--output", help=gettext_lazy("file to write (default: standard output)"))
        parser.add_argument("--user", help=gettext_lazy("apply this user's access"))

    def handle(self, *args, slug, output, user, **options):
        account = account_for_command(slug, user)
        text = dumps_map(export_map(account))
        audit_command(action=Action.EXPORT, account=account, username=user, what="file", format="json")
        if output:
            try:
                write_private(Path(output), text)  # personal data: 0600, as `backup`'s
            except OSError as exc:
                raise refused(f"-o {output}", os_problem(exc)) from None
        else:
            self.stdout.write(text, ending="")
