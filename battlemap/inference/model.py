"""The seniority model: a weighted sum of percentile-ranked signals, and its decision-maker calibration.

The weights are learnt as a pairwise ranking model: a least-squares fit, with non-negative weights, of
feature differences of "A outranks B" pairs (a linear RankSVM with squared loss). Only signals of
attention *received* are used and every weight is >= 0, so each signal can only push a person up; an
unconstrained fit put negative weights on collinear signals, overfitted the tuning half and misranked
the head of generated organisations whose top person writes to few people. The decision-maker
likelihood is a logistic curve on the seniority score. `DEFAULT_MODEL` was fitted by `bench/enron.py --write-model` on
the tuning half of the Enron benchmark only; see docs/mail.md.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression, Ridge

from battlemap.inference.features import FeatureTable
from battlemap.inference.results import ManagerCandidate

MODEL_FILE = Path(__file__).with_name("model.json")
SENIORITY_FEATURES = (
    "received_from_distinct",
    "received_from_distinct_small",
    "authority",
    "two_hop",
    "pagerank",
    "pagerank_unweighted",
    "reply_speed_gap",
    "betweenness",
    "months_active",
    "senior_senders",
    "senior_cc",
    "correspondent_seniority",
    "sender_seniority",
    "replies_received_per_sent",
    "broadcasts",
)


@dataclass(frozen=True, slots=True)
class SeniorityModel:
    weights: dict[str, float]
    dm_slope: float = 10.0  # decision-maker logistic curve on the 0..1 seniority score
    dm_intercept: float = -7.0
    # a reporting line is shown only at or above this probability (chosen by bench/enron.py, docs/inference.md)
    manager_threshold: float = 0.5
    # calibration of a reporting line: logistic on its signals (relations.LINE_SIGNALS)
    manager_coefficients: tuple[float, ...] = ()
    manager_intercept: float = 0.0
    manager_calibrated: bool = False
    notes: dict[str, object] = field(default_factory=dict)

    @property
    def feature_names(self) -> tuple[str, ...]:
        return tuple(name for name in SENIORITY_FEATURES if name in self.weights)

    def raw_scores(self, table: FeatureTable) -> np.ndarray:
        names = self.feature_names
        if not table.people:
            return np.zeros(0)
        return table.matrix(names) @ np.array([self.weights[n] for n in names])

    def decision_likelihood(self, unit_scores: np.ndarray) -> np.ndarray:
        """On the 0..1 standing (a percentile, titles folded in)."""
        return 1.0 / (1.0 + np.exp(-(self.dm_slope * unit_scores + self.dm_intercept)))

    def line_probability(self, candidate: ManagerCandidate) -> float:
        """A reporting line's probability from its signals (its raw share until calibrated)."""
        if not self.manager_calibrated or len(candidate.signals) != len(self.manager_coefficients):
            return candidate.probability
        z = float(np.dot(self.manager_coefficients, candidate.signals)) + self.manager_intercept
        return float(1.0 / (1.0 + np.exp(-z)))

    def to_json(self) -> str:
        return json.dumps(
            {
                "weights": self.weights,
                "dm_slope": self.dm_slope,
                "dm_intercept": self.dm_intercept,
                "manager_threshold": self.manager_threshold,
                "manager_coefficients": list(self.manager_coefficients),
                "manager_intercept": self.manager_intercept,
                "manager_calibrated": self.manager_calibrated,
                "notes": self.notes,
            },
            indent=2,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> SeniorityModel:
        data = json.loads(text)
        return cls(
            weights={k: float(v) for k, v in data["weights"].items()},
            dm_slope=float(data["dm_slope"]),
            dm_intercept=float(data["dm_intercept"]),
            manager_threshold=float(data.get("manager_threshold", 0.5)),
            manager_coefficients=tuple(float(c) for c in data.get("manager_coefficients", ())),
            manager_intercept=float(data.get("manager_intercept", 0.0)),
            manager_calibrated=bool(data.get("manager_calibrated", False)),
            notes=data.get("notes", {}),
        )


def unit_scale(raw: np.ndarray) -> np.ndarray:
    """Scores in 0..1 (1 = most senior) by min–max scaling; a single person scores 1, and people the scores do not
    tell apart ½ each (all at 1, five colleagues writing to each other alike read as five top people)."""
    if len(raw) == 0:
        return raw
    low, high = float(raw.min()), float(raw.max())
    if high - low < 1e-12:
        return np.ones_like(raw) if len(raw) == 1 else np.full_like(raw, 0.5, dtype=float)
    return (raw - low) / (high - low)


def fit_pairwise_weights(
    x: np.ndarray,
    pairs: Sequence[tuple[int, int]],
    *,
    regularisation: float,
    names: Sequence[str] = SENIORITY_FEATURES,
) -> dict[str, float]:
    """Non-negative weights w with w·(x_superior - x_subordinate) close to +1 for the (superior,
    subordinate) pairs; `regularisation` is the ridge strength. `x` has one column per name."""
    diffs = np.array([x[a] - x[b] for a, b in pairs])
    design = np.vstack([diffs, -diffs])
    target = np.r_[np.ones(len(diffs)), -np.ones(len(diffs))]
    fitted = Ridge(alpha=regularisation, positive=True, fit_intercept=False).fit(design, target)
    return {name: float(w) for name, w in zip(names, fitted.coef_, strict=True)}


def fit_decision_curve(unit_scores: np.ndarray, is_decision_maker: np.ndarray) -> tuple[float, float]:
    """(slope, intercept) of a logistic fit (C=10) of being a decision maker (0/1) on the 0..1 unit seniority
    scores: `SeniorityModel.dm_slope` and `dm_intercept`, fitted by bench/enron.py."""
    fitted = LogisticRegression(C=10.0, max_iter=1000).fit(unit_scores.reshape(-1, 1), is_decision_maker)
    return float(fitted.coef_[0][0]), float(fitted.intercept_[0])


def fit_line_calibration(
    signals: np.ndarray, right: np.ndarray, sample_weight: np.ndarray | None = None
) -> tuple[tuple[float, ...], float]:
    """Logistic calibration (Platt scaling on several signals) of reporting lines against whether the line
    was right; returns the coefficients (one per relations.LINE_SIGNALS) and the intercept."""
    fitted = LogisticRegression(C=1.0, max_iter=1000).fit(signals, right, sample_weight=sample_weight)
    return tuple(float(c) for c in fitted.coef_[0]), float(fitted.intercept_[0])


def load_default_model() -> SeniorityModel:
    """The `SeniorityModel` of model.json (written by bench/enron.py --write-model); without that file, equal
    weights on received_from_distinct, authority and two_hop."""
    if MODEL_FILE.exists():
        return SeniorityModel.from_json(MODEL_FILE.read_text(encoding="utf-8"))
    # Fallback before any tuning: the strongest single signals, equally weighted.
    return SeniorityModel(weights={"received_from_distinct": 1.0, "authority": 1.0, "two_hop": 1.0})
