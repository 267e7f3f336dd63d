"""Build the analysis snapshot of an account from the database, now or as of a past day.

`build_snapshot` reads every table of the map once (a dozen `values_list` queries, whatever the
size of the account); `build_snapshots` does the same for many accounts in the same queries and hands plain frozen dataclasses to the pure analysis. With `as_of`, each
table is read through django-simple-history (`tables.recorded_at(Model, end of that day)`: each record's latest
row, ties broken by history id), so the map is the one that was recorded by then. The caller has already checked access (core.access).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.db.models import CharField, OuterRef, QuerySet, Subquery, Value
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
    CloseMoveInfo,
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

from .namesakes import told_apart
from .tables import (
    IdList,
    columns_of,
    day_of,
    grouped,
    infos_by_account,
    local_days,
    moment_of,
    recorded_at,
    records,
    rows_then,
    with_days,
)

PERSON_FIELDS = columns_of(
    PersonInfo, besides=("dotted_managers", "namesake_note"), by_id=("org_unit", "reports_to")
)
ROLE_FIELDS = ("id", "deal_id", *columns_of(StakeholderInfo, besides=("covered_by",)))
DEAL_FIELDS = columns_of(
    DealInfo, besides=("stakeholders", "stage_changes", "body_roles", "process", "close_moves")
)
BODY_FIELDS = columns_of(BodyInfo, besides=("members",), by_id=("chair",))
STEP_FIELDS = ("deal_id", *columns_of(ProcessStepInfo, besides=("people",)))


def _close_moves(deals: Any, moment: datetime | None) -> dict[int, tuple[CloseMoveInfo, ...]]:
    """Per deal, each change of a set expected close (one date to another) from the deal's history up to
    `moment`, oldest first, dated in local days: what "close date pushed" reads. One query."""
    rows = Deal.history.filter(id__in=deals.values("id"))
    if moment is not None:
        rows = rows.filter(history_date__lte=moment)
    moves: dict[int, list[CloseMoveInfo]] = defaultdict(list)
    last: dict[int, date | None] = {}
    for deal_id, when, close in rows.order_by("id", "history_date", "history_id").values_list(
        "id", "history_date", "expected_close"
    ):
        before = last.get(deal_id)
        if before is not None and close is not None and close != before:
            moves[deal_id].append(CloseMoveInfo(timezone.localdate(when), before, close))
        last[deal_id] = close if close is not None else before
    return {deal_id: tuple(found) for deal_id, found in moves.items()}


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


def build_snapshot(
    *, account: Account, as_of: date | datetime | None = None, today: date | None = None
) -> MapSnapshot:
    """The map of `account` as a `MapSnapshot` (as of the end of day `as_of` when given, or as of the
    moment `as_of` when it is an aware datetime).

    `today` is the analysis date (freshness, stale relationships); it defaults to `as_of`, else
    today. Raises `ValueError("as_of: …")` when the account did not exist yet at `as_of`.
    """
    snapshot = build_snapshots(accounts=[account], as_of=as_of, today=today).get(account.pk)
    if snapshot is None:
        raise ValueError(f"as_of: account {account.slug!r} did not exist yet")
    return snapshot


def build_snapshots(
    *, accounts: list[Account], as_of: date | datetime | None = None, today: date | None = None
) -> dict[int, MapSnapshot]:
    """`build_snapshot` of many accounts at once, {account id: MapSnapshot}: one query per table for
    all of them (at most 18), whatever their number. With `as_of` (a day: its end; or a moment), an
    account that did not exist yet then is left out."""
    moment = moment_of(as_of) if as_of is not None else None
    today = today or (day_of(as_of) if as_of is not None else timezone.localdate())
    from battlemap.analysis.engine import paused_gc  # the engine (numpy, scipy) loads on first use

    with paused_gc():
        return _build(list(accounts), moment, today) if accounts else {}


def _build(accounts: list[Account], moment: datetime | None, today: date) -> dict[int, MapSnapshot]:
    ids = [a.pk for a in accounts]
    if moment is not None:  # the accounts as recorded then; those not yet created are left out
        accounts = list(recorded_at(Account, moment).filter(id__in=ids).order_by("id"))
        ids = [a.id for a in accounts]
    people_qs = rows_then(Person, moment).filter(account_id__in=ids)
    deals_qs = rows_then(Deal, moment).filter(account_id__in=ids)
    interactions_qs = rows_then(Interaction, moment).filter(account_id__in=ids)
    roles_qs = rows_then(StakeholderRole, moment).filter(deal_id__in=deals_qs.values("id"))

    units = dict(rows_then(OrgUnit, moment).filter(account_id__in=ids).values_list("id", "name"))
    dotted = grouped(
        rows_then(DottedLine, moment)
        .filter(person_id__in=people_qs.values("id"))
        .values_list("person_id", "manager_id")
    )

    people = defaultdict(list)
    # People and each deal's stakeholders in name order (the stored pinyin key), ids only between namesakes:
    # the analysis breaks its ties (equal influence, equal days since contact) in the snapshot's order, and
    # ids, or the order roles were added in, do not survive a copy of the account (export → import-map).
    order: dict[int, tuple[str, int]] = {}
    for values in records(people_qs, ("account_id", "name_key", *PERSON_FIELDS)):
        account_id = values.pop("account_id")
        order[values["id"]] = (values.pop("name_key"), values["id"])
        values["org_unit"] = units.get(values.pop("org_unit_id"), "")
        values["reports_to"] = values.pop("reports_to_id")
        values["dotted_managers"] = tuple(dotted.get(values["id"], ()))
        people[account_id].append(PersonInfo(**values))
    for account_id, listed in people.items():  # sorted here, not by the database: collations differ
        listed.sort(key=lambda p: order[p.id])
        people[account_id] = told_apart(listed)

    links = infos_by_account(
        InfluenceLinkInfo,
        rows_then(InfluenceLink, moment).filter(account_id__in=ids),
        by_id=("source", "target"),
    )
    factors = infos_by_account(
        ExternalFactorInfo, rows_then(ExternalFactor, moment).filter(account_id__in=ids)
    )

    covered_by = grouped(
        rows_then(Coverage, moment)
        .filter(stakeholder_id__in=roles_qs.values("id"))
        .values_list("stakeholder_id", "user__username")
    )
    roles_by_deal: dict[int, list[StakeholderInfo]] = defaultdict(list)
    for values in records(roles_qs, ROLE_FIELDS):
        pk, deal_id = values.pop("id"), values.pop("deal_id")
        values["roles"] = tuple(values["roles"] or ())
        values["covered_by"] = tuple(sorted(username or "" for username in covered_by.get(pk, ())))
        roles_by_deal[deal_id].append(StakeholderInfo(**values))
    for listed in roles_by_deal.values():
        listed.sort(key=lambda s: order.get(s.person_id, ("", s.person_id)))
    stages_by_deal = grouped(
        (deal_id, StageChangeInfo(stage, changed_on))
        for deal_id, stage, changed_on in rows_then(StageChange, moment)
        .filter(deal_id__in=deals_qs.values("id"))
        .values_list("deal_id", "stage", "changed_on")
        .order_by("changed_on", "id")
    )
    bodies, body_roles, steps = _bodies_and_process(ids, deals_qs, moment)
    close_moves = _close_moves(deals_qs, moment)
    deals = defaultdict(list)
    deal_accounts: dict[int, int] = {}
    for values in records(deals_qs.order_by("name", "id"), ("account_id", *DEAL_FIELDS)):
        account_id = deal_accounts[values["id"]] = values.pop("account_id")
        amount = values["amount"]
        values["amount"] = float(amount) if amount is not None else None
        values["competitors"] = tuple(values["competitors"] or ())
        values["stakeholders"] = tuple(roles_by_deal.get(values["id"], ()))
        values["stage_changes"] = tuple(stages_by_deal.get(values["id"], ()))
        values["decision_factors"] = _deal_factors(values["decision_factors"])
        values["channels"] = _deal_channels(values["channels"])
        values["body_roles"] = tuple(body_roles.get(values["id"], ()))
        values["process"] = tuple(steps.get(values["id"], ()))
        values["close_moves"] = close_moves.get(values["id"], ())
        deals[account_id].append(DealInfo(**values))
    items = grouped(
        (deal_accounts.get(item.deal_id), item)
        for item in (
            ActionItemInfo(*row, owner=owner or "")
            for *row, owner in rows_then(ActionItem, moment)
            .filter(deal_id__in=deals_qs.values("id"))
            .values_list(*columns_of(ActionItemInfo, besides=("owner",)), "owner__username")
            .order_by("id")
        )
    )

    interactions = _interactions(interactions_qs, moment)

    answers = rows_then(SurveyResponse, moment).filter(account_id__in=ids)
    feedback = grouped(
        (
            account_id,
            FeedbackInfo(
                pk,
                person_id,
                kind,
                day,
                deal_id,
                tuple(Rating(k, float(v)) for k, v in sorted((ratings or {}).items())),
                nps,
            ),
        )
        for (account_id, pk, person_id, kind, deal_id, ratings, nps, _at), day in with_days(
            answers.annotate(at=Cast("answered_at", CharField()))
            .values_list("account_id", "id", "person_id", "kind", "deal_id", "ratings", "nps", "at")
            .order_by("answered_at", "id")
        )
    )

    return {
        account.id: MapSnapshot(
            account=AccountInfo(**{name: getattr(account, name) for name in columns_of(AccountInfo)}),
            today=today,
            people=tuple(people.get(account.id, ())),
            links=tuple(links.get(account.id, ())),
            external_factors=tuple(factors.get(account.id, ())),
            deals=tuple(deals.get(account.id, ())),
            interactions=tuple(interactions.get(account.id, ())),
            action_items=tuple(items.get(account.id, ())),
            bodies=tuple(bodies.get(account.id, ())),
            feedback=tuple(feedback.get(account.id, ())),
        )
        for account in accounts
    }


def _interactions(interactions_qs: QuerySet, moment: datetime | None) -> dict[int, list[InteractionInfo]]:
    """Each account's interactions in time order, each with its participants' ids in ascending order.

    Interactions are the biggest table of a map (200k interactions, 500k participants in a 10k-person
    account): on the live map each row brings its participants as one text column, read in a single
    pass, instead of half a million (interaction, person) rows grouped in Python. occurred_at is read
    as text: Django's per-row datetime converters cost more than the whole analysis.
    """
    rows = interactions_qs.annotate(at=Cast("occurred_at", CharField()))
    if moment is None:
        if connection.features.allows_group_by_selected_pks:  # PostgreSQL: GROUP BY the id alone
            rows = rows.annotate(who=IdList("participants__person_id"))
        else:  # SQLite would group by every column: a subquery per row is cheaper there
            rows = rows.annotate(
                who=Subquery(
                    Participant.objects.filter(interaction_id=OuterRef("id"))
                    .values("interaction_id")
                    .annotate(ids=IdList("person_id"))
                    .values("ids")
                )
            )
        participants = None
    else:  # history: the participants recorded by then, grouped here
        rows = rows.annotate(who=Value(None, output_field=CharField()))
        participants = grouped(
            rows_then(Participant, moment)
            .filter(interaction_id__in=interactions_qs.values("id"))
            .values_list("interaction_id", "person_id")
        )
    rows = list(
        rows.values_list("account_id", "id", "at", "kind", "deal_id", "summary", "who").order_by(
            "occurred_at", "id"
        )
    )
    days = local_days(row[2] for row in rows)
    return grouped(
        (
            account_id,
            InteractionInfo(
                pk,
                day,
                kind,
                tuple(
                    sorted(
                        map(int, who.split(",")) if who else participants.get(pk, ()) if participants else ()
                    )
                ),
                deal_id,
                summary,
            ),
        )
        for (account_id, pk, _, kind, deal_id, summary, who), day in zip(rows, days, strict=True)
    )


def _bodies_and_process(
    ids: list[int], deals_qs: QuerySet, moment: datetime | None
) -> tuple[dict[int, list[BodyInfo]], dict[int, list[BodyRoleInfo]], dict[int, list[ProcessStepInfo]]]:
    """Per account, its decision bodies with their members; per deal, the bodies' roles and the
    process steps in order (each with the people responsible)."""
    bodies_qs = rows_then(DecisionBody, moment).filter(account_id__in=ids)
    members = grouped(
        rows_then(BodyMember, moment)
        .filter(body_id__in=bodies_qs.values("id"))
        .values_list("body_id", "person_id")
        .order_by("person_id")
    )
    bodies: dict[int, list[BodyInfo]] = defaultdict(list)
    for values in records(bodies_qs.order_by("id"), ("account_id", *BODY_FIELDS)):
        account_id = values.pop("account_id")
        values["chair"] = values.pop("chair_id")
        values["members"] = tuple(members.get(values["id"], ()))
        bodies[account_id].append(BodyInfo(**values))
    roles = grouped(
        (deal_id, BodyRoleInfo(body_id, tuple(codes or ())))
        for deal_id, body_id, codes in rows_then(BodyRole, moment)
        .filter(deal_id__in=deals_qs.values("id"))
        .values_list("deal_id", "body_id", "roles")
        .order_by("body_id", "id")
    )
    steps_qs = rows_then(ProcessStep, moment).filter(deal_id__in=deals_qs.values("id"))
    people = grouped(
        rows_then(StepPerson, moment)
        .filter(step_id__in=steps_qs.values("id"))
        .values_list("step_id", "person_id")
        .order_by("person_id")
    )
    steps: dict[int, list[ProcessStepInfo]] = defaultdict(list)
    for values in records(steps_qs.order_by("position", "id"), STEP_FIELDS):
        deal_id = values.pop("deal_id")
        values["people"] = tuple(people.get(values["id"], ()))
        steps[deal_id].append(ProcessStepInfo(**values))
    return bodies, roles, steps
