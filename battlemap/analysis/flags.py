"""The red flags of a deal, each with severity, the people concerned, a reason and an action.

Flags are a registry keyed by flag code (flag_registry.py): one small function per flag, registered
with `@flag(code)`, takes a `DealFacts` and returns the people it concerns and extra text parameters
(or None when the flag does not fire). The rules: flag_rules_people.py (roles, contact, wins,
opponents, competitors) and flag_rules_progress.py (dates, stages, next steps, cadence, process,
approving bodies, satisfaction). `deal_flags` runs them in the fixed order of `FLAG_CODES`. What each
flag says (its reason and action, translated) is in flag_texts.py.

Flags are raised on open deals only, but for the two that read the customer's answers
(AFTER_SALE_FLAGS), which a won deal raises too: satisfaction matters after the sale.
"""

from __future__ import annotations

from typing import cast

from . import flag_rules_people, flag_rules_progress  # noqa: F401  (registers the rules, in FLAG_CODES order)
from . import flag_texts as texts
from .contacts import ContactIndex
from .coverage import active_stakeholders
from .feedback_types import PersonFeedback
from .flag_registry import AFTER_SALE_FLAGS, FLAG_CODES, FLAG_RULES, DealFacts
from .i18n import Plural, tr
from .settings import AnalysisSettings
from .sway import with_whom_decides_listens
from .types import ActionItemInfo, BodyInfo, DealInfo, Flag, InfluenceLinkInfo, PersonInfo


def deal_flags(
    deal: DealInfo,
    people: dict[int, PersonInfo],
    contacts: ContactIndex,
    action_items: list[ActionItemInfo],
    settings: AnalysisSettings,
    lang: str,
    bodies: dict[int, BodyInfo] | None = None,
    feedback: dict[int, PersonFeedback] | None = None,
    lifecycle: str = "",
    links: tuple[InfluenceLinkInfo, ...] = (),
) -> tuple[Flag, ...]:
    """The flags raised on `deal`, most severe first (in the order of FLAG_CODES within a severity);
    none on lost deals, on won deals only AFTER_SALE_FLAGS. `bodies`: the account's decision bodies by
    id; `feedback`: the customer's answers per person (feedback.person_feedback); `lifecycle`: the
    account's lifecycle stage; `links`: the account's influence links (who can introduce whom)."""
    if deal.status not in ("open", "won"):
        return ()
    facts = DealFacts(
        deal,
        people,
        contacts,
        action_items,
        settings,
        lang,
        active_stakeholders(deal, people),
        bodies or {},
        feedback or {},
        lifecycle,
        links,
    )
    flags = []
    for code in FLAG_CODES if deal.status == "open" else AFTER_SALE_FLAGS:
        raised = FLAG_RULES[code](facts)
        if raised is None:
            continue
        ids, extra = raised
        unique = tuple(dict.fromkeys(ids))
        reason_msg, action_msg = texts.TEXT[code]
        # a rule may say it another way (single_threaded when nobody talks to us)
        reason_msg = cast("str | Plural", extra.pop("_reason", reason_msg))
        action_msg = cast("str | Plural", extra.pop("_action", action_msg))
        costs = bool(extra.pop("_costs", True))
        bridges = tuple(cast("list[int]", extra.pop("_bridges", [])))
        # the people it names whom who decides listens to: said in its reason (sway.py)
        heard = cast("list[int]", extra.pop("_heard", []))
        params = {"names": facts.names(unique), "deal": deal.name, **extra}
        reason = tr(lang, reason_msg, len(unique), **params)
        if heard:
            reason = with_whom_decides_listens(reason, heard, facts.deciders(), people, links, lang)
        flags.append(
            Flag(
                code,
                settings.severity(code),
                unique,
                reason,
                tr(lang, action_msg, len(unique), **params),
                costs,
                bridges,
            )
        )
    flags.sort(key=lambda f: -settings.severity_rank.get(f.severity, 0))
    return tuple(flags)
