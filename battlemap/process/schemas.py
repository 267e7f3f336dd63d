"""API schemas of decision bodies, their roles in deals and the deals' purchase process."""

from __future__ import annotations

from typing import Literal

from ninja import Field

from battlemap import vocab
from battlemap.core.schemas import Day, Id, InSchema, OnAccount, Stamped, Text, id_of, text

Role = Literal[vocab.ROLES]


class DecisionBodyIn(InSchema):
    name: text(200, min_length=1)
    kind: Literal[vocab.BODY_KINDS] = "other_body"
    decision_rule: Literal[vocab.DECISION_RULES] = Field("majority", description="how it decides")
    chair: Id | None = Field(None, description="a person of the account; sits on the body too")
    members: list[Id] | None = Field(None, max_length=500, description="people of the account who sit on it")
    meets: text(200) = Field("", description="when it meets, in words")
    next_meeting: Day | None = None
    notes: Text = ""


class DecisionBodyOut(OnAccount):
    name: str
    kind: str
    decision_rule: str
    chair: int | None
    members: list[int]
    meets: str
    next_meeting: Day | None
    notes: str

    resolve_chair = id_of("chair")

    @staticmethod
    def resolve_members(obj) -> list[int]:
        return sorted(m.person_id for m in obj.members.all())


class BodyRoleIn(InSchema):
    body: Id = Field(description="a decision body of the deal's account")
    roles: list[Role] = Field(default_factory=list, max_length=len(vocab.ROLES))
    note: Text = ""


class BodyRoleOut(Stamped):
    deal: int
    body: int
    roles: list[str]
    note: str

    resolve_deal = id_of("deal")
    resolve_body = id_of("body")


class ProcessStepIn(InSchema):
    kind: Literal[vocab.PROCESS_STEPS] = "other_step"
    name: text(200) = Field("", description="empty: the kind's name")
    status: Literal[vocab.STEP_STATUSES] = "planned"
    planned_on: Day | None = None
    done_on: Day | None = Field(None, description="only for a step done or skipped; not after today")
    body: Id | None = Field(None, description="the decision body responsible")
    people: list[Id] | None = Field(None, max_length=100, description="the people responsible")
    documents: Text = Field("", description="links or notes, one a line")
    position: int | None = Field(None, ge=0, le=999, description="order in the process; empty: last")


class ProcessStepOut(Stamped):
    deal: int
    position: int
    kind: str
    name: str
    status: str
    planned_on: Day | None
    done_on: Day | None
    body: int | None
    people: list[int]
    documents: str

    resolve_deal = id_of("deal")
    resolve_body = id_of("body")

    @staticmethod
    def resolve_people(obj) -> list[int]:
        return sorted(r.person_id for r in obj.responsible.all())


class ProcessTemplateIn(InSchema):
    template: Literal[vocab.PROCESS_TEMPLATES] = Field(
        description="tender: project approval (立项) → contract (合同); rfp: RFI → contract"
    )
