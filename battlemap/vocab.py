"""The one vocabulary: every code of DESIGN.md §2 with its zh-hans and English label (and help).

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

from dataclasses import dataclass
from functools import lru_cache

Code = str | int


@lru_cache(maxsize=32)
def normalize_language(lang: str | None) -> str:
    """'zh', 'zh-hans', 'zh_Hans', 'zh-CN' → 'zh_Hans'; anything English or empty → 'en'."""
    code = (lang or "en").strip().lower().replace("_", "-")
    if code == "zh" or code.startswith("zh-"):
        return "zh_Hans"
    if code == "en" or code.startswith("en-"):
        return "en"
    raise ValueError(f"lang: unsupported language {lang!r} (use 'zh' or 'en')")


def _is_zh(lang: str | None) -> bool:
    return normalize_language(lang) == "zh_Hans"


@dataclass(frozen=True)
class Term:
    """One code: its labels (`zh`, `en`), optional help in both languages, optional scale value."""

    code: Code
    zh: str
    en: str
    help_zh: str = ""
    help_en: str = ""
    value: int | None = None


class Vocabulary(tuple):
    """An ordered tuple of codes that also knows their labels; `name` says what it labels.

    Being a tuple, it stands wherever the plain codes did (`code in ROLES`, `for stage in STAGES`,
    `", ".join(ROLES)`); `.codes` gives the plain tuple.
    """

    name: str
    terms: tuple[Term, ...]
    _by_code: dict[Code, Term]

    def __new__(cls, name: str, terms: tuple[Term, ...]) -> Vocabulary:
        self = super().__new__(cls, tuple(t.code for t in terms))
        self.name = name
        self.terms = terms
        self._by_code = {t.code: t for t in terms}
        if len(self._by_code) != len(terms):
            raise ValueError(f"{name}: a code appears twice")
        return self

    def __reduce__(self):  # noqa: ANN204 - copy and pickle rebuild it from its terms
        return (Vocabulary, (self.name, self.terms))

    @property
    def codes(self) -> tuple[Code, ...]:
        """The codes in their order (the decision chain's stages in chain order, …)."""
        return tuple(self)

    def term(self, code: Code) -> Term:
        """The term of a code; KeyError names the vocabulary when it has no such code."""
        try:
            return self._by_code[code]
        except KeyError:
            raise KeyError(f"{self.name}: unknown code {code!r}") from None

    def label(self, code: Code | None, lang: str | None) -> str:
        """The label of `code` in `lang`; an unknown code comes back as itself, None as ""."""
        term = self._by_code.get(code)  # type: ignore[arg-type]
        if term is None:
            return "" if code is None else str(code)
        return term.zh if _is_zh(lang) else term.en

    def help(self, code: Code | None, lang: str | None) -> str:
        """What the code means, in `lang` ("" when this vocabulary carries no help for it)."""
        term = self._by_code.get(code)  # type: ignore[arg-type]
        if term is None:
            return ""
        return term.help_zh if _is_zh(lang) else term.help_en

    def labels(self, lang: str | None) -> dict[Code, str]:
        """{code: label} in `lang`, in order."""
        return {t.code: self.label(t.code, lang) for t in self.terms}

    def listing(self, lang: str | None, codes: tuple[Code, ...] | None = None) -> str:
        """The allowed codes (all, or `codes`) for a message that lists them: each by its label in `lang`,
        with the code in brackets when the label says more than the code — `决策者（decision_maker）、影响者
        （influencer）`; in English `decision_maker, influencer`. The code stays beside the label: it is what a
        file or the API takes. The empty code (a choice that may be left empty) is no value to list."""

        def shown(code: Code) -> str:
            text = self.label(code, lang)

            def plain(word: str) -> str:
                return word.replace("_", " ").replace("-", " ").lower()

            if not text or plain(text) == plain(str(code)):
                return str(code)
            return f"{text}（{code}）" if zh else f"{text} ({code})"

        zh = _is_zh(lang)
        chosen = self.codes if codes is None else codes
        return ("、" if zh else ", ").join(shown(code) for code in chosen if code != "")

    def by_label(self) -> dict[str, Code]:
        """Each code (as text) and its label in both languages → the code (for import value tables)."""
        table: dict[str, Code] = {}
        for t in self.terms:
            table[str(t.code)] = t.code
            table[t.en] = t.code
            table[t.zh] = t.code
        return table


def _v(name: str, *rows: tuple) -> Vocabulary:
    return Vocabulary(name, tuple(Term(*row) for row in rows))


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
