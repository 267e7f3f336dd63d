"""Job titles read as evidence by mail inference, the pictures' own words (role badges, markers), the map-quality
report's parts and bands and a deal's health bands."""

from __future__ import annotations

from .terms import _v

# ---- job titles read as evidence by mail inference (battlemap/inference/titles.py, its table title_table.py, docs/inference.md) ----

TITLE_LEVELS = _v(
    "title level",
    (8, "董事长/党委书记", "chair / party secretary"),
    (7, "总经理/总裁", "chief executive / president"),
    (6, "副总经理/总师", "executive / C-level"),
    (5, "副总裁/总经理助理", "vice president"),
    (4, "总监/部长", "director / head"),
    (3, "副部长/副主任", "deputy director"),
    (2, "经理/主管", "manager / lead"),
    (1, "员工/专员", "staff"),
)

TITLE_FUNCTIONS = _v(
    "title function",
    ("board", "董事会", "board"),
    ("party", "党委", "party committee"),
    ("general_management", "综合管理", "general management"),
    ("finance", "财务", "finance"),
    ("legal", "法务", "legal"),
    ("engineering", "技术/工程", "engineering"),
    ("it", "信息技术", "IT"),
    ("planning", "经济/规划", "planning"),
    ("procurement", "采购", "procurement"),
    ("sales", "销售/市场", "sales and marketing"),
    ("hr", "人力资源", "human resources"),
    ("operations", "运营/生产", "operations"),
    ("trading", "交易", "trading"),
)

# ---- the pictures' own words (battlemap/look.py): role badges and markers on every chart ----

ROLE_BADGES = _v(
    "buying role badge",  # the short form of a buying role on a card or a dot
    ("decision_maker", "决策", "DM"),
    ("influencer", "影响", "INF"),
    ("user", "使用", "USR"),
    ("purchaser", "采购", "PUR"),
    ("champion", "推荐", "CH"),
    ("coach", "教练", "CO"),
    ("gatekeeper", "把关", "GK"),
)

MAP_MARKERS = _v(
    "map marker",
    ("never_met", "关键人未见面", "key person never met"),
    ("left", "已离职", "left the company"),
    ("no_role", "本商机无角色", "no role in this deal"),
    ("external", "外部人员", "outside the customer"),
    ("body", "决策机构", "decision body"),
    ("influences", "影响", "influences"),  # an influence link, in the org charts' legends
    # a dotted-line manager's line, likewise (the web legend's words)
    ("dotted_line", "虚线汇报", "dotted line"),
)

# ---- the map-quality report (battlemap/maps/pipeline.py reads each part from the analysis' flags) ----

MAP_QUALITY_PARTS = _v(
    "map quality part",
    ("decision_maker_known", "已识别决策者", "decision maker identified"),
    ("decision_maker_met", "已见过决策者", "decision maker met"),
    ("has_champion", "有推荐者", "a champion"),
    ("opponents_addressed", "反对者均已应对", "no unaddressed opponent"),
)

MAP_QUALITY_BANDS = _v(
    "map quality",
    ("green", "完整", "complete"),
    ("amber", "缺一项", "one part missing"),
    ("red", "不完整", "incomplete"),
)

# A deal's health band (analysis/settings.py `health_band`): the pipeline's health filter.
HEALTH_BANDS = _v(
    "health band",
    ("good", "良好", "good"),
    ("fair", "一般", "fair"),
    ("poor", "较差", "poor"),
)
