"""API: who on our side covers a stakeholder, and a deal's stage history (read only)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from ninja import Router

from battlemap.core import crud
from battlemap.core.access import get_for
from battlemap.deals import schemas as s
from battlemap.deals import services
from battlemap.deals.models import Coverage, Deal, StakeholderRole

router = Router(tags=["deals"])


def _coverage_add(role: StakeholderRole, data: dict, by) -> Coverage:
    colleague = get_user_model().objects.filter(username=data["user"], is_active=True).first()
    if colleague is None:
        raise ValidationError({"user": services.NOT_ON_ACCOUNT})
    return services.coverage_add(role=role, user=colleague)


crud.register(
    router,
    crud.Resource(
        name="coverage",
        module=__name__,
        out=s.CoverageOut,
        summaries={
            "list": "Who covers them",
            "create": "Cover a stakeholder",
            "delete": "Stop covering a stakeholder",
        },
        parent=crud.object_parent(
            "/roles/{id}", lambda: StakeholderRole.objects.select_related("deal__account"), "deal__account"
        ),
        collection="/coverage",
        item="/coverage/{id}",
        lookup=lambda user, pk, action: get_for(
            user, Coverage.objects.all(), action, "stakeholder__deal__account", pk=pk
        ),
        children=lambda role: role.coverage.select_related("user"),
        paginated=False,
        schema_in=s.CoverageIn,
        create=_coverage_add,
        delete=lambda coverage, by: services.coverage_remove(coverage=coverage),
    ),
)

crud.register(
    router,
    crud.Resource(
        name="stage_change",
        module=__name__,
        out=s.StageChangeOut,
        summaries={"list": "The deal's stage history"},
        parent=crud.object_parent("/deals/{id}", lambda: Deal.objects.all()),
        collection="/stage-changes",
        children=lambda deal: deal.stage_changes.select_related("by"),
        order_by=("changed_on", "id"),
        paginated=False,
    ),
)
