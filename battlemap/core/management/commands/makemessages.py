"""`makemessages` that also extracts the pure analysis' plural and contextual messages (`ngettext_noop(singular,
plural)`, `pgettext_noop(context, message)`, battlemap/analysis/i18n.py), which Django's own command does not know."""

from __future__ import annotations

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [
        *makemessages.Command.xgettext_options,
        "--keyword=ngettext_noop:1,2",
        "--keyword=pgettext_noop:1c,2",
    ]
