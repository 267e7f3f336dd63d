from __future__ import annotations

import getpass
import sys

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import slug_re, validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from battlemap.core.cli import DataCommand, refused
from battlemap.core.multilingual import active_language
from battlemap.punctuation import aside, labelled, sentences
from battlemap.teams.models import Membership, Team
from battlemap.teams.selectors import team_named
from battlemap.teams.services import membership_add, team_create
from battlemap.users.services import user_create, username_check


class Command(DataCommand):
    help = gettext_lazy(
        "Create a user: createuser NAME [--email E] [--team T [--create-team]] [--manager] [--superuser]; "
        "the password is asked twice (or read from standard input with --password-stdin)"
    )

    def add_arguments(self, parser):
        parser.add_argument("name")
        passwords = parser.add_mutually_exclusive_group()
        passwords.add_argument(
            "--password",
            help=gettext_lazy(
                "the password (stays in the shell's history and shows in `ps`: prefer the prompt)"
            ),
        )
        passwords.add_argument(
            "--password-stdin",
            action="store_true",
            help=gettext_lazy("read the password from the first line of standard input"),
        )
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--team",
            help=gettext_lazy("an existing team's slug or name (华东大客户部)"),
        )
        parser.add_argument(
            "--create-team",
            action="store_true",
            help=gettext_lazy("make the --team named if there is none: a name gets a pinyin slug"),
        )
        parser.add_argument(
            "--manager", action="store_true", help=gettext_lazy("join the team as its manager")
        )
        parser.add_argument(
            "--superuser", action="store_true", help=gettext_lazy("an administrator who sees every account")
        )

    def handle(
        self, *args, name, password, password_stdin, email, team, create_team, manager, superuser, **options
    ):
        User = get_user_model()
        if not name.strip():
            raise refused("NAME", pgettext("command line", "empty"))
        # as stored (Django's NFKC: full-width ＱｉａｎＷｕ is QianWu), in any letter case, as the admin's form checks
        # it: qianwu and QianWu side by side in every user list
        name = User.normalize_username(name)
        same = User.objects.filter(username__iexact=name).values_list("username", flat=True).first()
        if same is not None:
            raise CommandError(_("a user named %(name)s already exists") % {"name": repr(same)})
        for option, given in (("--manager", manager), ("--create-team", create_team)):
            if given and not team:  # it was ignored, and the command said nothing
                raise refused(option, _("it needs --team T: the team to manage or to create"))
        if email:
            try:
                validate_email(email)
            except ValidationError as exc:
                raise refused("--email", sentences(exc.messages)) from None
        if team and not create_team:
            _existing_team(team)  # refused before the password is asked
        try:
            username_check(name)  # refused before the password is asked
        except ValidationError as exc:
            raise refused("NAME", sentences(exc.message_dict["username"])) from None
        password = _password(password, password_stdin)
        with transaction.atomic():
            try:
                user = user_create(username=name, password=password, email=email, superuser=superuser)
            except ValidationError as exc:
                source = (
                    "--password-stdin" if password_stdin else "--password"
                )  # where the password came from
                raise refused(source, sentences(exc.message_dict["password"])) from None
            if team:
                try:
                    found = team_named(team)
                    team_obj = found or _team_create(team)
                except ValueError as exc:
                    raise refused("--team", exc) from None
                except ValidationError as exc:
                    field, messages = next(iter(exc.message_dict.items()))
                    raise refused("--team", labelled(active_language(), field, messages[0])) from None
                role = Membership.Role.MANAGER if manager else Membership.Role.MEMBER
                membership_add(team=team_obj, user=user, role=role)
        if team:
            # the role said: a manager's line read as a plain member's (an IT administrator's trial)
            message = (
                _("created user %(user)s as %(role)s of the new team %(team)s")
                if found is None
                else _("created user %(user)s as %(role)s of team %(team)s")
            )
            team_text = team_obj.name + aside(active_language(), team_obj.slug)
            self.stdout.write(message % {"user": user.username, "role": role.label, "team": team_text})
        else:
            self.stdout.write(_("created user %(user)s") % {"user": user.username})


def _password(given: str | None, from_stdin: bool) -> str:
    """The new user's password: `--password`, else the first line of standard input (`--password-stdin`),
    else asked twice at the terminal (not echoed). CommandError naming the option when it is empty, when the
    two answers differ, or when there is no terminal to ask at; a CommandError saying no user was made when the
    prompt is left with Ctrl-D or Ctrl-C (not Python's traceback)."""
    if from_stdin:
        password, label = sys.stdin.readline().rstrip("\r\n"), "--password-stdin"
    elif given is not None:
        password, label = given, "--password"
    else:
        if not sys.stdin.isatty():
            raise refused(
                "--password", _("no terminal to ask at: pass --password-stdin and the password on its input")
            )
        try:
            password = getpass.getpass(_("Password: "))
            again = getpass.getpass(_("Password (again): "))
        except (EOFError, KeyboardInterrupt):
            sys.stderr.write("\n")  # the prompt's line stays open after Ctrl-D or Ctrl-C
            raise CommandError(_("cancelled at the password prompt: no user was created")) from None
        if again != password:
            raise refused("--password", _("the two passwords differ"))
        label = "--password"
    if not password:
        raise refused(label, pgettext("command line", "empty"))
    return password


def _existing_team(text: str) -> None:
    """CommandError naming --team when no team has this slug or name: the teams there are, or how to make one
    (a typo must not make a team no one manages)."""
    try:
        if team_named(text):
            return
    except ValueError as exc:
        raise refused("--team", exc) from None
    slugs = list(Team.objects.order_by("slug").values_list("slug", flat=True)[:20])
    if slugs:
        message = _("no team with slug or name %(team)s (the teams: %(teams)s); --create-team makes it")
    else:
        message = _("no team with slug or name %(team)s (there is no team yet); --create-team makes it")
    raise refused("--team", message % {"team": repr(text), "teams": ", ".join(slugs)})


def _team_create(text: str):
    """A new team called `text`: a slug as it is (`north`), a name with a slug made from it (华东大客户部 →
    hua-dong-da-ke-hu-bu, as a new account's)."""
    slug = text.strip()
    if slug_re.match(slug):
        return team_create(slug=slug)
    return team_create(name=slug)
