"""Labels of vocabulary codes for the exports, in the export's (active) language, from battlemap.vocab.

An export cell starts with a capital letter in English ("Decision maker"); the words are the
vocabulary's own, so a spreadsheet says what the screen says.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap import punctuation as i18n
from battlemap import vocab
from battlemap.core.choices import lazy_option
from battlemap.core.multilingual import active_language
from battlemap.io.dates import DateReading
from battlemap.people.models import LINK_STRENGTH_CHOICES


def _table(*vocabularies: vocab.Vocabulary) -> dict:
    return {code: lazy_option(v, code) for v in vocabularies for code in v}


ROLE_LABELS = _table(vocab.BUYING_ROLES)
ATTITUDE_LABELS = _table(vocab.ATTITUDES)
RELATIONSHIP_LABELS = _table(vocab.RELATIONSHIPS)
STAGE_LABELS = _table(vocab.STAGES)
STATUS_LABELS = _table(vocab.PERSON_STATUSES, vocab.DEAL_STATUSES)  # no code in both
KIND_LABELS = _table(vocab.INTERACTION_KINDS, vocab.LINK_KINDS)  # no code in both
SEVERITY_LABELS = _table(vocab.SEVERITIES)
LIFECYCLE_LABELS = _table(vocab.LIFECYCLE)
MEDDPICC_LABELS = _table(vocab.MEDDPICC)
QUALIFICATION_LABELS = _table(vocab.QUALIFICATION_STATUSES)
BUYING_INFLUENCE_LABELS = _table(vocab.BUYING_INFLUENCES)
DEGREE_LABELS = _table(vocab.INFLUENCE_DEGREES)
RESPONSE_MODE_LABELS = _table(vocab.RESPONSE_MODES)
STRENGTH_LABELS = _table(vocab.STRENGTHS)
FLAG_LABELS = _table(vocab.FLAGS)
# an influence link's strength (1..3) in the words of the web's link form and table
LINK_STRENGTH_LABELS = dict(LINK_STRENGTH_CHOICES)


def label(table: dict, code: object) -> str:
    """The label of a code, or the code itself when it has none (never a blank for a known value)."""
    if code is None or code == "":
        return ""
    return str(table.get(code, code))


def in_line(vocabulary: vocab.Vocabulary, code: object) -> str:
    """The label of a code read inside a line, in the vocabulary's own case as the web writes it: a reopened deal's
    "lost → 44", "reopened: lost on 2026-11-05" (a cell's "Lost → 44" beside "lost → open" read as two words)."""
    return vocabulary.label(code, active_language()) if code not in (None, "") else ""  # type: ignore[arg-type]


def roles_text(codes: list[str] | tuple[str, ...]) -> str:
    """Role labels joined as a reader of the active language writes a list: 决策者、教练 / Decision maker, Coach."""
    return listed(label(ROLE_LABELS, c) for c in codes)


def listed(values: Iterable[object]) -> str:
    """Names or labels joined as the active language writes a list (`battlemap.punctuation.join_names`)."""
    return i18n.join_names(active_language(), (str(v) for v in values))


def listed_plain(values: Iterable[object]) -> str:
    """`listed` without the bidi isolates around right-to-left names: a spreadsheet cell of names is filtered
    and looked up by name, and an invisible U+2068 … U+2069 made `محمد عبدالله` miss."""
    return i18n.list_separator(active_language()).join(str(v) for v in values)


def labelled(name: object, value: object) -> str:
    """A label and its value in the active language: 商机健康度：38 / Deal health: 38."""
    return i18n.labelled(active_language(), str(name), value)


def with_aside(text: object, note: object) -> str:
    """A text with a bracketed note in the active language: 冯晓东（已离职） / Peter Novak (left)."""
    return f"{text}{i18n.aside(active_language(), note)}"


# How a file's dates like 03/11/2026 were read (io.dates.DateReading), for the import and ingest summaries
DATE_ORDER_LABELS = {"dmy": gettext_lazy("day first"), "mdy": gettext_lazy("month first")}
DATE_ORDER_REASONS = {
    "chosen": gettext_lazy("the order chosen for the upload"),
    "settled": gettext_lazy("a date of the file has a day over 12, which settles it"),
    "no_future": gettext_lazy(
        "the only order that puts no activity in the future; if it is wrong, choose the order and ingest again"
    ),
}


def date_reading_text(reading: DateReading) -> str:
    """`read day first (03/11/2026 is 2026-11-03): a date of the file has a day over 12, which settles it`."""
    return _("read %(order)s (%(example)s is %(day)s): %(how)s") % {
        "order": DATE_ORDER_LABELS[reading.order],
        "example": reading.example,
        "day": reading.day.isoformat(),
        "how": DATE_ORDER_REASONS[reading.how],
    }
