"""History reasons said in the reader's language.

A reason the app writes (`core.history_stamp.recorded(reason=...)`: "inferred from 3 messages, 1 meeting,
accepted by alice", "import people.xlsx") is stored as a short code with its parameters, `@import|people.xlsx`, not
as text in the writer's language: `reason("import", "people.xlsx")`. The pages show it with
`reason_text(stored)`, translated for whoever reads the history. A reason a person typed (a handover
note) and the reasons stored before codes (plain text in the writer's language) are shown as they are.

The codes and their messages are this one table. Parameters are joined by "|" (the last one may hold
"|": a file name), so a stored reason stays within the 100 characters of `history_change_reason`; a
parameter that is itself a stored reason (the undo of a batch names the batch) is said in the reader's
language too."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext, gettext_noop, npgettext

from battlemap.core.multilingual import active_language
from battlemap.punctuation import list_separator

PREFIX = "@"
SEP = "|"
MAX_CHARS = 100  # simple_history's history_change_reason column

# code → (message id, its parameters in order)
REASONS: dict[str, tuple[str, tuple[str, ...]]] = {
    # stored before meetings were counted apart (count: messages and meetings together, which cannot be told
    # apart now): said as `seen_before_words` ("1 message or meeting"), never "1 messages"
    "inferred": (gettext_noop("inferred from %(seen)s, accepted by %(user)s"), ("count", "user")),
    # seen: said from messages and meetings (`seen_in_words`)
    "inferred_seen": (
        gettext_noop("inferred from %(seen)s, accepted by %(user)s"),
        ("messages", "meetings", "user"),
    ),
    "batch": (
        gettext_noop("accepted all suggestions from %(percent)d%% up, by %(user)s"),
        ("percent", "user", "mark"),  # mark: the batch's own name (#time), not shown
    ),
    "undo": (gettext_noop("undo of: %(batch)s"), ("batch",)),
    "cancelled": (gettext_noop("meeting cancelled (calendar ingest)"), ()),
    "out_of_series": (gettext_noop("taken out of its recurring series (calendar ingest)"), ()),
    "survey": (gettext_noop("answered by link %(link)s"), ("link",)),
    "interview": (gettext_noop("accepted from interview %(interview)s"), ("interview",)),
    "import": (gettext_noop("import %(file)s"), ("file",)),  # an import stored before it had a mark
    # mark: the import's own name (its time, the id its undo takes: io.tabular.undo), not shown
    "imported": (gettext_noop("import %(file)s"), ("mark", "file")),
    "erased": (gettext_noop("erased on request"), ()),
    "closed_with_deal": (gettext_noop("done when the deal was closed"), ()),
    "reopened_with_deal": (gettext_noop("open again: the deal was reopened"), ()),
}


def seen_in_words(messages: int, meetings: int) -> str:
    """What a person was seen in, in the active language: "2 messages, 1 meeting" (2 封邮件、1 场会议), "1 meeting",
    "3 messages"; a count of zero is left out unless both are. Said by a suggestion's card
    (mail.selectors.suggestions.seen_in) and the history of an accepted one ("inferred_seen")."""
    parts = []
    if messages or not meetings:
        said = npgettext("seen in", "%(count)d message", "%(count)d messages", messages)
        parts.append(said % {"count": messages})
    if meetings:
        said = npgettext("seen in", "%(count)d meeting", "%(count)d meetings", meetings)
        parts.append(said % {"count": meetings})
    return list_separator(active_language()).join(parts)


def seen_before_words(count: int) -> str:
    """What a person accepted before meetings were counted apart was seen in, in the active language: "1 message or
    meeting" (1 封邮件或会议), "3 messages and meetings" — the stored count held both (reason "inferred")."""
    said = npgettext("seen in", "%(count)d message or meeting", "%(count)d messages and meetings", count)
    return said % {"count": count}


# code → the words its message takes that are made from its parameters
_WORDS: dict[str, Callable[[dict], dict]] = {
    "inferred": lambda params: {"seen": seen_before_words(params["count"])},
    "inferred_seen": lambda params: {"seen": seen_in_words(params["messages"], params["meetings"])},
}


def reason(code: str, *params: object) -> str:
    """The stored form of the reason `code` with its parameters (in the table's order)."""
    _msgid, names = REASONS[code]
    if len(params) != len(names):
        raise ValueError(f"reason {code!r} takes {names}")
    stored = SEP.join([PREFIX + code, *(str(p) for p in params)])
    return stored[:MAX_CHARS]


def reason_text(stored: str | None) -> str:
    """A history reason in the active language: a stored `reason(...)` translated with its parameters;
    anything else (a note typed by a person, a reason stored before codes) as it is."""
    if not stored or not stored.startswith(PREFIX):
        return stored or ""
    code, sep, rest = stored[len(PREFIX) :].partition(SEP)
    known = REASONS.get(code)
    if known is None:
        return stored
    msgid, names = known
    values = rest.split(SEP, max(len(names) - 1, 0)) if names and sep else []
    if len(values) != len(names) or (rest and not names):
        return stored
    params = {
        name: int(value) if value.isdigit() else reason_text(value)
        for name, value in zip(names, values, strict=True)
    }
    try:
        return gettext(msgid) % (params | _WORDS[code](params) if code in _WORDS else params)
    except (TypeError, ValueError):  # a parameter that is not the number the message expects
        return stored
