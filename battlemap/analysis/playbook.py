"""Playbook: next best actions for a deal, ordered by impact.

Three sources (seeds 001-003): the action answering each red flag (it names the people the flag
concerns), the strategy for each buying role held (ROI case for decision makers, hands-on demo for
users, ...), and the strategy of the deal's current stage (case studies in information search,
custom demo in evaluation, ...). Impact:
* a flag's action: the flag's action impact (high 15, medium 8, low 4) + the highest influence (1..5)
  among the people it concerns;
* a role strategy: 10 × role weight × highest influence of its holders / 5, × 1.5 when the role
  matters at the current stage;
* the stage strategy: 9.
"""

from __future__ import annotations

from battlemap.vocab import ROLES

from .coverage import active_stakeholders
from .i18n import gettext_noop, join_names, tr
from .settings import AnalysisSettings
from .types import DealInfo, Flag, PersonInfo, PlaybookItem

ROLE_STRATEGIES = {
    "decision_maker": (
        "roi_case",
        gettext_noop("Prepare an ROI case and the long-term value for %(names)s."),
    ),
    "influencer": (
        "expert_evidence",
        gettext_noop("Bring evidence, expert references and technical depth to %(names)s."),
    ),
    "user": ("hands_on_demo", gettext_noop("Give %(names)s a hands-on demo and offer training.")),
    "purchaser": (
        "cost_and_terms",
        gettext_noop("Prepare cost, terms and supplier credentials for %(names)s."),
    ),
    "champion": (
        "champion_material",
        gettext_noop("Equip %(names)s with arguments and material to sell for us inside."),
    ),
    "coach": (
        "coach_check_in",
        gettext_noop("Check with %(names)s where the decision stands and who else matters."),
    ),
    "gatekeeper": (
        "gate_requirements",
        gettext_noop(
            "Ask %(names)s for their technical and compliance requirements early, and answer them in writing."
        ),
    ),
}
STAGE_STRATEGIES = {
    "need_recognition": (
        "shape_the_need",
        gettext_noop(
            "Help the customer state the need behind %(deal)s: share the pains you see and the cost of doing nothing."
        ),
    ),
    "information_search": (
        "case_studies",
        gettext_noop(
            "Send case studies and white papers for %(deal)s through the channels the customer uses."
        ),
    ),
    "evaluation": (
        "custom_demo",
        gettext_noop("Run a custom demo for %(deal)s and hand over a fair comparison with the alternatives."),
    ),
    "purchase_decision": (
        "competitive_quote",
        gettext_noop("Make a competitive quote for %(deal)s with a clear service commitment."),
    ),
    "post_purchase": (
        "follow_up",
        gettext_noop(
            "Follow up on %(deal)s: check delivery, run a satisfaction survey and look for expansion."
        ),
    ),
}
STAGE_IMPACT = 9.0


def deal_playbook(
    deal: DealInfo,
    people: dict[int, PersonInfo],
    flags: tuple[Flag, ...],
    settings: AnalysisSettings,
    lang: str,
) -> tuple[PlaybookItem, ...]:
    if deal.status == "lost":
        return ()
    stage = "post_purchase" if deal.status == "won" else deal.stage
    active = active_stakeholders(deal, people)
    rating = {sh.person_id: sh.influence for sh in deal.stakeholders}
    items: list[PlaybookItem] = []
    for flag in flags:
        top = max((rating.get(pid, 0) for pid in flag.people), default=0)
        items.append(
            PlaybookItem(
                code=flag.code,
                text=flag.action,
                people=flag.people,
                flag=flag.code,
                impact=settings.flag_action_impact[flag.severity] + top,
            )
        )
    stage_roles = settings.stage_roles.get(stage, ())
    for role in ROLES:
        holders = sorted((sh for sh in active if role in sh.roles), key=lambda sh: -sh.influence)
        if not holders:
            continue
        code, message = ROLE_STRATEGIES[role]
        boost = 1.5 if role in stage_roles else 1.0
        impact = 10 * settings.role_weights.get(role, 0.0) * holders[0].influence / 5 * boost
        names = join_names(lang, [people[sh.person_id].name for sh in holders])
        items.append(
            PlaybookItem(
                code=code,
                text=tr(lang, message, names=names),
                impact=round(impact, 2),
                people=tuple(sh.person_id for sh in holders),
            )
        )
    if stage in STAGE_STRATEGIES:
        code, message = STAGE_STRATEGIES[stage]
        items.append(PlaybookItem(code=code, text=tr(lang, message, deal=deal.name), impact=STAGE_IMPACT))
    items.sort(key=lambda item: -item.impact)
    return tuple(items)
