"""Reads of the surveys app: a link by its token, an account's questionnaires and interviews, what accepting an
interview's proposal does."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from battlemap.analysis.factor_scale import FactorChange, rated_weights
from battlemap.core.multilingual import active_language
from battlemap.deals.models import FACTOR_WEIGHT_MAX
from battlemap.punctuation import list_separator
from battlemap.surveys.models import Interview, Proposal, Questionnaire, SurveyLink, SurveyResponse
from battlemap.surveys.services import token_digest
from battlemap.vocab import DECISION_FACTORS

FACTOR_CHANGED = _("%(factor)s %(before)s → %(after)s (rated %(rating)s/5)")
FACTOR_SET = _("%(factor)s set to %(after)s (rated %(rating)s/5)")
FACTORS_OF_DEAL = _("Decision factors of the deal: %(changes)s")
FACTORS_OF_DEAL_OTHERS_KEPT = _("Decision factors of the deal: %(changes)s; the others unchanged")


def link_for_token(token: str) -> SurveyLink | None:
    """The link whose token this is (looked up by its hash), or None; a deleted account's too, and an erased
    person's (they answer as revoked: SurveyLink.state)."""
    if not token or len(token) > 100:
        return None
    return (
        SurveyLink.objects.select_related("questionnaire__account", "person")
        .filter(token_hash=token_digest(token))
        .first()
    )


def questionnaires_everywhere() -> QuerySet[Questionnaire]:
    """Every questionnaire, newest first, with its links, people and answers: for the access gate to narrow
    (`core.access.get_for`), or `questionnaires_of` one account."""
    return Questionnaire.objects.select_related("account", "deal", "sent_by").prefetch_related(
        "links__person", "links__response"
    )


def questionnaires_of(account) -> QuerySet[Questionnaire]:
    """The account's questionnaires, newest first, with their links, people and answers."""
    return questionnaires_everywhere().filter(account=account)


def comments_of(*, person, limit: int = 5) -> QuerySet[SurveyResponse]:
    """What the person wrote in their questionnaire answers ("Anything else you would like to tell us?"),
    newest first: answers with a comment, with their kind, deal and `answered_at`; at most `limit`."""
    return (
        person.survey_responses.exclude(comment="")
        .select_related("deal")
        .order_by("-answered_at", "-id")[:limit]
    )


def interviews_of(account) -> QuerySet[Interview]:
    return (
        Interview.objects.filter(account=account)
        .select_related("interaction__deal")
        .prefetch_related("interaction__participants__person", "proposals")
    )


def _factor_text(changes: list[FactorChange], kept: bool) -> str:
    lang = active_language()
    rows = [
        (FACTOR_SET if c.before is None else FACTOR_CHANGED)
        % {
            "factor": DECISION_FACTORS.label(c.code, lang),
            "before": c.before,
            "after": c.after,
            "rating": c.rating,
        }
        for c in changes
    ]
    text = FACTORS_OF_DEAL_OTHERS_KEPT if kept else FACTORS_OF_DEAL
    return text % {"changes": list_separator(lang).join(rows)}


def factor_proposal_text(proposal: Proposal) -> str:
    """What accepting a decision-factor proposal does, in the reader's words: "Decision factors of the deal:
    price 20 → 7 (rated 1/5); the others unchanged" — once accepted, what it did (`applied`); else what it
    would do to the deal's typed weights now (analysis.factor_scale.rated_weights, as acceptance does)."""
    if "applied" in proposal.payload:
        changes = [FactorChange(*row) for row in proposal.payload["applied"]]
        return _factor_text(changes, proposal.payload.get("kept", False))
    deal = proposal.interview.interaction.deal
    typed = (deal.decision_factors or {}) if deal is not None else {}
    weights = proposal.payload.get("weights", {})
    _merged, changes = rated_weights(typed, weights, most=FACTOR_WEIGHT_MAX)
    return _factor_text(changes, bool(set(typed) - set(weights)))
