"""Training in the web: the scenario library, the exercise, its scored attempts, cases from real deals,
and a team's progress. Thin: selectors decide who may see what (404 otherwise), services score and write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from battlemap.core.access import accounts_visible_to
from battlemap.core.api import asked_id
from battlemap.core.errors import validation_message
from battlemap.core.multilingual import active_language
from battlemap.deals.models import Deal
from battlemap.once.web import guarded
from battlemap.punctuation import labelled, sentences
from battlemap.training import roleplay, scenarios, scoring, selectors
from battlemap.training.cases import case_from_deal
from battlemap.training.services import attempt_submit, case_create
from battlemap.vocab import ATTITUDES, BUYING_ROLES, FLAGS, INFLUENCE_LEVELS

LINK_ROWS = 6
WHOLE_FORM = ("submission", "attempt")  # errors of the whole map, said without a field's name


def _lang() -> str:
    return scenarios.lang_key(active_language())


@login_required
def home(request):
    """The library and the cases the user may open, with their own attempts."""
    lang = _lang()
    mine: dict[str, list] = {}
    for a in request.user.training_attempts.order_by("number"):
        mine.setdefault(a.scenario, []).append(a)
    rows = [
        {"scenario": s, "attempts": mine.get(s.key, [])} for s in selectors.scenarios_for(request.user, lang)
    ]
    return render(
        request,
        "training/home.html",
        {
            "rows": rows,
            "teams": selectors.teams_managed_by(request.user),
            "max_attempts": scoring.MAX_ATTEMPTS,
        },
    )


def form_to_raw(post, people: list[dict[str, Any]]) -> dict[str, Any]:
    """The exercise form as the submission the API takes (scoring.parse_submission reads both)."""
    rows = []
    for p in people:
        prefix = f"p{p['id']}"
        rows.append(
            {
                "person": p["id"],
                "roles": post.getlist(f"{prefix}-roles"),
                "attitude": post.get(f"{prefix}-attitude") or "unknown",
                "influence": post.get(f"{prefix}-influence") or None,
            }
        )
    links = []
    for i in range(LINK_ROWS):
        a, b = post.get(f"link-{i}-from"), post.get(f"link-{i}-to")
        if a or b:
            links.append({"from": a, "to": b})
    return {
        "people": rows,
        "links": links,
        "decision_maker": post.get("decision_maker") or None,
        "flags": post.getlist("flags"),
    }


def _field_label(field: str, scenario: selectors.Scenario) -> str:
    """'people[2].attitude' → 'Wang Lei · attitude' for the page (the API keeps the path)."""
    if field.startswith("people["):
        index = int(field[7 : field.index("]")])
        name = scenario.people[index]["name"] if index < len(scenario.people) else field
        return f"{name} · {field.rsplit('.', 1)[-1]}"
    return field


@login_required
def exercise(request, key: str):
    """GET: the narrative and the form (never the reference). POST: score it as the next attempt."""
    lang = _lang()
    scenario = selectors.get_scenario_for(request.user, key, lang)
    attempts = selectors.attempts_of(request.user, key)
    errors: list[str] = []
    raw: dict[str, Any] = {}
    status = 200
    if request.method == "POST":
        raw = form_to_raw(request.POST, scenario.people)
        try:
            attempt = attempt_submit(user=request.user, scenario=scenario, raw=raw, lang=lang)
        except ValidationError as exc:
            errors = [
                sentences(m)
                if f in WHOLE_FORM
                else labelled(active_language(), _field_label(f, scenario), sentences(m))
                for f, m in exc.message_dict.items()
            ]
            status = 422
        else:
            messages.success(
                request, _("Attempt %(n)s scored: %(p)s%%.") % {"n": attempt.number, "p": attempt.percent}
            )
            return redirect("training_attempt", key=key, number=attempt.number)
    given = {r["person"]: r for r in raw.get("people", [])} if raw else {}
    people = [
        {
            **p,
            "roles": given.get(p["id"], {}).get("roles", []),
            "attitude": given.get(p["id"], {}).get("attitude", "unknown"),
            "influence": str(given.get(p["id"], {}).get("influence") or ""),
        }
        for p in scenario.people
    ]
    links = list(raw.get("links", [])) if raw else []
    links += [{"from": "", "to": ""}] * (LINK_ROWS - len(links))
    return render(
        request,
        "training/exercise.html",
        {
            "scenario": scenario,
            "people": people,
            "links": [
                {"from": str(x["from"] or ""), "to": str(x["to"] or ""), "i": i} for i, x in enumerate(links)
            ],
            "chosen_dm": str(raw.get("decision_maker") or "") if raw else "",
            "chosen_flags": raw.get("flags", []) if raw else [],
            "roles": BUYING_ROLES.labels(lang).items(),
            "attitudes": ATTITUDES.labels(lang).items(),
            "levels": INFLUENCE_LEVELS.labels(lang).items(),
            "flags": [(code, FLAGS.label(code, lang)) for code in scenario.checklist],
            "attempts": attempts,
            "can_submit": len(attempts) < scoring.MAX_ATTEMPTS,
            "max_attempts": scoring.MAX_ATTEMPTS,
            "errors": errors,
            "cards": roleplay.all_cards(lang),
        },
        status=status,
    )


def _item_rows(result: dict[str, Any], scenario: selectors.Scenario, lang: str) -> list[dict[str, Any]]:
    """Each scored item with the words a trainee reads (names, labels)."""
    names = scenario.person_names
    vocab = {"role": BUYING_ROLES, "attitude": ATTITUDES, "influence": INFLUENCE_LEVELS, "flag": FLAGS}
    rows = []
    for item in result["items"]:
        kind = item["kind"]

        def show(value, kind=kind):
            if value is None or value == "":
                return "—"
            if kind in vocab:
                return vocab[kind].label(value, lang)
            if kind == "decision_maker":
                return names.get(value, "—")
            return ""

        subject = names.get(item["person"], "") if item["person"] else ""
        if kind == "link" and item["person"]:
            subject = f"{names.get(item['person'], '?')} → {names.get(item['other'], '?')}"
        rows.append(
            {
                **item,
                "subject": subject,
                "given_label": show(item["given"]) if kind != "link" else "",
                "expected_label": show(item.get("expected")) if "expected" in item and kind != "link" else "",
            }
        )
    return rows


@login_required
def attempt_detail(request, key: str, number: int):
    """The score of one of the user's attempts, item by item, with the reasons quoted from the narrative."""
    lang = _lang()
    scenario = selectors.get_scenario_for(request.user, key, lang)
    attempt = selectors.get_attempt_for(request.user, key, number)
    attempts = selectors.attempts_of(request.user, key)
    reveal = selectors.reveals(attempts)
    result = selectors.visible_result(attempt, reveal=reveal)
    return render(
        request,
        "training/attempt.html",
        {
            "scenario": scenario,
            "attempt": attempt,
            "attempts": attempts,
            "result": result,
            "items": _item_rows(result, scenario, lang),
            "reveal": reveal,
            "can_retry": len(attempts) < scoring.MAX_ATTEMPTS,
            "cards": roleplay.all_cards(lang),
        },
    )


def _closed_deals(user):
    return (
        Deal.objects.filter(account__in=accounts_visible_to(user), status__in=("won", "lost"))
        .select_related("account")
        .order_by("account__name", "name")
    )


@login_required
@guarded
def case_new(request):
    """A team manager turns a won or lost deal of an account they may see into an anonymised case."""
    teams = selectors.teams_managed_by(request.user)
    if not teams.exists():
        raise Http404("No such page")
    deals = _closed_deals(request.user)
    error = ""
    status = 200
    if request.method == "POST":
        deal_id = asked_id(request.POST.get("deal"))
        deal = deals.filter(pk=deal_id).first() if deal_id is not None else None
        if deal is None:
            error = _("deal: choose a won or lost deal.")
            status = 422
        else:
            try:
                title, data = case_from_deal(deal=deal)
                team = deal.account.team if deal.account.team in teams else teams.first()
                case = case_create(
                    made_by=request.user, team=team, title=title, outcome=deal.status, data=data
                )
            except ValidationError as exc:
                error = validation_message(exc)
                status = 422
            else:
                messages.success(
                    request,
                    _(
                        "Case made from the deal's structured facts, with generated names: no typed text is in it."
                    ),
                )
                return redirect("training_exercise", key=case.key)
    return render(request, "training/case_new.html", {"deals": deals, "error": error}, status=status)


@login_required
def team_progress(request, slug: str):
    """Who of the team has done which scenario and their scores over time (the team's managers)."""
    team = selectors.managed_team_for(request.user, slug)
    return render(request, "training/team.html", {"team": team, **selectors.team_progress(team)})
