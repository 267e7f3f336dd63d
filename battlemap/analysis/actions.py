"""The one rule for an overdue action item, used by every page, list and export that shows one."""

from __future__ import annotations

from datetime import date


def overdue(due: date | str | None, done: bool, today: date | str) -> bool:
    """An action item is overdue when it is not done and its due day is before `today` (an item due
    today is not overdue yet; one without a due day never is). Dates may be ISO strings (map format)."""
    if done or not due:
        return False
    due_day = date.fromisoformat(due) if isinstance(due, str) else due
    today_day = date.fromisoformat(today) if isinstance(today, str) else today
    return due_day < today_day
