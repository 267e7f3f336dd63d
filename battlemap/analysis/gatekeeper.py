"""The two kinds of gatekeeper, told apart by title, and what the playbook asks of each (playbook.deal_playbook: the
gatekeeper's role strategy, one item per kind)."""

from __future__ import annotations

import re

from .i18n import gettext_noop

# The two kinds of gatekeeper told apart by title, each told what fits them (a sales director's trial: the CIO was
# given the either/or text of both): the one who keeps a leader's diary and agenda (办公室主任, 院办, 秘书 — not a
# board's or company's secretary, an officer —, an executive or personal assistant, chief of staff), and the one who
# checks requirements (procurement, IT, technical, compliance, legal, audit, quality, security; the discipline
# inspection — 纪委, 纪检, 监察 — and the finance gate — 财务, 会计 as in 总会计师, 风控, a CFO or controller —, which
# a state-owned customer's 纪委书记 and 总会计师 are: review rev2 saw them given the either/or text). A title that says
# neither keeps the text of both.
GATE_DIARY_TITLE = re.compile(
    r"办公室|综合办|院办|办公厅|(?<!董事会)(?<!董事局)秘书|行政助理|"
    r"\b(?:executive|personal|administrative) assistant\b|(?<!board )(?<!company )(?<!discipline )(?<!inspection )\bsecretary\b(?! (?:of|for) (?:the )?discipline)|"
    r"\bchief of staff\b|\boffice (?:manager|director)\b",
    re.IGNORECASE,
)
GATE_CHECKS_TITLE = re.compile(
    r"采购|招标|信息|技术|工程|合规|法务|法律|审计|质量|安全|纪委|纪检|监察|财务|会计|风控|风险|"
    r"\bit\b|\bcio\b|\bcto\b|\bcfo\b|procure|purchas|sourcing|technical|technology|engineer|compliance|legal|"
    r"\bcounsel\b|audit|quality|security|financ|accountant|accounting|controller|comptroller|treasur|\brisk\b|"
    r"discipline|inspect",
    re.IGNORECASE,
)
GATE_DIARY = gettext_noop(
    "Book the meeting with the leader and the agenda item early through %(names)s (the leader's diary and agenda), "
    "and keep them informed."
)
GATE_CHECKS = gettext_noop(
    "Ask %(names)s early for the technical or compliance requirements they check, and answer them in writing."
)


def gate_kind(title: str) -> str:
    """ "diary", "checks" or "" (the title says neither) for a gatekeeper's title (GATE_DIARY_TITLE, GATE_CHECKS_TITLE)."""
    if GATE_DIARY_TITLE.search(title):
        return "diary"
    return "checks" if GATE_CHECKS_TITLE.search(title) else ""


# the gatekeeper's strategy for each kind; a title that says neither keeps the role's own text (ROLE_STRATEGIES)
GATE_TEXTS = {"diary": GATE_DIARY, "checks": GATE_CHECKS}
