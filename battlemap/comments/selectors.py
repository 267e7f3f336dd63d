"""Reads of the comments app: a thread, and the mentions a user has not been shown yet."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from battlemap.comments.models import Comment
from battlemap.core.access import accounts_visible_to

MENTION_DAYS = 14  # how far back "This week" lists mentions


def thread(*, deal=None, person=None) -> QuerySet[Comment]:
    """The comments on `deal` or on `person`, oldest first (the caller has checked access)."""
    comments = Comment.objects.select_related("author").prefetch_related("mentions")
    return comments.filter(deal=deal) if deal is not None else comments.filter(person=person)


def mentions_of(user, *, days: int = MENTION_DAYS) -> QuerySet[Comment]:
    """Comments of the last `days` days that mention `user`, on accounts they may still see, newest first."""
    since = timezone.now() - timedelta(days=days)
    return (
        Comment.objects.filter(mentions=user, created_at__gte=since, account__in=accounts_visible_to(user))
        .select_related("author", "account", "deal", "person")
        .prefetch_related("mentions")
        .order_by("-created_at", "-id")
    )
