from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.core.cli import DataCommand, account_for_command, user_named
from battlemap.people.cli import person_of
from battlemap.people.services.erase import person_erase


class Command(DataCommand):
    help = gettext_lazy(
        "Erase one person's personal data (a PIPL/GDPR erasure request): from the map, its history, mail "
        "records and suggestions; an anonymous placeholder keeps their place. Cannot be undone."
    )

    def add_arguments(self, parser):
        parser.add_argument("account", help=gettext_lazy("the account's slug"))
        parser.add_argument("person_id", type=int)
        parser.add_argument("--yes", action="store_true", help=gettext_lazy("confirm: erase without asking"))
        parser.add_argument(
            "--user",
            help=gettext_lazy("act as this user (only the account's owner or an administrator may)"),
        )

    def handle(self, *args, account, person_id, yes, user, **options):
        acct = account_for_command(account, user, "own")
        person = person_of(acct, person_id)
        if not yes:
            raise CommandError(
                _("erasing person %(id)s cannot be undone: add --yes to confirm") % {"id": person.pk}
            )
        placeholder = person_erase(person=person, by=user_named(user) if user else None)
        self.stdout.write(_("erased person %(id)s in %(slug)s") % {"id": placeholder.pk, "slug": acct.slug})
