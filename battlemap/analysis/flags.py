"""The eleven red flags of a deal, each with severity, the people concerned, a reason and an action.

A key person (DESIGN.md): a decision maker, a champion, or anyone rated influence ≥ 4 in the deal.
Only people still with the customer count as holding a role, except for `key_person_left`.
Flags are raised on open deals only.
"""

from __future__ import annotations

from collections.abc import Callable

from .contacts import ContactIndex
from .coverage import active_stakeholders
from .i18n import gettext_noop, join_names, label, tr
from .settings import AnalysisSettings
from .types import ActionItemInfo, DealInfo, Flag, PersonInfo, StakeholderInfo
from .vocab import ATTITUDE_VALUES, STAGES

FLAG_CODES = (
    "no_decision_maker",
    "decision_maker_not_met",
    "single_threaded",
    "no_champion",
    "unaddressed_opponent",
    "no_stated_win",
    "purchaser_unknown",
    "users_not_engaged",
    "stale_relationship",
    "key_person_left",
    "competitor_favoured",
)

TEXT = {
    "no_decision_maker": (
        gettext_noop("Nobody in %(deal)s holds the decision-maker role."),
        gettext_noop(
            "Find out who has the final say and owns the budget: ask %(helpers)s, then map that person."
        ),
    ),
    "decision_maker_not_met": (
        gettext_noop("%(names)s decides, but we have never had a meeting, call or visit with them."),
        gettext_noop(
            "Ask for a meeting with %(names)s (through the champion if needed) and bring an ROI case."
        ),
    ),
    "single_threaded": (
        gettext_noop("Only %(names)s has talked to us in the last %(days)s days."),
        gettext_noop("Do not hang on one thread: set up meetings with %(others)s."),
    ),
    "no_champion": (
        gettext_noop("Nobody in %(deal)s pushes for us: no champion who is at least a supporter."),
        gettext_noop("Win a champion: give %(candidates)s the arguments and material to sell for us inside."),
    ),
    "unaddressed_opponent": (
        gettext_noop(
            "%(names)s is against us with influence %(min)s or more, and there is no plan or open action about them."
        ),
        gettext_noop(
            "Write a plan for %(names)s: learn their concerns and answer them with evidence or through someone they listen to."
        ),
    ),
    "no_stated_win": (
        gettext_noop("No personal win is recorded for %(names)s."),
        gettext_noop(
            "Find out what %(names)s personally wants from this deal (recognition, safety, promotion) and record it."
        ),
    ),
    "purchaser_unknown": (
        gettext_noop("The deal is at %(stage)s and nobody is known to run the purchase."),
        gettext_noop("Identify the purchaser and prepare cost, terms and supplier credentials for them."),
    ),
    "users_not_engaged": (
        gettext_noop("The deal is at %(stage)s and we have not interacted with any user (%(names)s)."),
        gettext_noop("Offer %(names)s a hands-on demo or a trial."),
    ),
    "stale_relationship": (
        gettext_noop("No interaction with %(names)s for %(days)s days or more."),
        gettext_noop("Get back in touch with %(names)s this week, with something useful to them."),
    ),
    "key_person_left": (
        gettext_noop("%(names)s has left the customer but still holds a role in this deal."),
        gettext_noop("Find out who takes over from %(names)s, map them and meet them."),
    ),
    "competitor_favoured": (
        gettext_noop("%(names)s favours a competitor (%(competitors)s)."),
        gettext_noop(
            "Build a comparison that answers what %(names)s likes in %(competitors)s, and bring a reference they trust."
        ),
    ),
}
_NOBODY = gettext_noop("nobody")
_OTHERS = gettext_noop("the other people in the deal")
_PEOPLE_AROUND = gettext_noop("your coach or champion")
_SUPPORTERS = gettext_noop("a supporter")
_USERS = gettext_noop("the users")


def is_key_person(sh: StakeholderInfo, settings: AnalysisSettings) -> bool:
    return "decision_maker" in sh.roles or "champion" in sh.roles or sh.influence >= settings.key_influence


def personal_win_of(sh: StakeholderInfo, people: dict[int, PersonInfo]) -> str:
    person = people.get(sh.person_id)
    return (sh.personal_win or (person.personal_win if person else "")).strip()


def deal_flags(
    deal: DealInfo,
    people: dict[int, PersonInfo],
    contacts: ContactIndex,
    action_items: list[ActionItemInfo],
    settings: AnalysisSettings,
    lang: str,
) -> tuple[Flag, ...]:
    if deal.status != "open":
        return ()
    active = active_stakeholders(deal, people)
    stage_at = STAGES.index(deal.stage) if deal.stage in STAGES else 0
    flags: list[Flag] = []

    def names(ids: list[int] | tuple[int, ...]) -> str:
        return join_names(lang, [people[i].name for i in ids]) if ids else tr(lang, _NOBODY)

    def raise_flag(code: str, ids: list[int], **params: object) -> None:
        unique = tuple(dict.fromkeys(ids))
        params = {"names": names(unique), "deal": deal.name, **params}
        reason_msg, action_msg = TEXT[code]
        flags.append(
            Flag(
                code,
                settings.severity(code),
                unique,
                tr(lang, reason_msg, **params),
                tr(lang, action_msg, **params),
            )
        )

    def holders(role: str, keep: Callable[[StakeholderInfo], bool] = lambda sh: True) -> list[int]:
        return [sh.person_id for sh in active if role in sh.roles and keep(sh)]

    def top_by_influence(pool: list[StakeholderInfo], limit: int = 3) -> list[int]:
        return [sh.person_id for sh in sorted(pool, key=lambda s: -s.influence)[:limit]]

    deciders = holders("decision_maker")
    if not deciders:
        helpers = top_by_influence([s for s in active if {"coach", "champion"} & set(s.roles)])
        raise_flag("no_decision_maker", [], helpers=names(helpers) if helpers else tr(lang, _PEOPLE_AROUND))
    not_met = [pid for pid in deciders if not contacts.met(pid)]
    if not_met:
        raise_flag("decision_maker_not_met", not_met)

    customers = [sh for sh in active if not people[sh.person_id].external]
    engaged = [sh.person_id for sh in customers if contacts.engaged(sh.person_id)]
    if len(engaged) <= settings.single_threaded_max:
        others = top_by_influence([sh for sh in customers if sh.person_id not in engaged])
        raise_flag(
            "single_threaded",
            engaged,
            days=settings.stale_days,
            others=names(others) if others else tr(lang, _OTHERS),
        )

    if not holders("champion", lambda sh: ATTITUDE_VALUES.get(sh.attitude, -9) >= 1):
        pool = [sh for sh in active if ATTITUDE_VALUES.get(sh.attitude, -9) >= 1]
        candidates = top_by_influence(pool, 2)
        raise_flag(
            "no_champion",
            holders("champion"),
            candidates=names(candidates) if candidates else tr(lang, _SUPPORTERS),
        )

    open_items = {a.person_id for a in action_items if a.deal_id == deal.id and not a.done}
    opponents = [
        sh.person_id
        for sh in active
        if ATTITUDE_VALUES.get(sh.attitude, 0) < 0
        and sh.influence >= settings.key_influence
        and not sh.plan.strip()
        and sh.person_id not in open_items
    ]
    if opponents:
        raise_flag("unaddressed_opponent", opponents, min=settings.key_influence)

    no_win = [
        sh.person_id for sh in active if is_key_person(sh, settings) and not personal_win_of(sh, people)
    ]
    if no_win:
        raise_flag("no_stated_win", no_win)

    if stage_at >= STAGES.index("purchase_decision") and not holders("purchaser"):
        raise_flag("purchaser_unknown", [], stage=label(lang, deal.stage))

    if stage_at >= STAGES.index("evaluation"):
        users = holders("user")
        if not any(contacts.contacted(pid) for pid in users):
            raise_flag(
                "users_not_engaged",
                users,
                stage=label(lang, deal.stage),
                **({} if users else {"names": tr(lang, _USERS)}),
            )

    stale = [
        sh.person_id for sh in active if is_key_person(sh, settings) and not contacts.engaged(sh.person_id)
    ]
    if stale:
        raise_flag("stale_relationship", stale, days=settings.stale_days)

    gone = [
        sh.person_id
        for sh in deal.stakeholders
        if sh.roles and sh.person_id in people and not people[sh.person_id].active
    ]
    if gone:
        raise_flag("key_person_left", gone)

    favour = [
        sh
        for sh in active
        if sh.favoured_competitor.strip()
        and ("decision_maker" in sh.roles or sh.influence >= settings.key_influence)
    ]
    if favour:
        competitors = join_names(lang, dict.fromkeys(sh.favoured_competitor.strip() for sh in favour))
        raise_flag("competitor_favoured", [sh.person_id for sh in favour], competitors=competitors)
    return tuple(flags)
