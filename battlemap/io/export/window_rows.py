"""Page / slide 1's words about the review window: the deal's health trend over it, when the last review was, and
how much changed since (`summary_facts` shows them); a deal recorded inside the window with an older past (a map
file loaded) is said to have nothing earlier to compare with. Call inside `translation.override(lang)`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import npgettext, pgettext

from battlemap import vocab
from battlemap.analysis.health import health_band_label
from battlemap.core.multilingual import active_language

from ..labels import in_line, with_aside
from .report import Report


def health_text(r: Report) -> str:
    """`25 (poor) · ↓ from 40 on 2026-10-31`: the score, its band named as the web's health filter and
    the API's `band_label` name it (analysis.health.health_band_label), and the trend over the review
    window (since the last review, else since the map was loaded from a file in the window, else the last 30 days)."""
    if r.health is None:
        return ""
    score = r.health.get("score")
    band = health_band_label(r.health.get("band") or "", active_language())
    text = with_aside(score, band) if band else str(score)
    before, day = r.health_before, r.loaded_at[:10] or r.review_since  # the window starts at a load in it
    opened = recorded_late(r)  # loaded with its past: not new, only recorded since
    # loaded from a map file: its health then is the recording (a move since the load is news, from that day)
    if opened and (r.health_new or (r.loaded_at and before in (None, score))):
        return f"{text} · " + pgettext(
            "export", "no earlier health: recorded on %(recorded)s, its stage history starts %(opened)s"
        ) % {"recorded": r.recorded_on, "opened": opened}
    if r.health_new:  # one rule with "what changed" (`change_table`): a deal opened since has no trend
        return f"{text} · " + pgettext("export", "new deal, opened after %(day)s") % {"day": day}
    if r.health_before_status:  # won or lost then, reopened since: "lost → 50" in What changed
        was = {"status": in_line(vocab.DEAL_STATUSES, r.health_before_status), "day": day}
        if r.reviewed:
            return (
                f"{text} · " + pgettext("export", "reopened: %(status)s at the last review (%(day)s)") % was
            )
        if r.closed_then_on:  # the day it was won or lost, not the window's start
            return f"{text} · " + pgettext("export", "reopened: %(status)s on %(day)s") % {
                **was,
                "day": r.closed_then_on,
            }
        return f"{text} · " + pgettext("export", "reopened: %(status)s as of %(day)s") % was
    if before is None or before == score:
        if r.loaded_at:  # what the map file held is the recording (maps.loaded_in_window)
            trend = pgettext("export", "no change since the map was loaded from a file (%(at)s)") % {
                "at": r.loaded_at
            }
        elif r.reviewed:
            trend = pgettext("export", "no change since the last review (%(day)s)") % {"day": day}
        else:
            trend = pgettext("export", "no change in the last %(days)s days") % {"days": r.review_days}
        return f"{text} · {trend}"
    values = {"arrow": "↑" if score > before else "↓", "before": before, "day": day}
    if r.reviewed:
        return (
            text
            + " · "
            + pgettext("export", "%(arrow)s from %(before)s at the last review (%(day)s)") % values
        )
    return text + " · " + pgettext("export", "%(arrow)s from %(before)s on %(day)s") % values


def last_review_text(r: Report) -> str:
    """When the last review was and who made it (a manager may review an account they only read)."""
    if r.reviewed:
        if r.reviewed_by:
            return pgettext("export", "%(day)s by %(by)s") % {"day": r.review_since, "by": r.reviewed_by}
        return r.review_since
    if r.loaded_at:  # What changed starts at the load (maps.loaded_in_window)
        return pgettext("export", "never (compared with the map as loaded from a file, %(at)s)") % {
            "at": r.loaded_at
        }
    return pgettext("export", "never (compared with %(day)s)") % {"day": r.review_since}


def recorded_late(r: Report) -> str:
    """The first day of the deal's stage history when the deal was recorded inside the review window but its history
    starts before the window (a map file loaded, a deal typed with its past): "" otherwise. Such a deal is not new,
    and what the window shows of it — its flags, its people — is the recording, not news."""
    days = sorted(s.get("date") or "" for s in (r.deal or {}).get("stage_history") or [] if s.get("date"))
    if not r.recorded_on or not days or days[0] > r.review_since[:10]:
        return ""
    return days[0]


def change_counts(r: Report) -> str:
    """`2 new red flags · 1 worse · 1 resolved · 3 new people in this deal · 1 left · 1 stage or status move ·
    2 amount or close changes · 1 questionnaire answered`: the size of the change since the review (the people
    new to the map, of the deal when there is one, as its What changed lists them); the people who left the
    customer, those removed from the map (apart: they did not leave), the deal's moves, term changes and the questionnaires answered (of the deal, or of no
    deal) only when there are some (their rows are in What changed)."""
    recorded = ""
    if recorded_late(r):  # everything in the window is the recording: nothing earlier to compare with
        recorded = pgettext("export", "nothing earlier to compare with: the deal was recorded on %(day)s") % {
            "day": r.recorded_on
        }
        if not r.loaded_at:
            return recorded
    c = r.changes or {}
    deal = (r.deal or {}).get("id")

    def n(key: str) -> int:
        return sum(1 for f in c.get(key) or [] if f.get("deal") in (None, deal))

    # the people What changed lists (its "New person" and "Left" rows, `changes_rows.change_table`): one
    # departure in the window read "0 new people" beside the table's "Left 杨帆"; a deal's are those of the deal
    # (`deals.selectors_changes.people_moves`), and said so: "3 new people" after 206 were pasted onto the account
    people = len(c.get("people_added") or [])
    if r.deal is None:
        said = npgettext("export", "%(n)s new person", "%(n)s new people", people)
    else:
        said = npgettext("export", "%(n)s new person in this deal", "%(n)s new people in this deal", people)
    new_people = [said % {"n": people}]
    # only those who left the customer: "1 left" / "离职 1" counted a person deleted from the map too
    if left := len(c.get("people_left") or []):
        new_people.append(pgettext("export", "%(n)s left") % {"n": left})
    if removed := len(c.get("people_removed") or []):
        new_people.append(pgettext("export", "%(n)s removed from the map") % {"n": removed})
    # no flags were checked, or a closed deal's flags went with the closing: only people count
    if r.deal is None or r.closed:
        parts = [*new_people]
    else:
        new = n("new_flags")
        parts = [
            npgettext("export", "%(n)s new red flag", "%(n)s new red flags", new) % {"n": new},
            pgettext("export", "%(n)s worse") % {"n": n("worse_flags")},
            pgettext("export", "%(n)s resolved") % {"n": n("resolved_flags")},
            *new_people,
        ]
    moves = n("stage_moves") + n("status_changes")
    if moves:
        parts.append(
            npgettext("export", "%(n)s stage or status move", "%(n)s stage or status moves", moves)
            % {"n": moves}
        )
    terms = n("deal_terms")
    if terms:
        parts.append(
            npgettext("export", "%(n)s amount or close change", "%(n)s amount or close changes", terms)
            % {"n": terms}
        )
    answers = n("survey_answers")  # listed in What changed (changes_rows.answer_rows)
    if answers:
        parts.append(
            npgettext("export", "%(n)s questionnaire answered", "%(n)s questionnaires answered", answers)
            % {"n": answers}
        )
    if (
        recorded
    ):  # loaded from a map file: what changed since the load (maps.loaded_in_window), when anything did
        return " · ".join([recorded, *parts]) if _changed_since(c, deal) else recorded
    return " · ".join(parts)


def _changed_since(changes: dict[str, Any], deal: Any) -> bool:
    """Anything counted by `change_counts` in `changes` (of the deal `deal`, or of no deal)."""
    keys = ("new_flags", "worse_flags", "resolved_flags", "stage_moves", "status_changes", "deal_terms")
    return bool(
        changes.get("people_added")
        or changes.get("people_left")
        or changes.get("people_removed")
        or any(
            f.get("deal") in (None, deal) for key in (*keys, "survey_answers") for f in changes.get(key) or []
        )
    )
