"""Whom who decides listens to: the one rule that tells, in a flag's reason, that a person it names sways the
decision.

A new rep's map had Robert Hale deciding, and an influence link "Mark Ellis is trusted by Robert Hale (strong)";
Mark was never met and his view of us unknown. The stale-relationship flag named Mark among the key people never in
touch and his influence score read "listened to by Robert Hale", but nothing said that the man we never met is the one
the decider listens to: the rep had to put it together (session 43). Seed 001 §4 (客户关系图谱: 明确各关键角色之间的
关系) and seed 004 §1 (the decision maker weighs the views of those around him) make it the first thing to know.

An influence link points from the person who sways to the person swayed (docs/analysis.md §1); every kind but
`opposes` is someone listened to, as the listening graph reads it (centrality.py). Who decides is
`coverage.deciders`' people (decision makers, deciding chairs); a person who decides is not said to sway another who
does, and someone who left the customer sways nobody now.
"""

from __future__ import annotations

from collections.abc import Iterable

from battlemap.punctuation import sentences

from .coverage import Deciders
from .i18n import gettext_noop, join_names, tr
from .types import InfluenceLinkInfo, PersonInfo

HEARD_BY_WHO_DECIDES = gettext_noop("%(deciding)s, who decides, listens to %(names)s.")


def heard_by_who_decides(
    named: Iterable[int],
    who: Deciders,
    people: dict[int, PersonInfo],
    links: tuple[InfluenceLinkInfo, ...],
) -> list[tuple[int, list[int]]]:
    """For each person who decides (`who.people`, in its order) whom one of `named` sways by an influence link other
    than `opposes`: that decider and those of `named` (in their order) who sway them. Deciders and people who left
    are never among the swayers; [] when no one named sways who decides."""
    named = [
        pid for pid in dict.fromkeys(named) if pid not in who.people and pid in people and people[pid].active
    ]
    heard = []
    for decider in who.people:
        swayers = [
            pid
            for pid in named
            if any(link.source == pid and link.target == decider and link.kind != "opposes" for link in links)
        ]
        if swayers:
            heard.append((decider, swayers))
    return heard


def with_whom_decides_listens(
    reason: str,
    named: Iterable[int],
    who: Deciders,
    people: dict[int, PersonInfo],
    links: tuple[InfluenceLinkInfo, ...],
    lang: str,
) -> str:
    """`reason`, followed by one sentence per decider whom a person of `named` sways (`heard_by_who_decides`):
    "Robert Hale, who decides, listens to Mark Ellis." / "拍板的Robert Hale听取Mark Ellis的意见。" — the names as the
    analysis' sentences write them (`PersonInfo.shown`)."""
    notes = [
        tr(
            lang,
            HEARD_BY_WHO_DECIDES,
            deciding=people[decider].shown(lang),
            names=join_names(lang, [people[pid].shown(lang) for pid in swayers]),
        )
        for decider, swayers in heard_by_who_decides(named, who, people, links)
    ]
    return sentences([reason, *notes])
