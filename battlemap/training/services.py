"""Writes of training: a trainee's attempt (scored) and a case made from a real account's deal."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from battlemap.core.services import create_validated
from battlemap.training import scenarios, scoring
from battlemap.training.models import Attempt, Case
from battlemap.training.selectors import Scenario


def submission_from(raw: Any, scenario: Scenario) -> scoring.Submission:
    """Read a submission; a SubmissionError becomes a ValidationError naming the field, translated."""
    try:
        return scoring.parse_submission(raw, [p["id"] for p in scenario.people], scenario.checklist)
    except scoring.SubmissionError as exc:
        raise ValidationError(
            {exc.field: _(exc.message) % exc.params if exc.params else _(exc.message)}
        ) from None


@transaction.atomic
def attempt_submit(*, user, scenario: Scenario, raw: Any, lang: str) -> Attempt:
    """Score the trainee's map against the scenario's reference and keep it as their next attempt.

    Errors: ValidationError naming the field of the submission at fault, or `attempt` once the
    last attempt (scoring.MAX_ATTEMPTS) is used. Nothing is written then."""
    # lock the trainee's row so two submits at once cannot both become attempt 1
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    done = Attempt.objects.filter(user=user, scenario=scenario.key).count()
    if done >= scoring.MAX_ATTEMPTS:  # said first: no submission can be scored any more
        raise ValidationError(
            {
                "attempt": _(
                    "You have used both attempts at this scenario; its reference is shown with your results."
                )
            }
        )
    submission = submission_from(raw, scenario)
    result = scoring.score(scenarios.reference_of(scenario.data, lang), submission)
    return create_validated(
        Attempt(
            user=user,
            scenario=scenario.key,
            title=scenario.title[:200],
            number=done + 1,
            lang=scenarios.lang_key(lang),
            submission=submission.as_json(),
            result=scoring.result_json(result),
            percent=result.percent,
        )
    )


def case_create(*, made_by, team, title: str, outcome: str, data: dict[str, Any]) -> Case:
    """Keep an anonymised scenario (cases.case_from_deal builds it) as a case of `team`."""
    return create_validated(Case(made_by=made_by, team=team, title=title[:200], outcome=outcome, data=data))
