"""Every threshold and weight of the analysis, with its default (documented in docs/analysis.md)."""

from __future__ import annotations

from dataclasses import dataclass, field


def _role_weights() -> dict[str, float]:
    # How much holding a role says about a person's weight in the deal (influence score, role part).
    return {
        "decision_maker": 1.0,
        "influencer": 0.7,
        "champion": 0.6,
        "purchaser": 0.5,
        "gatekeeper": 0.5,
        "coach": 0.4,
        "user": 0.3,
    }


def _coverage_role_points() -> dict[str, float]:
    # Points of the health "coverage" part for each buying role: full when a holder was met, half when held.
    return {
        "decision_maker": 12.0,
        "champion": 8.0,
        "influencer": 5.0,
        "user": 5.0,
        "purchaser": 5.0,
        "coach": 3.0,
        "gatekeeper": 2.0,
    }


def _stage_roles() -> dict[str, tuple[str, ...]]:
    # At which decision-chain stage each role matters most (seed 002: the decision chain).
    return {
        "need_recognition": ("user", "champion", "coach"),
        "information_search": ("influencer", "champion", "coach"),
        "evaluation": ("user", "influencer", "gatekeeper", "champion"),
        "purchase_decision": ("decision_maker", "purchaser", "gatekeeper"),
        "post_purchase": ("user", "decision_maker", "champion"),
    }


def _severity_penalty() -> dict[str, float]:
    return {"high": 8.0, "medium": 4.0, "low": 2.0}


def _flag_action_impact() -> dict[str, float]:
    return {"high": 15.0, "medium": 8.0, "low": 4.0}


def _severity_rank() -> dict[str, int]:
    # How bad a severity is, to pick the worst flag and to tell a flag that got worse.
    return {"high": 3, "medium": 2, "low": 1}


def _flag_severity() -> dict[str, str]:
    return {
        "no_decision_maker": "high",
        "decision_maker_not_met": "high",
        "single_threaded": "high",
        "no_champion": "medium",
        "unaddressed_opponent": "high",
        "no_stated_win": "low",
        "purchaser_unknown": "medium",
        "users_not_engaged": "medium",
        "stale_relationship": "medium",
        "key_person_left": "high",
        "competitor_favoured": "high",
        "close_date_passed": "medium",
        "close_date_pushed": "medium",
        "stalled_in_stage": "medium",
        "no_next_step": "low",
        "cadence_missed": "low",
        "process_outlasts_close": "medium",
        "approving_body_not_met": "high",
        "low_satisfaction": "high",
        "detractor_at_loyal_account": "high",
    }


def _stage_limit_days() -> dict[str, int]:
    # How long a deal may sit at a decision-chain stage before "stalled in stage" fires (0: no limit).
    # Defaults: roughly twice a typical stage length in a 6–9 month key-account cycle; teams tune them.
    return {
        "need_recognition": 60,
        "information_search": 45,
        "evaluation": 60,
        "purchase_decision": 45,
        "post_purchase": 0,
    }


@dataclass(frozen=True)
class AnalysisSettings:
    # --- time
    stale_days: int = 45  # "engaged" = any interaction within this many days; stale beyond it
    freshness_fade_days: int = 45  # after stale_days, freshness fades linearly to 0 over this many days
    stale_warning_days: int = 14  # a key person is "going stale" this many days before stale_days

    # --- key people and flags
    key_influence: int = 4  # influence (1..5) from which a person is a key person / a dangerous opponent
    single_threaded_max: int = 1  # at most this many engaged customer people = single-threaded
    cadence_grace_days: int = 3  # "cadence missed" fires this many days after a planned contact was due
    close_slip_days: int = 0  # "close date passed" fires this many days after the expected close
    # "close date pushed" (a slipping deal): within close_push_window_days, the expected close moved later
    # close_push_times times or more, or by close_push_days days or more in all — the pipeline review's rule of
    # thumb (a close date moved twice, or by a month, is a deal that is not where the forecast says)
    close_push_window_days: int = 90
    close_push_times: int = 2
    close_push_days: int = 30
    stage_limit_days: dict[str, int] = field(default_factory=_stage_limit_days)
    # "process outlasts close" fires when a remaining step is planned more than this many days after
    # the expected close; "approving body not met" looks at the bodies holding one of these roles
    process_slack_days: int = 0
    approving_roles: tuple[str, ...] = ("decision_maker",)
    flag_severity: dict[str, str] = field(default_factory=_flag_severity)
    severity_rank: dict[str, int] = field(default_factory=_severity_rank)

    # --- influence score (weights sum to 100)
    influence_formal_weight: float = 40.0
    influence_informal_weight: float = 35.0
    influence_role_weight: float = 25.0
    # inside formal authority: position in the tree vs the traits power and budget control
    formal_position_share: float = 0.5
    # formal authority of a seat on a body approving an open deal whose chair has the final say (a member who
    # decides collectively, or who decides the deal, holds 1): the members give the views the chair weighs
    formal_seat_share: float = 0.75
    # inside informal influence: PageRank vs the traits expertise and network (when either is rated)
    informal_trait_share: float = 0.4
    # inside the role part: the seller's influence rating vs the kind of role held
    role_rating_share: float = 0.6
    role_weights: dict[str, float] = field(default_factory=_role_weights)
    # informal centrality (PageRank over "who listens to whom")
    pagerank_damping: float = 0.85
    pagerank_tolerance: float = 1e-8
    pagerank_max_iter: int = 100
    interaction_edge_weight: float = 0.5  # weight of one shared interaction vs a link of strength 1
    reporting_edge_weight: float = 1.0  # a report listens to their manager (solid line)
    dotted_edge_weight: float = 0.5
    max_drivers: int = 3

    # --- deal health (part weights sum to 100; flags subtract)
    health_coverage_weight: float = 45.0
    health_attitude_weight: float = 35.0
    health_freshness_weight: float = 20.0
    coverage_role_points: dict[str, float] = field(default_factory=_coverage_role_points)
    coverage_known_attitude_points: float = 5.0  # share of stakeholders whose attitude is known
    severity_penalty: dict[str, float] = field(default_factory=_severity_penalty)
    # health bands (portfolio filter, badge colour): good from this score, fair from that one, else poor
    health_good_from: int = 70
    health_fair_from: int = 40
    # --- playbook: how far up a flag's action goes (role and stage actions score 0..10)
    flag_action_impact: dict[str, float] = field(default_factory=_flag_action_impact)
    # an outside factor rated this effect (-2..+2) or below holds the deal up: the playbook answers it first
    blocking_factor_effect: int = -2

    # --- coverage
    stage_roles: dict[str, tuple[str, ...]] = field(default_factory=_stage_roles)

    # --- the customer's answers (battlemap/surveys, docs/surveys.md)
    satisfaction_low_below: float = 3.0  # a key person's mean CSAT (1..5) below this = dissatisfied
    nps_fall_points: int = 3  # a person's NPS (0..10) this many points below their previous answer = a fall
    nps_detractor_max: int = 6  # NPS 0..6: a detractor
    nps_promoter_min: int = 9  # NPS 9..10: a promoter
    survey_due_days: int = 180  # no satisfaction answer within this many days: the playbook suggests a survey
    survey_impact: float = 9.5  # the playbook impact of that suggestion (a stage strategy is 9)
    # a decision factor weighs heavily (the playbook brings its material) when its share of the deal's weights
    # (feedback.deal_factor_weights: the answers, else the typed estimate) is above this × an even split
    # (100 / the number of factors weighted): a lone factor, even rated 1 of 5, or a flat list says nothing
    # about what the customer weighs most (a lone factor rated 1 of 5 is still 100 % of the weights)
    factor_heavy_over_even: float = 1.0

    # --- changes
    rerate_threshold: int = 10  # influence score move (points) reported as "re-rated"

    def severity(self, code: str) -> str:
        return self.flag_severity[code]

    def health_band(self, score: int | None) -> str:
        """good / fair / poor for a health score; "" when there is no score (no open deal)."""
        if score is None:
            return ""
        if score >= self.health_good_from:
            return "good"
        if score >= self.health_fair_from:
            return "fair"
        return "poor"

    def health_band_bounds(self, band: str) -> tuple[int, int]:
        """The lowest and highest score (0..100, both ends included) of a band: "poor" → (0, 39)."""
        bounds = {
            "good": (self.health_good_from, 100),
            "fair": (self.health_fair_from, self.health_good_from - 1),
            "poor": (0, self.health_fair_from - 1),
        }
        return bounds[band]


DEFAULT_SETTINGS = AnalysisSettings()
