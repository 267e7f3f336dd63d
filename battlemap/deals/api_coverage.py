"""API: who on our side covers a stakeholder, and a deal's stage history (read only)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from ninja import Router

from battlemap.core import crud
from battlemap.deals import schemas as s
from battlemap.deals import services
from battlemap.deals.models import Coverage, Deal, StageChange, StakeholderRole
from battlemap.deals.services.actions import NOT_ON_ACCOUNT

router = Router(tags=["deals"])
resources = crud.Resources(router, __name__, s)


def _coverage_add(role: StakeholderRole, data: dict, by) -> Coverage:
    colleague = get_user_model().objects.filter(username=data["user"], is_active=True).first()
    if colleague is None:
        raise ValidationError({"user": NOT_ON_ACCOUNT})
    return services.coverage_add(role=role, user=colleague)


resources.add(
    "coverage",
    summaries={
        "list": "Who covers them",
        "create": "Cover a stakeholder",
        "retrieve": "One colleague's coverage of a stakeholder",
        "delete": "Stop covering a stakeholder",
    },
    parent=crud.object_parent(
        "/roles/{id}",
        lambda: StakeholderRole.objects.select_related("deal__account"),
        "deal__account",
        field="stakeholder",
    ),
    collection="/coverage",
    queryset=lambda: Coverage.objects.select_related("user"),
    paginated=False,
    create=_coverage_add,
    delete=lambda coverage, by: services.coverage_remove(coverage=coverage),
)

resources.add(
    "stage_change",
    summaries={"list": "The deal's stage history"},
    parent=crud.object_parent("/deals/{id}", lambda: Deal.objects.all(), field="deal"),
    collection="/stage-changes",
    queryset=lambda: StageChange.objects.select_related("by"),
    order_by=("changed_on", "id"),
    paginated=False,
)
