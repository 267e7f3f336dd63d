"""The one vocabulary: every code of DESIGN.md §2 with its zh-hans and English label (and help), a file an idea
(`terms`: the shape of a vocabulary; `deal_map`, `people`, `process`, `reports`, `pictures`: its codes). Every name is
read from here: `from battlemap.vocab import BUYING_ROLES`.

Pure Python, imports nothing from Django, so the pure `analysis/` and `inference/` packages read it
as well as the Django apps. Every surface (model choices, analysis reports, exports, template
filters, import value tables) takes its labels from here; gettext catalogs keep only prose.

Codes collide across vocabularies (`lost` is a deal status and a lifecycle stage; `partner`,
`peer`, `user`, `social_media`, `competitor` too), so lookups go through one vocabulary:

    >>> BUYING_ROLES.label("decision_maker", "zh")
    '决策者'
    >>> BUYING_ROLES.codes[:2]
    ('decision_maker', 'influencer')
    >>> ATTITUDES.help("unknown", "en")[:20]
    'We do not know yet. '

`lang` is anything `normalize_language` accepts: "zh", "zh-hans", "zh_Hans", "zh-CN", "en", "en-us".
Sources: DESIGN.md §2 for the codes and their Chinese terms; the seeds (001 roles and concerns,
004 portraits) for the help texts.
"""

from __future__ import annotations

from .deal_map import (
    ATTITUDES,
    BUYING_ROLES,
    CHANNELS,
    DEAL_STATUSES,
    DECISION_FACTORS,
    INFLUENCE_LEVELS,
    LIFECYCLE,
    RELATIONSHIPS,
    STAGES,
)
from .people import (
    DECISION_STYLES,
    EXTERNAL_KINDS,
    FACTOR_KINDS,
    INTERACTION_KINDS,
    INTERACTION_SOURCES,
    LINK_KINDS,
    NEEDS_LEVELS,
    PERSON_STATUSES,
    TRAITS,
)
from .pictures import (
    HEALTH_BANDS,
    MAP_MARKERS,
    MAP_QUALITY_BANDS,
    MAP_QUALITY_PARTS,
    ROLE_BADGES,
    TITLE_FUNCTIONS,
    TITLE_LEVELS,
)
from .process import (
    BODY_KINDS,
    DECISION_RULES,
    FACTOR_SOURCES,
    INTERVIEW_TOPICS,
    PROCESS_STEPS,
    PROCESS_TEMPLATE_STEPS,
    PROCESS_TEMPLATES,
    SATISFACTION_AREAS,
    STEP_FINISHED,
    STEP_STATUSES,
    SURVEY_KINDS,
)
from .reports import (
    BUYING_INFLUENCES,
    FLAGS,
    HEALTH_PARTS,
    INFLUENCE_DEGREES,
    INFLUENCE_PARTS,
    MEDDPICC,
    QUALIFICATION_STATUSES,
    RESPONSE_MODES,
    RINGS,
    SEVERITIES,
    STRENGTHS,
)
from .terms import Code, Term, Vocabulary, normalize_language

# ---- plain constants the analysis and the models have always used ----

ROLES = BUYING_ROLES  # the buying roles, by their old name
ATTITUDE_VALUES: dict[str, int] = {str(t.code): t.value for t in ATTITUDES.terms if t.value is not None}
INFLUENCE_MIN, INFLUENCE_MAX = 1, 5
# relationship levels by their English code words (the import reads these too)
RELATIONSHIP_LEVELS: dict[int, str] = {0: "none", 1: "acquainted", 2: "working", 3: "trusted", 4: "partner"}
LINK_STRENGTH_MIN, LINK_STRENGTH_MAX = 1, 3
FACTOR_EFFECT_MIN, FACTOR_EFFECT_MAX = -2, 2
CADENCE_MAX_DAYS = 365  # a plan's contact cadence, in days
# DESIGN.md §2: "met" means took part in a meeting, call or visit with us; an interview (the guided
# conversation of surveys/) is one of these, held with the person, so it counts too. The one rule of
# "met": the analysis (contacts.py) reads it, and every page shows the analysis' answer.
MEETING_KINDS = Vocabulary(
    "meeting kind", tuple(INTERACTION_KINDS.term(c) for c in ("meeting", "call", "visit", "interview"))
)

# How the seller plans to reach a person (the plan's channel): the kinds of interaction we start.
PLAN_CHANNELS = Vocabulary(
    "plan channel", tuple(INTERACTION_KINDS.term(c) for c in ("meeting", "call", "email", "visit", "event"))
)

VOCABULARIES: tuple[Vocabulary, ...] = (
    BUYING_ROLES,
    ATTITUDES,
    INFLUENCE_LEVELS,
    RELATIONSHIPS,
    STAGES,
    DEAL_STATUSES,
    DECISION_FACTORS,
    CHANNELS,
    LIFECYCLE,
    PERSON_STATUSES,
    EXTERNAL_KINDS,
    DECISION_STYLES,
    NEEDS_LEVELS,
    TRAITS,
    LINK_KINDS,
    FACTOR_KINDS,
    INTERACTION_KINDS,
    INTERACTION_SOURCES,
    BODY_KINDS,
    DECISION_RULES,
    PROCESS_STEPS,
    PROCESS_TEMPLATES,
    STEP_STATUSES,
    SURVEY_KINDS,
    SATISFACTION_AREAS,
    INTERVIEW_TOPICS,
    FACTOR_SOURCES,
    FLAGS,
    SEVERITIES,
    RINGS,
    HEALTH_PARTS,
    INFLUENCE_PARTS,
    MEDDPICC,
    QUALIFICATION_STATUSES,
    BUYING_INFLUENCES,
    INFLUENCE_DEGREES,
    RESPONSE_MODES,
    STRENGTHS,
    TITLE_LEVELS,
    TITLE_FUNCTIONS,
    ROLE_BADGES,
    MAP_MARKERS,
    MAP_QUALITY_PARTS,
    MAP_QUALITY_BANDS,
    HEALTH_BANDS,
)


def vocabulary_of(codes: tuple[Code, ...]) -> Vocabulary | None:
    """The vocabulary whose codes are exactly `codes`, else the smallest one holding them all, else None
    (to put labels on a list of allowed codes that came without its vocabulary: an API error)."""
    wanted = set(codes)
    holding = [v for v in VOCABULARIES if wanted <= set(v.codes)]
    exact = [v for v in holding if len(v) == len(wanted)]
    found = exact or sorted(holding, key=len)
    return found[0] if found else None


# ---- the flat helper: the codes an analysis report names, where no two vocabularies share a code ----

REPORT_VOCABULARIES: tuple[Vocabulary, ...] = (
    BUYING_ROLES,
    ATTITUDES,
    STAGES,
    DEAL_STATUSES,
    SEVERITIES,
    RINGS,
    HEALTH_PARTS,
    INFLUENCE_PARTS,
    FACTOR_KINDS,
    EXTERNAL_KINDS,
    FLAGS,
)


def _report_index() -> dict[Code, Vocabulary]:
    index: dict[Code, Vocabulary] = {}
    for vocabulary in REPORT_VOCABULARIES:
        for code in vocabulary.codes:
            if code in index:
                raise ValueError(f"{code!r} is both a {index[code].name} and a {vocabulary.name}")
            index[code] = vocabulary
    return index


_REPORT_INDEX = _report_index()


def label(code: Code, lang: str | None) -> str:
    """The label of a code an analysis report names (REPORT_VOCABULARIES), or the code itself.

    Unambiguous by construction: the module refuses to load if two of those vocabularies shared a
    code. So `lost` here is the deal status and `partner` the external kind; for a lifecycle stage
    or a relationship level ask that vocabulary (`LIFECYCLE.label("lost", lang)`).
    """
    vocabulary = _REPORT_INDEX.get(code)
    return vocabulary.label(code, lang) if vocabulary else str(code)


__all__ = [
    "Code",
    "Term",
    "Vocabulary",
    "normalize_language",
    "BUYING_ROLES",
    "ATTITUDES",
    "INFLUENCE_LEVELS",
    "RELATIONSHIPS",
    "STAGES",
    "DEAL_STATUSES",
    "DECISION_FACTORS",
    "CHANNELS",
    "LIFECYCLE",
    "PERSON_STATUSES",
    "EXTERNAL_KINDS",
    "DECISION_STYLES",
    "NEEDS_LEVELS",
    "TRAITS",
    "LINK_KINDS",
    "FACTOR_KINDS",
    "INTERACTION_KINDS",
    "INTERACTION_SOURCES",
    "BODY_KINDS",
    "DECISION_RULES",
    "PROCESS_STEPS",
    "PROCESS_TEMPLATES",
    "PROCESS_TEMPLATE_STEPS",
    "STEP_STATUSES",
    "STEP_FINISHED",
    "SURVEY_KINDS",
    "SATISFACTION_AREAS",
    "INTERVIEW_TOPICS",
    "FACTOR_SOURCES",
    "FLAGS",
    "SEVERITIES",
    "RINGS",
    "MEDDPICC",
    "QUALIFICATION_STATUSES",
    "BUYING_INFLUENCES",
    "INFLUENCE_DEGREES",
    "RESPONSE_MODES",
    "STRENGTHS",
    "HEALTH_PARTS",
    "INFLUENCE_PARTS",
    "TITLE_LEVELS",
    "TITLE_FUNCTIONS",
    "ROLE_BADGES",
    "MAP_MARKERS",
    "MAP_QUALITY_PARTS",
    "MAP_QUALITY_BANDS",
    "HEALTH_BANDS",
    "ROLES",
    "ATTITUDE_VALUES",
    "RELATIONSHIP_LEVELS",
    "CADENCE_MAX_DAYS",
    "MEETING_KINDS",
    "PLAN_CHANNELS",
    "VOCABULARIES",
    "REPORT_VOCABULARIES",
    "INFLUENCE_MIN",
    "INFLUENCE_MAX",
    "LINK_STRENGTH_MIN",
    "LINK_STRENGTH_MAX",
    "FACTOR_EFFECT_MIN",
    "FACTOR_EFFECT_MAX",
    "label",
    "vocabulary_of",
]
