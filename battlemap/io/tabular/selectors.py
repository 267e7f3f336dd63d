"""Reads of the io app."""

from __future__ import annotations

from typing import Any

from battlemap.deals.models import Deal


def deal_of_account(account: Any, deal_id: int) -> Deal | None:
    """The deal with this id inside the account (never another account's deal)."""
    return Deal.objects.filter(account=account, pk=deal_id).first()
