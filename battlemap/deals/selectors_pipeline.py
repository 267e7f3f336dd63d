"""Reads for the pipeline (/deals/) and the map-quality report: every open deal the user may see.

Accounts come through the one gate (`core.access.accounts_visible_to`); health, flags, days in stage and
map quality from the cached analysis (`maps.deal_summaries`), the 8-week trend from history
(`maps.health_trends`). Nothing here decides a flag, a band or what makes a map complete. The number of
queries does not grow with the number of deals (tests/web_deals/test_pipeline.py holds it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from battlemap.accounts.models import Account
from battlemap.accounts.selectors import account_owners
from battlemap.core.access import accounts_visible_to, managed_team_ids
from battlemap.core.text import user_name
from battlemap.deals.models import Deal
from battlemap.interactions.selectors import last_contact_by_deal
from battlemap.maps import deal_summaries, health_trends, severity_rank, trend_days
from battlemap.maps.cache import global_fingerprint
from battlemap.teams.models import Membership, Team
from battlemap.vocab import HEALTH_BANDS, MAP_QUALITY_BANDS, STAGES

PIPELINE_SORTS = (
    "account",
    "deal",
    "owner",
    "amount",
    "stage",
    "close",
    "health",
    "flag",
    "days",
    "last_contact",
    "quality",
    "qualification",
)
QUALIFICATION_BELOW = ("50", "75")  # the qualification filter: MEDDPICC score below one of these
QUALITY_BANDS = MAP_QUALITY_BANDS.codes
# the team filter naming no team of the user's nor of an account they see (`pipeline_teams`): the page lists no deal
# and says this, the API refuses it (a manager who typed another team's slug learnt which of his sellers are in it)
NO_SUCH_TEAM = gettext_lazy("No such team among yours or those of the accounts you see.")
ALL = "all"  # the owner filter: every deal the user may see
REPS = "reps"  # the owner filter: the deals of the members of the teams the user manages (his default)


@dataclass
class PipelineFilters:
    owner: str = ""  # "" = the default (REPS for a manager, ALL otherwise), ALL, REPS or a username
    team: str = ""  # a team's slug
    stage: str = ""
    health: str = ""  # good / fair / poor
    quarter: str = ""  # e.g. 2026-Q4 (of the expected close)
    quality: str = ""  # green / amber / red
    qualification: str = ""  # a QUALIFICATION_BELOW: deals whose MEDDPICC score is below it
    sort: str = "close"

    @classmethod
    def from_query(cls, query) -> PipelineFilters:
        """From a GET query (web or API); unknown values are ignored, not errors (a stale link still shows)."""
        get = {
            k: (query.get(k) or "").strip()
            for k in ("owner", "team", "stage", "health", "quarter", "quality", "qualification")
        }
        sort = (query.get("sort") or "close").strip()
        return cls(
            owner=get["owner"],
            team=get["team"],
            stage=get["stage"] if get["stage"] in STAGES else "",
            health=get["health"] if get["health"] in HEALTH_BANDS else "",
            quarter=get["quarter"],
            quality=get["quality"] if get["quality"] in QUALITY_BANDS else "",
            qualification=get["qualification"] if get["qualification"] in QUALIFICATION_BELOW else "",
            sort=sort if sort.lstrip("-") in PIPELINE_SORTS else "close",
        )

    def params(self) -> dict[str, str]:
        keys = ("owner", "team", "stage", "health", "quarter", "quality", "qualification")
        return {k: getattr(self, k) for k in keys}


@dataclass
class PipelineRow:
    deal_id: int
    name: str
    account: Account
    amount: Decimal | None
    currency: str
    stage: str
    expected_close: date | None
    health: int | None
    band: str
    trend: list[int | None]  # see `Pipeline.details`
    flag: dict[str, Any] | None
    days_in_stage: int | None
    last_contact: datetime | None  # see `Pipeline.details`
    quality: dict[str, Any] = field(default_factory=dict)
    qualification: int | None = None  # the MEDDPICC score, 0..100

    @property
    def owner(self):
        return self.account.owner

    @property
    def quarter(self) -> str:
        return quarter_of(self.expected_close)


@dataclass
class StageTotal:
    stage: str
    count: int = 0
    amounts: dict[str, Decimal] = field(default_factory=dict)  # per currency, never summed across


@dataclass
class Pipeline:
    rows: list[PipelineRow]
    filters: PipelineFilters
    owner_scope: str  # the owner filter in effect (the default resolved)
    totals: list[StageTotal]  # one per stage with deals, in the order of the stages
    total: StageTotal  # every listed deal
    options: dict[str, list]
    # Whether every row has its trend and last contact. A pipeline read for one page (`pipeline_page`) has them
    # on that page's rows only (and the last contact on every row when sorted by it): the rest are not shown.
    details: bool = True
    fingerprint: str = ""  # the analysis cache's, read once for the summaries and the trends
    no_such_team: bool = (
        False  # the team filter names none the user may filter by (NO_SUCH_TEAM): none listed
    )


def quarter_of(day: date | None) -> str:
    """The calendar quarter of a close date as the pipeline filters it ("2026-Q4"); "" for no date."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}" if day else ""


def managed_reps(user) -> list[int]:
    """Ids of the members of the teams `user` manages (his reps), himself left out."""
    managed = managed_team_ids(user)
    return list(
        Membership.objects.filter(team__in=managed)
        .exclude(user=user)
        .values_list("user_id", flat=True)
        .distinct()
    )


def managed_accounts(user) -> Q:
    """The accounts a manager reviews as his team's ("my reps'"): owned by a member of a team he manages, or
    shared with such a team whoever owns it now (a rep who left the team leaves his accounts shared with it in
    the manager's view, as the team's removal page says); never his own. The one rule of the pipeline's and
    map quality's default and of This week's "my reps' overdue action items"."""
    managed = managed_team_ids(user)
    reps = Membership.objects.filter(team__in=managed).exclude(user=user).values("user_id")
    return (Q(owner__in=reps) | Q(team__in=managed)) & ~Q(owner=user)


def _scoped_accounts(user, filters: PipelineFilters) -> tuple[list[Account], str, bool]:
    """The accounts the filters keep, the owner scope in effect, and whether the team filter names no team `user`
    may filter by (`pipeline_teams`; then no account: NO_SUCH_TEAM)."""
    accounts = accounts_visible_to(user).select_related("owner", "team")
    scope = filters.owner
    reps = None
    if scope in ("", REPS):
        reps = managed_reps(user)
        if scope == "" and not reps:
            scope = ALL
        else:
            scope = REPS
    if scope == REPS:
        accounts = accounts.filter(managed_accounts(user))
    elif scope != ALL:
        accounts = accounts.filter(owner__username=scope)
    if filters.team:
        if not pipeline_teams(user).filter(slug=filters.team).exists():
            return [], scope, True
        members = Membership.objects.filter(team__slug=filters.team).values("user_id")
        accounts = accounts.filter(Q(team__slug=filters.team) | Q(owner__in=members))
    return list(accounts), scope, False


def _sorted(rows: list[PipelineRow], sort: str) -> list[PipelineRow]:
    far = date.max
    keys = {
        "account": lambda r: (r.account.name_key, r.name),
        "deal": lambda r: r.name,
        "owner": lambda r: user_name(r.owner),
        "amount": lambda r: r.amount if r.amount is not None else Decimal(-1),
        "stage": lambda r: STAGES.index(r.stage) if r.stage in STAGES else 99,
        "close": lambda r: r.expected_close or far,
        "health": lambda r: -1 if r.health is None else r.health,
        "flag": lambda r: severity_rank((r.flag or {}).get("severity")),
        "days": lambda r: -1 if r.days_in_stage is None else r.days_in_stage,
        "last_contact": lambda r: r.last_contact.timestamp() if r.last_contact else 0.0,
        "quality": lambda r: r.quality.get("score", 0),
        "qualification": lambda r: -1 if r.qualification is None else r.qualification,
    }
    name = sort.lstrip("-")
    rows = sorted(rows, key=keys.get(name, keys["close"]), reverse=sort.startswith("-"))
    if name == "amount":  # no exchange rates are kept: amounts compare within their currency, currencies A–Z
        rows.sort(key=lambda r: r.currency or "")  # stable: each currency's amounts stay in the order asked
    return rows


def stage_totals(rows: list[PipelineRow]) -> tuple[list[StageTotal], StageTotal]:
    """Count and amount per stage (amounts per currency), and over all the rows."""
    by_stage: dict[str, StageTotal] = {}
    total = StageTotal(stage="")
    for row in rows:
        for bucket in (by_stage.setdefault(row.stage, StageTotal(stage=row.stage)), total):
            bucket.count += 1
            if row.amount is not None:
                bucket.amounts[row.currency] = bucket.amounts.get(row.currency, Decimal(0)) + row.amount
    ordered = [by_stage[s] for s in STAGES if s in by_stage]
    for bucket in [*ordered, total]:
        bucket.amounts = dict(sorted(bucket.amounts.items()))
    return ordered, total


def pipeline_teams(user):
    """The teams `user` may filter the pipeline by: his own, and those of the accounts he sees (as
    (slug, name), by name). Any other slug is no team of his: the API refuses it, naming `team`."""
    return (
        Team.objects.filter(Q(accounts__in=accounts_visible_to(user)) | Q(memberships__user=user))
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )


def pipeline_owner_exists(user, username: str) -> bool:  # noqa: ANN001
    """Whether `username` owns an account `user` may see: the pipeline's owner filter, as its options list them."""
    return accounts_visible_to(user).filter(owner__username=username).exists()


def _options(user, accounts: list[Account], rows: list[PipelineRow]) -> dict[str, list]:
    owners = account_owners(user)
    teams = list(pipeline_teams(user))
    quarters = sorted({r.quarter for r in rows if r.quarter})
    return {"owners": owners, "teams": teams, "quarters": quarters, "reps": bool(managed_reps(user))}


def pipeline(
    *, user, filters: PipelineFilters | None = None, with_options: bool = True, details: bool = True
) -> Pipeline:
    """The open deals `user` may see, filtered and sorted, with totals per stage. `details=False` leaves out
    what only a shown row needs — the 8-week trend and, unless the rows are sorted by it, the last contact —
    for `with_details` to add to the rows of one page (`pipeline_page`)."""
    filters = filters or PipelineFilters()
    accounts, scope, no_such_team = _scoped_accounts(user, filters)
    by_id = {a.pk: a for a in accounts}
    deals = Deal.objects.filter(account_id__in=list(by_id), status="open")
    if filters.stage:
        deals = deals.filter(stage=filters.stage)
    deal_rows = list(
        deals.values("id", "name", "account_id", "amount", "currency", "stage", "expected_close")
    )
    with_deals = [by_id[pk] for pk in sorted({d["account_id"] for d in deal_rows})]
    fingerprint = global_fingerprint()  # read once for both cached lists
    summaries = deal_summaries(accounts=with_deals, fingerprint=fingerprint)
    rows = []
    for d in deal_rows:
        s = summaries[d["account_id"]].get(d["id"], {})
        rows.append(
            PipelineRow(
                deal_id=d["id"],
                name=d["name"],
                account=by_id[d["account_id"]],
                amount=d["amount"],
                currency=d["currency"],
                stage=d["stage"],
                expected_close=d["expected_close"],
                health=s.get("health"),
                band=s.get("band", ""),
                trend=[],
                flag=s.get("flag"),
                days_in_stage=s.get("days_in_stage"),
                last_contact=None,
                quality=s.get("quality") or {},
                qualification=s.get("qualification"),
            )
        )
    options = _options(user, accounts, rows) if with_options else {}
    if filters.quarter:
        rows = [r for r in rows if r.quarter == filters.quarter]
    if filters.health:
        rows = [r for r in rows if r.band == filters.health]
    if filters.quality:
        rows = [r for r in rows if r.quality.get("band") == filters.quality]
    if filters.qualification:
        below = int(filters.qualification)
        rows = [r for r in rows if r.qualification is not None and r.qualification < below]
    if details:
        with_details(rows, fingerprint=fingerprint)
    elif filters.sort.lstrip("-") == "last_contact":
        with_details(rows, fingerprint=fingerprint, trends=False)
    rows = _sorted(rows, filters.sort)
    totals, total = stage_totals(rows)
    return Pipeline(
        rows=rows,
        filters=filters,
        owner_scope=scope,
        totals=totals,
        total=total,
        options=options,
        details=details,
        fingerprint=fingerprint,
        no_such_team=no_such_team,
    )


def with_details(rows: list[PipelineRow], *, fingerprint: str = "", trends: bool = True) -> None:
    """Fill in each row's last contact and (with `trends`) its 8-week health trend, ending at today's health:
    two grouped queries and the cached trends of the rows' accounts, whatever the number of rows."""
    last = last_contact_by_deal([r.deal_id for r in rows])
    for row in rows:
        row.last_contact = last.get(row.deal_id)
    if not trends:
        return
    accounts = list({r.account.pk: r.account for r in rows}.values())
    past_points = health_trends(accounts=accounts, fingerprint=fingerprint or global_fingerprint())
    new = [None] * (len(trend_days(timezone.localdate())) - 1)  # a deal new this week
    for row in rows:
        row.trend = [*past_points[row.account.pk].get(row.deal_id, new), row.health]


def pipeline_page(
    *, user, filters: PipelineFilters | None = None, number: str | int | None = 1, per_page: int
) -> tuple[Pipeline, Page]:
    """The pipeline (totals, counts and options over every listed deal) and its page `number` of `per_page`
    rows (Django's `Paginator.get_page`: not a number is the first page, past the end the last), only those
    rows with their trend and last contact: a pipeline of thousands of deals reads the details of one page."""
    result = pipeline(user=user, filters=filters, details=False)
    page = Paginator(result.rows, per_page).get_page(number)
    with_details(list(page.object_list), fingerprint=result.fingerprint)
    return result, page


@dataclass
class OwnerCoverage:
    owner: Any
    deals: list[PipelineRow] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.deals)

    def _band(self, band: str) -> int:
        return sum(1 for r in self.deals if r.quality.get("band") == band)

    @property
    def green(self) -> int:
        return self._band("green")

    @property
    def amber(self) -> int:
        return self._band("amber")

    @property
    def red(self) -> int:
        return self._band("red")

    @property
    def share(self) -> int:
        """Percent of the owner's open deals with a complete map."""
        return round(100 * self.green / self.count) if self.count else 0


def map_quality_report(
    *, user, filters: PipelineFilters | None = None, number: str | int | None = 1, per_page: int | None = None
) -> dict[str, Any]:
    """The manager's report: the share of open deals with a complete map, red/amber/green per deal with
    the missing parts named (the analysis' flags), and coverage by owner — over every listed deal; "page":
    the deals of page `number` of `per_page` (`Paginator.get_page`; all of them on one page without
    `per_page`). The report shows no trend nor last contact: no row reads them."""
    filters = filters or PipelineFilters(sort="quality")
    result = pipeline(user=user, filters=filters, details=False)
    owners: dict[int, OwnerCoverage] = {}
    for row in result.rows:
        owners.setdefault(row.owner.pk, OwnerCoverage(owner=row.owner)).deals.append(row)
    overall = OwnerCoverage(owner=None, deals=result.rows)
    return {
        "pipeline": result,
        "overall": overall,
        "by_owner": sorted(owners.values(), key=lambda o: (o.share, o.owner.get_username())),
        "page": Paginator(result.rows, per_page or max(1, len(result.rows))).get_page(number),
        "today": timezone.localdate(),
    }
