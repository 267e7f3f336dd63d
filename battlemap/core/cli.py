"""Shared pieces of the `battlemap` management commands: user lookup and access with `--user`, and what
the commands say, in the CLI's language: the installation's LANGUAGE_CODE (Django runs a command with it)."""

from __future__ import annotations

import argparse
import errno
import logging
import sys
from io import StringIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.checks import Tags
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, OutputWrapper, SystemCheckError
from django.http import Http404
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.core.access import Action, get_account_as_admin, get_account_for
from battlemap.core.multilingual import active_language
from battlemap.punctuation import labelled, sentences


class TranslatedCommand(BaseCommand):
    """A command whose `help` is a lazy translation (`gettext_lazy`), said in the language active when the
    help is shown. argparse runs a regular expression over the description, which takes no lazy string:
    it gets the text itself when the parser is made. (The arguments' helps stay lazy: argparse formats them
    with `%`, which a lazy string does.)"""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        if parser.description is not None:
            parser.description = str(parser.description)
        # `--lang` on every Battlemap command (README): the language of what it says, as the API's `?lang=`. A
        # command that reads it itself (analyze, export, import, demo…) declares its own; the others get this one.
        self._lang_of_its_own = any("--lang" in action.option_strings for action in parser._actions)
        if not self._lang_of_its_own:
            parsers = [parser]  # and after a subcommand (`token list demo --lang en`), where it is typed last
            for action in parser._actions:
                if isinstance(action, argparse._SubParsersAction):
                    parsers += list(action.choices.values())
            for each in parsers:  # a subcommand's unset --lang leaves the command's as it is (SUPPRESS)
                each.add_argument(
                    "--lang",
                    type=language_argument,
                    default=None if each is parser else argparse.SUPPRESS,
                    help=gettext_lazy("language of the messages: zh or en (also zh-hans, zh-CN)"),
                )
        return parser

    def run_from_argv(self, argv):
        """`--lang` taken before the arguments are read: the help is printed while they are
        (`battlemap mail-infer --help --lang en` said its help in the installation's language), as are argparse's
        refusals of them."""
        lang = _lang_in(argv[2:])
        if not lang:
            return super().run_from_argv(argv)
        with translation.override(lang):
            return super().run_from_argv(argv)

    def execute(self, *args, **options):
        """A refusal (CommandError) typed at the shell is said as `battlemap analyze: no account with slug
        'nope' …` on stderr, exit status the error's (1), as argparse says its own errors: Django's
        `run_from_argv` put its class name, `CommandError: …`, before the translated message. Called from
        code (`call_command`), or with `--traceback`, the error is raised as before; the system checks'
        errors keep Django's own form. `--lang` (language_argument's code) says all of it in that language."""
        lang = options.get("lang") if getattr(self, "_lang_of_its_own", True) else options.pop("lang", None)
        if not lang:
            return self._execute_said(*args, **options)
        with translation.override(lang):
            return self._execute_said(*args, **options)

    def _execute_said(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except CommandError as exc:
            if (
                not self._called_from_command_line
                or options.get("traceback")
                or isinstance(exc, SystemCheckError)
            ):
                raise
            self.stderr.write(f"{self.command_name()}: {exc}")
            sys.exit(exc.returncode)

    def check(self, *args, **kwargs):
        """The system checks' warnings at start (`demo.W001`, said by `serve` and `worker`): with LOG_FORMAT=json,
        one JSON log line (logger `django.core.checks`), not Django's five lines of text among the JSON lines the
        log collector reads from the same standard error. `battlemap check`, typed by a person, keeps its text."""
        if settings.LOG_FORMAT != "json":
            return super().check(*args, **kwargs)
        said, stderr = StringIO(), self.stderr
        self.stderr = OutputWrapper(said)
        try:
            return super().check(*args, **kwargs)
        finally:
            self.stderr = stderr
            if said.getvalue().strip():
                logging.getLogger("django.core.checks").warning(said.getvalue().strip())

    def command_name(self) -> str:
        """`battlemap analyze`: the program and the command, from this command's module (`analyze.py`)."""
        return "battlemap " + self.__module__.rsplit(".", 1)[-1]


class DataCommand(TranslatedCommand):
    """The base of Battlemap's commands that read or write the data (all but `serve` and `worker`): only the
    model checks run at start. Django's default also checks the URLs, which imports every page and API module:
    on the 2-core machine that made each command take about 6 s, whatever it did (`battlemap jobs` 6.6 s,
    `export-map` 6.3 s), against about 1 s with the model checks. `battlemap check`, `migrate`, `serve` and
    `worker` still run every check."""

    requires_system_checks = [Tags.models]

    def execute(self, *args, **options):
        """Every history row the command writes names an author, as a page's do: the `--user` given, else the
        command line's (core.services.command_line_author, shown "command line"), made only when a row is
        written. A service that names its own (an import's user) is not overridden."""
        from django.utils.functional import SimpleLazyObject

        from battlemap.core.history_stamp import authored_by
        from battlemap.core.services import command_line_author

        username = options.get("user")
        author = SimpleLazyObject(lambda: user_named(username) if username else command_line_author())
        with authored_by(author):
            return super().execute(*args, **options)


def lazy_text(message, **params: object) -> str:
    """A help with values, `message % params`, translated when it is shown: `message` is a `gettext_lazy`."""
    return lazy(lambda: str(message) % params, str)()


def _lang_in(args: list[str]) -> str | None:
    """The language a command line's `--lang X` (or `--lang=X`) asks for, read as `language_argument` reads it;
    None when it asks none or one that is not (argparse then refuses it, naming the option)."""
    for i, arg in enumerate(args):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        if value is not None:
            try:
                return language_argument(value)
            except argparse.ArgumentTypeError:
                return None
    return None


def language_argument(value: str) -> str:
    """The one reading of every command's `--lang` (argparse's `type`): zh, zh-hans, zh-CN, zh_Hans … → "zh-hans",
    en, en-GB … → "en" (`vocab.normalize_language`, as the API's `?lang=`); anything else is argparse's error
    naming the option and the two choices (exit status 2)."""
    from battlemap.vocab import normalize_language

    try:
        code = normalize_language(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("unsupported language %(lang)s (use 'zh' or 'en')") % {"lang": repr(value)}
        ) from None
    return "zh-hans" if code == "zh_Hans" else "en"


def refused(label: str, message: object) -> CommandError:
    """A CommandError that names first what it is about (an option, an argument, a file): `--team: no team
    …` / `--team：没有…`."""
    return CommandError(labelled(active_language(), label, message))


def os_problem(exc: OSError) -> str:
    """What went wrong with a file, in the CLI's language: the usual cases translated, others as the system
    says them."""
    usual = {
        errno.ENOENT: _("No such file or directory"),
        errno.EACCES: _("Permission denied"),
        errno.EISDIR: _("Is a directory"),
        errno.ENOTDIR: _("Not a directory"),
        errno.ENOSPC: _("No space left on device"),
    }
    return usual.get(exc.errno, exc.strerror or str(exc))


def database_error_lines(exc: Exception) -> list[str]:
    """What `battlemap` says when the database fails it (battlemap/cli.py): most often a database that was
    never migrated or cannot be reached; a database locked by another writer past the busy timeout, or on a
    full disk, is said as such (core.errors.cannot_save), not sent to DATABASE_URL and migrations."""
    from battlemap.core.errors import cannot_save

    said = cannot_save(exc)
    hint = (
        said[1] if said else _("Is the database reachable (DATABASE_URL) and migrated (`battlemap migrate`)?")
    )
    return ["battlemap: " + (_("database error: %(error)s") % {"error": exc}).rstrip(), str(hint)]


def user_named(username: str, argument: str = ""):
    """The user `username`, or a CommandError in the CLI's language (`argument`: the option or argument
    that named them, said first: `USER: no user named 'nobody'`)."""
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        message = _("no user named %(name)s") % {"name": repr(username)}
        raise (refused(argument, message) if argument else CommandError(message)) from None


def account_for_command(slug: str, username: str | None = None, action: Action = "view"):
    """The account by slug. Commands act as the installation's administrator unless --user applies a user's access."""
    if username is None:
        try:
            return get_account_as_admin(slug)
        except Http404:
            raise CommandError(
                _("no account with slug %(slug)s (see `battlemap accounts`)") % {"slug": repr(slug)}
            ) from None
    user = user_named(username)
    try:
        return get_account_for(user, slug, action)
    except Http404:
        raise CommandError(
            _("no account with slug %(slug)s visible to %(user)s")
            % {"slug": repr(slug), "user": repr(username)}
        ) from None
    except PermissionDenied as e:  # they may see it, not do this (core.access.READ_ONLY)
        raise CommandError(
            _("%(user)s may not do this on %(slug)s: %(reason)s")
            % {"user": repr(username), "slug": repr(slug), "reason": e}
        ) from None


def days_refused(exc: ValidationError) -> CommandError:
    """A purge's refusal of its `--days` (a ValidationError naming `days`) as the CLI says it."""
    return refused("--days", sentences(exc.messages))
