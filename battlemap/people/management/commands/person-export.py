from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.audit.cli import audit_command
from battlemap.audit.services import Action
from battlemap.core.cli import DataCommand, account_for_command, os_problem, refused
from battlemap.people.cli import person_of
from battlemap.people.personal_data import person_export_json


class Command(DataCommand):
    help = gettext_lazy(
        "Everything about one person as JSON (a PIPL/GDPR access request); recorded in the audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument("account", help=gettext_lazy("the account's slug"))
        parser.add_argument("person_id", type=int)
        parser.add_argument("-o", "--output", help=gettext_lazy("file to write (default: standard output)"))
        parser.add_argument(
            "--user",
            help=gettext_lazy("act as this user (only the account's owner or an administrator may)"),
        )

    def handle(self, *args, account, person_id, output, user, **options):
        acct = account_for_command(account, user, "own")
        person = person_of(acct, person_id)
        text = person_export_json(person=person)
        audit_command(action=Action.EXPORT, account=acct, username=user, what="person", id=person.pk)
        if output:
            try:
                Path(output).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise refused(f"-o {output}", os_problem(exc)) from None
            self.stdout.write(_("%(file)s: person %(id)s") % {"file": output, "id": person.pk})
        else:
            self.stdout.write(text)
