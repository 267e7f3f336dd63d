"""Changes between two analyses of the same account (for the weekly deal review)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import NamedTuple

from .actions import overdue
from .health import has_health
from .i18n import gettext_noop, join_names, label, tr
from .settings import DEFAULT_SETTINGS, AnalysisSettings
from .types import (
    AccountAnalysis,
    Changes,
    DealAnalysis,
    DealInfo,
    ExternalFactorInfo,
    FlagChange,
    HealthChange,
    InfluenceLinkInfo,
    LinkChange,
    PersonChange,
    RoleChange,
    StageMove,
    StakeholderInfo,
)

_JOINED = gettext_noop("added to the map")
_LEFT = gettext_noop("left the customer")
_REMOVED = gettext_noop("removed from the map")
_ATTITUDE = gettext_noop("%(deal)s: attitude %(before)s → %(after)s")
_RATING = gettext_noop("%(deal)s: influence %(before)s → %(after)s")
_SCORE = gettext_noop("influence score %(before)s → %(after)s")
_GAINED = gettext_noop("now also names %(names)s")


def _health_of(deal: DealAnalysis | None) -> int | None:
    """A deal's health at one end of the window: None when it is not there (new, gone) or won or lost
    (`has_health`) — a lost deal raises no flags, so its engine score is no health to move from or to."""
    return deal.health.score if deal is not None and has_health(deal.deal.status) else None


def _status_of(deal: DealAnalysis | None) -> str:
    """A deal's status at one end of the window (open / won / lost), "" when it is not there."""
    return deal.deal.status if deal is not None else ""


def _flag_keys(analysis: AccountAnalysis) -> dict[tuple[int, str], FlagChange]:
    return {
        (d.deal.id, f.code): FlagChange(
            d.deal.id, f.code, f.people, d.deal.name, severity=f.severity, reason=f.reason, action=f.action
        )
        for d in analysis.deals
        for f in d.flags
    }


def changes_between(
    before: AccountAnalysis,
    after: AccountAnalysis,
    *,
    settings: AnalysisSettings | None = None,
    present: Iterable[int] = (),
) -> Changes:
    """What changed from `before` to `after`. `present`: the people seen with the customer at some
    moment between the two (the map's history, `maps`): a person added since `before` and gone at
    `after` left the customer in the window only if they were there in it — the two snapshots alone
    cannot tell them from a person added as already gone (a former employee imported). Such a person
    is in both "people_added" and "people_left" (trial: a departure in the week went unsaid)."""
    settings = settings or DEFAULT_SETTINGS
    seen = frozenset(present)
    lang = after.lang
    old_flags, new_flags = _flag_keys(before), _flag_keys(after)
    # a flag back because its deal was reopened (won or lost at the start, open at the end: a closed deal raises
    # none but the after-sale ones) is not new: the reopening says what happened (a deal lost and reopened listed
    # its six flags of before as new ones); a deal still won raises its after-sale flags as new ones
    closed_then = {d.deal.id for d in before.deals if d.deal.status != "open"}
    reopened = closed_then & {d.deal.id for d in after.deals if d.deal.status == "open"}
    added_flags = tuple(
        change for key, change in new_flags.items() if key not in old_flags and key[0] not in reopened
    )
    # a flag gone because its deal closed (won or lost: a closed deal raises none) or went is not resolved:
    # the deal's outcome says what happened (a won deal's "no decision maker" was listed as fixed)
    still_open = {d.deal.id for d in after.deals if d.deal.status == "open"}
    resolved = tuple(
        change for key, change in old_flags.items() if key not in new_flags and key[0] in still_open
    )
    worse = _worse_flags(old_flags, new_flags, settings, after, lang)

    old_deals = {d.deal.id: d for d in before.deals}
    new_deals = {d.deal.id: d for d in after.deals}
    health = tuple(
        HealthChange(
            deal_id,
            (new_deals.get(deal_id) or old_deals[deal_id]).deal.name,
            _health_of(old_deals.get(deal_id)),
            _health_of(new_deals.get(deal_id)),
            _status_of(new_deals.get(deal_id)),
            # a deal lost before the window and reopened in it moves from its outcome: "lost → 50", not the
            # closed deal's engine score ("44 → 50")
            _status_of(old_deals.get(deal_id)),
        )
        for deal_id in dict.fromkeys([*old_deals, *new_deals])
        # a deal closed before the window, analysed again for its customer's answers, moved nowhere: not "64 → won"
        if any(deal_id in d and d[deal_id].deal.status == "open" for d in (old_deals, new_deals))
    )
    moves = tuple(
        StageMove(
            deal_id,
            d.deal.name,
            old_deals[deal_id].deal.stage if deal_id in old_deals else None,
            d.deal.stage,
        )
        for deal_id, d in new_deals.items()
        if deal_id not in old_deals or old_deals[deal_id].deal.stage != d.deal.stage
    )

    old_people = {p.id: p for p in before.snapshot.people}
    new_people = {p.id: p for p in after.snapshot.people}
    added = tuple(
        PersonChange(pid, p.shown(lang), tr(lang, _JOINED))
        for pid, p in new_people.items()
        if pid not in old_people
    )
    left = tuple(
        PersonChange(pid, p.shown(lang), tr(lang, _LEFT))
        for pid, p in new_people.items()
        if (old_people[pid].active if pid in old_people else pid in seen) and not p.active
    )
    # deleted from the map (added by mistake, merged into another): not a departure — "1 left" / "离职 1"
    # counted them, beside a "Left" row saying "removed from the map"
    removed = tuple(
        PersonChange(pid, p.shown(lang), tr(lang, _REMOVED))
        for pid, p in old_people.items()
        if pid not in new_people
    )

    rerated: list[PersonChange] = []
    role_changes: list[RoleChange] = []
    for deal_id, d in new_deals.items():
        old = old_deals.get(deal_id)
        # a deal new in the window: each of its people joined it, with their roles and attitude
        role_changes.extend(_role_changes(old.deal.stakeholders if old else (), d.deal, new_people, lang))
        if old is None:
            continue
        old_roles = {sh.person_id: sh for sh in old.deal.stakeholders}
        for sh in d.deal.stakeholders:
            was = old_roles.get(sh.person_id)
            if was is None or sh.person_id not in new_people:
                continue
            name = new_people[sh.person_id].shown(lang)
            if was.attitude != sh.attitude:
                rerated.append(
                    PersonChange(
                        sh.person_id,
                        name,
                        tr(
                            lang,
                            _ATTITUDE,
                            deal=d.deal.name,
                            before=label(lang, was.attitude),
                            after=label(lang, sh.attitude),
                        ),
                    )
                )
            if was.influence != sh.influence:
                rerated.append(
                    PersonChange(
                        sh.person_id,
                        name,
                        tr(lang, _RATING, deal=d.deal.name, before=was.influence, after=sh.influence),
                    )
                )
    for pid, score in after.influence.items():
        old_score = before.influence.get(pid)
        if old_score is not None and abs(score.score - old_score.score) >= settings.rerate_threshold:
            rerated.append(
                PersonChange(
                    pid,
                    new_people[pid].shown(lang),
                    tr(lang, _SCORE, before=old_score.score, after=score.score),
                )
            )

    old_interactions = {i.id for i in before.snapshot.interactions}
    old_items = {i.id: i for i in before.snapshot.action_items}
    until = after.snapshot.today
    account = _account_changes(before, after, {**old_people, **new_people}, lang)
    return Changes(
        since=before.snapshot.today,
        until=after.snapshot.today,
        new_flags=added_flags,
        # a flag gone because everyone it named left the customer in the window is not resolved: the departure
        # says what happened ("✓ Decision maker not met" read as met when that decision maker had left)
        resolved_flags=tuple(
            f for f in resolved if not (f.people and set(f.people) <= {p.person_id for p in left + removed})
        ),
        worse_flags=worse,
        health=health,
        people_added=added,
        people_left=left,
        people_removed=removed,
        people_rerated=tuple(rerated),
        stage_moves=moves,
        role_changes=tuple(role_changes),
        interactions=tuple(i for i in after.snapshot.interactions if i.id not in old_interactions),
        actions_done=tuple(
            i
            for i in after.snapshot.action_items
            if i.done and (i.id not in old_items or not old_items[i.id].done)
        ),
        actions_overdue=tuple(
            i
            for i in after.snapshot.action_items
            # a won or lost deal's too: left open when it closed, on purpose (after-sale work), as This week lists it
            if i.deal_id in new_deals and overdue(i.due, i.done, until)
        ),
        lifecycle=account.lifecycle,
        links_added=account.links_added,
        links_removed=account.links_removed,
        factors_added=account.factors_added,
        factors_removed=account.factors_removed,
        factors_changed=account.factors_changed,
    )


def _worse_flags(
    old_flags: dict[tuple[int, str], FlagChange],
    new_flags: dict[tuple[int, str], FlagChange],
    settings: AnalysisSettings,
    after: AccountAnalysis,
    lang: str,
) -> tuple[FlagChange, ...]:
    """The flags raised at both ends that got worse: a higher severity, or naming people they did not
    (`FlagChange.gained`, with its note "now also names 陈国强"). A second key person leaving only adds a
    person to "Key person left": neither new nor more severe, the departure went unsaid on This week and What
    changed (a seller's trial: only health going up showed)."""
    rank = settings.severity_rank
    people = {p.id: p for p in after.snapshot.people}
    found: list[FlagChange] = []
    for key, change in new_flags.items():
        was = old_flags.get(key)
        if was is None:
            continue
        gained = tuple(pid for pid in change.people if pid not in was.people)
        if gained:
            names = join_names(lang, [people[pid].shown(lang) for pid in gained if pid in people])
            change = replace(change, gained=gained, note=tr(lang, _GAINED, names=names))
        if gained or rank.get(change.severity, 0) > rank.get(was.severity, 0):
            found.append(change)
    return tuple(found)


class _AccountMoves(NamedTuple):
    lifecycle: tuple[str, str] | None
    links_added: tuple[LinkChange, ...]
    links_removed: tuple[LinkChange, ...]
    factors_added: tuple[ExternalFactorInfo, ...]
    factors_removed: tuple[ExternalFactorInfo, ...]
    factors_changed: tuple[tuple[ExternalFactorInfo, ExternalFactorInfo], ...]


def _account_changes(
    before: AccountAnalysis, after: AccountAnalysis, people: dict, lang: str
) -> _AccountMoves:
    """What changed on the account itself: its lifecycle, its influence links (one a source, target and kind;
    a link whose strength changed is the same link) and its outside factors (by id), each added, removed or
    changed (its kind, description or effect on us: a factor turned against us is news)."""
    was, now = before.snapshot, after.snapshot
    moved = (was.account.lifecycle, now.account.lifecycle)
    old_links = {(k.source, k.target, k.kind): k for k in was.links}
    new_links = {(k.source, k.target, k.kind): k for k in now.links}

    def named(link: InfluenceLinkInfo) -> LinkChange:
        def name(pid: int) -> str:
            return people[pid].shown(lang) if pid in people else ""

        return LinkChange(link, name(link.source), name(link.target))

    old_factors = {f.id: f for f in was.external_factors}
    new_factors = {f.id: f for f in now.external_factors}
    return _AccountMoves(
        moved if moved[0] != moved[1] else None,
        tuple(named(k) for key, k in new_links.items() if key not in old_links),
        tuple(named(k) for key, k in old_links.items() if key not in new_links),
        tuple(f for fid, f in new_factors.items() if fid not in old_factors),
        tuple(f for fid, f in old_factors.items() if fid not in new_factors),
        tuple(
            (old_factors[fid], f)
            for fid, f in new_factors.items()
            if fid in old_factors and old_factors[fid] != f
        ),
    )


def _role_changes(old: Iterable[StakeholderInfo], new: DealInfo, people: dict, lang: str) -> list[RoleChange]:
    """Buying roles, attitude and influence of each person in a deal, from its stakeholders `old` (none
    for a deal new since) to now (before None: the person joined the deal; an unknown attitude is no
    news then); each person named as the analysis' sentences name them (`PersonInfo.shown`)."""
    was_in = {sh.person_id: sh for sh in old}
    found: list[RoleChange] = []
    for sh in new.stakeholders:
        person = people.get(sh.person_id)
        if person is None:
            continue
        was = was_in.get(sh.person_id)
        if was is None:
            pairs: list[tuple[str, str | int | tuple[str, ...] | None, str | int | tuple[str, ...]]] = [
                ("roles", None, tuple(sh.roles))
            ]
            if sh.attitude != "unknown":
                pairs.append(("attitude", None, sh.attitude))
        else:
            pairs = [
                (name, before, after)
                for name, before, after in (
                    ("roles", tuple(was.roles), tuple(sh.roles)),
                    ("attitude", was.attitude, sh.attitude),
                    ("influence", was.influence, sh.influence),
                )
                if before != after
            ]
        found.extend(
            RoleChange(new.id, new.name, sh.person_id, person.shown(lang), name, before, after)
            for name, before, after in pairs
        )
    return found
