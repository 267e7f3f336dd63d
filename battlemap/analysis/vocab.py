"""The domain vocabulary of DESIGN.md §2: the codes are stable API values.

Pure Python (no Django): the Django models build their choices from these codes, the analysis
works on them directly. Labels live with the code that shows them (gettext catalogs).
"""

from __future__ import annotations

ROLES = ("decision_maker", "influencer", "user", "purchaser", "champion", "coach", "gatekeeper")

# Attitude toward us; `unknown` is outside the scale (a gap to close, not a value).
ATTITUDE_VALUES = {"advocate": 2, "supporter": 1, "neutral": 0, "skeptic": -1, "opponent": -2}
ATTITUDES = (*ATTITUDE_VALUES, "unknown")

INFLUENCE_MIN, INFLUENCE_MAX = 1, 5
RELATIONSHIP_LEVELS = {0: "none", 1: "acquainted", 2: "working", 3: "trusted", 4: "partner"}

STAGES = ("need_recognition", "information_search", "evaluation", "purchase_decision", "post_purchase")
DEAL_STATUSES = ("open", "won", "lost")

DECISION_FACTORS = ("price", "brand", "quality", "service", "technology", "compliance", "risk")
CHANNELS = (
    "web_search",
    "social_media",
    "professional_sites",
    "peers",
    "analysts",
    "events",
    "vendor_content",
)

LIFECYCLE = ("prospect", "new", "growing", "mature", "loyal", "at_risk", "lost")

PERSON_STATUSES = ("active", "left")
EXTERNAL_KINDS = ("consultant", "design_institute", "partner", "industry_expert", "family", "peer")
DECISION_STYLES = ("analytical", "driver", "amiable", "expressive")
NEEDS_LEVELS = ("safety", "belonging", "esteem", "self_actualisation")
TRAITS = ("power", "expertise", "budget_control", "network")  # each 1..5 (seed 004)

LINK_KINDS = ("formal", "advises", "trusts", "peer", "family", "opposes")
LINK_STRENGTH_MIN, LINK_STRENGTH_MAX = 1, 3

FACTOR_KINDS = ("market_trend", "competitor", "policy", "social_cultural", "social_media", "analyst")
FACTOR_EFFECT_MIN, FACTOR_EFFECT_MAX = -2, 2

INTERACTION_KINDS = ("meeting", "call", "email", "visit", "event", "interview", "survey")
# DESIGN.md: "met" means a meeting, call or visit with us.
MEETING_KINDS = ("meeting", "call", "visit")
