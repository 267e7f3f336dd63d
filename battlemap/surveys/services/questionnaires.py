"""Writes of questionnaires: send one (a personal link per person), revoke a link, record the answers
given by link, and a person merge's part in them (`person_survey_parts_move`).

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
from battlemap.core.history_stamp import recorded
from battlemap.core.multilingual import active_language
from battlemap.core.reasons import reason as stored_reason
from battlemap.core.refusals import DEAL_OF_ANOTHER_ACCOUNT, PERSON_OF_ANOTHER_ACCOUNT
from battlemap.core.services import create_validated, update_versioned
from battlemap.deals.models import Deal
from battlemap.people.models import Person
from battlemap.punctuation import list_separator
from battlemap.surveys.models import (
    LANGUAGES,
    Questionnaire,
    SurveyLink,
    SurveyResponse,
)
from battlemap.vocab import DECISION_FACTORS, SATISFACTION_AREAS, SURVEY_KINDS

TOKEN_BYTES = 24  # 32 characters of URL-safe base64: 192 bits, not guessable
DEFAULT_DAYS = 14
MAX_DAYS = 90
RATING_MIN, RATING_MAX = 1, 5
NPS_MIN, NPS_MAX = 0, 10

NO_PEOPLE = _("Choose at least one person to ask.")
NOT_ASKED = _(
    "Only active, named people are asked: not %(people)s (a role no one is known to hold yet, someone who has left "
    "the customer, or whose data was erased)."
)
BAD_DAYS = _("A link stays open between 1 and 90 days.")
BAD_LANGUAGE = _("Choose Chinese or English.")
BAD_KIND = _("Choose a decision-factor questionnaire or a satisfaction survey.")
LINK_CLOSED = _("This link can no longer be answered.")
ALREADY_ANSWERED = _("This link has been answered; it cannot be revoked.")
RATE_ONE = _("Rate at least one item.")
BAD_RATING = _("Give a rating from 1 to 5.")
BAD_NPS = _("Choose a number from 0 to 10.")
NO_CONSENT = _("Tick the box to agree, or close the page to leave without answering.")


def token_digest(token: str) -> str:
    """The SHA-256 (hex) of a link's token: what the database keeps."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def rated_codes(kind: str) -> tuple[str, ...]:
    """What a questionnaire of `kind` asks to rate 1..5: decision factors or satisfaction areas."""
    return tuple(DECISION_FACTORS if kind == "decision_factors" else SATISFACTION_AREAS)


# Who may be sent a questionnaire: active and named — not a placeholder (a role no one is known to hold, or what an
# erasure left: `people.erased.is_erased`), not one who has left the customer. The send form's choices filter by it
# and the service refuses anyone else (NOT_ASKED): the API had sent links to both.
ASKED = {"status": "active", "placeholder": False}


def may_be_asked(person: Person) -> bool:
    """Whether `person` may be sent a questionnaire (ASKED)."""
    return all(getattr(person, field) == value for field, value in ASKED.items())


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

    Errors: ValidationError naming `kind`, `people` (none, another account's, one not to be asked:
    `may_be_asked`), `deal`, `language` or `days`."""
    people = list(dict.fromkeys(people))
    errors: dict[str, Any] = {}
    if kind not in SURVEY_KINDS:
        errors["kind"] = BAD_KIND
    if not people:
        errors["people"] = NO_PEOPLE
    elif any(p.account_id != account.pk for p in people):
        errors["people"] = PERSON_OF_ANOTHER_ACCOUNT
    elif unasked := [p.name for p in people if not may_be_asked(p)]:
        errors["people"] = NOT_ASKED % {"people": list_separator(active_language()).join(unasked)}
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
    link = (
        SurveyLink.objects.select_for_update()
        .select_related("questionnaire__account", "person")
        .get(pk=link.pk)
    )
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


def person_survey_parts_move(*, duplicate: Person, survivor: Person) -> None:
    """A person merge's part in the questionnaires (people.services.merge.person_merge): the links sent to
    `duplicate` and the answers given through them become the survivor's, so the answers stay on the map and a
    link still open still takes its answer (deleting the duplicate had deleted both). History keeps each move."""
    for response in list(SurveyResponse.objects.filter(person=duplicate)):
        update_versioned(
            response, version=response.version, changes={"person": survivor}, allowed=("person",)
        )
    for link in list(SurveyLink.objects.filter(person=duplicate)):
        update_versioned(link, version=link.version, changes={"person": survivor}, allowed=("person",))


# --- interviews --------------------------------------------------------------------------------------
