"""Evidence behind every inference, as a code with numbers; words come from the catalog at render time."""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field

from battlemap.inference.i18n import translation


def _(text: str) -> str:
    """Marks a source string for extraction; translated in `Evidence.text`."""
    return text


def ngettext(singular: str, plural: str) -> tuple[str, str]:
    """Marks a singular/plural pair for extraction; `Evidence.text` picks the form by its `count`."""
    return (singular, plural)


MESSAGES: dict[str, str | tuple[str, str]] = {
    "receives_from": ngettext(
        "receives mail from {count} distinct colleague (more than {share} of the others do)",
        "receives mail from {count} distinct colleagues (more than {share} of the others do)",
    ),
    "receives_from_most": ngettext(
        "receives mail from {count} distinct colleague, more than anyone else seen",
        "receives mail from {count} distinct colleagues, more than anyone else seen",
    ),
    "receives_from_count": ngettext(
        "receives mail from {count} distinct colleague", "receives mail from {count} distinct colleagues"
    ),
    "writes_to": ngettext("writes to {count} distinct colleague", "writes to {count} distinct colleagues"),
    "well_connected_senders": _(
        "the people who write to them are themselves widely written to (top {percent}%)"
    ),
    "replied_fast": ngettext(
        "replied to within {hours} h in {share} of {count} reply",
        "replied to within {hours} h in {share} of {count} replies",
    ),
    # replied_fast said by its numbers when the replies are few (`Evidence.text`): "0% of 1 reply" read oddly
    "replied_fast_one": _("the one reply to their mail came within {hours} h"),
    "replied_slow_one": _("the one reply to their mail came after more than {hours} h"),
    "replied_fast_all": _("all {count} replies to their mail came within {hours} h"),
    "replied_fast_none": _("none of the {count} replies to their mail came within {hours} h"),
    "replied_fast_some": _("{fast} of the {count} replies to their mail came within {hours} h"),
    "answers_slower": _("others answer them in a median {others} h; they answer in {own} h"),
    "bridges": _("bridges groups: lies on many paths between colleagues (top {percent}%)"),
    "active_months": _("active in {count} months of the archive"),
    "signature_title": _("title found in a signature: {title}"),
    "seniority_rank": _("seniority rank {rank} of {total}"),
    "approval_threads": ngettext(
        "in {count} approval or decision thread", "in {count} approval or decision threads"
    ),
    "few_messages": ngettext(
        "only {count} message seen: little evidence", "only {count} messages seen: little evidence"
    ),
    # seen in meetings alone (a calendar's events, a logged call or visit: every kind but mail)
    "few_meetings": ngettext(
        "only seen in {count} meeting: little evidence", "only seen in {count} meetings: little evidence"
    ),
    # {messages} and {meetings} are said by COUNTED ("2 messages", "1 meeting"), each in its own plural form
    "few_messages_and_meetings": _("only {messages} and {meetings} seen: little evidence"),
    "manager_messages": ngettext(
        "{count} message exchanged with {name}, who ranks higher",
        "{count} messages exchanged with {name}, who ranks higher",
    ),
    "brought_in": ngettext(
        "brought into {count} thread after it had started",
        "brought into {count} threads after they had started",
    ),
    "written_up_to": _(
        "all {count} colleagues they deal with write to them far more than they write back: ranked above them"
    ),
    "title_level_map": _("title on the map, {title}: level {level} of 8"),
    "title_level_signature": _("title found in a signature: {title}, level {level} of 8"),
    "title_level_display_name": _("title in the display name: {title}, level {level} of 8"),
    "titles_disagree": _("the map says {map}, a signature says {signature}"),
    "mail_below_title": _("the mail alone ranks them lower than their title ({rank} of {total})"),
    "mail_above_title": _("the mail alone ranks them higher than their title ({rank} of {total})"),
    "not_enough_evidence": ngettext(
        "not enough evidence: {count} message among the customer's people, {needed} needed for a score",
        "not enough evidence: {count} messages among the customer's people, {needed} needed for a score",
    ),
    # counts what the floor counts (engine.MIN_ARCHIVE_MESSAGES): mail among the customer's people only, not
    # every item read (an ingest's "40 items read" includes our side's mail and meetings)
    "archive_too_small": ngettext(
        "not enough evidence: {count} message among the customer's people, {needed} needed for scores",
        "not enough evidence: {count} messages among the customer's people, {needed} needed for scores",
    ),
    # enough mail, but among too few of the customer's people (engine.MIN_ARCHIVE_PEOPLE)
    "archive_too_few_people": ngettext(
        "not enough evidence: {count} of the customer's people write to each other, {needed} needed for scores",
        "not enough evidence: {count} of the customer's people write to each other, {needed} needed for scores",
    ),
    "top_person": _("the most senior person found: no manager suggested"),
    "no_manager_evidence": _(
        "not enough evidence for a reporting line: best candidate {best}, {needed} needed"
    ),
    # no colleague reaches engine.MIN_CANDIDATE: "best candidate 0%" read as a candidate at 0%
    "no_manager_candidate": _("not enough evidence for a reporting line: no candidate, {needed} needed"),
    "line_few_messages": ngettext(
        "not enough evidence for a reporting line: {count} message with {name}, {needed} needed",
        "not enough evidence for a reporting line: {count} messages with {name}, {needed} needed",
    ),
    "line_one_way": _("not enough evidence for a reporting line: {name} never wrote to them"),
    "low_confidence": ngettext(
        "low confidence ({confidence}): {count} message among colleagues, so the figures are a guess",
        "low confidence ({confidence}): {count} messages among colleagues, so the figures are a guess",
    ),
    "manager_title_above": _("{name} has a higher title level"),
    "manager_ranks_above": _("{name} ranks higher ({rank} against {own})"),
}


# a count said with its noun inside another sentence: the parameter's number in the form for it
COUNTED: dict[str, tuple[str, str]] = {
    "messages": ngettext("{count} message", "{count} messages"),
    "meetings": ngettext("{count} meeting", "{count} meetings"),
}
COUNTED_IN = frozenset({"few_messages_and_meetings"})


def _counted(words: gettext.NullTranslations, key: str, value: object) -> object:
    """A COUNTED parameter as its phrase ("2 messages"), in the form for its number; any other as it is."""
    if key not in COUNTED:
        return value
    return words.ngettext(*COUNTED[key], int(str(value))).format(count=value)


FEW_REPLIES = 10  # under it, replied_fast is said by its numbers ("2 of the 3 replies"), not a percentage


def _replies_said(params: dict[str, object]) -> Evidence | None:
    """replied_fast over fewer than FEW_REPLIES replies, said by its numbers — "the one reply to their mail
    came after more than 2 h", not "in 0% of 1 reply" — or None to say it as it is. The number that came fast is
    the stored share of the count (a whole percentage: exact under 10 replies)."""
    count, share = params.get("count"), str(params.get("share", ""))
    if not isinstance(count, int) or not 0 < count < FEW_REPLIES or not share.endswith("%"):
        return None
    fast = round(float(share[:-1]) * count / 100)
    hours = {"hours": params.get("hours", 2)}
    if count == 1:
        return Evidence("replied_fast_one" if fast else "replied_slow_one", hours)
    if fast in (0, count):
        return Evidence("replied_fast_all" if fast else "replied_fast_none", {**hours, "count": count})
    return Evidence("replied_fast_some", {**hours, "count": count, "fast": fast})


# counts that say nothing at zero: "receives mail from 0 distinct colleagues" is no evidence of anything
SILENT_AT_ZERO = frozenset({"receives_from", "receives_from_most", "receives_from_count", "writes_to"})


@dataclass(frozen=True, slots=True)
class Evidence:
    code: str
    params: dict[str, object] = field(default_factory=dict)

    @property
    def says_something(self) -> bool:
        """False for a count of zero that is no evidence (`SILENT_AT_ZERO`): not made, and not shown when
        stored by a suggestion before."""
        return not (self.code in SILENT_AT_ZERO and self.params.get("count") == 0)

    def text(self, language: str = "en") -> str:
        if self.code == "receives_from" and self.params.get("share") in ("0%", "100%"):
            # stored before the comparison was made sane (explain.receives_from): say it as it is said now
            code = "receives_from_most" if self.params["share"] == "100%" else "receives_from_count"
            return Evidence(code, {"count": self.params.get("count", 0)}).text(language)
        if self.code == "replied_fast" and (said := _replies_said(self.params)) is not None:
            return said.text(language)
        message = MESSAGES[self.code]
        words = translation(language)
        if isinstance(message, tuple):  # "1 reply", "2 replies": the form for its count
            count = self.params.get("count", 0)
            template = words.ngettext(
                message[0], message[1], int(count) if isinstance(count, int | float | str) else 0
            )
        else:
            template = words.gettext(message)
        params = self.params
        if self.code in COUNTED_IN:  # "2 messages and 1 meeting": each count with its noun, in its form
            params = {key: _counted(words, key, value) for key, value in params.items()}
        return template.format(**params)
