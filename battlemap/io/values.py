"""Map external cell values (Salesforce, HubSpot, Chinese labels, our codes) to our codes.

Documented in docs/import.md; a mapping file's [values.*] tables add to or override these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from battlemap.analysis.vocab import ATTITUDES, RELATIONSHIP_LEVELS, ROLES


@dataclass(frozen=True)
class RoleMeaning:
    roles: tuple[str, ...] = ()
    attitude: str | None = None  # e.g. HubSpot's Blocker says "opponent", not a role


def _r(*roles: str, attitude: str | None = None) -> RoleMeaning:
    return RoleMeaning(tuple(roles), attitude)


ROLE_VALUES: dict[str, RoleMeaning] = {
    # Salesforce OpportunityContactRole.Role
    "decision maker": _r("decision_maker"),
    "economic buyer": _r("decision_maker"),
    "economic decision maker": _r("decision_maker"),
    "technical buyer": _r("gatekeeper"),
    "influencer": _r("influencer"),
    "evaluator": _r("influencer"),
    "executive sponsor": _r("champion"),
    "business user": _r("user"),
    "other": _r(),
    # HubSpot hs_buying_role
    "blocker": _r(attitude="opponent"),
    "budget holder": _r("decision_maker"),
    "champion": _r("champion"),
    "end user": _r("user"),
    "legal & compliance": _r("gatekeeper"),
    "legal and compliance": _r("gatekeeper"),
    # Chinese labels (DESIGN.md §2) and common synonyms
    "决策者": _r("decision_maker"),
    "决策人": _r("decision_maker"),
    "拍板人": _r("decision_maker"),
    "影响者": _r("influencer"),
    "影响人": _r("influencer"),
    "使用者": _r("user"),
    "用户": _r("user"),
    "最终用户": _r("user"),
    "采购者": _r("purchaser"),
    "采购": _r("purchaser"),
    "推荐者": _r("champion"),
    "支持者": _r("champion"),
    "教练": _r("coach"),
    "内线": _r("coach"),
    "把关者": _r("gatekeeper"),
    "守门人": _r("gatekeeper"),
    "其他": _r(),
    # English labels of our own codes
    "user": _r("user"),
    "purchaser": _r("purchaser"),
    "coach": _r("coach"),
    "gatekeeper": _r("gatekeeper"),
}
ROLE_VALUES.update({code: _r(code) for code in ROLES})
ROLE_VALUES.update({code.replace("_", " "): _r(code) for code in ROLES})

ATTITUDE_VALUES: dict[str, str] = {
    "强烈支持": "advocate",
    "支持": "supporter",
    "中立": "neutral",
    "怀疑": "skeptic",
    "反对": "opponent",
    "未知": "unknown",
    "strong supporter": "advocate",
    "ally": "supporter",
    "sceptic": "skeptic",
    "blocker": "opponent",
    "+2": "advocate",
    "2": "advocate",
    "+1": "supporter",
    "1": "supporter",
    "0": "neutral",
    "-1": "skeptic",
    "-2": "opponent",
}
ATTITUDE_VALUES.update({code: code for code in ATTITUDES})

INFLUENCE_VALUES: dict[str, int] = {
    "很高": 5,
    "极高": 5,
    "高": 4,
    "较高": 4,
    "中": 3,
    "一般": 3,
    "较低": 2,
    "低": 2,
    "很低": 1,
    "very high": 5,
    "high": 4,
    "medium": 3,
    "low": 2,
    "very low": 1,
}
INFLUENCE_VALUES.update({str(n): n for n in range(1, 6)})

RELATIONSHIP_VALUES: dict[str, int] = {
    "无": 0,
    "没有": 0,
    "认识": 1,
    "工作关系": 2,
    "信任": 3,
    "伙伴": 4,
}
RELATIONSHIP_VALUES.update({label: n for n, label in RELATIONSHIP_LEVELS.items()})
RELATIONSHIP_VALUES.update({str(n): n for n in RELATIONSHIP_LEVELS})

BOOL_VALUES: dict[str, bool] = {
    "true": True,
    "yes": True,
    "y": True,
    "1": True,
    "是": True,
    "x": True,
    "✓": True,
    "false": False,
    "no": False,
    "n": False,
    "0": False,
    "否": False,
}

STATUS_VALUES: dict[str, str] = {
    "active": "active",
    "在职": "active",
    "left": "left",
    "离职": "left",
    "已离职": "left",
    "inactive": "left",
}

ROLE_SEPARATORS = re.compile(r"[;；、,，/]")


def value_key(value: str) -> str:
    return " ".join(str(value).replace("\u3000", " ").split()).casefold()


@dataclass
class ValueTables:
    """The tables in force for one import: built-ins plus a mapping file's overrides."""

    roles: dict[str, RoleMeaning] = field(default_factory=lambda: dict(ROLE_VALUES))
    attitude: dict[str, str] = field(default_factory=lambda: dict(ATTITUDE_VALUES))
    influence: dict[str, int] = field(default_factory=lambda: dict(INFLUENCE_VALUES))
    relationship: dict[str, int] = field(default_factory=lambda: dict(RELATIONSHIP_VALUES))
    status: dict[str, str] = field(default_factory=lambda: dict(STATUS_VALUES))

    def role_values(self, cell: str) -> tuple[RoleMeaning, list[str]]:
        """Split a role cell (`;`, `；`, `、`, `,` …) and merge the meanings; return unknown parts too."""
        roles: list[str] = []
        attitude = None
        unknown: list[str] = []
        for part in ROLE_SEPARATORS.split(cell):
            part = part.strip()
            if not part:
                continue
            meaning = self.roles.get(value_key(part))
            if meaning is None:
                unknown.append(part)
                continue
            roles.extend(r for r in meaning.roles if r not in roles)
            attitude = meaning.attitude or attitude
        return RoleMeaning(tuple(roles), attitude), unknown
