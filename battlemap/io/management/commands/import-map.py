from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from battlemap.accounts.models import Account
from battlemap.accounts.services import CREATORS_TEAM
from battlemap.core.cli import DataCommand, os_problem, refused, user_named
from battlemap.core.multilingual import active_language
from battlemap.io.mapformat.limits import check_size, read_map
from battlemap.io.mapformat.load import FILE_TEAM, MapImportError, map_load
from battlemap.ops.progress import Progress
from battlemap.punctuation import labelled, sentences
from battlemap.teams.models import Team

# What import-map says it is about to load (on stderr: stdout carries the new account's line)
MAP_COUNTS = {
    "people": "people",
    "links": "influence_links",
    "interactions": "interactions",
    "deals": "deals",
}


class Command(DataCommand):
    help = gettext_lazy("Load a map-format JSON file (docs/map-format.md) as a new account.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--as", dest="slug", help=gettext_lazy("slug of the new account (default: the slug in the file)")
        )
        parser.add_argument(
            "--owner", help=gettext_lazy("owner of the new account (default: the owner named in the file)")
        )
        teams = parser.add_mutually_exclusive_group()
        teams.add_argument(
            "--team",
            help=gettext_lazy(
                "team to share the account with (default: the file's team; with --owner, the new owner's "
                "team if they are on exactly one, else none: a new owner does not inherit the old owner's team)"
            ),
        )
        teams.add_argument(
            "--no-team", action="store_true", help=gettext_lazy("share the account with no team")
        )

    def handle(self, *args, file, slug, owner, team, no_team, **options):
        path = Path(file)
        try:
            check_size(path.stat().st_size)  # a huge file is refused before it is read
            data = read_map(path.read_bytes())
        except OSError as exc:
            raise refused(file, os_problem(exc)) from None
        except MapImportError as exc:
            raise refused(file, exc) from None
        owner_name = owner or ((data.get("account") or {}).get("owner") if isinstance(data, dict) else None)
        if not owner_name:
            raise CommandError(_("--owner is required: the file names no owner"))
        owner_user = _owner(owner_name, given=bool(owner), slug=slug, team=team)
        progress = Progress("import-map", self.stderr, verbosity=options["verbosity"])
        progress.say(
            _(
                "%(people)s people, %(links)s influence links, %(interactions)s interactions, %(deals)s deals: loading"
            )
            % {part: f"{len(data.get(key) or ()):,}" for part, key in MAP_COUNTS.items()}
        )
        try:
            team_choice = None if no_team else team or (CREATORS_TEAM if owner else FILE_TEAM)
            loaded = map_load(
                data=data,
                owner=owner_user,
                slug=slug,
                team=team_choice,
                via="cli",
                progress=progress.counter(
                    _("loaded %(done)s of %(total)s items of the map (%(percent)s%%, %(seconds)s s)")
                ),
            )
        except MapImportError as exc:
            raise refused(file, exc) from None
        account = loaded.account
        count = account.people.count()
        people = ngettext("%(count)d person", "%(count)d people", count) % {"count": count}
        self.stdout.write(f"{account.slug}\t{account.name}\t{people}")
        if loaded.left_out:  # users of the map unknown here or not allowed: said, never dropped unseen
            self.stdout.write(loaded.left_out.text())
        progress.finished()


def _owner(name: str, *, given: bool, slug: str | None, team: str | None):
    """The new account's owner. When there is no such user (most often the file's owner, a user of the
    installation it came from), CommandError saying to pass --owner, with the problems of --as and --team
    said at once (the loader checks them again: this only spares a second attempt)."""
    try:
        return user_named(name, "--owner" if given else "")
    except CommandError as exc:
        problems = [
            str(exc)
            if given
            else _("the file's owner %(name)s is no user here: pass --owner USER") % {"name": repr(name)}
        ]
    if slug:
        try:
            Account._meta.get_field("slug").run_validators(slug)
        except ValidationError as exc:
            problems.append(labelled(active_language(), "--as", sentences(exc.messages)))
    if team and not Team.objects.filter(slug=team).exists():
        problems.append(
            labelled(active_language(), "--team", _("no team with slug %(slug)s") % {"slug": repr(team)})
        )
    raise CommandError("\n".join(problems))
