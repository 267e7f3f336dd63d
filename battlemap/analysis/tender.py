"""A deal decided by a tender's bid evaluation committee (评标委员会): it is won on paper, not by meeting its members.

Under the PRC Bidding Law (《招标投标法》) the committee's experts are drawn from the expert pool, their names are kept
secret until the award (第三十七条: "评标委员会成员的名单在中标结果确定前应当保密") and they may not meet a bidder in private
(第四十四条: "评标委员会成员不得私下接触投标人"). Seed 004 §4.1 adds that a public buyer "特别重视政策合规性". The analysis
had asked the s39 coach to "find out who sits on 评标委员会 … and meet one of them" — advice no seller may follow — as a
high red flag that cost the deal's health. Such a body is now left out of `approving_body_not_met`, and the playbook
asks for what decides a tender: the technical requirements and the scoring method of the tender documents, shaped
before they are published through the people of the deal who support us, and a bid that answers every scored item.
"""

from __future__ import annotations

from battlemap.vocab import ATTITUDE_VALUES

from .coverage import active_stakeholders, deciders, sealed
from .i18n import gettext_noop, join_names, tr
from .settings import AnalysisSettings
from .types import BodyInfo, DealInfo, PersonInfo, PlaybookItem

WIN_ON_PAPER = gettext_noop(
    "%(bodies)s decides this deal by scoring the bids: its experts are drawn from the expert pool, kept secret until "
    "the award and may not be approached (Bidding Law, art. 37 and 44). Win it on paper: before the tender documents "
    "are published, get our strengths into their technical requirements and scoring method through %(helpers)s, and "
    "answer every scored item in the bid."
)
NEEDING_DEPARTMENT = gettext_noop("the department that needs it")
_SHAPERS = ("champion", "coach", "influencer", "user")


def tender_items(
    deal: DealInfo,
    people: dict[int, PersonInfo],
    bodies: dict[int, BodyInfo],
    settings: AnalysisSettings,
    lang: str,
) -> list[PlaybookItem]:
    """One playbook item (code `win_on_paper`, impact `flag_action_impact["high"]`: it is how the deal is decided) for an
    open deal decided by a bid evaluation committee (`coverage.deciders`, `sealed`), naming as who can shape the tender
    documents the two most influential people of the deal who support us (supporter, advocate) and hold champion,
    coach, influencer or user; [] otherwise."""
    if deal.status != "open":
        return []
    tendering = [body.name for body in deciders(deal, people, bodies, settings).bodies if sealed(body)]
    if not tendering:
        return []
    shapers = sorted(
        (
            sh
            for sh in active_stakeholders(deal, people)
            if set(_SHAPERS) & set(sh.roles) and ATTITUDE_VALUES.get(sh.attitude, -9) >= 1
        ),
        key=lambda sh: -sh.influence,
    )[:2]
    helpers = (
        join_names(lang, [people[sh.person_id].shown(lang) for sh in shapers])
        if shapers
        else tr(lang, NEEDING_DEPARTMENT)
    )
    return [
        PlaybookItem(
            code="win_on_paper",
            text=tr(lang, WIN_ON_PAPER, bodies=join_names(lang, tendering), helpers=helpers),
            impact=settings.flag_action_impact["high"],
            people=tuple(sh.person_id for sh in shapers),
        )
    ]
