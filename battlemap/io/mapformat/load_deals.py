"""The deals of a map (load.py): each deal with its stage history, roles and coverage, purchase process
and decision bodies' parts, competitor notes and action items, through the services of each app."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from battlemap.accounts.models import Account
from battlemap.competition.services import competitor_note_set
from battlemap.core.history_stamp import recorded
from battlemap.deals.models import Deal, StakeholderRole
from battlemap.deals.services import (
    coverage_add,
    deal_close,
    deal_create,
    deal_update,
    stakeholder_role_create,
    stakeholder_role_update,
)
from battlemap.deals.services.actions import action_item_create
from battlemap.process.models import DecisionBody
from battlemap.process.services import body_create, body_role_create, step_create

from .loading import NO_BODY, LoaderBase, MapImportError, iso_date, part, referred

CHAIR_NOT_MEMBER = _(
    "%(where)s: the chair (people %(id)s) is not among the body's members; add them to members, or name "
    "another chair"
)
ROLE_DEFAULTS = {f.name: f.get_default() for f in StakeholderRole._meta.concrete_fields}


class DealLoader(LoaderBase):
    """The account's decision bodies, then its deals (`deal`), each with what hangs on it."""

    def bodies_(self, account: Account) -> None:
        for b in self.data.get("decision_bodies") or []:
            where = f"decision_bodies {b.get('id')}"
            members = [self.ref(pid, f"{where}.members") for pid in b.get("members") or []]
            chair = self.ref(b["chair"], f"{where}.chair") if b.get("chair") is not None else None
            if chair is not None and chair not in members:  # the service would seat them unseen
                raise MapImportError(CHAIR_NOT_MEMBER, {"where": f"{where}.chair", "id": b["chair"]})
            with part(where, self.since):
                self.bodies[b["id"]] = body_create(
                    account=account,
                    name=b.get("name") or "",
                    kind=b.get("kind") or "other_body",
                    chair=chair,
                    decision_rule=b.get("decision_rule") or "majority",
                    meets=b.get("meets") or "",
                    next_meeting=iso_date(b.get("next_meeting")),
                    notes=b.get("notes") or "",
                    members=members,
                    once=False,  # the file as it is: two bodies of one name stay two
                )

    def body_ref(self, bid: Any, where: str) -> DecisionBody:
        """The decision body of map id `bid`; MapImportError naming `where` and the id when there is none."""
        return referred(self.bodies, bid, where, NO_BODY)

    def process(self, deal: Deal, d: dict[str, Any], where: str, opened: dt.date | None) -> None:
        for r in d.get("body_roles") or []:
            body = self.body_ref(r.get("body"), f"{where}.body_roles")
            with part(f"{where}.body_roles {r.get('body')}", self.when(opened)):
                body_role_create(deal=deal, body=body, roles=r.get("roles") or [], note=r.get("note") or "")
        for position, s in enumerate(d.get("process") or [], start=1):
            step_where = f"{where}.process {s.get('id', position)}"
            body = self.body_ref(s["body"], f"{step_where}.body") if s.get("body") is not None else None
            people = [self.ref(pid, f"{step_where}.people") for pid in s.get("people") or []]
            with part(step_where, self.when(opened)):
                step_create(
                    deal=deal,
                    position=position,
                    kind=s.get("kind") or "other_step",
                    name=s.get("name") or "",
                    status=s.get("status") or "planned",
                    planned_on=iso_date(s.get("planned_on")),
                    done_on=iso_date(s.get("done_on")),
                    body=body,
                    documents=s.get("documents") or "",
                    people=people,
                    unnamed=True,  # the file as it is
                )

    def deal(self, account: Account, d: dict[str, Any]) -> Deal:
        where = f"deals {d['id']}"
        history = [
            (c["stage"], iso_date(c["date"]), c.get("note") or "") for c in d.get("stage_history") or []
        ]
        fields = dict(
            currency=d.get("currency") or "CNY",
            status=d.get("status") or "open",
            stage=d.get("stage") or "need_recognition",
            expected_close=iso_date(d.get("expected_close")),
            amount=Decimal(str(d["amount"])) if d.get("amount") is not None else None,
            decision_factors=d.get("decision_factors") or {},
            channels=d.get("channels") or {},
            competitors=d.get("competitors") or [],
            customer_win=d.get("customer_win") or "",
            our_win=d.get("our_win") or "",
            metrics=d.get("metrics") or "",
            paper_process=d.get("paper_process") or "",
            compelling_event=d.get("compelling_event") or "",
            compelling_event_on=iso_date(d.get("compelling_event_on")),
            close_reason=d.get("close_reason") or "",
            lost_to=d.get("lost_to") or "",
            reopen_reason=d.get("reopen_reason") or "",
        )
        opened = history[0][1] if history else None
        by = self.owner if self.timeline else None
        later_moves = history[1:] if self.timeline else []
        with part(where, self.when(opened)):
            if later_moves:  # replay the moves on their dates, so the deal's own history has them
                # a won or lost deal keeps its stage (deals.services._stage_rule): it moved while open, and
                # closes on the day of its last move
                closing = {k: fields.pop(k) for k in ("status", "close_reason", "lost_to")}
                deal = deal_create(
                    account=account,
                    name=d["name"],
                    by=by,
                    stage_history=history[:1],
                    **{**fields, "stage": history[0][0]},
                )
                for stage, day, note in later_moves:
                    with recorded(at=self.when(day)):
                        deal = deal_update(
                            deal=deal, version=deal.version, by=by, note=note, changed_on=day, stage=stage
                        )
                if deal.stage != fields["stage"]:
                    deal = deal_update(deal=deal, version=deal.version, by=by, stage=fields["stage"])
                if closing["status"] != "open":
                    with recorded(at=self.when(later_moves[-1][1])):
                        deal = deal_close(
                            deal=deal,
                            version=deal.version,
                            outcome=closing["status"],
                            reason=closing["close_reason"],
                            lost_to=closing["lost_to"],
                            by=by,
                        )
            else:
                deal = deal_create(account=account, name=d["name"], by=by, stage_history=history, **fields)
        for r in d.get("roles") or []:
            self.role(deal, d["id"], r, where, opened)
        self.process(deal, d, where, opened)
        for c in d.get("competition") or []:
            with part(f"{where}.competition {c.get('name')}", self.when(opened)):
                competitor_note_set(
                    deal=deal,
                    name=c.get("name") or "",
                    version=0,
                    strengths=c.get("strengths") or "",
                    weaknesses=c.get("weaknesses") or "",
                    offer=c.get("offer") or "",
                )
        yesterday = (self.timeline.today if self.timeline else timezone.localdate()) - dt.timedelta(days=1)
        for a in d.get("action_items") or []:
            due = iso_date(a.get("due"))
            appeared = min(due - dt.timedelta(days=7), yesterday) if due else opened
            with part(f"{where}.action_items {a.get('id')}", self.when(appeared)):
                action_item_create(
                    deal=deal,
                    person=self.ref(a["person"], f"{where}.action_items {a.get('id')}.person")
                    if a.get("person") is not None
                    else None,
                    owner=next(iter(self.colleagues([a.get("owner")], "owner", "edit")), None),
                    due=due,
                    done=bool(a.get("done")),
                    text=a.get("text") or "",
                )
        return deal

    def role(self, deal: Deal, deal_id: Any, r: dict[str, Any], where: str, opened: dt.date | None) -> None:
        person = self.ref(r["person"], f"{where}.roles {r['person']}.person")
        fields = dict(
            roles=r.get("roles") or [],
            attitude=r.get("attitude") or "unknown",
            influence=r.get("influence") or 3,
            relationship=r.get("relationship") or 0,
            personal_win=r.get("win") or "",
            favoured_competitor=r.get("favoured_competitor") or "",
            plan=r.get("plan") or "",
            plan_channel=r.get("plan_channel") or "",
            plan_cadence_days=r.get("plan_cadence_days"),
            response_mode=r.get("response_mode") or "",
        )
        edits = sorted(self.timeline.role_edits.get((deal_id, r["person"]), ())) if self.timeline else []
        fields |= {name: ROLE_DEFAULTS[name] for _day, name, _value in edits}
        where = f"{where}.roles {r['person']}"
        with part(where, self.when(opened)):
            role = stakeholder_role_create(deal=deal, person=person, held_before=True, **fields)
            for user in self.colleagues(r.get("covered_by") or [], "covered_by"):
                coverage_add(role=role, user=user)
        for day, name, value in edits:
            with part(where, self.when(day)):
                role = stakeholder_role_update(role=role, version=role.version, **{name: value})
