"""What changed on an account or one of its deals since a day: the reads behind the "What changed"
page and its API route. Everything comes from `maps.changes_since` (the one computation, cached);
this only adds the names and links a reader needs. Access has been checked by the caller."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from battlemap.accounts.models import Account
from battlemap.core.multilingual import active_language
from battlemap.core.text import user_name
from battlemap.deals.models import Deal
from battlemap.deals.selectors import closed_with_deal
from battlemap.deals.selectors_changes import health_moves, people_moves
from battlemap.maps import changes_since
from battlemap.maps.namesakes import shown_names
from battlemap.reviews.models import Review
from battlemap.reviews.selectors import last_review, review_moment

DEFAULT_SINCE_DAYS = 7  # "since last week" unless the reader picks a day (or a last review date)


def default_since(today: date | None = None) -> date:
    return (today or timezone.localdate()) - timedelta(days=DEFAULT_SINCE_DAYS)


def since_last_review(
    account: Account,
    deal: Deal | None = None,
    *,
    never_reviewed_days: int = DEFAULT_SINCE_DAYS,
    today: date | None = None,
) -> tuple[date | datetime, Review | None]:
    """Where "What changed" starts when the reader names no day (the page, both API routes and the review
    exports): the moment of the last review that counts for `deal` (`reviews.selectors.review_moment`), else
    `never_reviewed_days` before `today` (a day, from its end: the page's week; the review deck's 30 days,
    io.export.REVIEW_WINDOW_DAYS); with that review, or None when never reviewed.

    The whole account (`deal` None) starts at the review of its open deal reviewed longest ago — each counting
    its own marks and the account's —, so that no deal's change since its own review is hidden (a sales
    manager's trial: a rep's mark on one deal hid another deal's cut from ¥15M to ¥9M, which that deal's page
    and the PDF showed); an open deal never reviewed makes the account never reviewed."""
    if deal is None:
        marks = [last_review(account, d) for d in account.deals.filter(status="open").order_by("pk")]
        if None in marks:
            review = None
        else:
            review = min(marks, key=review_moment, default=None) or last_review(account, None)
    else:
        review = last_review(account, deal)
    if review is not None:
        return review_moment(review), review
    return (today or timezone.localdate()) - timedelta(days=never_reviewed_days), None


def what_changed(*, account: Account, since: date | datetime, deal: Deal | None = None) -> dict[str, Any]:
    """`maps.changes_since` of the account (or the deal) up to now, in the active language, as the web's
    What changed page, the API's what-changed routes and the review exports read it: with the names of
    the people the rows name only by id (interactions: "names", action items: "person_name"; namesakes
    told apart as the analysis tells them, `maps.namesakes`; action items' owners: "owner_name", as every
    page names a user): three queries besides the cached changes,
    whatever the number of people or changes; action items done only because closing their deal ticked
    them are marked ("closed_with_deal", `deals.selectors.closed_with_deal`): one more query; a deal's
    people added or left are only the deal's (`deals.selectors_changes.people_moves`): one more."""
    result = changes_since(account=account, since=since, deal_id=deal.pk if deal is not None else None)
    if deal is not None:
        result |= people_moves(result, deal_id=deal.pk).lists()
    person_ids = {pid for row in result["interactions"] for pid in row["people"]}
    person_ids |= {
        row["person"] for key in ("actions_done", "actions_overdue") for row in result[key] if row["person"]
    }
    names = shown_names(account=account, lang=active_language()) if person_ids else {}
    for row in result["interactions"]:
        row["names"] = [names.get(pid, "") for pid in row["people"]]
    owners = {
        row["owner"] for key in ("actions_done", "actions_overdue") for row in result[key] if row["owner"]
    }
    users = (
        {
            u.get_username(): user_name(u)
            for u in get_user_model()._default_manager.filter(username__in=owners)
        }
        if owners
        else {}
    )
    for key in ("actions_done", "actions_overdue"):
        for row in result[key]:
            row["person_name"] = names.get(row["person"], "") if row["person"] else ""
            # the owner as every page names a user (their name, else the username)
            row["owner_name"] = users.get(row["owner"], row["owner"] or "") if row["owner"] else ""
    # done only because closing the deal ticked them: read as the deal room reads them, not as done
    ticked = (
        closed_with_deal(row["id"] for row in result["actions_done"]) if result["actions_done"] else set()
    )
    for row in result["actions_done"]:
        row["closed_with_deal"] = row["id"] in ticked
    return result


def is_empty(changes: dict[str, Any]) -> bool:
    """Nothing at all changed (every list empty, health unchanged, the lifecycle where it was)."""
    lists = [value for key, value in changes.items() if isinstance(value, list) and key != "health"]
    moved = health_moves(changes["health"])
    return not any(lists) and not moved and not changes.get("lifecycle")
