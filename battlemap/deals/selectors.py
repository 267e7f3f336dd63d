"""Reads for the deal room: the coverage grid, the analysis (through insight.py) and the history panel."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.accounts.selectors import unit_labels
from battlemap.analysis.coverage import as_chair_of as coverage_chair_note
from battlemap.core.choices import ROLE_CHOICES, STAGE_CHOICES, label
from battlemap.core.history import HistoryEntry, history_entries, verbose_name
from battlemap.core.history_stamp import LATEST_FIRST, OLDEST_FIRST
from battlemap.core.multilingual import active_language
from battlemap.core.reasons import reason as stored_reason
from battlemap.core.text import colleague_label
from battlemap.deals.insight import deal_insight
from battlemap.deals.models import ActionItem, Deal, StageChange, StakeholderRole
from battlemap.interactions.selectors import of_deals
from battlemap.maps.tables import recorded_at
from battlemap.people.models import Person

# how an action item ticked by closing its deal reads (the room, its history, What changed)
CLOSED_WITH_DEAL = gettext_lazy("closed with the deal, not done")


def as_chair_of(bodies: list[str]) -> str:
    """ "decides as chair of 总经理办公会" / "作为总经理办公会主持人拍板" in the active language: the analysis' one
    wording (`analysis.coverage.as_chair_of`) — the deal room's coverage grid, the PDF and the deck."""
    return coverage_chair_note(active_language(), bodies)


@dataclass
class GridRow:
    role: StakeholderRole
    cells: list[bool]
    met: bool = False
    engaged: bool = False
    last_contact: str | None = None
    covered_by: list[str] = field(default_factory=list)
    # the bodies this person decides as chair (the analysis' coverage.deciders): decision maker whatever the role
    chair_of: list[str] = field(default_factory=list)
    unit: str = ""  # the person's department as the web names it (accounts.selectors.unit_labels)
    sealed: bool = False  # on a sealed body deciding the deal (the analysis' `sealed`): unmet is no gap

    @property
    def columns(self) -> list[tuple[str, bool]]:
        """(role label, held) per buying-role column, in `cells`' order: a phone's card names the roles held."""
        return [(label, held) for (_code, label), held in zip(ROLE_CHOICES, self.cells, strict=True)]

    @property
    def chair_note(self) -> str:
        return as_chair_of(self.chair_of) if self.chair_of else ""

    @property
    def left(self) -> bool:
        """The person has left the customer: their roles are shown as held before, not held now
        (the analysis counts only active stakeholders, and so do the exports)."""
        return self.role.person.status == "left"


def coverage_grid(
    *, deal: Deal, coverage: list[dict], contacts: dict[int, dict] | None = None
) -> list[GridRow]:
    """One row per person with a part in the deal, one column per buying role (DESIGN.md §2). Met and
    last contact come from the analysis' people (`contacts`, DealInsight.contacts) for everyone, a
    person with only an attitude too; engaged from the coverage holders (people with a buying role). The
    decision-maker column is the analysis' row: a chair who decides holds it (`chair_of` names the bodies). Someone
    on a sealed body deciding the deal (a bid committee) is `sealed`, as the holder is: not to be met."""
    holders = {h["person_id"]: h for c in coverage for h in c["holders"]}
    chairs = {
        h["person_id"]: list(h.get("chair_of") or [])
        for c in coverage
        if c["role"] == "decision_maker"
        for h in c["holders"]
    }
    contacts = contacts or {}
    units = unit_labels(account=deal.account)
    rows = []
    roles = deal.roles.select_related("person__org_unit").prefetch_related("coverage__user")
    for role in sorted(roles, key=lambda r: (-r.influence, r.person.name_key)):
        seen = contacts.get(role.person_id) or holders.get(role.person_id, {})
        rows.append(
            GridRow(
                role=role,
                cells=[
                    code in role.roles or (code == "decision_maker" and bool(chairs.get(role.person_id)))
                    for code, _label in ROLE_CHOICES
                ],
                met=bool(seen.get("met")),
                engaged=bool(holders.get(role.person_id, {}).get("engaged")),
                last_contact=seen.get("last_contact"),
                covered_by=[colleague_label(c.user) for c in role.coverage.all()],
                chair_of=chairs.get(role.person_id, []),
                unit=units.get(role.person.org_unit_id, ""),
                sealed=bool(holders.get(role.person_id, {}).get("sealed")),
            )
        )
    return rows


def _named(items: list[dict], people: dict[int, Person]) -> list[dict]:
    return [
        {**item, "people_objs": [people[i] for i in item.get("people", []) if i in people]} for item in items
    ]


def _people(deal: Deal) -> dict[int, Person]:
    return {p.pk: p for p in deal.account.people.all()}


def deal_room(*, deal: Deal) -> dict:
    """Everything the deal room shows, read once: health, qualification, flags and playbook (from the cached
    analysis, deals.insight, with people's records under "person_obj"), the coverage grid, action items (and
    the ids of those ticked by closing the deal), stage changes newest first, the last 10 interactions and the
    account's people without a role in it."""
    insight, people = deal_insight(deal=deal), _people(deal)
    return {
        "deal": deal,
        "health": insight.health,
        "qualification": insight.qualification,
        "flags": _named(insight.flags, people),
        "playbook": _named(insight.playbook, people),
        "grid": coverage_grid(deal=deal, coverage=insight.coverage, contacts=insight.contacts),
        "role_columns": ROLE_CHOICES,
        "action_items": deal.action_items.select_related("person", "owner"),
        # ticked by closing the deal, not by doing them: shown as "closed with the deal" (trial 23)
        "closed_with_deal": (
            set() if deal.status == "open" else {item.pk for item in action_items_ticked_by_close(deal=deal)}
        ),
        "open_action_texts": set(deal.action_items.still_open().values_list("text", flat=True)),
        "stage_changes": deal.stage_changes.select_related("by").order_by("-changed_on", "-id"),
        "interactions": of_deals([deal.pk]).prefetch_related("participants__person")[:10],
        "people_without_role": deal.account.people.exclude(deal_roles__deal=deal).order_by("name_key"),
    }


def deal_qualification(*, deal: Deal) -> dict:
    """The deal as MEDDPICC (elements with status and evidence, the score) and as a Blue Sheet (the
    buying influences), from the analysis; people's records for links."""
    insight, people = deal_insight(deal=deal), _people(deal)
    return {
        "deal": deal,
        "health": insight.health,
        "qualification": insight.qualification,
        "elements": _named((insight.qualification or {}).get("elements", []), people),
        "blue_sheet": [{**row, "person_obj": people.get(row["person"])} for row in insight.blue_sheet],
    }


def deal_closed_on(*, deal_id: int, until: datetime | None = None) -> date | None:
    """The local day a won or lost deal was last closed (its history's last move from open to won or
    lost); None for an open deal or one stored closed without such a move (imported closed). With `until`,
    as the history stood at that moment: the day a deal reopened since had been closed (a review's page 1,
    "reopened: lost on 2026-10-26", io.export.window_rows.health_text)."""
    closed_on, before = None, None
    records = Deal.history.filter(id=deal_id).order_by(*OLDEST_FIRST)
    if until is not None:
        records = records.filter(history_date__lte=until)
    for status, at in records.values_list("status", "history_date"):
        if status == "open":
            closed_on = None
        elif before == "open":
            closed_on = timezone.localdate(at)
        before = status
    return closed_on


def deal_recorded_at(*, deal_id: int) -> datetime | None:
    """The moment the deal's record began (its history's first row); None when it has none. A deal loaded from a
    map file (or typed with its past stage history) is recorded after it opened: a review window starting between
    the two finds it "new" though its history says otherwise (io.export.window_rows.recorded_late)."""
    records = Deal.history.filter(id=deal_id).order_by(*OLDEST_FIRST)
    return records.values_list("history_date", flat=True).first()


def deal_last_open_at(*, deal_id: int) -> datetime | None:
    """The last moment the deal reads open as every "as of" read sees it (`maps.tables.recorded_at`): its last open
    row's moment — or the moment just before it when a row written after it at that same moment closed it (a bulk or
    back-dated write: the later written of two rows at one moment is the record then). None when it has no open row."""
    rows = Deal.history.filter(id=deal_id, status="open").order_by(*LATEST_FIRST)
    at = rows.values_list("history_date", flat=True).first()
    if at is None or recorded_at(Deal, at).filter(id=deal_id, status="open").exists():
        return at
    return at - timedelta(microseconds=1)


def deal_history(*, deal: Deal) -> list[HistoryEntry]:
    """The deal's timeline: every change to the deal, its roles, stage changes and action items (history
    records, django-simple-history), newest first, each with who made it and the fields old → new."""
    people = dict(Person.objects.filter(account_id=deal.account_id).values_list("pk", "name"))
    records = [
        *Deal.history.filter(id=deal.pk).select_related("history_user"),
        *StakeholderRole.history.filter(deal_id=deal.pk).select_related("history_user"),
        *StageChange.history.filter(deal_id=deal.pk).select_related("history_user"),
        *ActionItem.history.filter(deal_id=deal.pk).select_related("history_user"),
    ]

    def describe(rec) -> str:
        if rec.instance_type is Deal:
            return rec.name
        if rec.instance_type is StakeholderRole:
            return _("role of %(name)s") % {"name": people.get(rec.person_id, "—")}
        if rec.instance_type is StageChange:
            return _("stage change")
        return _("action item: %(text)s") % {"text": rec.text[:60]}

    # the deal's first stage change, at the stage the deal was created at, is its opening (deal_create
    # records it), not a move; a deal stored without one has its first real move said as a move
    created = next((r.stage for r in records if r.instance_type is Deal and r.history_type == "+"), None)
    first = min(
        ((r.id, r.stage) for r in records if r.instance_type is StageChange and r.history_type == "+"),
        default=(None, None),
    )
    opening = first[0] if first[1] == created else None

    def phrase(rec) -> str:
        if rec.instance_type is StageChange and rec.history_type == "+":
            stage = label(STAGE_CHOICES, rec.stage)
            if rec.id == opening:
                return _("opened the deal at %(stage)s") % {"stage": stage}
            return _("moved the deal to %(stage)s") % {"stage": stage}
        return ""

    entries = history_entries(records, describe, phrase)
    # an item ticked by closing the deal reads as the room reads it, not as done (trial on a fresh clone)
    ticked = {
        (r.history_date, describe(r))
        for r in records
        if r.instance_type is ActionItem
        and r.history_type == "~"
        and ticked_by_close(r.history_change_reason)
    }
    done = verbose_name(ActionItem, "done")
    for entry in entries:
        if (entry.when, entry.what) in ticked:
            entry.reason = ""  # "done when the deal was closed": said by the row below instead
            for change in entry.changes:
                if change.field == done:
                    change.new = str(CLOSED_WITH_DEAL)
    return entries


def ticked_by_close(why: str | None) -> bool:
    """An action item's history row written by closing its deal (its reason `core.reasons`
    "closed_with_deal"): the item was ticked by the close, not done."""
    return why == stored_reason("closed_with_deal")


def closed_with_deal(item_ids: Iterable[int]) -> set[int]:
    """Of the action items `item_ids`, those done only because closing their deal ticked them: done, and
    their last history row is the close's (`ticked_by_close`). The one rule the deal room, its history,
    What changed and reopening read (trial 23: such items read "done"). One query."""
    last: dict[int, tuple[bool, str | None]] = {}
    for item_id, done, why in (
        ActionItem.history.filter(id__in=list(item_ids))
        .order_by(*OLDEST_FIRST)
        .values_list("id", "done", "history_change_reason")
    ):
        last[item_id] = (done, why)
    return {pk for pk, (done, why) in last.items() if done and ticked_by_close(why)}


def action_items_ticked_by_close(*, deal: Deal) -> list[ActionItem]:
    """The deal's action items that are done only because closing the deal ticked them
    (`closed_with_deal`): what reopening opens again."""
    items = {item.pk: item for item in deal.action_items.filter(done=True)}
    ticked = closed_with_deal(items)
    return [item for pk, item in items.items() if pk in ticked]


def deals_named(*, account, name: str) -> list[Deal]:
    """The deals of `account` a new deal named `name` would duplicate: the same name as names match
    (`io.matching.match_name`: case, spacing and full-width forms aside), oldest first. A seller who went Back to
    the new-deal form and changed a field would otherwise open the deal twice (a team's trial); an account's
    deals are few, so they are compared in Python."""
    from battlemap.io.matching import match_name

    wanted = match_name(name, person=False)
    if not wanted:
        return []
    deals = account.deals.only("id", "name", "stage", "status", "amount", "currency", "created_at")
    return [d for d in deals.order_by("created_at", "id") if match_name(d.name, person=False) == wanted]
