"""Build the analysis snapshot of an account from the database, now or as of a past day.

`build_snapshot` reads every table of the map once (a dozen `values_list` queries, whatever the
size of the account) and hands plain frozen dataclasses to the pure analysis. With `as_of`, each
table is read through django-simple-history (`Model.history.as_of(end of that day)`), so the map is
the one that was recorded by then. The caller has already checked access (core.access).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import fields
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import connection
from django.db.models import Aggregate, CharField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Cast
from django.utils import timezone

from battlemap import vocab
from battlemap.accounts.models import Account, ExternalFactor, OrgUnit
from battlemap.analysis.feedback_types import FeedbackInfo, Rating
from battlemap.analysis.types import (
    AccountInfo,
    ActionItemInfo,
    BodyInfo,
    BodyRoleInfo,
    DealInfo,
    DecisionFactorInfo,
    ExternalFactorInfo,
    InfluenceLinkInfo,
    InteractionInfo,
    MapSnapshot,
    PersonInfo,
    ProcessStepInfo,
    StageChangeInfo,
    StageChannelsInfo,
    StakeholderInfo,
)
from battlemap.deals.models import ActionItem, Coverage, Deal, StageChange, StakeholderRole
from battlemap.interactions.models import Interaction, Participant
from battlemap.people.models import DottedLine, InfluenceLink, Person
from battlemap.process.models import BodyMember, BodyRole, DecisionBody, ProcessStep, StepPerson
from battlemap.surveys.models import SurveyResponse


def _columns(info: type, *, besides: tuple[str, ...] = (), by_id: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The columns to read for a snapshot dataclass: its fields, a relation in `by_id` read as
    `<name>_id`, leaving out the fields in `besides` (computed from other tables)."""
    return tuple(f"{f.name}_id" if f.name in by_id else f.name for f in fields(info) if f.name not in besides)


PERSON_FIELDS = _columns(PersonInfo, besides=("dotted_managers",), by_id=("org_unit", "reports_to"))
ROLE_FIELDS = ("id", "deal_id", *_columns(StakeholderInfo, besides=("covered_by",)))
DEAL_FIELDS = _columns(DealInfo, besides=("stakeholders", "stage_changes", "body_roles", "process"))
BODY_FIELDS = _columns(BodyInfo, besides=("members",), by_id=("chair",))
STEP_FIELDS = ("deal_id", *_columns(ProcessStepInfo, besides=("people",)))


def _deal_factors(factors: Any) -> tuple[DecisionFactorInfo, ...]:
    """The deal's {factor: weight} JSON, heaviest first (ties by the vocabulary's order)."""
    known = {k: float(v) for k, v in (factors or {}).items() if k in vocab.DECISION_FACTORS}
    order = sorted(known, key=lambda k: (-known[k], vocab.DECISION_FACTORS.index(k)))
    return tuple(DecisionFactorInfo(k, known[k]) for k in order)


def _deal_channels(channels: Any) -> tuple[StageChannelsInfo, ...]:
    """The deal's {stage: [channel, ...]} JSON, in decision-chain order."""
    channels = channels or {}
    return tuple(
        StageChannelsInfo(stage, tuple(c for c in channels[stage] if c in vocab.CHANNELS))
        for stage in vocab.STAGES
        if channels.get(stage)
    )


def end_of_day(day: date) -> datetime:
    """The last moment of `day` in the installation's time zone."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min)) - timedelta(
        microseconds=1
    )


def _local_days(texts: Iterable[str]) -> list[date]:
    """Local calendar days of database timestamps given as text (naive = UTC, as Django stores them)."""
    zone = timezone.get_current_timezone()
    seen: dict[str, date] = {}
    days = []
    for text in texts:
        key = text[:16] + text[19:].lstrip(".0123456789")  # the minute and any offset fix the local day
        day = seen.get(key)
        if day is None:
            moment = datetime.fromisoformat(text)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            day = seen[key] = moment.astimezone(zone).date()
        days.append(day)
    return days


def _rows(model: Any, moment: datetime | None) -> QuerySet:
    """The live table, or the table as it was recorded at `moment`."""
    return model.history.as_of(moment) if moment is not None else model.objects.all()


def _records(queryset: QuerySet, fields: tuple[str, ...]) -> Iterable[dict[str, Any]]:
    """Each row as a dict of `fields`: `values_list` is the fastest read, the names keep it legible."""
    for row in queryset.values_list(*fields):
        yield dict(zip(fields, row, strict=True))


def _infos(info: type, queryset: QuerySet, **columns: Any) -> tuple:
    """The rows of `queryset` as `info` dataclasses, in id order (`columns` as in `_columns`)."""
    return tuple(info(*row) for row in queryset.values_list(*_columns(info, **columns)).order_by("id"))


def _with_days(rows: Iterable[tuple]) -> Iterable[tuple[tuple, date]]:
    """Rows whose last column is a timestamp as text, each with its local day."""
    rows = list(rows)
    return zip(rows, _local_days(row[-1] for row in rows), strict=True)


def _grouped(pairs: Iterable[tuple[Any, Any]]) -> dict[Any, list]:
    """The values of (key, value) pairs grouped by key, in order: e.g. each person's dotted-line managers."""
    grouped: dict[Any, list] = defaultdict(list)
    for key, value in pairs:
        grouped[key].append(value)
    return grouped


def build_snapshot(*, account: Account, as_of: date | None = None, today: date | None = None) -> MapSnapshot:
    """The map of `account` as a `MapSnapshot` (as of the end of day `as_of` when given).

    `today` is the analysis date (freshness, stale relationships); it defaults to `as_of`, else
    today. Raises `ValueError("as_of: …")` when the account did not exist yet at `as_of`.
    """
    moment = end_of_day(as_of) if as_of is not None else None
    today = today or as_of or timezone.localdate()
    from battlemap.analysis.engine import paused_gc  # the engine (numpy, scipy) loads on first use

    with paused_gc():
        return _build(account, moment, today)


def _build(account: Account, moment: datetime | None, today: date) -> MapSnapshot:
    if moment is not None:
        try:
            account = Account.history.as_of(moment).get(id=account.pk)
        except ObjectDoesNotExist:
            raise ValueError(f"as_of: account {account.slug!r} did not exist yet") from None
    people_qs = _rows(Person, moment).filter(account_id=account.pk)
    deals_qs = _rows(Deal, moment).filter(account_id=account.pk)
    interactions_qs = _rows(Interaction, moment).filter(account_id=account.pk)
    roles_qs = _rows(StakeholderRole, moment).filter(deal_id__in=deals_qs.values("id"))

    units = dict(_rows(OrgUnit, moment).filter(account_id=account.pk).values_list("id", "name"))
    dotted = _grouped(
        _rows(DottedLine, moment)
        .filter(person_id__in=people_qs.values("id"))
        .values_list("person_id", "manager_id")
    )

    people = []
    for values in _records(people_qs, PERSON_FIELDS):
        values["org_unit"] = units.get(values.pop("org_unit_id"), "")
        values["reports_to"] = values.pop("reports_to_id")
        values["dotted_managers"] = tuple(dotted.get(values["id"], ()))
        people.append(PersonInfo(**values))
    people.sort(key=lambda p: p.id)

    links = _infos(
        InfluenceLinkInfo,
        _rows(InfluenceLink, moment).filter(account_id=account.pk),
        by_id=("source", "target"),
    )
    factors = _infos(ExternalFactorInfo, _rows(ExternalFactor, moment).filter(account_id=account.pk))

    covered_by = _grouped(
        _rows(Coverage, moment)
        .filter(stakeholder_id__in=roles_qs.values("id"))
        .values_list("stakeholder_id", "user__username")
    )
    roles_by_deal: dict[int, list[StakeholderInfo]] = defaultdict(list)
    for values in _records(roles_qs.order_by("id"), ROLE_FIELDS):
        pk, deal_id = values.pop("id"), values.pop("deal_id")
        values["roles"] = tuple(values["roles"] or ())
        values["covered_by"] = tuple(username or "" for username in covered_by.get(pk, ()))
        roles_by_deal[deal_id].append(StakeholderInfo(**values))
    stages_by_deal = _grouped(
        (deal_id, StageChangeInfo(stage, changed_on))
        for deal_id, stage, changed_on in _rows(StageChange, moment)
        .filter(deal_id__in=deals_qs.values("id"))
        .values_list("deal_id", "stage", "changed_on")
        .order_by("changed_on", "id")
    )
    bodies, body_roles, steps = _bodies_and_process(account, deals_qs, moment)
    deals = []
    for values in _records(deals_qs.order_by("name", "id"), DEAL_FIELDS):
        amount = values["amount"]
        values["amount"] = float(amount) if amount is not None else None
        values["competitors"] = tuple(values["competitors"] or ())
        values["stakeholders"] = tuple(roles_by_deal.get(values["id"], ()))
        values["stage_changes"] = tuple(stages_by_deal.get(values["id"], ()))
        values["decision_factors"] = _deal_factors(values["decision_factors"])
        values["channels"] = _deal_channels(values["channels"])
        values["body_roles"] = tuple(body_roles.get(values["id"], ()))
        values["process"] = tuple(steps.get(values["id"], ()))
        deals.append(DealInfo(**values))
    items = tuple(
        ActionItemInfo(*row, owner=owner or "")
        for *row, owner in _rows(ActionItem, moment)
        .filter(deal_id__in=deals_qs.values("id"))
        .values_list(*_columns(ActionItemInfo, besides=("owner",)), "owner__username")
        .order_by("id")
    )

    interactions = _interactions(interactions_qs, moment)

    answers = _rows(SurveyResponse, moment).filter(account_id=account.pk)
    feedback = tuple(
        FeedbackInfo(
            pk,
            person_id,
            kind,
            day,
            deal_id,
            tuple(Rating(k, float(v)) for k, v in sorted((ratings or {}).items())),
            nps,
        )
        for (pk, person_id, kind, deal_id, ratings, nps, _at), day in _with_days(
            answers.annotate(at=Cast("answered_at", CharField()))
            .values_list("id", "person_id", "kind", "deal_id", "ratings", "nps", "at")
            .order_by("answered_at", "id")
        )
    )

    return MapSnapshot(
        account=AccountInfo(**{name: getattr(account, name) for name in _columns(AccountInfo)}),
        today=today,
        people=tuple(people),
        links=links,
        external_factors=factors,
        deals=tuple(deals),
        interactions=interactions,
        action_items=items,
        bodies=bodies,
        feedback=feedback,
    )


class _IdList(Aggregate):
    """The ids of a group as one text "3,17,42" (GROUP_CONCAT; STRING_AGG on PostgreSQL)."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(CAST(%(expressions)s AS text), ',')",
            **extra,
        )


def _interactions(interactions_qs: QuerySet, moment: datetime | None) -> tuple[InteractionInfo, ...]:
    """The interactions in time order, each with its participants' ids in ascending order.

    Interactions are the biggest table of a map (200k interactions, 500k participants in a 10k-person
    account): on the live map each row brings its participants as one text column, read in a single
    pass, instead of half a million (interaction, person) rows grouped in Python. occurred_at is read
    as text: Django's per-row datetime converters cost more than the whole analysis.
    """
    rows = interactions_qs.annotate(at=Cast("occurred_at", CharField()))
    if moment is None:
        if connection.features.allows_group_by_selected_pks:  # PostgreSQL: GROUP BY the id alone
            rows = rows.annotate(who=_IdList("participants__person_id"))
        else:  # SQLite would group by every column: a subquery per row is cheaper there
            rows = rows.annotate(
                who=Subquery(
                    Participant.objects.filter(interaction_id=OuterRef("id"))
                    .values("interaction_id")
                    .annotate(ids=_IdList("person_id"))
                    .values("ids")
                )
            )
        participants = None
    else:  # history: the participants recorded by then, grouped here
        rows = rows.annotate(who=Value(None, output_field=CharField()))
        participants = _grouped(
            _rows(Participant, moment)
            .filter(interaction_id__in=interactions_qs.values("id"))
            .values_list("interaction_id", "person_id")
        )
    rows = list(
        rows.values_list("id", "at", "kind", "deal_id", "summary", "who").order_by("occurred_at", "id")
    )
    days = _local_days(row[1] for row in rows)
    return tuple(
        InteractionInfo(
            pk,
            day,
            kind,
            tuple(
                sorted(map(int, who.split(",")) if who else participants.get(pk, ()) if participants else ())
            ),
            deal_id,
            summary,
        )
        for (pk, _, kind, deal_id, summary, who), day in zip(rows, days, strict=True)
    )


def _bodies_and_process(
    account: Account, deals_qs: QuerySet, moment: datetime | None
) -> tuple[tuple[BodyInfo, ...], dict[int, list[BodyRoleInfo]], dict[int, list[ProcessStepInfo]]]:
    """The account's decision bodies with their members; per deal, the bodies' roles and the process
    steps in order (each with the people responsible)."""
    bodies_qs = _rows(DecisionBody, moment).filter(account_id=account.pk)
    members = _grouped(
        _rows(BodyMember, moment)
        .filter(body_id__in=bodies_qs.values("id"))
        .values_list("body_id", "person_id")
        .order_by("person_id")
    )
    bodies = []
    for values in _records(bodies_qs.order_by("id"), BODY_FIELDS):
        values["chair"] = values.pop("chair_id")
        values["members"] = tuple(members.get(values["id"], ()))
        bodies.append(BodyInfo(**values))
    roles = _grouped(
        (deal_id, BodyRoleInfo(body_id, tuple(codes or ())))
        for deal_id, body_id, codes in _rows(BodyRole, moment)
        .filter(deal_id__in=deals_qs.values("id"))
        .values_list("deal_id", "body_id", "roles")
        .order_by("body_id", "id")
    )
    steps_qs = _rows(ProcessStep, moment).filter(deal_id__in=deals_qs.values("id"))
    people = _grouped(
        _rows(StepPerson, moment)
        .filter(step_id__in=steps_qs.values("id"))
        .values_list("step_id", "person_id")
        .order_by("person_id")
    )
    steps: dict[int, list[ProcessStepInfo]] = defaultdict(list)
    for values in _records(steps_qs.order_by("position", "id"), STEP_FIELDS):
        deal_id = values.pop("deal_id")
        values["people"] = tuple(people.get(values["id"], ()))
        steps[deal_id].append(ProcessStepInfo(**values))
    return tuple(bodies), roles, steps
