"""Interview guides (seed 000: 访谈法; seed 001: what each buying role cares about; seed 002: the
decision chain): the questions to ask a person of a given buying role at a given decision-chain stage,
grouped by topic (vocab.INTERVIEW_TOPICS): goals, concerns, who else is involved, how the decision is
made, which information sources they trust. Questions are prose, translated by gettext."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from battlemap.vocab import BUYING_ROLES, INTERVIEW_TOPICS, STAGES

# Every guide asks these (topic, code, question).
COMMON = (
    ("goals", "goals_business", _("What must this project achieve for your organisation this year?")),
    ("goals", "goals_personal", _("What would make it a success for you personally?")),
    ("concerns", "concerns_main", _("What worries you most about changing the way things are done today?")),
    (
        "people",
        "people_involved",
        _("Who else is involved in this decision, and what does each of them care about?"),
    ),
    ("people", "people_decides", _("Who will have the final say, and who could stop it?")),
    (
        "process",
        "process_steps",
        _("How will the decision be made: which steps, which committee, which dates?"),
    ),
    (
        "process",
        "process_factors",
        _("What will weigh most in the choice: price, quality, service, technology, compliance, risk?"),
    ),
    (
        "sources",
        "sources_trusted",
        _("Where do you look for information on solutions like ours, and whose opinion do you trust?"),
    ),
)

# Per buying role (seed 001: what each role cares about).
BY_ROLE = {
    "decision_maker": (
        ("goals", "dm_value", _("What return would justify the investment, and over how many years?")),
        ("concerns", "dm_risk", _("What risk to the business would make you say no?")),
    ),
    "influencer": (
        ("concerns", "inf_evidence", _("What evidence would you need to recommend a solution?")),
        ("sources", "inf_references", _("Which references or experts would you check with?")),
    ),
    "user": (
        ("concerns", "user_daily", _("What gets in the way of your daily work today?")),
        ("goals", "user_training", _("What would you need to get started quickly (training, support)?")),
    ),
    "purchaser": (
        ("process", "pur_process", _("How will the purchase run: tender, negotiation, contract terms?")),
        ("concerns", "pur_credentials", _("Which supplier credentials and documents do you require?")),
    ),
    "champion": (
        ("people", "ch_opponents", _("Who might argue against this, and why?")),
        ("goals", "ch_material", _("What material would help you make the case inside?")),
    ),
    "coach": (
        ("process", "coach_criteria", _("What are the real criteria behind the official ones?")),
        ("people", "coach_influence", _("Whose word does the decision maker listen to?")),
    ),
    "gatekeeper": (
        (
            "concerns",
            "gk_standards",
            _("Which technical or compliance standards must be met, and how will you check them?"),
        ),
        ("process", "gk_timing", _("When in the process do you review, and what would stop a supplier?")),
    ),
}

# Per decision-chain stage (seed 002).
BY_STAGE = {
    "need_recognition": (
        ("goals", "st_need", _("What made this need urgent now, and what does doing nothing cost?")),
    ),
    "information_search": (
        ("sources", "st_search", _("Which suppliers are you looking at, and how did you find them?")),
    ),
    "evaluation": (
        ("process", "st_evaluate", _("How will you compare the solutions (demo, pilot, scoring)?")),
    ),
    "purchase_decision": (
        ("process", "st_decide", _("What still has to happen before the contract is signed?")),
    ),
    "post_purchase": (
        ("concerns", "st_after", _("How satisfied are you so far, and what should we improve?")),
    ),
}


@dataclass(frozen=True)
class Question:
    code: str
    topic: str
    text: str


def guide(role: str, stage: str) -> list[Question]:
    """The questions for a person of buying `role` at decision-chain `stage`, in topic order
    (ValueError naming `role` or `stage` when unknown)."""
    if role not in BUYING_ROLES:
        raise ValueError(f"role: unknown buying role {role!r}")
    if stage not in STAGES:
        raise ValueError(f"stage: unknown stage {stage!r}")
    rows = [*COMMON, *BY_ROLE.get(role, ()), *BY_STAGE.get(stage, ())]
    order = {topic: i for i, topic in enumerate(INTERVIEW_TOPICS)}
    rows.sort(key=lambda row: order[row[0]])  # stable: common questions first within a topic
    return [Question(code, topic, str(text)) for topic, code, text in rows]


def question_codes() -> set[str]:
    """Every question code of every guide."""
    rows = [
        *COMMON,
        *(r for rs in BY_ROLE.values() for r in rs),
        *(r for rs in BY_STAGE.values() for r in rs),
    ]
    return {code for _topic, code, _text in rows}
