"""The work a seller has already done with a deal's people, read from the map, so that the playbook does not
ask for it again (a sales director's trial: "give X a hands-on demo" with a demo with X logged).

Four kinds of work, the ones the playbook's role strategies ask for (playbook.ROLE_STRATEGIES, seed 001's
客户关键角色 and their strategies): a hands-on `demo` for users, an `roi` case for decision makers, `terms`
(cost, quote and contract terms) for purchasers, `evidence` (a reference visit, a technical exchange) for
influencers. The work is done with a person when, within `stale_days` before today (the window that keeps a
relationship fresh: older work is to be done again) and not after today:

* a done action item of the deal that asks for it — made from the playbook item itself (the deal page's "Make it
  an action item" copies the item's text, in either language: the structured trace), or whose text names the
  work and does not call it off or negate it (`work_words.work_said_done`, read as a to-do: "安排上手演示",
  ticked, is done) — about the person (its `person`) or naming them in its text. The map keeps no day an item
  was ticked: it is dated by its due day; one without a due day, or due later, counts as done lately, undated;
* an interaction of the deal, or of no deal, the person took part in, whose summary says the work was done
  (`work_words.work_said_done`: not called off, negated or only planned — "原定的演示取消了", "安排演示" are no
  demo). A summary that only gives feedback on the work ("陈主任反馈试用效果好") counts only for a person with
  none of that work otherwise: it is the same demo, not a second one.

A done action item made from the follow-up item itself (`FOLLOW_UPS`, `STAGE_FOLLOW_UPS`) marks the work
followed up: the playbook then asks nothing more of those people (the follow-up is not proposed again).

Text is the only evidence an interaction gives of what was done in it; `work_words` is the one reading of it, in
both languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from battlemap.punctuation import aside, labelled

from .i18n import LANGUAGES, gettext_noop, join_names, label, tr
from .settings import AnalysisSettings
from .types import ActionItemInfo, DealInfo, InteractionInfo, PersonInfo, StakeholderInfo
from .work_words import WORK_WORDS, work_said_done


@dataclass(frozen=True)
class Done:
    """A piece of work done with a person (`person_id` None: with anyone of the deal, or the deal's own): the
    latest `day` it was (None: a done action item, undated); `followed_up` once its follow-up is done too."""

    kind: str
    person_id: int | None
    day: date | None
    followed_up: bool = False


@dataclass(frozen=True)
class Logged:
    """A piece of work an interaction says was done: its `kind`, `day` and deal (None: of no deal); `feedback`
    when the summary only gives feedback on it (done earlier: work_words.FEEDBACK)."""

    kind: str
    day: date
    deal_id: int | None
    feedback: bool = False


def logged_work(
    interactions: Iterable[InteractionInfo], today: date, settings: AnalysisSettings
) -> dict[int, list[Logged]]:
    """Per person, the work the account's interactions within `stale_days` before `today` (not after it) say was
    done with them (`work_words.work_said_done` of the summary: not work called off, negated or only planned).
    Read once per account: each deal then looks up its stakeholders, not every interaction of a big map."""
    found: dict[int, list[Logged]] = {}
    for meeting in interactions:
        if not meeting.summary or not 0 <= (today - meeting.occurred_on).days <= settings.stale_days:
            continue
        for kind, feedback in work_said_done(meeting.summary).items():
            for pid in meeting.participants:
                found.setdefault(pid, []).append(Logged(kind, meeting.occurred_on, meeting.deal_id, feedback))
    return found


_PLACEHOLDER = re.compile(r"%\(\w+\)s")


@lru_cache(maxsize=32)
def _made_from(templates: tuple[str, ...]) -> re.Pattern[str] | None:
    """A pattern matching the texts of playbook items made from `templates`, in every language, whatever fills
    their placeholders (names, the deal)."""
    parts = []
    for template in templates:
        for lang in LANGUAGES:
            parts.append(".+".join(re.escape(bit) for bit in _PLACEHOLDER.split(tr(lang, template))))
    return re.compile("|".join(parts)) if parts else None


def work_done(
    deal: DealInfo,
    people: dict[int, PersonInfo],
    logged: dict[int, list[Logged]],
    actions: Iterable[ActionItemInfo],
    today: date,
    settings: AnalysisSettings,
    templates: dict[str, tuple[str, ...]] | None = None,
) -> dict[tuple[str, int | None], Done]:
    """The work done lately with each stakeholder of `deal`, by (kind, person id), and with anyone of the deal
    or for the deal itself, by (kind, None): the latest of each (rule in the module docstring). `logged`:
    `logged_work` of the account; `actions`: the deal's action items; `templates`: per kind, the
    playbook messages whose items, made action items and done, are that work done."""
    holders = {sh.person_id for sh in deal.stakeholders}
    found: dict[tuple[str, int | None], Done] = {}

    def note(
        kind: str, pids: Iterable[int], day: date | None, followed: frozenset[int | None] = frozenset()
    ) -> None:
        """Record the work with `pids` and the deal (None); `followed`: those of them it is followed up with."""
        for pid in (*pids, None):
            before = found.get((kind, pid))
            latest = day
            if before is not None and before.day is not None and (day is None or day <= before.day):
                latest = before.day
            followed_up = pid in followed or (before is not None and before.followed_up)
            found[(kind, pid)] = Done(kind, pid, latest, followed_up)

    ours = {pid: [w for w in logged.get(pid, ()) if w.deal_id in (None, deal.id)] for pid in holders}
    for pid, works in ours.items():
        for work in works:
            if not work.feedback:
                note(work.kind, (pid,), work.day)
    made = {kind: _made_from(tuple(messages)) for kind, messages in (templates or {}).items()}
    for action in actions:
        if not action.done or action.deal_id != deal.id:
            continue
        if action.due is not None and action.due <= today:
            if (today - action.due).days > settings.stale_days:
                continue
            day: date | None = action.due
        else:
            day = None
        about = {pid for pid in holders if pid == action.person_id or _names(people.get(pid), action.text)}
        said = work_said_done(action.text, to_do=True)
        for kind in WORK_WORDS:
            pattern = made.get(kind)
            people_follow_up, deal_follow_up = (_made_from(t) for t in _FOLLOW_UP_TEMPLATES[kind])
            if people_follow_up is not None and people_follow_up.fullmatch(action.text):
                note(kind, about, day, frozenset(about))
            elif deal_follow_up is not None and deal_follow_up.fullmatch(action.text):
                note(kind, about, day, frozenset({None}))
            elif kind in said or (pattern is not None and pattern.fullmatch(action.text)):
                note(kind, about, day)
    # feedback on work is the work done earlier: it counts only with a person who has none of it (not a second demo)
    had = set(found)
    for pid, works in ours.items():
        for work in works:
            if work.feedback and (work.kind, pid) not in had:
                note(work.kind, (pid,), work.day)
    return found


def _names(person: PersonInfo | None, text: str) -> bool:
    """Whether `text` names `person` (their name as typed)."""
    return person is not None and bool(person.name) and person.name in text


# ---------------------------------------------------------------- what the playbook says instead

# The work each buying role's strategy asks for (playbook.ROLE_STRATEGIES).
ROLE_WORK = {"user": "demo", "decision_maker": "roi", "purchaser": "terms", "influencer": "evidence"}
# Once the work is done, the next step with the same people (seed 001: after the demo, the training; after the
# ROI case and the quote, the decision and the contract).
FOLLOW_UPS = {
    "demo": (
        "demo_follow_up",
        gettext_noop(
            "Follow up on the demo with %(names)s%(when)s: ask what worked for them and what is missing, "
            "and plan their training."
        ),
    ),
    "roi": (
        "roi_follow_up",
        gettext_noop(
            "Follow up on the ROI case with %(names)s%(when)s: answer their questions and agree the next step "
            "of the decision."
        ),
    ),
    "terms": (
        "terms_follow_up",
        gettext_noop(
            "Follow up on the cost and terms sent to %(names)s%(when)s: answer their questions and agree the "
            "contract steps."
        ),
    ),
    "evidence": (
        "evidence_follow_up",
        gettext_noop(
            "Follow up with %(names)s on the evidence and references they saw%(when)s: ask what they will tell "
            "the decision maker."
        ),
    ),
}
# A decision maker who already supports us needs no ROI case to be won over: keep the support and secure the
# way to the signature (MEDDPICC's decision and paper process).
SUPPORTIVE = ("advocate", "supporter")
KEEP_SUPPORT = (
    "keep_support",
    gettext_noop(
        "Keep the support of %(names)s%(when)s: confirm with them how the decision will be made and the paper "
        "process (approvals, legal, procurement)."
    ),
)
# The work the strategy of a stage asks for (playbook.STAGE_STRATEGIES), done with anyone of the deal, and what
# follows it.
STAGE_WORK = {"evaluation": "demo", "purchase_decision": "terms"}
STAGE_FOLLOW_UPS = {
    "evaluation": (
        "custom_demo_follow_up",
        gettext_noop(
            "Follow up on the demo for %(deal)s%(when)s: hand over a fair comparison with the alternatives and "
            "agree what the evaluation still needs."
        ),
    ),
    "purchase_decision": (
        "quote_follow_up",
        gettext_noop(
            "Follow up on the quote for %(deal)s%(when)s: answer the open questions and confirm the service "
            "commitment."
        ),
    ),
}
# per work, the follow-ups asking to follow it up: with people (a role's), for the deal (a stage's)
_FOLLOW_UP_TEMPLATES = {
    kind: (
        (FOLLOW_UPS[kind][1],),
        tuple(STAGE_FOLLOW_UPS[s][1] for s, work in STAGE_WORK.items() if work == kind),
    )
    for kind in FOLLOW_UPS
}
DONE_ON = gettext_noop("done on %(day)s")
DONE_ACTION = gettext_noop("action item done")
ATTITUDE = gettext_noop("attitude")


@dataclass(frozen=True)
class Answered:
    """Holders of a role whose strategy is answered, and what to do instead: `code`, `text` (why, in brackets)."""

    code: str
    text: str
    holders: tuple[StakeholderInfo, ...]


def answered(
    role: str,
    holders: list[StakeholderInfo],
    people: dict[int, PersonInfo],
    done: dict[tuple[str, int | None], Done],
    lang: str,
) -> tuple[list[StakeholderInfo], list[Answered]]:
    """Split a role's holders (in order) into those its strategy is still to be done for and the answered ones,
    grouped by why: a supportive decision maker (`KEEP_SUPPORT`, by attitude), else the role's work done
    (`FOLLOW_UPS`, by the day it was done); those whose follow-up is done too drop out. Roles without a work of
    their own: every holder still to do."""
    kind = ROLE_WORK.get(role)
    if kind is None:
        return holders, []
    rest: list[StakeholderInfo] = []
    groups: dict[tuple[str, object], list[StakeholderInfo]] = {}
    for sh in holders:
        if role == "decision_maker" and sh.attitude in SUPPORTIVE:
            groups.setdefault(("support", sh.attitude), []).append(sh)
        elif (kind, sh.person_id) in done:
            if done[(kind, sh.person_id)].followed_up:
                continue
            groups.setdefault(("done", done[(kind, sh.person_id)].day), []).append(sh)
        else:
            rest.append(sh)
    out = []
    for (why, value), group in groups.items():
        names = join_names(lang, [people[sh.person_id].shown(lang) for sh in group])
        if why == "support":
            code, message = KEEP_SUPPORT
            when = labelled(lang, tr(lang, ATTITUDE), label(lang, str(value)))
        else:
            code, message = FOLLOW_UPS[kind]
            when = _when(lang, value if isinstance(value, date) else None)
        out.append(Answered(code, tr(lang, message, names=names, when=aside(lang, when)), tuple(group)))
    return rest, out


def stage_answered(
    stage: str, deal: DealInfo, done: dict[tuple[str, int | None], Done], lang: str
) -> tuple[str, str] | None:
    """The (code, text) that replaces the strategy of `stage` once its work is done with anyone of the deal
    (`STAGE_WORK`: the demo in evaluation, the quote at the purchase decision), else None; ("", "") once
    followed up too (no item)."""
    kind = STAGE_WORK.get(stage)
    if kind is None or (kind, None) not in done:
        return None
    if done[(kind, None)].followed_up:
        return "", ""
    code, message = STAGE_FOLLOW_UPS[stage]
    return code, tr(lang, message, deal=deal.name, when=aside(lang, _when(lang, done[(kind, None)].day)))


def _when(lang: str, day: date | None) -> str:
    """Why an item changed, as its aside says: "done on 2026-11-12", or "action item done" (undated)."""
    return tr(lang, DONE_ON, day=day.isoformat()) if day is not None else tr(lang, DONE_ACTION)
