"""Who left the company, as a people import reads it: the model's rule on the leaving date by row, and the day a
disabled account (WeCom 已禁用) or a name marked as gone (王五（已离职）) is taken to have left. Part of the plan
(importer.plan_import): nothing is written here; problems and notices are added to the plan."""

from __future__ import annotations

from django.utils import timezone

from battlemap.core.dates import FIRST_YEAR, LAST_YEAR, in_range
from battlemap.people.models import Person

from .plan import Plan
from .problems import Problem


def check_leaving_dates(plan: Plan) -> None:
    """The model's rule (people.models.leaving_date_error) by row, before anything is written: who left has a
    leaving date — in the file's Left on column, which a file without one is told to add — up to today. (A
    disabled account, WeCom's 已禁用, gives no day: `date_disabled` dates it.)"""
    today = timezone.localdate()
    dated = {(p.row, p.column) for p in plan.problems}  # a date already refused is not also "empty"
    has_column = "left_on" in plan.columns.fields
    for r in plan.rows:
        if r.left_on is not None and not in_range(r.left_on):  # the rule of every date typed (core.dates)
            params = {"value": r.left_on.isoformat(), "first": FIRST_YEAR, "last": LAST_YEAR}
            plan.problems.append(Problem(r.row, "left_on", "year_range", params))
        elif r.left_on is not None and r.left_on > today:
            plan.problems.append(Problem(r.row, "left_on", "after_today", {"value": r.left_on.isoformat()}))
        elif r.status == "left" and r.left_on is None and not r.disabled and (r.row, "left_on") not in dated:
            plan.problems.append(
                Problem(r.row, "left_on", "empty")
                if has_column
                else Problem(r.row, "status", "left_no_column")
            )


# What a row says of a leaving it read (`date_disabled`): in the status cell (已禁用), or after the name (王五（已离职）);
# the name's column is Name or Last name (rows.name_column)
_LEFT = {"status": "account_disabled", "name": "left_in_name", "last_name": "left_in_name"}
_KEPT = {"status": "account_disabled_kept", "name": "left_in_name_kept", "last_name": "left_in_name_kept"}


def date_disabled(plan: Plan) -> None:
    """A member whose account is disabled (WeCom 已禁用), or whose name is marked as gone (王五（已离职）, rows)
    left the company: on the file's leaving date, else
    on the day the map has them leaving already (a file imported again changes nothing), else today, the
    day we learn it. Each such row says so, with the day, to be corrected on the map if need be.

    A person the map has as left once and active now was set back by someone (a member only suspended):
    a disabled account does not override that; their row keeps them active and says so."""
    today = timezone.localdate()
    disabled = [r for r in plan.rows if r.disabled]
    known_active = {
        k.id for r in disabled if (k := plan.matches.get(r.row)) is not None and k.status != "left"
    }
    set_back = set(
        Person.history.filter(id__in=known_active, status="left").values_list("id", flat=True).distinct()
    )
    for r in disabled:
        known = plan.matches.get(r.row)
        if known is not None and known.id in set_back:
            r.status, r.left_on = None, None
            plan.notices.append(
                Problem(r.row, r.disabled_column, _KEPT[r.disabled_column], {"value": r.disabled})
            )
            continue
        if r.left_on is None:
            r.left_on = (
                known.left_on if known is not None and known.status == "left" and known.left_on else today
            )
        params = {"value": r.disabled, "day": r.left_on.isoformat()}
        plan.notices.append(Problem(r.row, r.disabled_column, _LEFT[r.disabled_column], params))
