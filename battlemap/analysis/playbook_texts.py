"""The playbook's texts (playbook.py decides when each applies and its impact): the strategy of each buying role
and of each decision-chain stage, the advice for each decision style and Maslow needs level, the material each
decision factor calls for, the satisfaction survey's and the channels' suggestions. Sources as playbook.py's:
seeds 001–004 (the role strategies, 角色画像分析, 需求层次分析), seed 002 (the channels per stage), seeds 000 and
002 (close the loop with a survey after the purchase). Each text is an English msgid, translated at analysis time
(`i18n.tr`)."""

from __future__ import annotations

from .i18n import gettext_noop

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
        # both kinds of gatekeeper (vocab.BUYING_ROLES): the office director who holds the leader's diary and
        # agenda (院办主任, 办公室主任: the usual one in hospitals, government and SOEs), and the technical or
        # compliance gate (trial 23: 院办主任 钱红 was told only to state technical requirements)
        gettext_noop(
            "Work through %(names)s: if they keep the leader's diary and agenda (an office director or the leader's secretary), book the meeting with the leader and the agenda item through them early and keep them informed; if they check technical or compliance requirements, ask for those early and answer them in writing."
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

SURVEY_AFTER_WIN = gettext_noop(
    "%(deal)s is won: send %(names)s a satisfaction survey (satisfaction per area and whether they would recommend us)."
)
SURVEY_AT_LOYAL = gettext_noop(
    "The account counts as loyal, but we do not know how satisfied %(names)s are: send them a satisfaction survey."
)


# How to approach a person by decision style (the social-styles model the portrait uses).
STYLE_ADVICE = {
    "analytical": (
        "style_analytical",
        gettext_noop(
            "Give %(names)s evidence in writing: data, test results, references and a detailed comparison, "
            "with time to study it."
        ),
    ),
    "driver": (
        "style_driver",
        gettext_noop("Be brief with %(names)s: the result, two options and the decision you need from them."),
    ),
    "amiable": (
        "style_amiable",
        gettext_noop(
            "Build personal trust with %(names)s: meet in person, show how peers succeeded, and do not press "
            "for a fast decision."
        ),
    ),
    "expressive": (
        "style_expressive",
        gettext_noop(
            "Share the vision with %(names)s and give them a stage: a story they can retell and credit for "
            "championing it."
        ),
    ),
}
# What the project must mean for a person at each Maslow needs level (seed 001: 需求层次分析).
NEEDS_ADVICE = {
    "physiological": (
        "needs_physiological",
        gettext_noop(
            "Show %(names)s how the project lightens their daily load: less manual work, fewer alarms."
        ),
    ),
    "safety": (
        "needs_safety",
        gettext_noop("Lower the risk for %(names)s: references, a pilot, guarantees and a clear fallback."),
    ),
    "belonging": (
        "needs_belonging",
        gettext_noop("Involve %(names)s with their team: joint workshops, and peers who chose us."),
    ),
    "esteem": (
        "needs_esteem",
        gettext_noop("Give %(names)s recognition: a visible success they can present to their leaders."),
    ),
    "self_actualisation": (
        "needs_self_actualisation",
        gettext_noop("Offer %(names)s a project that realises their vision: a model others will copy."),
    ),
}
# The material each decision factor calls for.
FACTOR_MATERIALS = {
    "price": gettext_noop("a total-cost-of-ownership and ROI calculation"),
    "brand": gettext_noop("references from their peers and our credentials"),
    "quality": gettext_noop("test reports, quality certificates and a site visit"),
    "service": gettext_noop("the service commitment: response times, the local team, the SLA"),
    "technology": gettext_noop("a technical white paper and how the architecture fits theirs"),
    "compliance": gettext_noop("compliance evidence: certifications, security level, where data stays"),
    "risk": gettext_noop("a pilot plan, guarantees and a fallback"),
}
MATERIAL = gettext_noop("In %(deal)s the customer weighs %(factor)s heavily: bring %(material)s.")
CHANNELS_ADVICE = gettext_noop(
    "At %(stage)s the customer learns through %(channels)s: place the material for %(deal)s there."
)
ASK_CHANNELS = gettext_noop(
    "Ask the key people of %(deal)s which sources they trust at %(stage)s: the channels are not known."
)
