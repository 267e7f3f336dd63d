"""Reads of the reviews app."""

from __future__ import annotations

from django.db.models import Q

from battlemap.reviews.models import Review


def reviews_of(account, deal=None):
    """The review marks of `account` that count for `deal` (the account's own marks and the deal's),
    newest first; all the account's marks when `deal` is None."""
    marks = Review.objects.filter(account=account).select_related("reviewed_by", "deal")
    if deal is not None:
        marks = marks.filter(Q(deal__isnull=True) | Q(deal=deal))
    return marks


def last_review(account, deal=None) -> Review | None:
    """The newest review mark that counts for `deal` (see `reviews_of`), or None: never reviewed."""
    return reviews_of(account, deal).first()
