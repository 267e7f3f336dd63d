"""The red flags about the people of a deal: who holds the buying roles, whom we meet and talk to,
whose personal win we know, who opposes us or favours a competitor (registered with `@flag`, run
by `flags.deal_flags`)."""

from __future__ import annotations

from collections.abc import Collection

from battlemap.io.matching import names_by_key
from battlemap.vocab import ATTITUDE_VALUES, STAGES

from . import flag_texts as texts
from .champion_reach import deciding_names, unjoined_champions
from .coverage import approving_bodies, body_reached, met_members, personal_win_of, seated_members
from .flag_registry import DealFacts, Raised, flag
from .i18n import join_names, label, tr
from .types import StakeholderInfo


def _top_by_influence(pool: list[StakeholderInfo], limit: int = 3) -> list[int]:
    return [sh.person_id for sh in sorted(pool, key=lambda s: -s.influence)[:limit]]


def _supporter(sh: StakeholderInfo) -> bool:
    return ATTITUDE_VALUES.get(sh.attitude, -9) >= 1


def _link_kinds(f: DealFacts, one: int, other: int) -> set[str]:
    """The kinds of the influence links joining `one` and `other`, either way."""
    return {link.kind for link in f.links if {link.source, link.target} == {one, other}}


def _tie(f: DealFacts, one: int, other: int) -> float:
    """How strongly `one` and `other` are joined, 0 when nothing joins them: their strongest influence link either
    way (strength 1–3; an `opposes` link joins nobody), or a reporting line either way, weighed as the influence
    graph weighs it (`reporting_edge_weight` a solid line, `dotted_edge_weight` a dotted one: centrality)."""
    ties = [float(link.strength) for link in f.links if {link.source, link.target} == {one, other}]
    ties = ties if "opposes" not in _link_kinds(f, one, other) else []
    for report, manager in ((one, other), (other, one)):
        person = f.people.get(report)
        if person and person.reports_to == manager:
            ties.append(f.settings.reporting_edge_weight)
        if person and manager in person.dotted_managers:
            ties.append(f.settings.dotted_edge_weight)
    return max(ties, default=0.0)


def introducer_ids(
    f: DealFacts, concerned: list[int], named: Collection[int] = ()
) -> tuple[list[int], list[int]]:
    """Who can introduce us to `concerned`, and which of them came only from the champions' fallback, nothing on
    the map tying them to the concerned: at most 2 with the people the action already names (`named`, left out;
    1 at least). First the people of the deal we have met, who are
    not against us (neutral or better) and are joined to one of the concerned by an influence link or a reporting
    line (`_tie`), the strongest tie first, then the most influential — a coach was told to reach the party
    secretary through a coach engineer of influence 1 and never through the general manager who advises him (seed
    001 §6: 搭建沟通桥梁, 客户关系图谱) —; then the people we met who hold no part in the deal and are joined to
    one of the concerned (`_acquaintances`); then the deal's champions and coaches who support us and have been in touch
    with us, the most influential first (a new user was sent through two champions never met; a trial was told to
    reach the champion through the champion, and through a coach the deal no longer had).
    Never one of the concerned, nor anyone on a sealed body of the deal (`f.approachable`: a bid committee's experts
    may not meet a bidder); never a helper whom one of the concerned opposes, or who opposes one of them (an
    `opposes` link either way); an outside person (a design institute, a consultant) is reached only through a
    helper an influence link joins to them — a reviewer was told to ask a production manager the CIO opposes to
    introduce the CIO and a design institute's vice-president (seed 001 §3: a bridge both sides stand on)."""
    outside = [pid for pid in concerned if pid in f.people and f.people[pid].external]
    fits = [
        s
        for s in f.approachable
        if s.person_id not in concerned
        and s.person_id not in named
        and not any("opposes" in _link_kinds(f, s.person_id, pid) for pid in concerned)
        and all(_link_kinds(f, s.person_id, pid) - {"opposes"} for pid in outside)
    ]
    ties = {s.person_id: max((_tie(f, s.person_id, pid) for pid in concerned), default=0.0) for s in fits}
    bridges = [
        s
        for s in fits
        if ties[s.person_id] > 0
        and ATTITUDE_VALUES.get(s.attitude, -9) >= 0  # someone against us opens no door for us
        and f.contacts.met(s.person_id)
    ]
    bridges.sort(key=lambda s: (-ties[s.person_id], -s.influence))
    champions = [
        s
        for s in fits
        if {"coach", "champion"} & set(s.roles)
        and s not in bridges
        and _supporter(s)  # an opposing coach is nobody's way in (a fresh reviewer)
        and f.contacts.contacted(s.person_id)  # a champion we never spoke to cannot take us anywhere yet
    ]
    limit = max(1, 2 - len(set(named)))
    acquainted = _acquaintances(f, concerned, named)
    fallback = _top_by_influence(champions, limit=limit)
    helpers = ([s.person_id for s in bridges] + acquainted + fallback)[:limit]
    return helpers, [pid for pid in helpers if pid in fallback]


def introducers(f: DealFacts, concerned: list[int], named: Collection[int] = ()) -> str:
    """`introducer_ids`' helpers by name, for an action's `%(helpers)s`, else "a supporter who knows them"."""
    helpers, _ = introducer_ids(f, concerned, named)
    return f.names(helpers) if helpers else tr(f.lang, texts.INTRODUCER)


def _acquaintances(f: DealFacts, concerned: list[int], named: Collection[int]) -> list[int]:
    """The people we met who hold no part in the deal and are joined to one of `concerned` (`_tie`), the strongest tie
    first: a bridge too (seed 001 §6 客户关系图谱 — "明确各关键角色之间的关系" —, §3 搭建沟通桥梁), after the deal's own
    people, whose attitude in it we know. The s39 coach met the chairman's secretary, who holds no role in the deal,
    and was told to reach the chairman "through a supporter who knows them". Still with the customer, never one
    `opposes` joins to the concerned, and an outside person reached only through an influence link (`introducers`)."""
    in_deal = {sh.person_id for sh in f.deal.stakeholders}
    outside = [pid for pid in concerned if pid in f.people and f.people[pid].external]
    ties = {
        pid: max((_tie(f, pid, other) for other in concerned), default=0.0)
        for pid, person in f.people.items()
        if person.active
        and pid not in in_deal
        and pid not in concerned
        and pid not in named
        and pid not in f.deciders().sealed
        and f.contacts.met(pid)
        and not any("opposes" in _link_kinds(f, pid, other) for other in concerned)
        and all(_link_kinds(f, pid, other) - {"opposes"} for other in outside)
    }
    return sorted((pid for pid, tie in ties.items() if tie > 0), key=lambda pid: -ties[pid])


@flag("no_decision_maker")
def no_decision_maker(f: DealFacts) -> Raised:
    """Raised when nobody decides the deal (`coverage.deciders`): nobody still with the customer holds
    decision_maker (DESIGN.md §4) and no decision body holds it — a body deciding collectively (党委会, seed 004 §1)
    is the decider; whether we reached it is `approving_body_not_met`'s question."""
    if f.deciders():
        return None
    helpers = _top_by_influence([s for s in f.approachable if {"coach", "champion"} & set(s.roles)])
    return [], {"helpers": f.names(helpers) if helpers else tr(f.lang, texts.PEOPLE_AROUND)}


@flag("decision_maker_not_met")
def decision_maker_not_met(f: DealFacts) -> Raised:
    """Raised for decision makers never in a meeting, call, visit or interview with us (DESIGN.md §4: met), the
    chair of an approving body the chair decides among them (`coverage.deciders`; `approving_body_not_met` leaves
    such a body to this flag). The action names the members we met on a body whose chair we never met: our way in
    before it decides. It costs health while nobody who decides was met (a deciding body: reached,
    `coverage.body_reached`), as the decision-maker row of coverage reads the decision unit: naming a second decider
    keeps what meeting the first earned (docs/analysis.md §4); and while a chair who has the final say was never met,
    whoever else was (review rev2: meeting a deputy does not carry the body its chair decides)."""
    not_met = f.deciders_not_met()
    if not not_met:
        return None
    deciding = f.deciders()
    some_met = len(not_met) < len(deciding.people) or any(
        body_reached(b, deciding.chair_of.get(b.id), f.people, f.contacts) for b in deciding.bodies
    )
    chaired = [b for pid in not_met for b in deciding.chaired_by(pid)]
    known = [pid for b in chaired for pid in met_members(b, f.people, f.contacts) if pid not in not_met]
    helpers, fallback = introducer_ids(f, not_met, named=known)
    extra: dict[str, object] = {
        "helpers": f.names(helpers) if helpers else tr(f.lang, texts.INTRODUCER),
        "_costs": not some_met or bool(chaired),
        "_heard": [*known, *helpers],  # the way in, when who decides listens to them (sway.py)
    }
    if known:
        extra.update(
            bodies=join_names(f.lang, list(dict.fromkeys(b.name for b in chaired))),
            known=f.names(list(dict.fromkeys(known))),
            _action=texts.MEET_THE_CHAIR,
        )
    # a champion sent only as our champion, whom nothing on the map joins to who decides: the action says so and
    # how to build the way (champion_reach), and the playbook asks it once (Flag.bridges)
    lost, who = unjoined_champions(f.deal, f.people, f.links, f.bodies, f.settings)
    bridges = [pid for pid in fallback if pid in {sh.person_id for sh in lost}]
    if bridges:
        extra.update(
            champions=f.names(bridges),
            deciders=deciding_names(who, f.people, f.lang),
            _action=texts.MEET_THE_CHAIR_UNJOINED if known else texts.MEET_VIA_UNJOINED,
            _bridges=bridges,
        )
    return not_met, extra


@flag("single_threaded")
def single_threaded(f: DealFacts) -> Raised:
    """Raised when ≤ `single_threaded_max` customer people of the deal are engaged (within `stale_days`, DESIGN.md
    §4); with nobody engaged, not for a deal with no customer people or opened under `stale_days` ago. The deal's
    customer people: its active stakeholders and the seated members of its approving bodies (`coverage.
    approving_bodies`), not external — the members of the 党委会 deciding the deal are people we talk to about it,
    whatever personal role they hold (review rev36: "only 张敏 in 45 days" beside 李国栋 in the same meeting). It
    costs health once we have been in touch with one of its customer people (docs/analysis.md §4)."""
    customers = [sh for sh in f.active if not f.people[sh.person_id].external]
    members = [
        pid
        for body in approving_bodies(f.deal, f.bodies, f.settings)
        for pid in seated_members(body, f.people)
        if not f.people[pid].external
    ]
    ids = list(dict.fromkeys([*(sh.person_id for sh in customers), *members]))
    engaged = [pid for pid in ids if f.contacts.engaged(pid)]
    if len(engaged) > f.settings.single_threaded_max:
        return None
    # "Nobody has talked to us in the last 45 days" is news only when there is somebody to talk to and the
    # deal is older than those days: a deal opened this week, or with nobody on it yet, is not single-threaded.
    young = f.days_open is not None and f.days_open < f.settings.stale_days
    if not engaged and (not ids or young):
        return None
    others = _top_by_influence([sh for sh in customers if sh.person_id not in engaged])
    return engaged, {
        "days": f.settings.stale_days,
        "others": f.names(others) if others else tr(f.lang, texts.OTHERS),
        **({} if engaged else {"_reason": texts.NOBODY_ENGAGED, "_action": texts.MEET_SOMEONE}),
        # no thread to lose yet while we were never in touch with any of them: naming the first customer person
        # of a deal never lowers health (docs/analysis.md §4)
        "_costs": any(f.contacts.contacted(pid) for pid in ids),
    }


@flag("no_champion")
def no_champion(f: DealFacts) -> Raised:
    """Raised when no active champion is at least a supporter (attitude ≥ +1) (DESIGN.md §4)."""
    if f.holders("champion", _supporter):
        return None
    candidates = _top_by_influence([sh for sh in f.approachable if _supporter(sh)], 2)
    return f.holders("champion"), {
        "candidates": f.names(candidates) if candidates else tr(f.lang, texts.SUPPORTERS)
    }


@flag("unaddressed_opponent")
def unaddressed_opponent(f: DealFacts) -> Raised:
    """Raised for skeptics and opponents of influence ≥ `key_influence` with no plan and no open action item
    in this deal that is not overdue (DESIGN.md §4)."""
    # an action item counts while it is open and not overdue: a lapsed plan is no plan (a tester's overdue
    # "meet 张强" hid an influence-4 opponent from this flag, map quality and the Blue Sheet)
    open_items = {
        a.person_id
        for a in f.action_items
        if a.deal_id == f.deal.id and not a.done and (a.due is None or a.due >= f.today)
    }
    opponents = [
        sh.person_id
        for sh in f.approachable
        if ATTITUDE_VALUES.get(sh.attitude, 0) < 0
        and sh.influence >= f.settings.key_influence
        and not sh.plan.strip()
        and sh.person_id not in open_items
    ]
    return (opponents, {"min": f.settings.key_influence, "_heard": opponents}) if opponents else None


@flag("no_stated_win")
def no_stated_win(f: DealFacts) -> Raised:
    """Raised for key people with no personal win on their deal role or portrait (DESIGN.md §4); it costs health
    only once one of them has been in touch with us (a win is learnt by talking: docs/analysis.md §4)."""
    no_win = [sh.person_id for sh in f.approachable if f.key(sh) and not personal_win_of(sh, f.people)]
    if not no_win:
        return None
    return no_win, {"_costs": any(f.contacts.contacted(pid) for pid in no_win)}


@flag("purchaser_unknown")
def purchaser_unknown(f: DealFacts) -> Raised:
    """Raised from the purchase_decision stage on when nobody holds purchaser (DESIGN.md §4)."""
    if f.stage_at < STAGES.index("purchase_decision") or f.holders("purchaser"):
        return None
    return [], {"stage": label(f.lang, f.deal.stage)}


@flag("users_not_engaged")
def users_not_engaged(f: DealFacts) -> Raised:
    """Raised from the evaluation stage on when no user (if any) is engaged in `stale_days` (DESIGN.md §4)."""
    if f.stage_at < STAGES.index("evaluation"):
        return None
    users = f.holders("user")
    if any(
        f.contacts.engaged(pid) for pid in users
    ):  # engaged: in touch within the stale days (DESIGN.md §4)
        return None
    return users, {
        "stage": label(f.lang, f.deal.stage),
        **({} if users else {"_reason": texts.NO_USER_KNOWN, "_action": texts.FIND_A_USER}),
    }


@flag("stale_relationship")
def stale_relationship(f: DealFacts) -> Raised:
    """Raised for key people not engaged within `stale_days`, never contacted included (DESIGN.md §4), but for the
    people never in touch whom `decision_maker_not_met` already asks us to meet: one person, one request (a coach
    read "Ask for a meeting with 杨建国" and "Get an introduction to 杨建国" one above the other). It costs health only
    for people who went cold: someone never in touch is a gap to close, not a relationship we let slip (§4)."""
    asked = set(f.deciders_not_met())
    stale = [
        sh.person_id
        for sh in f.approachable
        if f.key(sh)
        and not f.contacts.engaged(sh.person_id)
        and (f.contacts.contacted(sh.person_id) or sh.person_id not in asked)
    ]
    if not stale:
        return None
    cold = [pid for pid in stale if f.contacts.contacted(pid)]
    if not cold:  # nobody to go cold: never in touch at all
        return stale, {
            "days": f.settings.stale_days,
            "helpers": introducers(f, stale),
            "_reason": texts.NEVER_IN_TOUCH,
            "_action": texts.GET_IN_TOUCH,
            "_costs": False,
            "_heard": stale,
        }
    never = [pid for pid in stale if pid not in cold]
    if never:  # some went cold, the others were never in touch: each said as it is
        return cold + never, {
            "days": f.settings.stale_days,
            "cold": f.names(cold),
            "never": f.names(never),
            "helpers": introducers(f, never),
            "_reason": texts.COLD_AND_NEVER,
            "_action": texts.COLD_AND_NEVER_ACTION,
            "_heard": cold + never,
        }
    return stale, {"days": f.settings.stale_days, "_heard": stale}


@flag("key_person_left")
def key_person_left(f: DealFacts) -> Raised:
    """Raised for anyone holding a role in the deal, or a key person of it without one (influence 4 or more,
    `is_key_person`), whose status is left (DESIGN.md §4: a key person left). An influence-5 person with no
    buying role ticked left the customer and nothing said so: This week and What changed stayed quiet."""
    gone = [
        sh.person_id
        for sh in f.deal.stakeholders
        if (sh.roles or f.key(sh)) and sh.person_id in f.people and not f.people[sh.person_id].active
    ]
    return (gone, {}) if gone else None


@flag("competitor_favoured")
def competitor_favoured(f: DealFacts) -> Raised:
    """Raised for key people and opponents (any influence) favouring a competitor (DESIGN.md §4, MEDDPICC)."""
    # a key person's preference weighs on the decision (coverage.is_key_person); an opponent's, whatever their
    # influence, is the competitor's ally inside the customer (MEDDPICC's competition lists both)
    favour = [
        sh for sh in f.active if sh.favoured_competitor.strip() and (f.key(sh) or sh.attitude == "opponent")
    ]
    if not favour:
        return None
    # one competitor once however it is spelt ("Huawei Cloud", "HUAWEI CLOUD"): io.matching's rule, as the
    # deal's competitors page and the exports list them
    competitors = join_names(f.lang, names_by_key(sh.favoured_competitor for sh in favour).values())
    ids = [sh.person_id for sh in favour]
    return ids, {"competitors": competitors, "_heard": ids}
