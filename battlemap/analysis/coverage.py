"""Coverage of a deal: for each buying role, who holds it, whether we met them, their attitude,
relationship and last contact, whether they are a key person and going stale, and at which
decision-chain stages the role matters.

"Key person", "met" (of a person, and a decision body's members met), "stale" and who decides a deal (`deciders`,
and whether we reached a body deciding it, `body_reached`) are decided here and nowhere else: pages, API, exports and
"This week" read them from the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from battlemap.vocab import ROLES

from .contacts import ContactIndex
from .i18n import gettext_noop, join_names, tr
from .settings import AnalysisSettings
from .types import BodyInfo, Coverage, CoverageBody, CoverageHolder, DealInfo, PersonInfo, StakeholderInfo

# why a holder with no decision-maker role decides the deal: the one wording of the deal room, the PDF, the deck,
# the XLSX and `battlemap analyze`
_AS_CHAIR_OF = gettext_noop("decides as chair of %(bodies)s")


def as_chair_of(lang: str, bodies: list[str] | tuple[str, ...]) -> str:
    """ "decides as chair of 总经理办公会" / "作为总经理办公会主持人拍板": why a holder of the decision-maker row
    holding no decision-maker role decides the deal (`CoverageHolder.chair_of`, the bodies chaired, by `deciders`)."""
    return tr(lang, _AS_CHAIR_OF, bodies=join_names(lang, list(bodies)))


def active_stakeholders(deal: DealInfo, people: dict[int, PersonInfo]) -> list[StakeholderInfo]:
    """Stakeholders who are on the map and still with the customer."""
    return [sh for sh in deal.stakeholders if sh.person_id in people and people[sh.person_id].active]


def seated_members(body: BodyInfo, people: dict[int, PersonInfo]) -> list[int]:
    """The members of a decision body still with the customer (on the map and not departed): who can
    carry it. A member who left keeps their seat on the record but is not met on its behalf."""
    return [pid for pid in body.members if pid in people and people[pid].active]


def met_members(body: BodyInfo, people: dict[int, PersonInfo], contacts: ContactIndex) -> tuple[int, ...]:
    """The members of `body` we have met (`ContactIndex.met`) among those still with the customer: the
    one rule of the bodies page, the org-chart card and the flag `approving_body_not_met`."""
    return tuple(pid for pid in seated_members(body, people) if contacts.met(pid))


def approving_bodies(
    deal: DealInfo, bodies: dict[int, BodyInfo], settings: AnalysisSettings
) -> list[BodyInfo]:
    """The decision bodies (of `bodies`, by id) that hold one of `approving_roles` in `deal`, in the deal's order."""
    return [
        bodies[r.body_id]
        for r in deal.body_roles
        if r.body_id in bodies and set(r.roles) & set(settings.approving_roles)
    ]


# the kinds of decision body (vocab.BODY_KINDS) whose members a bidder may not approach (tender.py)
SEALED_BODY_KINDS = ("bid_committee",)
# what every surface says of a sealed body, and of whoever sits on it, where it would say "met: no" or "never met": the
# deal room, the exports' coverage, `battlemap analyze` (the same msgid in the web's catalogs)
NOT_TO_MEET = gettext_noop("not to be met: the tender is won on paper")


def sealed(body: BodyInfo) -> bool:
    """Whether `body` is a tender's bid evaluation committee (评标委员会), whose members — its chair too — a bidder may
    not meet: 招标投标法 第三十七条 keeps their names secret until the award, 第四十四条 forbids them to meet a bidder in
    private. The one rule of every place the analysis asks to meet, introduce or call on someone (`Deciders.sealed`)."""
    return body.kind in SEALED_BODY_KINDS


def sealed_seats(approving: list[BodyInfo]) -> frozenset[int]:
    """The people who sit on (chair or member) a sealed body (`sealed`) among the bodies deciding a deal (`approving`,
    `approving_bodies`): nobody the analysis asks the seller to meet, introduce, get in touch with or bring along for
    it. A bid committee holding another role (the demo's 评标委员会, a gatekeeper) seals nobody: its members are the
    customer's own staff until it is drawn for the evaluation."""
    return frozenset(
        pid
        for body in approving
        if sealed(body)
        for pid in (*body.members, *((body.chair,) if body.chair is not None else ()))
    )


def deciding_chair(body: BodyInfo, people: dict[int, PersonInfo]) -> int | None:
    """The chair of `body` when the body decides by `chair_decides` (vocab.DECISION_RULES: members give their views,
    the chair has the final say — seed 004 §1.2's 最终决策者, "对采购决策具有最终发言权的人") and the chair is on the map
    and still with the customer; None for any other rule, no chair, a chair who left, or a sealed body (`sealed`: a bid
    committee's chair is one of its experts, whom no bidder may meet — the committee decides as a body, on paper)."""
    chair = body.chair
    if body.decision_rule != "chair_decides" or chair is None or chair not in people or sealed(body):
        return None
    return chair if people[chair].active else None


@dataclass(frozen=True)
class Deciders:
    """Who decides a deal (docs/analysis.md, Definitions: who decides): `people` — its stakeholders still with the
    customer holding `decision_maker`, then the deciding chairs not among them, once each —, and `bodies` — its
    approving bodies, each deciding by its chair (`chair_of[body id]`, among `people`) or collectively (no entry).
    False when nobody and no body decides (`no_decision_maker`). `sealed`: who sits on a sealed body of the deal
    (`sealed_seats`), whom nothing asks us to meet (`to_meet`, `open_bodies`)."""

    people: tuple[int, ...] = ()
    bodies: tuple[BodyInfo, ...] = ()
    chair_of: dict[int, int] = field(default_factory=dict)
    sealed: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.people or self.bodies)

    @property
    def collective(self) -> tuple[BodyInfo, ...]:
        """The bodies deciding collectively: by majority or consensus, or their chair's say with no chair on the map
        still with the customer (the members carry it then)."""
        return tuple(b for b in self.bodies if b.id not in self.chair_of)

    @property
    def to_meet(self) -> tuple[int, ...]:
        """The people who decide whom a bidder may meet: `people` but those on a sealed body."""
        return tuple(pid for pid in self.people if pid not in self.sealed)

    @property
    def open_bodies(self) -> tuple[BodyInfo, ...]:
        """The bodies deciding collectively whose members we may meet: `collective` but the sealed ones."""
        return tuple(b for b in self.collective if not sealed(b))

    def chaired_by(self, pid: int) -> tuple[BodyInfo, ...]:
        """The bodies `pid` decides as their chair."""
        return tuple(b for b in self.bodies if self.chair_of.get(b.id) == pid)


def deciders(
    deal: DealInfo, people: dict[int, PersonInfo], bodies: dict[int, BodyInfo], settings: AnalysisSettings
) -> Deciders:
    """Who decides `deal` (`Deciders`): its active stakeholders holding `decision_maker`, the deciding chairs
    (`deciding_chair`) of its approving bodies (`approving_bodies`), and those bodies themselves — a body deciding
    by majority or consensus is the decider (seed 004 §1: "客户决策人可能并不止一位，而是由多位不同角色的人员组成的
    决策团队", the 党委会 of 三重一大). The one rule of `no_decision_maker`, `decision_maker_not_met`, the coverage
    decision-maker row (and so health), the playbook's decision-maker strategy, MEDDPICC's economic buyer and the Blue
    Sheet's economic buyers."""
    ids = [sh.person_id for sh in active_stakeholders(deal, people) if "decision_maker" in sh.roles]
    approving = approving_bodies(deal, bodies, settings)
    chair_of = {b.id: c for b in approving if (c := deciding_chair(b, people)) is not None}
    return Deciders(
        people=tuple(dict.fromkeys([*ids, *chair_of.values()])),
        bodies=tuple(dict.fromkeys(approving)),
        chair_of=chair_of,
        sealed=sealed_seats(approving),
    )


def body_reached(
    body: BodyInfo, chair: int | None, people: dict[int, PersonInfo], contacts: ContactIndex
) -> bool:
    """Whether we reached a body deciding a deal: its deciding `chair` met; else, deciding collectively, a majority
    of its seated members met (more than half: the members who carry a majority vote), or every one of them under
    `consensus` (any member can hold the decision up: vocab.DECISION_RULES). No seated member known: not reached.
    The rule of MEDDPICC's economic buyer "confirmed" and of the decision-maker row's `met` (health)."""
    if chair is not None:
        return contacts.met(chair)
    seated = seated_members(body, people)
    met = met_members(body, people, contacts)
    if not seated:
        return False
    if body.decision_rule == "consensus":
        return len(met) == len(seated)
    return 2 * len(met) > len(seated)


def deciding_bodies(
    who: Deciders, people: dict[int, PersonInfo], contacts: ContactIndex
) -> tuple[CoverageBody, ...]:
    """The bodies deciding a deal (`who.bodies`) as the decision-maker row shows them (`CoverageBody`)."""
    return tuple(
        CoverageBody(
            body_id=b.id,
            name=b.name,
            decision_rule=b.decision_rule,
            chair=who.chair_of.get(b.id),
            seated=tuple(seated_members(b, people)),
            met=met_members(b, people, contacts),
            reached=body_reached(b, who.chair_of.get(b.id), people, contacts),
            sealed=sealed(b),
        )
        for b in who.bodies
    )


def is_key_person(sh: StakeholderInfo, settings: AnalysisSettings) -> bool:
    """DESIGN.md: a decision maker, a champion, or anyone rated influence ≥ key_influence in the deal."""
    return "decision_maker" in sh.roles or "champion" in sh.roles or sh.influence >= settings.key_influence


def personal_win_of(sh: StakeholderInfo, people: dict[int, PersonInfo]) -> str:
    """The personal win stated on the role in the deal, else on the person's portrait."""
    person = people.get(sh.person_id)
    return (sh.personal_win or (person.personal_win if person else "")).strip()


def key_people(deal: DealInfo, people: dict[int, PersonInfo], settings: AnalysisSettings) -> tuple[int, ...]:
    """The active key people of a deal, in stakeholder order."""
    return tuple(sh.person_id for sh in active_stakeholders(deal, people) if is_key_person(sh, settings))


def is_stale_soon(days: int | None, settings: AnalysisSettings) -> bool:
    """Last contact at least (stale_days − stale_warning_days) days ago. Someone never contacted is not
    "going" stale (`stale` says it; "This week" lists them apart as never contacted)."""
    return days is not None and days >= settings.stale_days - settings.stale_warning_days


def deal_coverage(
    deal: DealInfo,
    people: dict[int, PersonInfo],
    contacts: ContactIndex,
    settings: AnalysisSettings,
    bodies: dict[int, BodyInfo] | None = None,
) -> tuple[Coverage, ...]:
    """One `Coverage` row per buying role, in vocab.ROLES order: its holders among the deal's active
    stakeholders (met, engaged and stale by `stale_days`, key, going stale, days since contact) and the
    decision-chain stages where the role matters (`AnalysisSettings.stage_roles`, seed 002). The decision-maker
    row reads `deciders` (`bodies`: the account's decision bodies by id): a stakeholder who decides as the chair of
    an approving body holds it whatever role they were given (`chair_of` names the bodies), and the bodies deciding
    the deal are on it (`Coverage.bodies`, reached by `body_reached`); when only sealed bodies decide, the row is
    `not_to_meet` (`sealed`: a bid committee's members may not meet a bidder)."""
    stakeholders = active_stakeholders(deal, people)
    who = deciders(deal, people, bodies or {}, settings)
    rows = []
    for role in ROLES:
        holders = []
        deciding = role == "decision_maker"
        for sh in stakeholders:
            chaired = who.chaired_by(sh.person_id) if deciding else ()
            if role not in sh.roles and not chaired:
                continue
            days = contacts.days_since_contact(sh.person_id)
            holders.append(
                CoverageHolder(
                    person_id=sh.person_id,
                    name=people[sh.person_id].name,
                    met=contacts.met(sh.person_id),
                    engaged=contacts.engaged(sh.person_id),
                    attitude=sh.attitude,
                    relationship=sh.relationship,
                    last_contact=contacts.last_contact.get(sh.person_id),
                    influence=sh.influence,
                    key=is_key_person(sh, settings),
                    days_since_contact=days,
                    stale=not contacts.engaged(sh.person_id),
                    stale_soon=is_stale_soon(days, settings),
                    chair_of=tuple(b.name for b in chaired),
                    sealed=sh.person_id in who.sealed,
                )
            )
        stages = tuple(stage for stage, roles in settings.stage_roles.items() if role in roles)
        shown = deciding_bodies(who, people, contacts) if deciding else ()
        # only sealed bodies decide (and whoever sits on them): nobody the seller may meet (tender.win_on_paper)
        not_to_meet = deciding and bool(who) and not who.to_meet and not who.open_bodies
        rows.append(
            Coverage(role=role, holders=tuple(holders), stages=stages, bodies=shown, not_to_meet=not_to_meet)
        )
    return tuple(rows)
