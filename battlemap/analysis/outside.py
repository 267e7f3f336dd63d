"""The outside factors that bear hardest on a deal, and what the playbook asks about them.

Seed 000 (客户影响圈) counts 环境因素 — market trends, competitors, policy, social and cultural factors — among what
shapes the customer's decision. A factor the seller rates at the strongest negative effect (`blocking_factor_effect`,
−2: a global approved-vendor list, a procurement freeze, a policy that excludes us) stops the deal whatever the
people think, so answering it comes first in the playbook, beside the high flags. Before this, such a factor was only
listed: the s38 coach saw "Global vendor list: only approved suppliers" (policy, −2) under 外部因素 and nothing about it
among the next best actions.
"""

from __future__ import annotations

from .i18n import gettext_noop, label, tr
from .settings import AnalysisSettings
from .types import DealInfo, ExternalFactorInfo, PlaybookItem

# what it takes to answer such a factor, by its kind (vocab.FACTOR_KINDS): a rule is got through, a rival's offer
# countered, a worry (a trend, a cultural concern, a story in the media, an analyst's view) answered with evidence
BLOCKING_RULE = gettext_noop(
    "Find a way through “%(factor)s” (%(kind)s, effect %(effect)s): learn who owns it and what it takes — a place on "
    "the approved vendor list, a certification, an exception — and make those steps part of the plan."
)
BLOCKING_RIVAL = gettext_noop(
    "Answer “%(factor)s” (%(kind)s, effect %(effect)s) before the customer weighs it: learn whom it sways and what "
    "it would cost them, and put our counter in front of them — value, total cost, references, a matching commitment."
)
BLOCKING_WORRY = gettext_noop(
    "Answer “%(factor)s” (%(kind)s, effect %(effect)s): learn whom it worries and why, and bring them evidence that "
    "answers it — facts, references, an expert they trust."
)
_BLOCKING_TEXTS = {"policy": BLOCKING_RULE, "competitor": BLOCKING_RIVAL}


def blocking_factor_items(
    deal: DealInfo, factors: tuple[ExternalFactorInfo, ...], settings: AnalysisSettings, lang: str
) -> list[PlaybookItem]:
    """One playbook item (code `blocking_factor`, its text by the factor's kind, impact `flag_action_impact["high"]`:
    it holds the deal up as a high flag does) per outside factor of the account whose effect is
    `blocking_factor_effect` or below, for an open deal; [] for a won or lost deal (the decision is made)."""
    if deal.status != "open":
        return []
    return [
        PlaybookItem(
            code="blocking_factor",
            text=tr(
                lang,
                _BLOCKING_TEXTS.get(f.kind, BLOCKING_WORRY),
                factor=f.description,
                kind=label(lang, f.kind),
                effect=f"{f.effect:+d}",
            ),
            impact=settings.flag_action_impact["high"],
        )
        for f in factors
        if f.effect <= settings.blocking_factor_effect
    ]
