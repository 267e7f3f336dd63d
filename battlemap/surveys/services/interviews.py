"""Writes of guided interviews: record one, and accept or dismiss the map updates it implies.

An interview is saved through interactions.capture.meeting_capture (kind "interview"); an accepted update
changes the map through the owning services (people.services.person_create after
people.services.check_not_on_map, deals.services.stakeholder_set and deal_update).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from battlemap.accounts.models import Account
from battlemap.analysis.factor_scale import rated_weights
from battlemap.core.history_stamp import recorded
from battlemap.core.models import text_limit
from battlemap.core.reasons import reason as stored_reason
from battlemap.core.refusals import DEAL_OF_ANOTHER_ACCOUNT, PERSON_OF_ANOTHER_ACCOUNT
from battlemap.core.services import create_validated, update_versioned
from battlemap.deals import services as deals
from battlemap.deals.models import FACTOR_WEIGHT_MAX, Deal
from battlemap.interactions.capture import meeting_capture
from battlemap.interactions.models import Interaction
from battlemap.people import services as people_services
from battlemap.people.models import Person
from battlemap.people.selectors import people_like
from battlemap.surveys.guides import question_codes
from battlemap.surveys.models import (
    Interview,
    Proposal,
)
from battlemap.surveys.services.questionnaires import (
    BAD_RATING,
    RATING_MAX,
    RATING_MIN,
)
from battlemap.vocab import ATTITUDES, DECISION_FACTORS

NOT_OPEN = _("This update has already been accepted or dismissed.")
NEEDS_DEAL = _("This update is made in a deal: the interview names none.")
# the people services' rule (people.services.check_not_on_map), said for an interview's proposal
NAMED_ALREADY_ON_MAP = _(
    "Already on the map: %(people)s. Dismiss this update; to add another person of this name, add them "
    "on the people page."
)
ANSWERS_TOO_LONG = _(
    "The answers with their questions hold %(count)s characters; an interview keeps at most %(most)s."
)


def _compiled(answers: Mapping[str, str], questions: Mapping[str, str]) -> str:
    """The interview as the interaction's summary: each question asked, then its answer."""
    return "\n\n".join(f"{questions.get(code, code)}\n{text}" for code, text in answers.items())


@transaction.atomic
def interview_record(
    *,
    account: Account,
    by,
    person: Person,
    role: str,
    stage: str,
    occurred_at: datetime,
    answers: Mapping[str, str],
    questions: Mapping[str, str],
    deal: Deal | None = None,
    named_people: Iterable[tuple[str, str]] = (),
    deciders: Iterable[Person] = (),
    attitude: str = "",
    factor_ratings: Mapping[str, int] | None = None,
) -> Interview:
    """Save a guided interview with `person` as an interview interaction (meeting_capture) and the map
    updates it implies as open proposals: people named who are not on the map yet, who else decides,
    the person's attitude, the decision factors they weigh (the last three need the `deal`).

    `answers`: {question code: answer} (empty answers dropped); `questions`: {code: question text},
    to write the summary. The interview's `already_on_map` lists the names named who are on the map already
    (name, [people]), not proposed again. Errors: ValidationError naming the field (`person`, `answers`, `deal`,
    `attitude`, `factor_<code>`, `named_people` with the line and the person's field…)."""
    answers = {code: text.strip() for code, text in answers.items() if (text or "").strip()}
    errors: dict[str, Any] = {}
    if person.account_id != account.pk:
        errors["person"] = PERSON_OF_ANOTHER_ACCOUNT
    if set(answers) - question_codes():
        errors["answers"] = _("An answer to an unknown question.")
    if deal is not None and deal.account_id != account.pk:
        errors["deal"] = DEAL_OF_ANOTHER_ACCOUNT
    if attitude and attitude not in ATTITUDES:
        errors["attitude"] = _("Choose an attitude from the list.")
    factors = {k: v for k, v in (factor_ratings or {}).items() if v not in (None, "")}
    for code, value in factors.items():
        if (
            code not in DECISION_FACTORS
            or not isinstance(value, int)
            or not RATING_MIN <= value <= RATING_MAX
        ):
            errors[f"factor_{code}"] = BAD_RATING
    if (attitude or factors) and deal is None:
        errors["deal"] = NEEDS_DEAL
    named_people = [(name.strip(), title.strip()) for name, title in named_people]
    deciders = list(dict.fromkeys(deciders))
    if any(decider.account_id != account.pk for decider in deciders):
        errors["deciders"] = PERSON_OF_ANOTHER_ACCOUNT
    named = [  # each line of people named must make a person when its proposal is accepted
        problem
        for number, (name, title) in enumerate(named_people, start=1)
        if name
        for problem in people_services.new_person_problems(
            Person(account=account, name=name, title=title), number
        )
    ]
    if named:
        errors["named_people"] = named
    if not answers and not errors:
        errors["answers"] = _("Write down at least one answer.")
    summary = _compiled(answers, questions)
    most = text_limit(Interaction, "summary")
    if len(summary) > most and "answers" not in errors:
        # the interview is kept as the interaction's summary: it must fit there, as the API reads it back
        errors["answers"] = ANSWERS_TOO_LONG % {"most": most, "count": len(summary)}
    if errors:
        raise ValidationError(errors)
    captured = meeting_capture(
        account=account,
        by=by,
        occurred_at=occurred_at,
        participants=[person],
        our_participants=[by],
        kind="interview",
        deal=deal,
        summary=summary,
    )
    interview = create_validated(
        Interview(interaction=captured.interaction, account=account, role=role, stage=stage, answers=answers)
    )
    interview.already_on_map = []  # (name as typed, the people on the map it names): said to the user
    for name, title in named_people:
        # a name on the map already (the people services' rule, people_like) is no new person to propose
        if name and (known := list(people_like(account=account, name=name))):
            interview.already_on_map.append((name, known))
        elif name:
            create_validated(
                Proposal(
                    interview=interview,
                    kind=Proposal.Kind.NEW_PERSON,
                    payload={"name": name, "title": title},
                )
            )
    if deal is not None:
        current = {r.person_id: r for r in deal.roles.all()}
        for decider in deciders:
            if "decision_maker" not in getattr(current.get(decider.pk), "roles", []):
                create_validated(Proposal(interview=interview, kind=Proposal.Kind.DECIDES, person=decider))
        if attitude and getattr(current.get(person.pk), "attitude", "unknown") != attitude:
            create_validated(
                Proposal(
                    interview=interview,
                    kind=Proposal.Kind.ATTITUDE,
                    person=person,
                    payload={"attitude": attitude},
                )
            )
        if factors:
            create_validated(
                Proposal(interview=interview, kind=Proposal.Kind.FACTORS, payload={"weights": factors})
            )
    return interview


def _role_fields(deal: Deal, person: Person) -> tuple[int, list[str]]:
    role = deal.roles.filter(person=person).first()
    return (role.version, list(role.roles)) if role else (0, [])


@transaction.atomic
def proposal_accept(*, proposal: Proposal, version: int | None) -> Proposal:
    """Make the proposed change through the people and deals services, then mark it accepted.

    A new person is refused when someone of that name is on the map already (people.services.check_not_on_map:
    another interview's proposal, or the person form, may have added them since). Decision-factor ratings
    change only the factors rated, on the deal's own scale (analysis.factor_scale.rated_weights); what
    changed is kept in the payload (`applied`: [code, before, after, rating] each; `kept`: other factors
    were left as they were) for the interview's page.

    Errors: StaleEdit; ValidationError naming `proposal` (no longer open, needs a deal, or the person is on
    the map already) or the field the owning service names."""
    if proposal.state != Proposal.State.OPEN:
        raise ValidationError({"proposal": NOT_OPEN})
    interview = proposal.interview
    deal = interview.interaction.deal
    account = interview.account
    payload = proposal.payload
    with recorded(reason=stored_reason("interview", interview.pk)):
        if proposal.kind == Proposal.Kind.NEW_PERSON:
            try:
                people_services.check_not_on_map(
                    account=account, name=proposal.payload["name"], message=NAMED_ALREADY_ON_MAP
                )
            except ValidationError as e:
                raise ValidationError({"proposal": e.error_dict["name"]}) from e
            people_services.person_create(
                account=account, name=proposal.payload["name"], title=proposal.payload.get("title", "")
            )
        elif deal is None:
            raise ValidationError({"proposal": NEEDS_DEAL})
        elif proposal.kind == Proposal.Kind.DECIDES:
            role_version, roles = _role_fields(deal, proposal.person)
            deals.stakeholder_set(
                deal=deal,
                person=proposal.person,
                version=role_version,
                roles=sorted({*roles, "decision_maker"}),
            )
        elif proposal.kind == Proposal.Kind.ATTITUDE:
            role_version, _roles = _role_fields(deal, proposal.person)
            deals.stakeholder_set(
                deal=deal, person=proposal.person, version=role_version, attitude=proposal.payload["attitude"]
            )
        elif proposal.kind == Proposal.Kind.FACTORS:
            fresh = Deal.objects.get(pk=deal.pk)
            typed = fresh.decision_factors or {}
            merged, changes = rated_weights(typed, proposal.payload["weights"], most=FACTOR_WEIGHT_MAX)
            deals.deal_update(deal=fresh, version=fresh.version, decision_factors=merged)
            payload = {
                **payload,
                "applied": [[c.code, c.before, c.after, c.rating] for c in changes],
                "kept": bool(set(typed) - set(proposal.payload["weights"])),
            }
        return update_versioned(
            proposal,
            version=version,
            changes={"state": Proposal.State.ACCEPTED, "payload": payload},
            allowed=("state", "payload"),
        )


def proposal_dismiss(*, proposal: Proposal, version: int | None) -> Proposal:
    """Leave the map as it is; the proposal is kept as dismissed."""
    if proposal.state != Proposal.State.OPEN:
        raise ValidationError({"proposal": NOT_OPEN})
    return update_versioned(
        proposal, version=version, changes={"state": Proposal.State.DISMISSED}, allowed=("state",)
    )
