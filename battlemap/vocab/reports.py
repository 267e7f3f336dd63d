"""The analysis' words: flags, severities, rings, score parts; qualification (MEDDPICC, the Blue Sheet) as views of
the one map."""

from __future__ import annotations

from .terms import _v

# ---- the analysis: flags, severities, rings, score parts ----

FLAGS = _v(
    "flag",  # each flag's short title; its reason and action are prose (gettext, analysis/flag_texts.py)
    ("no_decision_maker", "未识别决策者", "No decision maker"),
    ("decision_maker_not_met", "未见过决策者", "Decision maker not met"),
    ("single_threaded", "单线联系", "Single-threaded"),
    ("no_champion", "没有推荐者", "No champion"),
    ("unaddressed_opponent", "怀疑或反对者未应对", "Skeptic or opponent not addressed"),
    ("no_stated_win", "个人赢点未明确", "No stated win"),
    ("purchaser_unknown", "采购者不明", "Purchaser unknown"),
    ("users_not_engaged", "使用者未接触", "Users not engaged"),
    ("stale_relationship", "关键人缺少联系", "Key people out of touch"),  # gone cold, or never in touch
    ("key_person_left", "关键人已离职", "Key person left"),
    ("competitor_favoured", "偏向竞争对手", "Competitor favoured"),
    ("close_date_passed", "预计成交日已过", "Close date passed"),
    ("close_date_pushed", "预计成交日一再推迟", "Close date pushed back"),
    ("stalled_in_stage", "阶段停滞", "Stalled in stage"),
    ("no_next_step", "没有下一步", "No next step"),
    ("cadence_missed", "联络节奏脱节", "Contact cadence missed"),
    ("process_outlasts_close", "采购流程晚于预计成交", "Process ends after the close date"),
    ("approving_body_not_met", "审批机构无人见过", "Approving body not met"),
    ("low_satisfaction", "关键人满意度低", "Key person dissatisfied"),
    ("detractor_at_loyal_account", "忠实客户出现贬损者", "Detractor at a loyal account"),
)

SEVERITIES = _v(
    "severity",
    ("high", "高", "high"),
    ("medium", "中", "medium"),
    ("low", "低", "low"),
)

RINGS = _v(
    "influence circle ring",  # from the centre outwards
    ("decision_unit", "决策单元", "decision unit"),
    ("deal_roles", "商机中的其他角色", "other roles in the deal"),
    ("organisation", "组织内其他人员", "rest of the organisation"),
    ("outside", "外部人员与机构", "outside people and organisations"),
    ("environment", "信息源与外部环境", "information sources and environment"),
)

# ---- qualification: MEDDPICC and the Miller Heiman Blue Sheet, as views of the one map ----

MEDDPICC = _v(
    "MEDDPICC element",
    ("metrics", "量化指标", "Metrics"),
    ("economic_buyer", "经济决策者", "Economic buyer"),
    ("decision_criteria", "决策标准", "Decision criteria"),
    ("decision_process", "决策流程", "Decision process"),
    ("paper_process", "签约流程", "Paper process"),
    ("identify_pain", "痛点", "Identify pain"),
    ("champion", "内部支持者", "Champion"),
    ("competition", "竞争", "Competition"),
)
QUALIFICATION_STATUSES = _v(
    "qualification status",
    ("confirmed", "已确认", "confirmed"),
    ("assumed", "推测", "assumed"),
    ("unknown", "未知", "unknown"),
)
BUYING_INFLUENCES = _v(
    "buying influence",  # Miller Heiman: who plays which part in the buying decision
    ("economic", "经济型购买影响者", "economic buyer"),
    ("user", "使用型购买影响者", "user buyer"),
    ("technical", "技术型购买影响者", "technical buyer"),
    # not "教练" / "coach" alone: that is the buying role `coach`, and a champion's row read "教练: 李明"
    ("coach", "蓝表教练", "Blue Sheet coach"),
)
INFLUENCE_DEGREES = _v(
    "degree of influence",
    ("high", "高", "high"),
    ("medium", "中", "medium"),
    ("low", "低", "low"),
)
RESPONSE_MODES = _v(
    "response mode",  # Miller Heiman: how the person sees the change we bring
    ("growth", "成长", "growth"),
    ("trouble", "困境", "trouble"),
    ("even_keel", "平稳", "even keel"),
    ("overconfident", "过度自信", "overconfident"),
)
STRENGTHS = _v(
    "strength",
    ("supporter", "支持我们", "supports us"),
    ("met", "已见面", "met"),
    ("strong_relationship", "关系牢固", "strong relationship"),
    ("coaches_us", "为我们指路", "coaches us"),
)

HEALTH_PARTS = _v(
    "deal health part",
    ("coverage", "角色覆盖", "role coverage"),
    ("attitude", "态度", "attitude"),
    ("freshness", "互动新鲜度", "interaction freshness"),
    ("open_flags", "未解决警示", "open flags"),
)

INFLUENCE_PARTS = _v(
    "influence score part",
    ("formal", "正式职权", "formal authority"),
    ("informal", "非正式影响力", "informal influence"),
    ("role", "商机中的角色", "role in the deals"),
)
