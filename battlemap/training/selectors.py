"""Reads of training: which scenarios a user may open, their attempts, a team's progress.

Who sees what: the library is open to every signed-in user; a case to its maker, the members and
managers of its team and administrators; an attempt to its trainee, and on the team page to the
managers of a team the trainee belongs to. Anyone else gets 404, as for accounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from battlemap.core.access import managed_team_ids
from battlemap.teams.models import Membership, Team
from battlemap.training import scenarios, scoring
from battlemap.training.models import CASE_PREFIX, Attempt, Case


@dataclass(frozen=True)
class Scenario:
    """A scenario as a trainee may see it, in one language: never its reference."""

    key: str
    title: str
    summary: str
    brief: str
    documents: list[dict[str, str]]
    people: list[dict[str, Any]]  # id, name, title, organisation, external
    case: Case | None
    data: dict[str, Any]  # the whole scenario, reference included: for scoring only, never rendered

    @property
    def checklist(self) -> tuple[str, ...]:
        """The red flags the trainee is asked to judge (`scenarios.checklist`)."""
        return scenarios.checklist(self.data)

    @property
    def person_names(self) -> dict[int, str]:
        return {p["id"]: p["name"] for p in self.people}


def cases_visible_to(user) -> QuerySet[Case]:
    if user.is_superuser:
        return Case.objects.all()
    teams = Membership.objects.filter(user=user).values("team_id")
    return Case.objects.filter(Q(made_by=user) | Q(team__in=teams)).distinct()


def _scenario(key: str, data: dict[str, Any], lang: str, case: Case | None) -> Scenario:
    text = data["text"][scenarios.lang_key(lang)]
    m = scenarios.scenario_map(data, lang)
    people = [
        {
            "id": p["id"],
            "name": p["name"],
            "title": p["title"],
            "organisation": p.get("organisation") or "",
            "external": p.get("external", False),
        }
        for p in m["people"]
    ]
    return Scenario(
        key,
        text["title"],
        text.get("summary", ""),
        text.get("brief", ""),
        text["documents"],
        people,
        case,
        data,
    )


def scenarios_for(user, lang: str) -> list[Scenario]:
    """The library, then the cases the user may see."""
    found = [_scenario(slug, data, lang, None) for slug, data in scenarios.load_library().items()]
    for case in cases_visible_to(user).order_by("-created_at", "-id"):
        found.append(_scenario(case.key, case.data, lang, case))
    return found


def get_scenario_for(user, key: str, lang: str) -> Scenario:
    """The scenario with this key if `user` may open it; otherwise 404."""
    if key.startswith(CASE_PREFIX):
        try:
            case = cases_visible_to(user).get(pk=int(key[len(CASE_PREFIX) :]))
        except (ValueError, Case.DoesNotExist):
            raise Http404("No such scenario") from None
        return _scenario(key, case.data, lang, case)
    data = scenarios.load_library().get(key)
    if data is None:
        raise Http404("No such scenario")
    return _scenario(key, data, lang, None)


def attempts_of(user, key: str) -> list[Attempt]:
    return list(Attempt.objects.filter(user=user, scenario=key).order_by("number"))


def reveals(attempts: list[Attempt]) -> bool:
    """The whole reference is shown once the last attempt is used."""
    return len(attempts) >= scoring.MAX_ATTEMPTS


def visible_result(attempt: Attempt, *, reveal: bool) -> dict[str, Any]:
    """What the trainee sees of a stored result. Once the reference is revealed, everything. Before, only
    what the trainee answered names someone: a right answer with its reason, an extra item of theirs,
    their pick for who decides. Every other item (a missed role, link or flag; an attitude or influence,
    which is scored only for people with a part in the deal; an attitude right only because both left it
    unknown) says its kind and right or wrong, nothing more, and comes after the named ones: its key,
    person, reason or place would tell whom the reference gives a part."""
    if reveal:
        return attempt.result
    named, hidden = [], []
    for row in attempt.result["items"]:
        if row["kind"] == "decision_maker":
            kept = row if row["right"] else {**_ANONYMOUS, "key": row["key"], "kind": row["kind"]}
            named.append({**kept, "given": row["given"]})
        elif row["right"] and _answered(row):
            named.append(row)
        elif row["extra"]:
            named.append({k: v for k, v in row.items() if k not in ("because", "expected")})
        else:
            hidden.append({**_ANONYMOUS, "kind": row["kind"], "right": row["right"]})
    hidden.sort(key=lambda row: (_KIND_ORDER.index(row["kind"]), not row["right"]))
    return {**attempt.result, "items": named + hidden}


def _answered(row: dict[str, Any]) -> bool:
    """The trainee gave this answer (an attitude left unknown is no answer)."""
    return row["given"] not in (None, False, "", "unknown")


_ANONYMOUS = {"key": "", "right": False, "extra": False, "person": None, "other": None, "given": None}
_KIND_ORDER = ("decision_maker", "role", "attitude", "influence", "link", "flag")


def get_attempt_for(user, key: str, number: int) -> Attempt:
    try:
        return Attempt.objects.get(user=user, scenario=key, number=number)
    except Attempt.DoesNotExist:
        raise Http404("No such attempt") from None


def managed_team_for(user, slug: str) -> Team:
    """The team with this slug if `user` manages it (or is an administrator); otherwise 404."""
    teams = Team.objects.all() if user.is_superuser else Team.objects.filter(pk__in=managed_team_ids(user))
    try:
        return teams.get(slug=slug)
    except Team.DoesNotExist:
        raise Http404("No such team") from None


def teams_managed_by(user) -> QuerySet[Team]:
    if user.is_superuser:
        return Team.objects.order_by("name")
    return Team.objects.filter(pk__in=managed_team_ids(user)).order_by("name")


def team_progress(team: Team) -> dict[str, Any]:
    """Who of the team has done which scenario: per member and scenario the attempts' scores in order,
    and every attempt over time (newest first)."""
    members = [m.user for m in team.memberships.select_related("user").order_by("user__username")]
    attempts = list(
        Attempt.objects.filter(user__in=members).select_related("user").order_by("created_at", "id")
    )
    titles: dict[str, str] = {}
    grid: dict[tuple[int, str], list[int]] = {}
    for a in attempts:
        titles.setdefault(a.scenario, a.title)
        grid.setdefault((a.user_id, a.scenario), []).append(a.percent)
    scenarios = sorted(titles)
    rows = [{"user": u, "cells": [grid.get((u.pk, key), []) for key in scenarios]} for u in members]
    return {
        "scenarios": [{"key": k, "title": titles[k]} for k in scenarios],
        "rows": rows,
        "attempts": list(reversed(attempts)),
    }
