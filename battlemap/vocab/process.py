"""Decision bodies and the purchase process (battlemap/process), and asking the customer: interview guides and
questionnaires (battlemap/surveys, docs/surveys.md)."""

from __future__ import annotations

from .terms import _v

# ---- decision bodies and the purchase process (battlemap/process) ----

BODY_KINDS = _v(
    "decision body kind",  # the bodies through which a key account decides and buys
    ("party_committee", "党委会", "party committee"),
    ("executive_meeting", "总经理办公会", "executive meeting"),
    ("board", "董事会", "board of directors"),
    ("bid_committee", "评标委员会", "bid evaluation committee"),
    ("procurement_committee", "采购委员会", "procurement committee"),
    ("steering_committee", "项目指导委员会", "steering committee"),
    ("expert_panel", "专家评审组", "expert panel"),
    ("other_body", "其他决策机构", "other body"),
)

DECISION_RULES = _v(
    "decision rule",  # how a decision body decides
    ("majority", "多数表决", "majority vote", "过半数成员同意即通过。", "Passes when most members agree."),
    (
        "chair_decides",
        "主持人拍板",
        "the chair decides",
        "成员发表意见，由主持人（一把手）最终决定。",
        "Members give their views; the chair has the final say.",
    ),
    (
        "consensus",
        "协商一致",
        "consensus",
        "无人反对才通过：任何一位成员都可能卡住决定。",
        "Passes only when nobody objects: any member can hold the decision up.",
    ),
)

PROCESS_STEPS = _v(
    "purchase process step",  # the steps of a purchase; the templates below put them in order
    ("project_approval", "立项", "project approval"),
    ("budget", "预算", "budget"),
    ("tender_notice", "招标公告", "tender notice"),
    ("bidding", "投标", "bidding"),
    ("bid_evaluation", "评标", "bid evaluation"),
    ("award", "定标", "award"),
    ("rfi", "信息征询（RFI）", "RFI"),
    ("rfp", "方案征询（RFP）", "RFP"),
    ("shortlist", "入围", "shortlist"),
    ("contract", "合同", "contract"),
    ("other_step", "其他步骤", "other step"),
)

PROCESS_TEMPLATES = _v(
    "purchase process template",
    ("tender", "招投标", "public tender"),
    ("rfp", "征询比选（RFI/RFP）", "RFI / RFP"),
)
# The steps each template lays out, in order.
PROCESS_TEMPLATE_STEPS: dict[str, tuple[str, ...]] = {
    "tender": (
        "project_approval",
        "budget",
        "tender_notice",
        "bidding",
        "bid_evaluation",
        "award",
        "contract",
    ),
    "rfp": ("rfi", "rfp", "shortlist", "contract"),
}

STEP_STATUSES = _v(
    "process step status",
    ("planned", "未开始", "planned"),
    ("in_progress", "进行中", "in progress"),
    ("done", "已完成", "done"),
    ("skipped", "已跳过", "skipped"),
)
STEP_FINISHED = ("done", "skipped")  # a step in one of these is behind us
# ---- asking the customer: interview guides and questionnaires (battlemap/surveys, docs/surveys.md) ----

SURVEY_KINDS = _v(
    "questionnaire kind",
    ("decision_factors", "决策因素问卷", "decision-factor questionnaire"),
    ("satisfaction", "满意度调查", "satisfaction survey"),
)

SATISFACTION_AREAS = _v(
    "satisfaction area",  # each rated 1..5 (CSAT) in a satisfaction survey
    ("product", "产品质量", "product quality"),
    ("delivery", "交付实施", "delivery and implementation"),
    ("support", "服务支持", "service and support"),
    ("communication", "沟通响应", "communication"),
    ("value", "性价比", "value for money"),
)

INTERVIEW_TOPICS = _v(
    "interview topic",  # the parts of an interview guide (seed 000: 访谈法)
    ("goals", "目标", "goals"),
    ("concerns", "关注点", "concerns"),
    ("people", "还有谁参与", "who else is involved"),
    ("process", "如何决策", "how the decision is made"),
    ("sources", "信任的信息来源", "information sources they trust"),
)

FACTOR_SOURCES = _v(
    "factor weight source",  # where the decision-factor weights of a deal come from
    ("answers", "客户问卷作答", "customer answers"),
    ("typed", "销售估计", "seller's estimate"),
)
