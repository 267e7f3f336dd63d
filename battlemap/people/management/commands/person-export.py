from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from battlemap.audit.cli import audit_command
from battlemap.audit.services import Action
from battlemap.core.cli import DataCommand, account_for_command
from battlemap.people.cli import person_of
from battlemap.people.personal_data import person_export_json


class Command(DataCommand):
    help = "Everything about one person as JSON (a PIPL/GDPR access request); recorded in the audit log."

    def add_arguments(self, parser):
        parser.add_argument("account", help="the account's slug")
        parser.add_argument("person_id", type=int)
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")
        parser.add_argument(
            "--user", help="act as this user (only the account's owner or an administrator may)"
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
                raise CommandError(f"-o {output}: {exc.strerror}") from None
            self.stdout.write(f"{output}: person {person.pk}")
        else:
            self.stdout.write(text)
