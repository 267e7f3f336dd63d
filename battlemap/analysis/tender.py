"""A deal decided by a tender's bid evaluation committee (评标委员会): it is won on paper, not by meeting its members.

Under the PRC Bidding Law (《招标投标法》) the committee's experts are drawn from the expert pool, their names are kept
secret until the award (第三十七条: "评标委员会成员的名单在中标结果确定前应当保密") and they may not meet a bidder in private
(第四十四条: "评标委员会成员不得私下接触投标人"). Seed 004 §4.1 adds that a public buyer "特别重视政策合规性". The analysis
had asked the s39 coach to "find out who sits on 评标委员会 … and meet one of them" — advice no seller may follow — as a
high red flag that cost the deal's health. Such a body is now left out of `approving_body_not_met`, and the playbook
asks for what decides a tender: the technical requirements and the scoring method of the tender documents, shaped
before they are published through the people of the deal who support us, and a bid that answers every scored item.
Once the notice is out that advice is too late, and once the bids are in it reads oddly (a coach's tender at 评标):
the advice follows the purchase process (`tender_phase`) — the documents clarified and objected to in writing
(招标投标法 第二十三条; 实施条例 第二十二条: "对招标文件有异议的，应当在投标截止时间10日前提出"), then the committee's
clarifications (招标投标法 第三十九条: "澄清或者说明不得超出投标文件的范围或者改变投标文件的实质性内容"), the presentation
the documents may call for, and the objection window of the published candidates (实施条例 第五十四条: "公示期不得少于3日
… 对评标结果有异议的，应当在中标候选人公示期间提出"; 招标投标法 第六十五条: "有权向招标人提出异议或者依法向有关行政监督
部门投诉").
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
# the notice is out (招标投标法 第二十三条: the documents change only by a written clarification to every holder, at
# least 15 days before the bid deadline; 实施条例 第二十二条: an objection to the documents at least 10 days before it)
WIN_ON_PAPER_OPEN = gettext_noop(
    "%(bodies)s decides this deal by scoring the bids: its experts are kept secret until the award and may not be "
    "approached (Bidding Law, art. 37 and 44). The tender notice is out, so the documents are no longer shaped from "
    "inside: ask your questions in writing, raise any requirement that shuts us out as an objection at least 10 days "
    "before the bid deadline (Implementing Regulations, art. 22), and answer every scored item in the bid."
)
# the bids are in (招标投标法 第三十九条: clarifications only in writing, within the bid; 实施条例 第五十四条: the
# candidates published for at least 3 days, an objection to the result raised during that time; 招标投标法 第六十五条:
# a bidder may object to the tenderer or complain to the supervising authority)
WIN_ON_PAPER_AFTER = gettext_noop(
    "%(bodies)s is scoring the bids: its experts are kept secret until the award and may not be approached (Bidding "
    "Law, art. 37 and 44). Answer its requests for clarification in writing, within the bid and without changing its "
    "substance (art. 39), give the presentation if the tender documents call for one, and watch the publication of "
    "the winning candidates: an objection to the result is raised during it, at least 3 days (Implementing "
    "Regulations, art. 54; Bidding Law, art. 65)."
)
NEEDING_DEPARTMENT = gettext_noop("the department that needs it")
_SHAPERS = ("champion", "coach", "influencer", "user")


def tender_phase(deal: DealInfo) -> str:
    """Where the deal's tender stands: "after" the bids (a bidding step done, or the evaluation or the award under
    way or done), "open" between the notice and the bid deadline (the tender notice under way or done, or the bidding
    under way), "before" the notice otherwise. With no tender step in its purchase process (vocab.PROCESS_STEPS), by
    the decision-chain stage: "after" at the purchase decision, "before" until then."""
    steps = {s.kind: s.status for s in deal.process}
    started = ("in_progress", "done")
    if steps.get("bidding") == "done" or {steps.get("bid_evaluation"), steps.get("award")} & set(started):
        return "after"
    if steps.get("tender_notice") in started or steps.get("bidding") == "in_progress":
        return "open"
    if {"tender_notice", "bidding", "bid_evaluation", "award"} & set(steps):
        return "before"
    return "after" if deal.stage == "purchase_decision" else "before"


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
    coach, influencer or user; [] otherwise. Its advice follows the tender (`tender_phase`): shape the documents before
    the notice; once it is out, written questions, an objection in time and a full bid (no one named: the documents
    are no longer shaped from inside); once the bids are in, the clarifications, the presentation and the objection
    window of the published result."""
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
    phase = tender_phase(deal)
    if phase != "before":
        text = tr(
            lang,
            WIN_ON_PAPER_OPEN if phase == "open" else WIN_ON_PAPER_AFTER,
            bodies=join_names(lang, tendering),
        )
        shapers = []
    else:
        text = tr(lang, WIN_ON_PAPER, bodies=join_names(lang, tendering), helpers=helpers)
    return [
        PlaybookItem(
            code="win_on_paper",
            text=text,
            impact=settings.flag_action_impact["high"],
            people=tuple(sh.person_id for sh in shapers),
        )
    ]
