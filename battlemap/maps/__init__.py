"""The map layer: the only road from the database to the analysis.

    build_snapshot(*, account, as_of=None, today=None) -> MapSnapshot
    build_snapshots(*, accounts, as_of=None, today=None) -> {account id: MapSnapshot}  same queries for all
    account_analysis(*, account, lang=None, as_of=None, deal_id=None) -> dict     cached when as_of is None
    account_analyses(*, accounts, lang=None) -> {account id: dict}              cached, batched
    analysis_settings(account) -> AnalysisSettings                              the team's thresholds
    account_summaries(*, accounts, lang=None) -> {account id: dict}             portfolio row, cached
    key_people_summaries(*, accounts, lang=None) -> {account id: [dict]}        This week's key people, cached
    map_view(*, account, lang=None) / map_views(*, accounts, lang=None) -> dict  the map pages' slim analysis, cached
    view_people(view, ids=None) -> [dict]                                        a map view's people as the analysis' dicts
    changes_since(*, account, since, until=None, lang=None, deal_id=None) -> dict  map and analysis changes
    changes_since_many(*, accounts, since, lang=None) -> {account id: dict}     the same, batched
    map_as_of(*, account, when) -> dict | None                                   the recorded map then
    map_edits_since(*, account, since, limit, offset=0) -> dict                  the edit log
    account_histories(account) -> [(model name, historical queryset)]            every part's history
    worst_flag(deals) / severity_rank(severity) / health_band(score)             readers of the result
    health_band_choices(lang) -> [(band, "Poor (0–39)")]                        the health filter's options
    deal_summaries(*, accounts, lang=None) -> {account id: {deal id: dict}}     pipeline row, cached
    health_trends(*, accounts, weeks=8) -> {account id: {deal id: [score]}}     weekly health, cached
    map_quality(deal_result) -> dict                                             complete map? (4 parts)

Pages, API, CLI, exports and "This week" call these (after `core.access`) and read flags, "met",
"key person", "stale", scores and health bands from the result; nothing outside this package
builds a snapshot or calls `battlemap.analysis.analyze`.
"""

from __future__ import annotations

from .analysis import (
    account_analyses,
    account_analysis,
    account_summaries,
    analysis_language,
    analysis_settings,
    health_band,
    health_band_choices,
    key_people_summaries,
    map_view,
    map_views,
    severity_rank,
    view_people,
    worst_flag,
)
from .as_of import map_as_of
from .changes import changes_since, changes_since_many
from .history import account_histories, map_edits_since
from .pipeline import QUALITY_PARTS, deal_summaries, health_trends, map_quality, trend_days
from .snapshot import build_snapshot, build_snapshots

__all__ = [
    "QUALITY_PARTS",
    "deal_summaries",
    "health_trends",
    "map_quality",
    "trend_days",
    "account_analyses",
    "account_histories",
    "account_analysis",
    "account_summaries",
    "analysis_language",
    "analysis_settings",
    "build_snapshot",
    "build_snapshots",
    "changes_since",
    "changes_since_many",
    "health_band",
    "health_band_choices",
    "key_people_summaries",
    "map_as_of",
    "map_edits_since",
    "map_view",
    "map_views",
    "view_people",
    "severity_rank",
    "worst_flag",
]
