"""The map of the deal: buying roles, attitudes, influence and relationship levels; the deal and the account:
stages, statuses, decision factors, channels, the lifecycle."""

from __future__ import annotations

from .terms import _v

# ---- the map of the deal: buying roles and attitudes (help shown beside the choice) ----

BUYING_ROLES = _v(
    "buying role",
    (
        "decision_maker",
        "决策者",
        "decision maker",
        "拥有最终拍板权并掌握预算。关注长期价值、投资回报和业务风险。通常职位较高，其他人都等他点头。"
        "用投资回报测算和同行案例赢得他。",
        "Has the final say and owns the budget. Cares about long-term value, ROI and risk to the business. "
        "Usually senior; others wait for their nod. Win them with an ROI case and references from peers.",
    ),
    (
        "influencer",
        "影响者",
        "influencer",
        "专家、顾问或内部人士，其意见能左右决策者（如总工、设计院、信任的参谋）。关注技术是否可靠以及自身声誉。"
        "提供证据、专家背书和技术深度。",
        "An expert, consultant or insider whose view sways the decision maker (chief engineer, design "
        "institute, trusted adviser). Cares about technical soundness and their own reputation. Give evidence, "
        "expert references and technical depth.",
    ),
    (
        "user",
        "使用者",
        "user",
        "日常使用产品的人。关注易用性、培训，以及工作不受干扰。他们的抱怨足以让商机停滞。用上手演示和培训计划赢得他们。",
        "Will use the product every day. Cares about ease of use, training and not being disrupted. "
        "Their complaints can stop a deal. Win them with a hands-on demo and a training plan.",
    ),
    (
        "purchaser",
        "采购者",
        "purchaser",
        "负责采购：招标、合同、价格和供应商条款。关注成本、流程合规和供应商资质。尽早准备成本明细、商务条款和资质材料。",
        "Runs procurement: tender, contract, price and supplier terms. Cares about cost, compliance of the "
        "process and supplier credentials. Prepare cost breakdown, terms and qualifications early.",
    ),
    (
        "champion",
        "推荐者",
        "champion",
        "在客户内部、在我们不在场的会议上替我们说话。需要论据、材料和快速响应。只有支持或强烈支持我们的人才能成为真正的推荐者。",
        "Pushes for us inside the customer, in meetings we are not in. Needs arguments, material and "
        "quick answers. Only a supporter or advocate can be a real champion.",
    ),
    (
        "coach",
        "教练",
        "coach",
        "为我们提供内部信息和指点：谁拍板、真实的评估标准是什么、何时推进。往往职位不高。要保护好他，绝不能暴露信息来源。",
        "Gives us inside information and guidance: who decides, what the real criteria are, when things "
        "move. Often not senior. Protect them; never expose them as a source.",
    ),
    (
        "gatekeeper",
        "把关者",
        "gatekeeper",
        "把守通往决策者的门，或技术与合规这道关，能拦下我们但不能拍板。在医院、政府和国企，最常见的是院办主任、"
        "办公室主任或领导秘书：掌管领导的日程和会议议程，决定谁能见到领导、事项何时上会，要尊重他、通过他提前预约并及时通报；"
        "另一类是技术或合规把关者（信息安全、法务、质量），关注标准是否达到，在他开口之前就把所需文件准备好。",
        "Guards the door to the decision maker, or a technical or compliance check: can stop us but not choose. "
        "In Chinese hospitals, government and state-owned enterprises the usual gatekeeper is the director of the "
        "president's or general office, or the leader's secretary, who keeps the leader's diary and the meeting agenda and "
        "decides who sees the leader and when a matter goes to the meeting: respect them, book through them early and "
        "keep them informed. The other kind is a technical or compliance gate (IT security, legal, quality) who cares "
        "about standards being met: give them the documents they need before they ask.",
    ),
)

ATTITUDES = _v(
    "attitude",
    (
        "advocate",
        "强烈支持",
        "advocate",
        "主动推动我们：我们不在场时为我们说话，分享信息，引荐关键人。（+2）",
        "Actively promotes us: speaks for us when we are absent, shares information, opens doors. (+2)",
        2,
    ),
    (
        "supporter",
        "支持",
        "supporter",
        "倾向于我们，被问到时会表态，但不会主动为我们争取。（+1）",
        "Prefers us and says so when asked, but does not campaign for us. (+1)",
        1,
    ),
    (
        "neutral",
        "中立",
        "neutral",
        "尚无倾向，或对所有供应商一视同仁；可能向任一方向转变。（0）",
        "No preference yet, or fair to all vendors; can be moved either way. (0)",
        0,
    ),
    (
        "skeptic",
        "怀疑",
        "skeptic",
        "对我们或方案有疑虑：提出异议、要求更多证明、拖延。要弄清原因。（−1）",
        "Doubts us or our solution: raises objections, asks for more proof, delays. Find out why. (−1)",
        -1,
    ),
    (
        "opponent",
        "反对",
        "opponent",
        "反对我们：偏向竞争对手、阻挠会面、设置我们达不到的标准。需要应对计划——化解、绕开或争取。（−2）",
        "Works against us: favours a competitor, blocks meetings, sets criteria we cannot meet. "
        "Needs a plan — neutralise, go around, or win over. (−2)",
        -2,
    ),
    (
        "unknown",
        "未知",
        "unknown",
        "目前还不清楚。这是需要填补的空白，不是评分：问问教练或直接去拜访。",
        "We do not know yet. A gap to close, not a rating: ask your coach or meet them.",
        None,  # outside the scale: a gap to close, not a value
    ),
)

INFLUENCE_LEVELS = _v(
    "influence",
    (1, "很低", "very low"),
    (2, "低", "low"),
    (3, "中", "medium"),
    (4, "高", "high"),
    (5, "很高", "very high"),
)

RELATIONSHIPS = _v(
    "relationship strength",
    (0, "无", "none"),
    (1, "认识", "acquainted"),
    (2, "工作关系", "working relationship"),
    (3, "信任", "trusted"),
    (4, "伙伴", "partner"),
)

# ---- the deal and the account ----

STAGES = _v(
    "decision chain stage",  # in chain order
    ("need_recognition", "需求识别", "need recognition"),
    ("information_search", "信息搜索", "information search"),
    ("evaluation", "方案评估", "evaluation"),
    ("purchase_decision", "购买决策", "purchase decision"),
    ("post_purchase", "后购买行为", "post-purchase"),
)

DEAL_STATUSES = _v(
    "deal status",
    ("open", "进行中", "open"),
    ("won", "赢单", "won"),
    ("lost", "丢单", "lost"),
)

DECISION_FACTORS = _v(
    "decision factor",
    ("price", "价格", "price"),
    ("brand", "品牌", "brand"),
    ("quality", "质量", "quality"),
    ("service", "服务", "service"),
    ("technology", "技术", "technology"),
    ("compliance", "合规", "compliance"),
    ("risk", "风险", "risk"),
)

CHANNELS = _v(
    "information channel",
    ("web_search", "网络搜索", "web search"),
    ("social_media", "社交媒体", "social media"),
    ("professional_sites", "专业网站", "professional sites"),
    ("peers", "同行", "peers"),
    ("analysts", "分析师", "analysts"),
    ("events", "行业活动", "events"),
    ("vendor_content", "厂商资料", "vendor content"),
)

LIFECYCLE = _v(
    "customer lifecycle stage",  # the path, then the side states at_risk and lost
    ("prospect", "潜在", "prospect"),
    ("new", "新客户", "new customer"),
    ("growing", "成长", "growing"),
    ("mature", "成熟", "mature"),
    ("loyal", "忠实", "loyal"),
    ("at_risk", "风险", "at risk"),
    ("lost", "流失", "lost"),
)
