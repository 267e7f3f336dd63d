"""MEDDPICC's economic buyer, read from who decides the deal (coverage.deciders): the decision makers, the chairs of
approving bodies their chair decides, and the bodies deciding collectively (a 党委会 by majority: seed 004 §1,
"客户决策人可能并不止一位，而是由多位不同角色的人员组成的决策团队"), each with the evidence a reviewer reads."""

from __future__ import annotations

from battlemap.vocab import DECISION_RULES

from .contacts import ContactIndex
from .coverage import Deciders, body_reached, met_members, sealed, seated_members
from .i18n import gettext_noop, join_names, ngettext_noop, tr
from .types import PersonInfo

_EB_MET = ngettext_noop("%(names)s decides and we have met them.", "%(names)s decide and we have met them.")
_EB_NOT_MET = ngettext_noop(
    "%(names)s is named as decision maker but we have never met them.",
    "%(names)s are named as decision makers but we have never met them.",
)
_EB_CHAIR_MET = gettext_noop(
    "%(names)s chairs %(bodies)s, where the chair has the final say, and we have met them."
)
_EB_CHAIR_NOT_MET = gettext_noop(
    "%(names)s chairs %(bodies)s, where the chair has the final say, but we have never met them."
)
# a body deciding collectively (coverage.deciders): reached when a majority of its seated members was met, all of them
# under consensus (coverage.body_reached)
_EB_BODY = ngettext_noop(
    "%(body)s decides as a body (%(rule)s): we have met %(met)s of its %(seated)s member.",
    "%(body)s decides as a body (%(rule)s): we have met %(met)s of its %(seated)s members.",
)
_EB_BODY_UNKNOWN = gettext_noop("%(body)s decides as a body (%(rule)s), and we do not know who sits on it.")
# a tender's bid evaluation committee (coverage.sealed): its experts, its chair too, are secret and may not meet us
_EB_SEALED = gettext_noop(
    "%(body)s decides by scoring the bids: its experts are secret until the award and may not meet a bidder, so it is "
    "not to be met — the tender is won on paper."
)
# a body its chair decides whose chair is not on the map or left: its members carry it, as a majority would
_EB_NO_CHAIR = gettext_noop("its chair has the final say, but no chair still with the customer is on the map")


def economic_buyer(
    who: Deciders, named: list[int], people: dict[int, PersonInfo], contacts: ContactIndex, lang: str
) -> tuple[str, tuple[str, ...], list[int]]:
    """MEDDPICC's economic buyer from who decides (`coverage.deciders`): (status, evidence, people). Confirmed when
    every person who decides was met and every body deciding collectively reached (`coverage.body_reached`: a
    majority of its seated members met, all of them under consensus); assumed when one of them is not — also
    when another is (the evidence names each); unknown when nobody decides. A sealed body (`coverage.sealed`, a bid
    committee) and the people on it are never asked to be met: its evidence says the tender is won on paper, and with
    nothing else deciding the status stays assumed. `named`: the stakeholders holding
    decision_maker; the people: who decides, then the seated members of the bodies deciding collectively."""
    if not who:
        return "unknown", (), []

    def names(ids: list[int]) -> str:
        return join_names(lang, [people[i].shown(lang) for i in ids])

    met = [pid for pid in named if contacts.met(pid)]
    unmet = [pid for pid in named if pid not in met and pid not in who.sealed]
    evidence = [
        *((tr(lang, _EB_MET, len(met), names=names(met)),) if met else ()),
        *((tr(lang, _EB_NOT_MET, len(unmet), names=names(unmet)),) if unmet else ()),
    ]
    for pid in who.people:
        chaired = who.chaired_by(pid)
        if pid in named or not chaired:
            continue
        evidence.append(
            tr(
                lang,
                _EB_CHAIR_MET if contacts.met(pid) else _EB_CHAIR_NOT_MET,
                names=people[pid].shown(lang),
                bodies=join_names(lang, [b.name for b in chaired]),
            )
        )
    members: list[int] = []
    for body in who.collective:
        if sealed(body):
            evidence.append(tr(lang, _EB_SEALED, body=body.name))
            continue
        seated = seated_members(body, people)
        members += seated
        rule = (
            tr(lang, _EB_NO_CHAIR)
            if body.decision_rule == "chair_decides"
            else DECISION_RULES.label(body.decision_rule, lang)
        )
        if not seated:
            evidence.append(tr(lang, _EB_BODY_UNKNOWN, body=body.name, rule=rule))
            continue
        met_there = len(met_members(body, people, contacts))
        evidence.append(
            tr(lang, _EB_BODY, len(seated), body=body.name, rule=rule, met=met_there, seated=len(seated))
        )
    # a sealed body is neither met nor to be met: the others decide the status, and with none it stays assumed
    reached = (
        bool(who.to_meet or who.open_bodies)
        and all(contacts.met(pid) for pid in who.to_meet)
        and all(body_reached(body, None, people, contacts) for body in who.open_bodies)
    )
    return (
        "confirmed" if reached else "assumed",
        tuple(evidence),
        list(dict.fromkeys([*who.people, *members])),
    )
