"""The registry of red flags: their codes in order, what every rule reads about a deal (`DealFacts`)
and `@flag(code)`, which registers a rule in `FLAG_RULES`. The rules are in flag_rules_people.py and
flag_rules_progress.py; flags.py imports both (so the registry is full once it is imported) and
`flags.deal_flags` runs them.

A key person (DESIGN.md): a decision maker, a champion, or anyone rated influence ≥ key_influence in
the deal (`coverage.is_key_person`). Only people still with the customer count as holding a role
(`DealFacts.active`), except for `key_person_left`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from battlemap.vocab import STAGES

from . import flag_texts as texts
from .contacts import ContactIndex
from .coverage import Deciders, deciders, is_key_person
from .feedback_types import PersonFeedback
from .i18n import join_names, tr
from .settings import AnalysisSettings
from .types import ActionItemInfo, BodyInfo, DealInfo, InfluenceLinkInfo, PersonInfo, StakeholderInfo

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
    "close_date_passed",
    "close_date_pushed",
    "stalled_in_stage",
    "no_next_step",
    "cadence_missed",
    "process_outlasts_close",
    "approving_body_not_met",
    "low_satisfaction",
    "detractor_at_loyal_account",
)

AFTER_SALE_FLAGS = ("low_satisfaction", "detractor_at_loyal_account")


@dataclass(frozen=True)
class DealFacts:
    """What every flag rule reads about one open deal."""

    deal: DealInfo
    people: dict[int, PersonInfo]
    contacts: ContactIndex
    action_items: list[ActionItemInfo]
    settings: AnalysisSettings
    lang: str
    active: list[StakeholderInfo]  # stakeholders still with the customer
    bodies: dict[int, BodyInfo] = field(default_factory=dict)  # the account's decision bodies
    feedback: dict[int, PersonFeedback] = field(default_factory=dict)  # the customer's answers
    lifecycle: str = ""  # the account's lifecycle stage
    links: tuple[InfluenceLinkInfo, ...] = ()  # the account's influence links

    def answered(self) -> list[int]:
        """People of this deal with answers: active stakeholders, and whoever answered for this deal."""
        ids = [sh.person_id for sh in self.active]
        ids += [
            pid
            for pid, f in self.feedback.items()
            if f.factors_deal == self.deal.id and pid not in ids and pid in self.people
        ]
        return [pid for pid in ids if pid in self.feedback]

    @property
    def today(self) -> date:
        return self.contacts.today

    @property
    def days_open(self) -> int | None:
        """Days since the deal opened (its first recorded stage move); None when none is recorded."""
        opened = [c.changed_on for c in self.deal.stage_changes]
        return (self.today - min(opened)).days if opened else None

    @property
    def stage_at(self) -> int:
        return STAGES.index(self.deal.stage) if self.deal.stage in STAGES else 0

    def names(self, ids: list[int] | tuple[int, ...]) -> str:
        return (
            join_names(self.lang, [self.people[i].shown(self.lang) for i in ids])
            if ids
            else tr(self.lang, texts.NOBODY)
        )

    def holders(self, role: str, keep: Callable[[StakeholderInfo], bool] = lambda sh: True) -> list[int]:
        return [sh.person_id for sh in self.active if role in sh.roles and keep(sh)]

    def deciders(self) -> Deciders:
        """Who decides the deal: decision makers, the chairs of approving bodies the chair decides, and the
        approving bodies themselves (`coverage.deciders`)."""
        return deciders(self.deal, self.people, self.bodies, self.settings)

    def deciders_not_met(self) -> list[int]:
        """Who decides the deal and was never in a meeting, call, visit or interview with us: the people
        `decision_maker_not_met` asks us to meet (and `stale_relationship` leaves to it); never someone on a sealed
        body (`coverage.sealed`: a bid committee's experts, its chair too, may not meet a bidder)."""
        return [pid for pid in self.deciders().to_meet if not self.contacts.met(pid)]

    @property
    def approachable(self) -> list[StakeholderInfo]:
        """The stakeholders still with the customer whom we may ask to meet, get in touch with, introduce us or bring
        along: `active` but those on a sealed body of the deal (`coverage.Deciders.sealed`)."""
        shut = self.deciders().sealed
        return [sh for sh in self.active if sh.person_id not in shut]

    def key(self, sh: StakeholderInfo) -> bool:
        return is_key_person(sh, self.settings)


# A rule returns None (quiet) or (the people it concerns, extra text parameters).
Raised = tuple[list[int], dict[str, object]] | None

Rule = Callable[[DealFacts], Raised]

FLAG_RULES: dict[str, Rule] = {}


def flag(code: str) -> Callable[[Rule], Rule]:
    """Register `rule` as the check of flag `code` (a code of FLAG_CODES, once)."""

    def register(rule: Rule) -> Rule:
        if code not in FLAG_CODES or code in FLAG_RULES:
            raise ValueError(f"flag: {code!r} is not a free flag code")
        FLAG_RULES[code] = rule
        return rule

    return register
