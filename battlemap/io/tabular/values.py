"""Map external cell values (Salesforce, HubSpot, Chinese labels, our codes) to our codes.

Documented in docs/import.md; a mapping file's [values.*] tables add to or override these. Every
label of battlemap.vocab, in Chinese and in English, imports as its code; the tables below add the
CRM words and common synonyms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from battlemap import vocab
from battlemap.look import ATTITUDE_SWATCHES
from battlemap.vocab import RELATIONSHIP_LEVELS, ROLES


def value_key(value: str) -> str:
    """A cell's value as the tables key it: spacing and case aside, and an underscore read as a space — a CRM's
    API name of a value (HubSpot's `BUDGET_HOLDER`, `END_USER`) is its label (`budget holder`)."""
    return " ".join(str(value).replace("\u3000", " ").replace("_", " ").split()).casefold()


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
    # Chinese synonyms (the labels themselves come from the vocabulary, below)
    "决策人": _r("decision_maker"),
    "拍板人": _r("decision_maker"),
    "影响人": _r("influencer"),
    "用户": _r("user"),
    "最终用户": _r("user"),
    "采购": _r("purchaser"),
    "支持者": _r("champion"),
    "内线": _r("coach"),
    "守门人": _r("gatekeeper"),
    "把关人": _r("gatekeeper"),
    "技术把关人": _r("gatekeeper"),  # 纷享销客's 联系人角色
    "普通联系人": _r(),  # ... a contact without a buying role: no role, not an unknown value
    "一般联系人": _r(),
    "其他": _r(),
}
ROLE_VALUES.update({code.replace("_", " "): _r(code) for code in ROLES})

ATTITUDE_VALUES: dict[str, str] = {
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

INFLUENCE_VALUES: dict[str, int] = {
    "极高": 5,
    "较高": 4,
    "一般": 3,
    "较低": 2,
}

RELATIONSHIP_VALUES: dict[str, int] = {"没有": 0}
RELATIONSHIP_VALUES.update({word: n for n, word in RELATIONSHIP_LEVELS.items()})

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
    "left": "left",
    "离职": "left",
    "inactive": "left",
    # WeCom / DingTalk / Feishu member states: an activated or invited member works there
    "已激活": "active",
    "未激活": "active",
    "已加入": "active",
    # DingTalk's 员工状态: on probation, confirmed, or due to leave — all still work there (who leaves next month
    # is active: `people.models.leaving_date_error`)
    "试用": "active",
    "试用期": "active",
    "正式": "active",
    "待离职": "active",
}
# A member whose account the organisation disabled (WeCom 已禁用): gone (or suspended) without a leaving
# date. Read as left the company, on a day leaving.date_disabled settles, and said so by row, to be checked.
DISABLED_STATUSES = frozenset({"已禁用", "禁用", "已停用", "停用", "disabled"})


def _with_labels(table: dict, vocabulary: vocab.Vocabulary) -> None:
    """Add every label of the vocabulary (both languages) and every code, keyed as cells are read."""
    table.update({value_key(text): code for text, code in vocabulary.by_label().items()})


_with_labels(ATTITUDE_VALUES, vocab.ATTITUDES)
# the map's own marks of an attitude (`++ + = --`, `?` for unknown), as every picture of the map prints them;
# but not a lone `-`: in a spreadsheet it mostly means "none", and read as skeptic it would be wrong data
ATTITUDE_VALUES.update({s.mark: code for code, s in ATTITUDE_SWATCHES.items() if s.mark not in ("-", "")})
_with_labels(INFLUENCE_VALUES, vocab.INFLUENCE_LEVELS)
_with_labels(RELATIONSHIP_VALUES, vocab.RELATIONSHIPS)
_with_labels(STATUS_VALUES, vocab.PERSON_STATUSES)
ROLE_VALUES.update({value_key(text): _r(str(code)) for text, code in vocab.BUYING_ROLES.by_label().items()})

ROLE_SEPARATORS = re.compile(r"[;；、,，/]")


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
