"""People and what is recorded of them (status, kinds of outsider, decision style, needs, traits, links,
outside factors) and interactions (their kinds and sources)."""

from __future__ import annotations

from .terms import _v

# ---- people ----

PERSON_STATUSES = _v(
    "person status",
    ("active", "在职", "active"),
    ("left", "已离职", "left the company"),
)

EXTERNAL_KINDS = _v(
    "external kind",  # outside people of the influence circle
    ("consultant", "顾问", "consultant"),
    ("design_institute", "设计院", "design institute"),
    ("partner", "合作伙伴", "partner"),
    ("industry_expert", "行业专家", "industry expert"),
    ("family", "家人", "family"),
    ("peer", "同行", "peer"),
)

DECISION_STYLES = _v(
    "decision style",
    ("analytical", "分析型", "analytical"),
    ("driver", "支配型", "driver"),
    ("amiable", "和蔼型", "amiable"),
    ("expressive", "表现型", "expressive"),
)

NEEDS_LEVELS = _v(
    "needs level",  # Maslow, read for business, from the bottom up
    ("physiological", "生理需求", "physiological"),
    ("safety", "安全需求", "safety"),
    ("belonging", "归属需求", "belonging"),
    ("esteem", "尊重需求", "esteem"),
    ("self_actualisation", "自我实现", "self-actualisation"),
)

TRAITS = _v(
    "trait",  # each rated 1..5 (seed 004)
    ("power", "权力", "power"),
    ("expertise", "专业度", "expertise"),
    ("budget_control", "预算控制", "budget control"),
    ("network", "人脉", "network"),
)

LINK_KINDS = _v(
    "influence link kind",
    ("formal", "正式职权", "formal authority"),
    ("advises", "提供建议", "advises"),
    # as every link reads, from the influencer: 宋涛 → 王建国 受其信任 (王建国 trusts 宋涛)
    ("trusts", "受其信任", "is trusted by"),
    ("peer", "同僚", "peer"),
    ("family", "家人", "family"),
    ("opposes", "反对", "opposes"),
)

FACTOR_KINDS = _v(
    "external factor kind",
    ("market_trend", "市场趋势", "market trend"),
    ("competitor", "竞争对手", "competitor"),
    ("policy", "政策法规", "policy / regulation"),
    ("social_cultural", "社会文化", "social / cultural"),
    ("social_media", "社交媒体", "social media"),
    ("analyst", "分析师 / 专家", "analyst / expert"),
)

# ---- interactions ----

INTERACTION_KINDS = _v(
    "interaction kind",
    ("meeting", "会议", "meeting"),
    ("call", "电话", "call"),
    ("email", "邮件", "email"),
    ("visit", "拜访", "visit"),
    ("event", "活动", "event"),
    ("interview", "访谈", "interview"),
    ("survey", "调研", "survey"),
)

INTERACTION_SOURCES = _v(
    "interaction source",
    ("manual", "手工录入", "entered by hand"),
    ("import", "导入", "imported"),
    ("mail", "邮件归档", "mail archive"),
    ("calendar", "日历", "calendar"),
)
