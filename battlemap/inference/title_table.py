"""The title table: every post `titles` reads, by its words in Chinese (ZH_POSTS) and English (EN_POSTS), with
the level it stands at and the function it names, the functions a title's other words name (FUNCTIONS) and the
levels' codes (LEVEL_NAMES). Data, not code, so a reviewer reads one place; docs/inference.md holds it as a
table. How a title is read with it — modifiers, units, several posts, former posts, a signature's line — is
`titles`. Pure Python.
"""

from __future__ import annotations

LEVEL_NAMES = {
    8: "chair",
    7: "chief_executive",
    6: "executive",
    5: "vice_president",
    4: "director",
    3: "deputy_director",
    2: "manager",
    1: "staff",
}

# (pattern, level, function). Matched on the NFKC-folded, lower-cased title; the most specific (longest)
# match of each post wins, then the highest level over all posts. English patterns are whole words.
ZH_POSTS: tuple[tuple[str, int, str], ...] = (
    ("董事长", 8, "board"),
    ("党委书记", 8, "party"),
    ("党组书记", 8, "party"),
    ("副董事长", 7, "board"),
    ("监事会主席", 7, "board"),
    ("总经理", 7, "general_management"),
    ("总裁", 7, "general_management"),
    ("首席执行官", 7, "general_management"),
    ("行长", 7, "general_management"),
    ("院长", 7, "general_management"),
    ("校长", 7, "general_management"),
    ("主席", 8, "board"),  # 集团主席; 工会主席 is its own row
    ("局长", 7, "general_management"),
    ("厂长", 6, "operations"),
    ("副总经理", 6, "general_management"),
    ("副总", 6, "general_management"),  # 副总经理 as it is said and often written (分管副总, 王副总)
    ("总经理助理", 5, "general_management"),
    ("总裁助理", 5, "general_management"),
    ("副总裁", 6, "general_management"),
    ("副行长", 6, "general_management"),
    ("副院长", 6, "general_management"),
    ("副校长", 6, "general_management"),
    ("总会计师", 6, "finance"),
    ("财务总监", 6, "finance"),
    ("首席财务官", 6, "finance"),
    ("总工程师", 6, "engineering"),
    ("总工", 6, "engineering"),
    ("首席技术官", 6, "engineering"),
    ("首席信息官", 6, "it"),
    ("总经济师", 6, "planning"),
    ("总法律顾问", 6, "legal"),
    ("纪委书记", 6, "party"),
    # a seat on the Party committee (党委委员, 党委常委, 党组成员), as a leaders page lists it before the post the person
    # holds: below the executive posts, so that 党委委员、副总经理 reads as the 副总经理 it is
    ("党委委员", 5, "party"),
    ("党委常委", 5, "party"),
    ("党组成员", 5, "party"),
    ("党委副书记", 7, "party"),
    ("工会主席", 6, "party"),
    ("董事会秘书", 6, "board"),
    ("董秘", 6, "board"),  # 董事会秘书 as it is said: a listed company's board secretary, an executive post
    ("老板", 7, "general_management"),  # how a private company's owner is named on a seller's sheet
    ("董事", 6, "board"),
    ("监事", 6, "board"),  # a seat on the supervisory board (监事会), as 董事 on the board
    ("合伙人", 6, ""),  # as Partner
    ("管理合伙人", 7, "general_management"),  # as Managing Partner
    ("执行合伙人", 7, "general_management"),
    ("创始人", 7, "general_management"),  # as Founder: runs the company unless the title says more
    ("联合创始人", 6, ""),  # as Co-founder: one of its executives
    ("总监", 4, ""),
    ("部长", 4, ""),
    ("中心主任", 4, ""),
    ("主任", 4, ""),
    ("处长", 4, ""),
    ("所长", 4, ""),
    ("副总监", 3, ""),
    ("副部长", 3, ""),
    ("副主任", 3, ""),
    ("副处长", 3, ""),
    ("高级经理", 3, ""),
    ("科长", 2, ""),
    ("经理", 2, ""),
    ("主管", 2, ""),
    ("组长", 2, ""),
    ("班长", 2, "operations"),  # heads a shift or crew (班组) on the shop floor, as 组长
    ("负责人", 2, ""),
    ("副经理", 1, ""),
    ("工程师", 1, "engineering"),
    ("架构师", 1, "engineering"),
    ("顾问", 1, ""),
    ("代表", 1, ""),
    ("专员", 1, ""),
    ("专责", 1, ""),  # a specialist post of the state grid and power companies (网络安全专责)
    ("助理", 1, ""),
    ("秘书", 1, ""),
    ("分析师", 1, ""),
    ("会计", 1, "finance"),
    ("会计师", 1, "finance"),  # 注册会计师: a qualification, not the post 总会计师
    ("职员", 1, ""),
    ("员工", 1, ""),
    ("科员", 1, ""),
    ("律师", 2, "legal"),
    # the informal posts a seller writes for someone (a paste's `技术骨干⇥李工` named a person 技术骨干)
    ("骨干", 1, ""),  # 技术骨干, 业务骨干: a key member of staff
    ("专家", 1, ""),
    ("高工", 1, "engineering"),  # 高级工程师 as it is said
    ("技术员", 1, "engineering"),
    ("业务员", 1, "sales"),
    ("出纳", 1, "finance"),
    ("文员", 1, ""),
    ("法务", 1, "legal"),
)

# The Chinese posts by their own words, whole (a pasted cell that is one is a title: io.paste.cells)
POST_WORDS = frozenset(word for word, _level, _function in ZH_POSTS)

EN_POSTS: tuple[tuple[str, int, str], ...] = (
    (r"chairman|chairwoman|chairperson|chair of the board|chair", 8, "board"),
    (r"founder", 7, "general_management"),  # as 创始人
    (r"co-founder|cofounder|co founder", 6, ""),  # as 联合创始人
    (r"vice chairman|vice chair", 7, "board"),
    (
        r"chief executive officer|chief executive|ceo|president|managing partner|general manager|"
        r"country manager|country head",
        7,
        "general_management",
    ),
    (r"executive vice president|evp", 6, "general_management"),
    (r"chief operating officer|coo", 6, "operations"),
    (r"chief financial officer|cfo|treasurer", 6, "finance"),
    (r"chief technology officer|cto", 6, "engineering"),
    (r"chief information officer|cio", 6, "it"),
    (r"chief \w+ officer|c[a-z]o", 6, ""),
    (r"managing director|mng dir|md", 6, ""),
    (r"plant manager|plant director|factory manager", 6, "operations"),  # as 厂长
    (
        r"board member|member of (?:the )?board|board director|non-executive director|independent director",
        6,
        "board",
    ),
    (r"general counsel|gen cnsl|gc", 6, "legal"),
    (r"senior vice president|svp|vice president|vp", 5, ""),
    (r"associate director|assistant director|deputy director", 3, ""),
    (r"director|dir|head(?!\s+office)|head of \w+", 4, ""),  # "Head Office, 1 Main St" is an address
    (r"chief of staff", 4, "general_management"),
    (r"controller|comptroller", 4, "finance"),
    (r"partner", 6, ""),
    (r"senior manager|sr manager", 3, ""),
    (r"manager|mgr|lead|team lead|supervisor|counsel|cnsl|attorney|lawyer|principal", 2, ""),
    (r"buyer|purchaser|purchasing agent", 1, "procurement"),
    (r"architect", 1, "engineering"),
    (
        r"engineer|specialist|analyst|associate|assistant|administrator|coordinator|trader|employee|"
        r"officer|representative|consultant|clerk|secretary|accountant|staff|executive|intern|trainee",
        1,
        "",
    ),
)

FUNCTIONS: tuple[tuple[str, str], ...] = (
    (r"financ|accounting|accountant|\baccounts\b|treasur|\bcfo\b|会计|财务|审计|audit", "finance"),
    (r"legal|counsel|cnsl|attorney|lawyer|法务|法律|律师", "legal"),
    (r"technolog|engineer|\bcto\b|技术|工程|研发|r&d", "engineering"),
    (r"information|digital|(?<![a-z])it(?![a-z])|\bcio\b|信息|数字", "it"),  # IT经理: no \b before 经
    (r"procure|purchas|sourcing|supply|采购|供应", "procurement"),
    (
        r"sales|account executive|account manager|key account|marketing|commercial|business development|销售|市场|营销|商务",
        "sales",
    ),
    (r"human|\bhr\b|people|人力|人事", "hr"),
    (r"operat|production|logistic|\bcoo\b|运营|生产|运维|物流", "operations"),
    (r"trad|交易", "trading"),
    (r"党委|党组|纪委", "party"),
)
