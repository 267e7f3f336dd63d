"""Labels of vocabulary codes for the exports, in the export's language (gettext, io catalog)."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

ROLE_LABELS = {
    "decision_maker": pgettext_lazy("buying role", "Decision maker"),
    "influencer": pgettext_lazy("buying role", "Influencer"),
    "user": pgettext_lazy("buying role", "User"),
    "purchaser": pgettext_lazy("buying role", "Purchaser"),
    "champion": pgettext_lazy("buying role", "Champion"),
    "coach": pgettext_lazy("buying role", "Coach"),
    "gatekeeper": pgettext_lazy("buying role", "Gatekeeper"),
}
ATTITUDE_LABELS = {
    "advocate": pgettext_lazy("attitude", "Advocate"),
    "supporter": pgettext_lazy("attitude", "Supporter"),
    "neutral": pgettext_lazy("attitude", "Neutral"),
    "skeptic": pgettext_lazy("attitude", "Skeptic"),
    "opponent": pgettext_lazy("attitude", "Opponent"),
    "unknown": pgettext_lazy("attitude", "Unknown"),
}
RELATIONSHIP_LABELS = {
    0: pgettext_lazy("relationship", "None"),
    1: pgettext_lazy("relationship", "Acquainted"),
    2: pgettext_lazy("relationship", "Working"),
    3: pgettext_lazy("relationship", "Trusted"),
    4: pgettext_lazy("relationship", "Partner"),
}
STAGE_LABELS = {
    "need_recognition": pgettext_lazy("stage", "Need recognition"),
    "information_search": pgettext_lazy("stage", "Information search"),
    "evaluation": pgettext_lazy("stage", "Evaluation"),
    "purchase_decision": pgettext_lazy("stage", "Purchase decision"),
    "post_purchase": pgettext_lazy("stage", "Post-purchase"),
}
STATUS_LABELS = {
    "active": pgettext_lazy("status", "Active"),
    "left": pgettext_lazy("status", "Left"),
    "open": pgettext_lazy("status", "Open"),
    "won": pgettext_lazy("status", "Won"),
    "lost": pgettext_lazy("status", "Lost"),
}
KIND_LABELS = {
    "meeting": pgettext_lazy("kind", "Meeting"),
    "call": pgettext_lazy("kind", "Call"),
    "email": pgettext_lazy("kind", "Email"),
    "visit": pgettext_lazy("kind", "Visit"),
    "event": pgettext_lazy("kind", "Event"),
    "interview": pgettext_lazy("kind", "Interview"),
    "survey": pgettext_lazy("kind", "Survey"),
    "formal": pgettext_lazy("kind", "Formal"),
    "advises": pgettext_lazy("kind", "Advises"),
    "trusts": pgettext_lazy("kind", "Trusts"),
    "peer": pgettext_lazy("kind", "Peer"),
    "family": pgettext_lazy("kind", "Family"),
    "opposes": pgettext_lazy("kind", "Opposes"),
}
SEVERITY_LABELS = {
    "high": pgettext_lazy("severity", "High"),
    "medium": pgettext_lazy("severity", "Medium"),
    "low": pgettext_lazy("severity", "Low"),
}
LIFECYCLE_LABELS = {
    "prospect": pgettext_lazy("lifecycle", "Prospect"),
    "new": pgettext_lazy("lifecycle", "New customer"),
    "growing": pgettext_lazy("lifecycle", "Growing"),
    "mature": pgettext_lazy("lifecycle", "Mature"),
    "loyal": pgettext_lazy("lifecycle", "Loyal"),
    "at_risk": pgettext_lazy("lifecycle", "At risk"),
    "lost": pgettext_lazy("lifecycle", "Lost"),
}


def label(table: dict, code: object) -> str:
    """The label of a code, or the code itself when it has none (never a blank for a known value)."""
    if code is None or code == "":
        return ""
    return str(table.get(code, code))


def roles_text(codes: list[str] | tuple[str, ...]) -> str:
    return (
        "、".join(label(ROLE_LABELS, c) for c in codes)
        if _zh()
        else ", ".join(label(ROLE_LABELS, c) for c in codes)
    )


def _zh() -> bool:
    from django.utils import translation

    return (translation.get_language() or "").startswith("zh")
