"""API: who on our side covers a stakeholder, and a deal's stage history (read only)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Status

from battlemap.core.access import can, get_for
from battlemap.core.api import ERRORS, IdPath, save_new, user_of
from battlemap.deals import schemas as s
from battlemap.deals.models import Coverage, Deal, StakeholderRole

router = Router(tags=["deals"])


def _role(request, id: int, action: str = "view") -> StakeholderRole:
    roles = StakeholderRole.objects.select_related("deal__account")
    return get_for(user_of(request), roles, action, "deal__account", pk=id)


@router.get("/roles/{id}/coverage", response={200: list[s.CoverageOut], **ERRORS}, summary="Who covers them")
def coverage_list(request, id: int = IdPath()):
    return list(_role(request, id).coverage.select_related("user").order_by("id"))


@router.post("/roles/{id}/coverage", response={201: s.CoverageOut, **ERRORS}, summary="Cover a stakeholder")
def coverage_create(request, payload: s.CoverageIn, id: int = IdPath()):
    role = _role(request, id, "edit")
    colleague = get_user_model().objects.filter(username=payload.user, is_active=True).first()
    if colleague is None or not can(colleague, role.deal.account, "view"):
        raise ValidationError({"user": _("No user of that name works on this account.")})
    if role.coverage.filter(user=colleague).exists():
        raise ValidationError({"user": _("This colleague covers this person already.")})
    return Status(201, save_new(Coverage(stakeholder=role, user=colleague)))


@router.delete("/coverage/{id}", response={204: None, **ERRORS}, summary="Stop covering a stakeholder")
def coverage_delete(request, id: int = IdPath()):
    get_for(user_of(request), Coverage.objects.all(), "edit", "stakeholder__deal__account", pk=id).delete()
    return Status(204, None)


@router.get(
    "/deals/{id}/stage-changes",
    response={200: list[s.StageChangeOut], **ERRORS},
    summary="The deal's stage history",
)
def stage_change_list(request, id: int = IdPath()):
    deal = get_for(user_of(request), Deal.objects.all(), "view", pk=id)
    return list(deal.stage_changes.select_related("by").order_by("changed_on", "id"))
