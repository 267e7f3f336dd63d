"""Whether a champion's voice can reach who decides, and what the playbook asks when it cannot.

Seed 001 (客户关键角色) defines the champion (推荐者) as the one who pushes the purchase inside the customer and "在决策
过程中为产品或服务站台，增强其在决策者心中的价值" — his worth is in what he carries to the decider — and asks the seller to
map the relationships between the key roles (§4 客户关系图谱) and to build the bridges where they are missing (§6
搭建沟通桥梁). A champion whom nothing on the map joins to who decides — no reporting line and no influence link,
directly or through others — raised nothing: the s39 coach's foreign-owned plant had a supporting champion in the
local IT department and its global procurement director, who signs, outside the local tree, and the deal room read
"champion: yes" as if the voice carried.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from battlemap.vocab import ATTITUDE_VALUES

from .coverage import Deciders, active_stakeholders, deciders, sealed, seated_members
from .i18n import gettext_noop, join_names, tr
from .settings import AnalysisSettings
from .types import BodyInfo, DealInfo, InfluenceLinkInfo, PersonInfo, PlaybookItem, StakeholderInfo

CHAMPION_NO_PATH = gettext_noop(
    "%(names)s champions us, but nothing on the map joins them to %(deciders)s, who decides — no reporting line or "
    "influence link, directly or through others: learn through whom their voice reaches the decision and record it, "
    "or build that bridge — bring them to a meeting with the decision maker, or give them the material to take up "
    "the line."
)


def _reached(
    start: set[int], people: dict[int, PersonInfo], links: tuple[InfluenceLinkInfo, ...]
) -> set[int]:
    """Everyone joined to `start` by reporting lines (solid or dotted) and influence links other than `opposes`,
    either way, through people still with the customer."""
    ties: dict[int, set[int]] = defaultdict(set)
    for person in people.values():
        for manager in (person.reports_to, *person.dotted_managers):
            if manager is not None:
                ties[person.id].add(manager)
                ties[manager].add(person.id)
    for link in links:
        if link.kind != "opposes":
            ties[link.source].add(link.target)
            ties[link.target].add(link.source)
    seen, todo = set(start), list(start)
    while todo:
        for other in ties[todo.pop()]:
            if other not in seen and other in people and people[other].active:
                seen.add(other)
                todo.append(other)
    return seen


def unjoined_champions(
    deal: DealInfo,
    people: dict[int, PersonInfo],
    links: tuple[InfluenceLinkInfo, ...],
    bodies: dict[int, BodyInfo],
    settings: AnalysisSettings,
) -> tuple[list[StakeholderInfo], Deciders]:
    """The open deal's champions who support us (supporter, advocate: the others are `no_champion`'s) and whom no
    reporting line or influence link, directly or through others still with the customer, joins to who decides
    (`coverage.deciders`: the decision makers, the deciding chairs, the seated members of the approving bodies) — but
    a sealed body and who sits on it (`coverage.sealed`: a bid committee is not to be met, nor reached through a
    champion; `tender.win_on_paper` says how it is won); with who decides. None when every champion reaches them,
    when nobody else decides, or for a won or lost deal."""
    who = deciders(deal, people, bodies, settings)
    open_seats = {pid for body in who.bodies if not sealed(body) for pid in seated_members(body, people)}
    targets = set(who.to_meet) | open_seats
    if deal.status != "open" or not targets:
        return [], who
    reached = _reached(targets, people, links)
    lost = [
        sh
        for sh in active_stakeholders(deal, people)
        if "champion" in sh.roles
        and ATTITUDE_VALUES.get(sh.attitude, -9) >= 1
        and sh.person_id not in reached
    ]
    return lost, who


def deciding_names(who: Deciders, people: dict[int, PersonInfo], lang: str) -> str:
    """Who decides, as `CHAMPION_NO_PATH` names them: the people to meet, then the open bodies."""
    return join_names(
        lang, [people[pid].shown(lang) for pid in who.to_meet] + [b.name for b in who.open_bodies]
    )


def champion_reach_items(
    deal: DealInfo,
    people: dict[int, PersonInfo],
    links: tuple[InfluenceLinkInfo, ...],
    bodies: dict[int, BodyInfo],
    settings: AnalysisSettings,
    lang: str,
    asked: Collection[int] = (),
) -> list[PlaybookItem]:
    """One playbook item (code `champion_no_path`, impact `flag_action_impact["medium"]` + the champions' highest
    influence, as a medium flag's action) naming the champions `unjoined_champions` finds, but those a flag's
    action already asks to bring to who decides (`asked`: `Flag.bridges`, decision_maker_not_met's "ask 刘洋 to
    introduce Anna — nothing on the map joins them yet": one piece of advice, not two); [] when none is left."""
    lost, who = unjoined_champions(deal, people, links, bodies, settings)
    lost = [sh for sh in lost if sh.person_id not in asked]
    if not lost:
        return []
    return [
        PlaybookItem(
            code="champion_no_path",
            text=tr(
                lang,
                CHAMPION_NO_PATH,
                names=join_names(lang, [people[sh.person_id].shown(lang) for sh in lost]),
                deciders=deciding_names(who, people, lang),
            ),
            impact=settings.flag_action_impact["medium"] + max(sh.influence for sh in lost),
            people=tuple(sh.person_id for sh in lost),
        )
    ]
