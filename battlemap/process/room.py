"""What the deal room (battlemap.deals.room) shows of the purchase process: its steps, the decision bodies'
roles, and their forms."""

from __future__ import annotations

from battlemap.process import selectors
from battlemap.process.forms import BodyRoleForm, StepForm, TemplateForm


def room_section(deal, forms: dict) -> dict:
    """What the deal room shows of the purchase process: steps, bodies' roles and their forms."""
    return {
        **selectors.deal_process(deal=deal),
        "step_form": forms.get("step_form") or StepForm(deal=deal),
        "body_role_form": forms.get("body_role_form") or BodyRoleForm(deal=deal),
        "template_form": forms.get("template_form") or TemplateForm(),
    }
