"""The decision bodies, purchase process and dates of a training case (`cases` makes the case), and the red flags
its trainee can judge.

What is carried, from codes and structure only (docs/training.md):

* each decision body that has a part in the deal or runs one of its steps: its members and chair (the case's
  people), its decision rule, its buying roles in the deal. Its **name is generated from its kind**, 党委会 /
  总经理办公会 / 评标委员会 (`vocab.BODY_KINDS`), with a letter when two share a kind ("评标委员会A"): the name a
  user typed is never carried, even when it is a generic word — "智慧工地项目评标委员会" names the project, and
  telling a generic name from a specific one by matching text is what a case must not do. Its notes, meeting
  days and next meeting are dropped;
* each process step in order: its kind (its own name is typed: dropped), status, body and people, and its planned
  and done dates as days of the case (day 1 = the case's first dated fact: a meeting, a step, the expected close);
* the expected close and the day the reference's flags were read, as days too. The case's map holds no date.

What a case cannot carry (typed text, or facts its map does not hold) leaves the flags that need it off the
case's checklist (`NOT_CARRIED`): a trainee is not asked to judge what the narrative cannot show.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from battlemap.punctuation import clauses, join_names, labelled
from battlemap.vocab import (
    BODY_KINDS,
    BUYING_ROLES,
    DECISION_RULES,
    FLAGS,
    PROCESS_STEPS,
    STAGES,
    STEP_STATUSES,
)

# Flags a case's trainee cannot judge, with what they would need: off every case's checklist.
NOT_CARRIED = {
    "unaddressed_opponent": "plans and action items (typed text)",
    "no_stated_win": "personal wins (typed text)",
    "no_next_step": "action items (typed text)",
    "cadence_missed": "contact plans",
    "close_date_pushed": "the expected close's moves",
    "stalled_in_stage": "the stage history",
    "low_satisfaction": "the customers' questionnaire answers",
    "detractor_at_loyal_account": "the customers' questionnaire answers and the account's lifecycle",
}
# Flags that read who sits on the deal's bodies: off the checklist when a member could not be kept (MAX_PEOPLE).
NEEDS_ALL_MEMBERS = ("approving_body_not_met",)


def day_of(value: str | dt.date | None) -> dt.date | None:
    """The day of a map format date ("2026-12-01") or moment ("2026-12-01T01:00:00+00:00", read in TIME_ZONE)."""
    if value is None or isinstance(value, dt.date):
        return value
    if len(value) == 10:
        return dt.date.fromisoformat(value)
    moment = dt.datetime.fromisoformat(value)
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


class Days:
    """The case's days: day 1 is the first of the dates given; a date is told as its day number."""

    def __init__(self, dates) -> None:
        found = [d for d in (day_of(v) for v in dates) if d is not None]
        self.origin = min(found, default=None)

    def __call__(self, value) -> int | None:
        day = day_of(value)
        if day is None or self.origin is None:
            return None
        return (day - self.origin).days + 1


def people_of_process(full: dict[str, Any], deal: dict[str, Any]) -> list[int]:
    """The people the deal's bodies and steps name (members, chairs, step people), to keep in the case."""
    bodies = {b["id"]: b for b in full.get("decision_bodies") or []}
    found: list[int] = []
    for bid in body_ids(deal):
        b = bodies.get(bid) or {}
        found += [*(b.get("members") or []), *([b["chair"]] if b.get("chair") is not None else [])]
    for s in deal.get("process") or []:
        found += s.get("people") or []
    return found


def body_ids(deal: dict[str, Any]) -> list[int]:
    """The bodies a deal names (its body roles', then its steps'), each once, in order of id."""
    named = [r["body"] for r in deal.get("body_roles") or []]
    named += [s["body"] for s in deal.get("process") or [] if s.get("body") is not None]
    return sorted(set(named))


def body_names(full: dict[str, Any], deal: dict[str, Any], lang: str) -> dict[int, str]:
    """The generated name of each of the deal's bodies by its new id (1..n): its kind's label, with a letter
    when two bodies of the case share a kind."""
    kinds = {b["id"]: b.get("kind") or "other_body" for b in full.get("decision_bodies") or []}
    ids = body_ids(deal)
    names = {}
    for new, bid in enumerate(ids, start=1):
        kind = kinds.get(bid, "other_body")
        same = [b for b in ids if kinds.get(b, "other_body") == kind]
        letter = chr(65 + same.index(bid)) if len(same) > 1 else ""
        joiner = " " if letter and lang == "en" else ""
        names[new] = capfirst(BODY_KINDS.label(kind, lang)) + joiner + letter
    return names


def carry(
    full: dict[str, Any], deal: dict[str, Any], new_id: dict[int, int]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], bool]:
    """(decision_bodies, body_roles, process, every member kept) of the case's map, in the map format, from
    the deal's codes and structure: generated names (zh), no typed text, no dates."""
    bodies = {b["id"]: b for b in full.get("decision_bodies") or []}
    ids = body_ids(deal)
    new_body = {bid: i for i, bid in enumerate(ids, start=1)}
    names = body_names(full, deal, "zh_Hans")
    complete = True
    carried = []
    for bid in ids:
        b = bodies.get(bid) or {"members": [], "chair": None}
        members = [new_id[m] for m in b.get("members") or [] if m in new_id]
        complete = complete and len(members) == len(b.get("members") or [])
        carried.append(
            {
                "id": new_body[bid],
                "name": names[new_body[bid]],
                "kind": b.get("kind") or "other_body",
                "members": members,
                "chair": new_id.get(b.get("chair")) if b.get("chair") is not None else None,
                "decision_rule": b.get("decision_rule") or "majority",
                "meets": "",
                "next_meeting": None,
                "notes": "",
            }
        )
    roles = [
        {"body": new_body[r["body"]], "roles": list(r["roles"]), "note": ""}
        for r in deal.get("body_roles") or []
    ]
    steps = [
        {
            "id": i,
            "kind": s["kind"],
            "name": "",
            "status": s["status"],
            "planned_on": None,
            "done_on": None,
            "body": new_body.get(s.get("body")),
            "people": [new_id[p] for p in s.get("people") or [] if p in new_id],
            "documents": "",
        }
        for i, s in enumerate(deal.get("process") or [], start=1)
    ]
    return carried, roles, steps, complete


def checklist(*, members_complete: bool) -> list[str]:
    """The flags a case's trainee is asked to judge: every flag but those the case cannot show (`NOT_CARRIED`,
    and `NEEDS_ALL_MEMBERS` when a body's member was not kept)."""
    off = set(NOT_CARRIED) | (set() if members_complete else set(NEEDS_ALL_MEMBERS))
    return [code for code in FLAGS.codes if code not in off]


def documents(
    lang: str,
    the_map: dict[str, Any],
    full_deal: dict[str, Any],
    names: dict[int, str],
    shown: dict[int, str],
    days: Days,
    as_of: dt.date | None,
) -> list[dict[str, str]]:
    """The decision bodies and the purchase process as a trainee reads them: each body's members, chair, rule
    and part in the deal; the stage, the expected close, the day the map is read on and each step by days."""
    deal = the_map["deals"][0]
    parts = {r["body"]: r["roles"] for r in deal["body_roles"]}
    lines = []
    for b in the_map["decision_bodies"]:
        facts = [_("members: %(names)s") % {"names": join_names(lang, (shown[m] for m in b["members"]))}]
        if b["chair"] is not None:
            facts.append(_("chaired by %(name)s") % {"name": shown[b["chair"]]})
        facts.append(_("decides by: %(rule)s") % {"rule": DECISION_RULES.label(b["decision_rule"], lang)})
        if parts.get(b["id"]):
            held = join_names(lang, (BUYING_ROLES.label(r, lang) for r in parts[b["id"]]))
            facts.append(_("its part in this deal: %(roles)s") % {"roles": held})
        lines.append(labelled(lang, names[b["id"]], clauses(lang, facts)))
    found = []
    if lines:
        found.append({"kind": "notes", "title": _("Decision bodies"), "body": "\n".join(lines)})
    course = [_("Stage: %(stage)s") % {"stage": STAGES.label(deal["stage"], lang)}]
    if as_of is not None and days(as_of):
        course.append(
            _("This case tells the deal as it stood on day %(day)s, before it closed.") % {"day": days(as_of)}
        )
    if days(full_deal.get("expected_close")):
        course.append(_("Expected close: day %(day)s") % {"day": days(full_deal["expected_close"])})
    for step, source in zip(deal["process"], full_deal.get("process") or [], strict=True):
        facts = [STEP_STATUSES.label(step["status"], lang)]
        if days(source.get("planned_on")):
            facts.append(_("planned for day %(day)s") % {"day": days(source["planned_on"])})
        if days(source.get("done_on")):
            facts.append(_("done on day %(day)s") % {"day": days(source["done_on"])})
        if step["body"] is not None:
            facts.append(names[step["body"]])
        if step["people"]:
            facts.append(
                _("in charge: %(names)s") % {"names": join_names(lang, (shown[p] for p in step["people"]))}
            )
        course.append(labelled(lang, capfirst(PROCESS_STEPS.label(step["kind"], lang)), clauses(lang, facts)))
    found.append(
        {"kind": "notes", "title": _("Stage, purchase process and dates"), "body": "\n".join(course)}
    )
    return found
