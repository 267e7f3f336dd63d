"""Bilingual text for the pure analysis, without Django.

Message templates are English source strings marked with `gettext_noop` (so Django's
`makemessages` extracts them into `locale/<lang>/LC_MESSAGES/django.po`), or with
`ngettext_noop(singular, plural)` when the wording follows a count, or with `pgettext_noop(context, message)`
when the word depends on where it stands (both extracted by the project's `makemessages`,
battlemap/core/management/commands/makemessages.py); at render time
`tr(lang, msgid, **params)` looks them up in the compiled catalog of this package with the
stdlib `gettext` module and formats `%(name)s` placeholders. Labels of codes are not
messages: `label` reads them from `battlemap.vocab`. A missing catalog or message
falls back to the English source. Django loads the same catalog once `battlemap.analysis`
is in INSTALLED_APPS.
"""

from __future__ import annotations

import gettext as _gettext
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from battlemap import vocab
from battlemap.punctuation import isolate
from battlemap.punctuation import join_names as join_names  # the one list joiner, for the analysis' callers
from battlemap.vocab import normalize_language

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("en", "zh_Hans")


def gettext_noop(message: str) -> str:
    """Mark a string for extraction; translate it later with `tr`."""
    return message


@dataclass(frozen=True)
class Plural:
    """A message whose wording follows a count: "with X, a key person" / "with X and Y, key people"."""

    singular: str
    plural: str


def ngettext_noop(singular: str, plural: str) -> Plural:
    """Mark a singular/plural pair for extraction; translate it later with `tr(lang, message, n, ...)`."""
    return Plural(singular, plural)


@dataclass(frozen=True)
class InContext:
    """A message whose word depends on where it stands: a person's "name" is 姓名, a thing's 名称. The context
    is the one Django's `pgettext` gives the same word elsewhere, so every catalog agrees on it."""

    context: str
    message: str


def pgettext_noop(context: str, message: str) -> InContext:
    """Mark a message with its context for extraction; translate it later with `tr(lang, message)`."""
    return InContext(context, message)


@lru_cache(maxsize=8)
def _catalog(locale: str) -> _gettext.NullTranslations:
    try:
        return _gettext.translation("django", localedir=str(LOCALE_DIR), languages=[locale])
    except OSError:  # catalog not compiled: English source text
        return _gettext.NullTranslations()


def tr(lang: str, message: str | Plural | InContext, n: int = 1, /, **params: object) -> str:
    """Translate `message` into `lang` and fill its `%(name)s` placeholders; a `Plural` message takes
    the form for the count `n` (ignored for a plain message)."""
    catalog = _catalog(normalize_language(lang))
    if isinstance(message, Plural):
        text = catalog.ngettext(message.singular, message.plural, n)
    elif isinstance(message, InContext):
        text = catalog.pgettext(message.context, message.message)
    else:
        text = catalog.gettext(message)
    if not params:
        return text
    # a name in the sentence keeps its own direction and leaves the words after it in theirs
    params = {k: isolate(v) if isinstance(v, str) else v for k, v in params.items()}
    return _spaced(text, params) if normalize_language(lang) == "zh_Hans" else text % params


_PLACEHOLDER = re.compile(r"%\((\w+)\)([-#0 +]*\d*(?:\.\d+)?[sdifr])|%%")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z0-9]")


# the placeholders that hold names (people, deals, bodies, accounts, organisations, a purchase process's steps):
# set in a Chinese sentence without a space, as a Chinese word is
NAMED = frozenset(
    {"names", "name", "deal", "deals", "bodies", "account", "organisation", "competitors", "others", "helpers",
     "candidates", "chairs", "deciding", "known", "step"}
)  # fmt: skip


def _spaced(text: str, params: dict[str, object]) -> str:
    """`text % params` with a space where a filled-in Latin name or number meets a Chinese character of
    the message, as the Chinese catalog writes them ("MES rollout 还没有识别出决策者", "管理 3 人", but
    "给陈国强准备…"), and without the catalog's own space between a Chinese character and a filled-in name
    that starts or ends in Chinese ("询问 %(deal)s 的关键人物" reads "询问智慧医院HIS升级项目的关键人物",
    trial 23) — a name only (`NAMED`: "态度 %(before)s" keeps its space before a label): one rule for every
    message of the analysis, whoever translated it."""
    out: list[str] = []
    skip_space = False  # drop the space after a Chinese-ending value when Chinese follows it
    last = 0
    for match in _PLACEHOLDER.finditer(text):
        between = text[last : match.start()]
        if skip_space and between[:1] == " " and _HAN.match(between[1:2]):
            between = between[1:]
        skip_space = False
        if match.group(0) == "%%":
            out.append(between + "%")
            last = match.end()
            continue
        value = ("%" + match.group(2)) % params[match.group(1)]
        before = (out[-1][-1:] if out and not between else "") + between  # what the value follows
        after = text[match.end() : match.end() + 2]
        core = value.strip("\u2068\u2069")  # a right-to-left name's isolates (punctuation.isolate)
        named = match.group(1) in NAMED
        if named and core and _HAN.match(core[0]) and before[-1:] == " " and _HAN.match(before[-2:-1]):
            between = between[:-1]
        if core and _HAN.match(before[-1:]) and _LATIN.match(core[0]):
            value = " " + value
        if named and core and _HAN.match(core[-1]):
            skip_space = True
        elif core and _HAN.match(after[:1]) and _LATIN.match(core[-1]):
            value += " "
        out.append(between + value)
        last = match.end()
    rest = text[last:]
    if skip_space and rest[:1] == " " and _HAN.match(rest[1:2]):
        rest = rest[1:]
    return "".join(out) + rest


def label(lang: str, code: str) -> str:
    """The label of a vocabulary code a report names, in `lang` (the code itself when it has none).

    Labels come from `battlemap.vocab` (one vocabulary for every surface), not from this catalog.
    """
    return vocab.label(code, lang)
