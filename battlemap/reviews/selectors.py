"""Reads of the reviews app."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from battlemap.core.dates import end_of_day
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


def review_moment(review: Review) -> datetime:
    """The moment "since the last review" starts: when the mark was made, if it was made on the day it
    names (a change an hour later is news); the end of that day for a mark dated back (its time is not
    known). Days are local (TIME_ZONE): a review at 23:30 still counts from 23:30."""
    if timezone.localtime(review.created_at).date() == review.reviewed_on:
        return review.created_at
    return end_of_day(review.reviewed_on)
