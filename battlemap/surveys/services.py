"""Writes of the surveys app: send a questionnaire (one personal link per person), revoke a link, record
the answers given by link, record a guided interview and accept or dismiss the map updates it implies.

The only writers of these models. An accepted update changes the map through the owning services
(people.services.person_create after people.services.check_not_on_map, deals.services.stakeholder_set
and deal_update); an interview is saved through interactions.capture.meeting_capture (kind "interview").

Links: the token (secrets.token_urlsafe) is given to the seller once and never stored; only its
SHA-256 is. A link answers only its own questionnaire, once, until it expires or is revoked.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from battlemap.accounts.models import Account
from battlemap.analysis.factor_scale import rated_weights
from battlemap.core.models import text_limit
from battlemap.core.reasons import reason as stored_reason
from battlemap.core.services import create_validated, recorded, update_versioned
from battlemap.deals import services as deals
from battlemap.deals.models import FACTOR_WEIGHT_MAX, Deal
from battlemap.interactions.capture import meeting_capture
from battlemap.interactions.models import Interaction
from battlemap.people import services as people_services
from battlemap.people.models import Person
from battlemap.people.selectors import people_like
from battlemap.surveys.guides import question_codes
from battlemap.surveys.models import (
    LANGUAGES,
    Interview,
    Proposal,
    Questionnaire,
    SurveyLink,
    SurveyResponse,
)
from battlemap.vocab import ATTITUDES, DECISION_FACTORS, SATISFACTION_AREAS, SURVEY_KINDS

TOKEN_BYTES = 24  # 32 characters of URL-safe base64: 192 bits, not guessable
DEFAULT_DAYS = 14
MAX_DAYS = 90
RATING_MIN, RATING_MAX = 1, 5
NPS_MIN, NPS_MAX = 0, 10

NO_PEOPLE = _("Choose at least one person to ask.")
PERSON_OF_ANOTHER_ACCOUNT = _("This person belongs to another account.")
DEAL_OF_ANOTHER_ACCOUNT = _("This deal belongs to another account.")
BAD_DAYS = _("A link stays open between 1 and 90 days.")
BAD_LANGUAGE = _("Choose Chinese or English.")
BAD_KIND = _("Choose a decision-factor questionnaire or a satisfaction survey.")
LINK_CLOSED = _("This link can no longer be answered.")
ALREADY_ANSWERED = _("This link has been answered; it cannot be revoked.")
RATE_ONE = _("Rate at least one item.")
BAD_RATING = _("Give a rating from 1 to 5.")
BAD_NPS = _("Choose a number from 0 to 10.")
NO_CONSENT = _("Tick the box to agree, or close the page to leave without answering.")
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


def token_digest(token: str) -> str:
    """The SHA-256 (hex) of a link's token: what the database keeps."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def rated_codes(kind: str) -> tuple[str, ...]:
    """What a questionnaire of `kind` asks to rate 1..5: decision factors or satisfaction areas."""
    return tuple(DECISION_FACTORS if kind == "decision_factors" else SATISFACTION_AREAS)


@dataclass
class SentLink:
    """A link just made, with its token (shown to the seller once; only its hash is stored)."""

    link: SurveyLink
    token: str


@transaction.atomic
def questionnaire_send(
    *,
    account: Account,
    kind: str,
    people: Iterable[Person],
    sent_by,
    deal: Deal | None = None,
    language: str | Mapping[int, str] = "zh-hans",
    days: int = DEFAULT_DAYS,
) -> list[SentLink]:
    """A questionnaire of `kind` (vocab.SURVEY_KINDS) for `people` of `account`, each with a personal
    link in `language` (one for all, or {person id: language}) open for `days` days.

    Errors: ValidationError naming `kind`, `people`, `deal`, `language` or `days`."""
    people = list(dict.fromkeys(people))
    errors: dict[str, Any] = {}
    if kind not in SURVEY_KINDS:
        errors["kind"] = BAD_KIND
    if not people:
        errors["people"] = NO_PEOPLE
    elif any(p.account_id != account.pk for p in people):
        errors["people"] = PERSON_OF_ANOTHER_ACCOUNT
    if deal is not None and deal.account_id != account.pk:
        errors["deal"] = DEAL_OF_ANOTHER_ACCOUNT
    if not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        errors["days"] = BAD_DAYS
    codes = {code for code, _label in LANGUAGES}
    languages = language if isinstance(language, Mapping) else {p.pk: language for p in people}
    if any(languages.get(p.pk) not in codes for p in people):
        errors["language"] = BAD_LANGUAGE
    if errors:
        raise ValidationError(errors)
    questionnaire = create_validated(Questionnaire(account=account, deal=deal, kind=kind, sent_by=sent_by))
    expires = timezone.now() + timedelta(days=days)
    sent = []
    for person in people:
        token = secrets.token_urlsafe(TOKEN_BYTES)
        link = create_validated(
            SurveyLink(
                questionnaire=questionnaire,
                person=person,
                token_hash=token_digest(token),
                language=languages[person.pk],
                expires_at=expires,
            )
        )
        sent.append(SentLink(link, token))
    return sent


def link_revoke(*, link: SurveyLink, version: int | None = None) -> SurveyLink:
    """Close a link that was not answered (ValidationError naming `link` when it was). `version`:
    the one the editor saw (None: whatever is stored, as the API's revoke has none)."""
    if link.answered_at is not None:
        raise ValidationError({"link": ALREADY_ANSWERED})
    if link.revoked_at is not None:
        return link
    return update_versioned(
        link,
        version=link.version if version is None else version,
        changes={"revoked_at": timezone.now()},
        allowed=("revoked_at",),
    )


def _checked_answers(kind: str, ratings: Mapping[str, Any], nps: Any) -> tuple[dict[str, int], int | None]:
    errors: dict[str, Any] = {}
    clean: dict[str, int] = {}
    for code in rated_codes(kind):
        value = ratings.get(code)
        if value in (None, ""):
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not RATING_MIN <= value <= RATING_MAX:
            errors[f"rating_{code}"] = BAD_RATING
        else:
            clean[code] = value
    unknown = set(ratings) - set(rated_codes(kind))
    for code in sorted(unknown):
        errors[f"rating_{code}"] = BAD_RATING
    if not clean and not errors:
        errors["ratings"] = RATE_ONE
    if kind == "satisfaction":
        if isinstance(nps, bool) or not isinstance(nps, int) or not NPS_MIN <= nps <= NPS_MAX:
            errors["nps"] = BAD_NPS
    else:
        nps = None
    if errors:
        raise ValidationError(errors)
    return clean, nps


@transaction.atomic
def response_record(
    *,
    link: SurveyLink,
    ratings: Mapping[str, Any],
    nps: int | None,
    consent_text: str,
    consented: bool,
    comment: str = "",
    answered_at: datetime | None = None,
) -> SurveyResponse:
    """The answers given through `link`, once, while it is open: a SurveyResponse with the consent
    text the respondent agreed to. (No interaction: answering a form is not talking with us, so it
    does not make anyone "engaged".)

    Errors: ValidationError naming `link` (answered, revoked, expired), `rating_<code>`, `ratings`,
    `nps` or `consent`."""
    link = SurveyLink.objects.select_for_update().select_related("questionnaire", "person").get(pk=link.pk)
    if link.state != "open":
        raise ValidationError({"link": LINK_CLOSED})
    questionnaire = link.questionnaire
    clean, nps = _checked_answers(questionnaire.kind, ratings, nps)
    if not consented:
        raise ValidationError({"consent": NO_CONSENT})
    when = answered_at or timezone.now()
    with recorded(at=answered_at, reason=stored_reason("survey", link.pk)):
        response = create_validated(
            SurveyResponse(
                link=link,
                account_id=questionnaire.account_id,
                person=link.person,
                deal_id=questionnaire.deal_id,
                kind=questionnaire.kind,
                ratings=clean,
                nps=nps,
                comment=(comment or "").strip()[:4000],
                consent_text=consent_text,
                language=link.language,
                answered_at=when,
            )
        )
        update_versioned(link, version=link.version, changes={"answered_at": when}, allowed=("answered_at",))
    return response


# --- interviews --------------------------------------------------------------------------------------


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
    deciders = list(deciders)
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
        for decider in dict.fromkeys(deciders):
            if decider.account_id != account.pk:
                raise ValidationError({"deciders": PERSON_OF_ANOTHER_ACCOUNT})
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
