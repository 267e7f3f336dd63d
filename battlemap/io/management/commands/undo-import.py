from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.core.cli import DataCommand, account_for_command, refused, user_named
from battlemap.core.multilingual import active_language
from battlemap.io.cli import acting_arguments
from battlemap.io.tabular.summary import undo_lines
from battlemap.io.tabular.undo import ImportUndoRefused, people_import_undo
from battlemap.punctuation import sentences

HELP = gettext_lazy(
    "Undo a people import whole: undo-import SLUG IMPORT_ID (the id `battlemap import` printed). Refused, "
    "writing nothing, when a record it wrote was changed since (docs/import.md#undo)."
)
ARGUMENTS = {  # the positional ones, in order
    "account": gettext_lazy("the account's slug"),
    "import_id": gettext_lazy("the import's id, as `battlemap import` printed it"),
}


class Command(DataCommand):
    help = HELP

    def add_arguments(self, parser):
        for name, said in ARGUMENTS.items():
            parser.add_argument(name, help=said)
        acting_arguments(parser)

    def handle(self, *args, account, import_id, user, lang, **options):
        with translation.override(lang or active_language()):
            acct = account_for_command(account, user, "edit")
            actor = user_named(user) if user else None
            try:
                report = people_import_undo(account=acct, import_id=import_id, user=actor)
            except ImportUndoRefused as exc:
                raise refused(import_id, exc.message) from None
            except ValidationError as exc:  # no such import in this account
                raise refused(import_id, sentences(exc.messages)) from None
            self.stdout.write(_("Import of %(name)s undone") % {"name": report.filename})
            for line in undo_lines(report):
                self.stdout.write(line)
