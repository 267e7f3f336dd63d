"""Django choices with translated labels, built from the pure vocabulary codes (battlemap.analysis.vocab)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ROLE_CHOICES = [
    ("decision_maker", _("decision maker")),
    ("influencer", _("influencer")),
    ("user", pgettext_lazy("buying role", "user")),
    ("purchaser", _("purchaser")),
    ("champion", _("champion")),
    ("coach", _("coach")),
    ("gatekeeper", _("gatekeeper")),
]
ATTITUDE_CHOICES = [
    ("advocate", _("advocate")),
    ("supporter", _("supporter")),
    ("neutral", _("neutral")),
    ("skeptic", _("skeptic")),
    ("opponent", _("opponent")),
    ("unknown", _("unknown")),
]
RELATIONSHIP_CHOICES = [
    (0, _("none")),
    (1, _("acquainted")),
    (2, _("working relationship")),
    (3, _("trusted")),
    (4, _("partner")),
]
STAGE_CHOICES = [
    ("need_recognition", _("need recognition")),
    ("information_search", _("information search")),
    ("evaluation", _("evaluation")),
    ("purchase_decision", _("purchase decision")),
    ("post_purchase", _("post-purchase")),
]
DEAL_STATUS_CHOICES = [("open", _("open")), ("won", _("won")), ("lost", _("lost"))]
DECISION_FACTOR_CHOICES = [
    ("price", _("price")),
    ("brand", _("brand")),
    ("quality", _("quality")),
    ("service", _("service")),
    ("technology", _("technology")),
    ("compliance", _("compliance")),
    ("risk", _("risk")),
]
CHANNEL_CHOICES = [
    ("web_search", _("web search")),
    ("social_media", _("social media")),
    ("professional_sites", _("professional sites")),
    ("peers", _("peers")),
    ("analysts", _("analysts")),
    ("events", _("events")),
    ("vendor_content", _("vendor content")),
]
LIFECYCLE_CHOICES = [
    ("prospect", _("prospect")),
    ("new", _("new customer")),
    ("growing", _("growing")),
    ("mature", _("mature")),
    ("loyal", _("loyal")),
    ("at_risk", _("at risk")),
    ("lost", pgettext_lazy("lifecycle", "lost")),
]
PERSON_STATUS_CHOICES = [("active", _("active")), ("left", _("left the company"))]
EXTERNAL_KIND_CHOICES = [
    ("consultant", _("consultant")),
    ("design_institute", _("design institute")),
    ("partner", _("partner")),
    ("industry_expert", _("industry expert")),
    ("family", _("family")),
    ("peer", _("peer")),
]
DECISION_STYLE_CHOICES = [
    ("analytical", _("analytical")),
    ("driver", _("driver")),
    ("amiable", _("amiable")),
    ("expressive", _("expressive")),
]
NEEDS_LEVEL_CHOICES = [
    ("safety", _("safety")),
    ("belonging", _("belonging")),
    ("esteem", _("esteem")),
    ("self_actualisation", _("self-actualisation")),
]
LINK_KIND_CHOICES = [
    ("formal", _("formal authority")),
    ("advises", _("advises")),
    ("trusts", _("trusts")),
    ("peer", _("peer")),
    ("family", _("family")),
    ("opposes", _("opposes")),
]
FACTOR_KIND_CHOICES = [
    ("market_trend", _("market trend")),
    ("competitor", _("competitor")),
    ("policy", _("policy / regulation")),
    ("social_cultural", _("social / cultural")),
    ("social_media", _("social media")),
    ("analyst", _("analyst / expert")),
]
INTERACTION_KIND_CHOICES = [
    ("meeting", _("meeting")),
    ("call", _("call")),
    ("email", _("email")),
    ("visit", _("visit")),
    ("event", _("event")),
    ("interview", _("interview")),
    ("survey", _("survey")),
]
INTERACTION_SOURCE_CHOICES = [
    ("manual", _("entered by hand")),
    ("import", _("imported")),
    ("mail", _("mail archive")),
    ("calendar", _("calendar")),
]


def label(choices, code) -> str:
    """The translated label of a code, or the code itself when unknown."""
    return str(dict(choices).get(code, code))
