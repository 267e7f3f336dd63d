"""Writes of the reviews app: mark an account (or one of its deals) reviewed."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from battlemap.core.access import can
from battlemap.core.refusals import DEAL_OF_ANOTHER_ACCOUNT
from battlemap.core.services import create_validated
from battlemap.reviews.models import Review


def mark_reviewed(*, account, by, deal=None, on: date | None = None) -> Review:
    """Record that `by` reviewed `account` (and `deal`, if given) on `on` (default: today). Anyone who
    may view the account may mark it: its owner, team members and their managers, who run the review.

    Errors: ValidationError naming `deal` (of another account), `reviewed_on` (in the future) or
    `reviewed_by` (may not see the account)."""
    on = on or timezone.localdate()
    if deal is not None and deal.account_id != account.pk:
        raise ValidationError({"deal": DEAL_OF_ANOTHER_ACCOUNT})
    if on > timezone.localdate():
        raise ValidationError({"reviewed_on": _("A review cannot be dated in the future.")})
    if not can(by, account, "view"):
        raise ValidationError({"reviewed_by": _("Only someone who may see the account can review it.")})
    return create_validated(Review(account=account, deal=deal, reviewed_on=on, reviewed_by=by))
