"""API: decision bodies of an account, their roles in deals, and the deals' purchase process."""

from __future__ import annotations

from ninja import Router, Status

from battlemap.core import crud
from battlemap.core.api import ERRORS, IdPath, resolve_people, resolve_refs, user_of
from battlemap.deals.api import DEAL_PARENT
from battlemap.people.models import Person
from battlemap.process import schemas as s
from battlemap.process import services
from battlemap.process.models import BodyRole, DecisionBody, ProcessStep

router = Router(tags=["decision bodies and purchase process"])


def _people(account_id: int, data: dict, field: str) -> dict:
    """`data[field]`, a list of person ids, as people of the account; unknown ids are named."""
    ids = data.get(field)
    if ids is None:
        return data
    return {**data, field: resolve_people(Person.objects.filter(account_id=account_id), ids, field)}


def _body_data(account_id: int, data: dict) -> dict:
    data = resolve_refs(data, {"chair": Person.objects.filter(account_id=account_id)})
    return _people(account_id, data, "members")


def _bodies(account_id: int):
    return DecisionBody.objects.filter(account_id=account_id)


crud.Resources(router, __name__, s, parent=crud.account_parent()).add(
    "decision_body",
    summaries=crud.summaries(
        "decision body", list="An account's decision bodies", create="Add a decision body"
    ),
    collection="/decision-bodies",
    queryset=lambda: DecisionBody.objects.select_related("account").prefetch_related("members"),
    order_by=("name_key", "id"),
    create=lambda account, data, by: services.body_create(account=account, **_body_data(account.pk, data)),
    update=lambda body, version, data, by: services.body_update(
        body=body, version=version, **_body_data(body.account_id, data)
    ),
    delete=lambda body, by: services.body_delete(body=body),
)
crud.restore_route(
    router,
    __name__,
    "decision_body",
    "decision-bodies",
    lambda account, id: services.body_restore(account=account, body_id=id),
    summary="Bring back a deleted decision body, with its seats and roles",
    description=(
        "The undo of `DELETE /decision-bodies/{id}` (the account's editors): the body with the same id, its seats, "
        "its roles in deals and the steps it was responsible for, from history — a seat of someone deleted since "
        "stays out, a chair deleted since is not put back, a step edited since keeps its edit, said in `notes`. "
        "422 naming `body` when it is not a deleted decision body of this account or is back already."
    ),
)

deal_resources = crud.Resources(router, __name__, s, parent=DEAL_PARENT)


def _role_data(deal, data: dict) -> dict:
    return resolve_refs(data, {"body": _bodies(deal.account_id)})


deal_resources.add(
    "body_role",
    summaries=crud.summaries(
        "body's role", list="The decision bodies' roles in a deal", create="Give a decision body a role"
    ),
    collection="/body-roles",
    model=BodyRole,
    order_by=("body__name_key", "id"),
    create=lambda deal, data, by: services.body_role_create(deal=deal, **_role_data(deal, data)),
    update=lambda role, version, data, by: services.body_role_update(
        role=role, version=version, **{k: v for k, v in data.items() if k != "body"}
    ),
    delete=lambda role, by: services.body_role_delete(role=role),
)


def _step_data(deal, data: dict) -> dict:
    data = resolve_refs(data, {"body": _bodies(deal.account_id)})
    return _people(deal.account_id, data, "people")


deal_resources.add(
    "process_step",
    summaries=crud.summaries("process step", list="A deal's purchase process, in order", create="Add a step"),
    collection="/process-steps",
    queryset=lambda: ProcessStep.objects.select_related("deal").prefetch_related("responsible"),
    order_by=("position", "id"),
    create=lambda deal, data, by: services.step_create(deal=deal, **_step_data(deal, data)),
    update=lambda step, version, data, by: services.step_update(
        step=step, version=version, **_step_data(step.deal, data)
    ),
    delete=lambda step, by: services.step_delete(step=step),
)


@router.post(
    "/deals/{id}/process-steps/template",
    response={201: list[s.ProcessStepOut], **ERRORS},
    summary="Lay out a process template's steps after the deal's steps",
)
def process_template(request, payload: s.ProcessTemplateIn, id: int = IdPath()):
    deal = DEAL_PARENT.lookup(user_of(request), id, "edit")
    return Status(201, services.steps_from_template(deal=deal, template=payload.template))
