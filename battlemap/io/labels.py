"""Labels of vocabulary codes for the exports, in the export's language (gettext, io catalog)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ROLE_LABELS = {
    "decision_maker": _("Decision maker"),
    "influencer": _("Influencer"),
    "user": _("User"),
    "purchaser": _("Purchaser"),
    "champion": _("Champion"),
    "coach": _("Coach"),
    "gatekeeper": _("Gatekeeper"),
}
ATTITUDE_LABELS = {
    "advocate": _("Advocate"),
    "supporter": _("Supporter"),
    "neutral": _("Neutral"),
    "skeptic": _("Skeptic"),
    "opponent": _("Opponent"),
    "unknown": _("Unknown"),
}
RELATIONSHIP_LABELS = {
    0: _("None"),
    1: _("Acquainted"),
    2: _("Working"),
    3: _("Trusted"),
    4: _("Partner"),
}
STAGE_LABELS = {
    "need_recognition": _("Need recognition"),
    "information_search": _("Information search"),
    "evaluation": _("Evaluation"),
    "purchase_decision": _("Purchase decision"),
    "post_purchase": _("Post-purchase"),
}
STATUS_LABELS = {
    "active": _("Active"),
    "left": _("Left"),
    "open": _("Open"),
    "won": _("Won"),
    "lost": _("Lost"),
}
KIND_LABELS = {
    "meeting": _("Meeting"),
    "call": _("Call"),
    "email": _("Email"),
    "visit": _("Visit"),
    "event": _("Event"),
    "interview": _("Interview"),
    "survey": _("Survey"),
    "formal": _("Formal"),
    "advises": _("Advises"),
    "trusts": _("Trusts"),
    "peer": _("Peer"),
    "family": _("Family"),
    "opposes": _("Opposes"),
}
SEVERITY_LABELS = {"high": _("High"), "medium": _("Medium"), "low": _("Low")}
LIFECYCLE_LABELS = {
    "prospect": _("Prospect"),
    "new": _("New customer"),
    "growing": _("Growing"),
    "mature": _("Mature"),
    "loyal": _("Loyal"),
    "at_risk": _("At risk"),
    "lost": _("Lost"),
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
