"""Everything the installation holds about one person, as one JSON-ready dict (PIPL/GDPR access
requests): `person_export`. Reads only; the web page, the API route and `battlemap person-export`
serve it, and audit the export.

Kept together: the person's fields, dotted-line managers, influence links, deal roles (with who covers
them), action items about them, the interactions they took part in, their history rows (and those of
records merged into them), the mail records they sent or received, the suggestions about them, the
comments on them or naming them, and the questionnaires sent to them with their answers (ratings, NPS,
comment, the consent text they agreed to) and every history row of those answers.
"""

from __future__ import annotations

import json
from typing import Any

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone

from battlemap.core.history_stamp import OLDEST_FIRST
from battlemap.deals.models import ActionItem, StakeholderRole
from battlemap.interactions.models import Interaction
from battlemap.people.merge import merged_ids
from battlemap.people.models import DottedLine, InfluenceLink, Person

FORMAT = "battlemap-person/1"
HISTORY_SKIP = {"name_key", "history_user", "history_id"}


def _fields(instance: models.Model, skip: set[str] = frozenset()) -> dict[str, Any]:
    """Concrete fields of a row, foreign keys by id (`reports_to_id`)."""
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.name not in skip and f.attname not in skip
    }


def _history(person_ids: list[int]) -> list[dict[str, Any]]:
    out = []
    for rec in (
        Person.history.filter(id__in=person_ids).select_related("history_user").order_by(*OLDEST_FIRST)
    ):
        row = _fields(rec, skip=HISTORY_SKIP | {"name_key"})
        row["history_user"] = rec.history_user.get_username() if rec.history_user_id else None
        out.append(row)
    return out


def _mail(account_id: int, emails: list[str]) -> list[dict[str, Any]]:
    if not emails:
        return []
    MailItem = apps.get_model("intel", "MailItem")
    lowered = {e.lower() for e in emails}
    q = Q()
    for e in emails:
        q |= Q(sender_email__iexact=e) | Q(recipients__icontains=e)
    out = []
    for item in MailItem.objects.filter(Q(account_id=account_id) & q).order_by("occurred_at", "id"):
        as_ = ["from"] if item.sender_email.lower() in lowered else []
        as_ += [r[2] for r in item.recipients if r and str(r[0]).lower() in lowered and len(r) > 2]
        if not as_:
            continue  # the address only appeared inside a longer one
        out.append(
            {
                "uid": item.uid,
                "kind": item.kind,
                "occurred_at": item.occurred_at,
                "subject": item.subject,
                "from": item.sender_email,
                "sender_name": item.sender_name,
                "recipients": item.recipients,
                "signature_title": item.signature_title,
                "signature_phone": item.signature_phone,
                "source": item.source,
                "as": as_,
            }
        )
    return out


def _suggestions(account_id: int, emails: list[str], names: set[str]) -> list[dict[str, Any]]:
    Suggestion = apps.get_model("intel", "Suggestion")
    q = Q(pk__in=[])
    for e in emails:
        q |= Q(email__iexact=e) | Q(value__iexact=e)
    for n in names:
        q |= Q(name__iexact=n)
    return [
        _fields(s, skip={"decided_by"})
        | {"decided_by": s.decided_by.get_username() if s.decided_by else None}
        for s in Suggestion.objects.filter(Q(account_id=account_id) & q).select_related("decided_by")
    ]


def _comments(account_id: int, person_ids: list[int], names: set[str]) -> list[dict[str, Any]]:
    Comment = apps.get_model("comments", "Comment")
    q = Q(person_id__in=person_ids)
    for n in names:
        if len(n) >= 2:
            q |= Q(body__icontains=n)
    return [
        {
            "id": c.pk,
            "created_at": c.created_at,
            "author": c.author.get_username(),
            "deal": c.deal.name if c.deal_id else None,
            "about_this_person": c.person_id in person_ids,
            "body": c.body,
        }
        for c in Comment.objects.filter(Q(account_id=account_id) & q).select_related("author", "deal")
    ]


def _questionnaires(person_ids: list[int]) -> list[dict[str, Any]]:
    """Each questionnaire link sent to them, its state and their answers (if any), oldest first."""
    SurveyLink = apps.get_model("surveys", "SurveyLink")
    out = []
    for link in (
        SurveyLink.objects.filter(person_id__in=person_ids)
        .select_related("questionnaire__account", "questionnaire__deal", "questionnaire__sent_by", "response")
        .order_by("created_at", "id")
    ):
        q = link.questionnaire
        response = getattr(link, "response", None)
        out.append(
            {
                "kind": q.kind,
                "deal": q.deal.name if q.deal_id else None,
                "sent_at": link.created_at,
                "sent_by": q.sent_by.get_username(),
                "language": link.language,
                "expires_at": link.expires_at,
                "revoked_at": link.revoked_at,
                "answered_at": link.answered_at,
                "state": link.state,
                "answers": _fields(response, skip={"link", "account", "person", "deal"})
                if response is not None
                else None,
            }
        )
    return out


def _questionnaire_history(person_ids: list[int]) -> list[dict[str, Any]]:
    """Every history row of their questionnaire answers."""
    SurveyResponse = apps.get_model("surveys", "SurveyResponse")
    out = []
    for rec in (
        SurveyResponse.history.filter(person_id__in=person_ids)
        .select_related("history_user")
        .order_by(*OLDEST_FIRST)
    ):
        row = _fields(rec, skip=HISTORY_SKIP)
        row["history_user"] = rec.history_user.get_username() if rec.history_user_id else None
        out.append(row)
    return out


def person_export(*, person: Person) -> dict[str, Any]:
    """Everything about `person` (module docstring), JSON-ready through `person_export_json`."""
    ids = [person.pk, *merged_ids(person.pk)]
    past = list(Person.history.filter(id__in=ids).values("name", "email"))
    names = {person.name} | {r["name"] for r in past if r["name"]}
    emails = sorted({person.email, *(r["email"] for r in past)} - {""})
    roles = StakeholderRole.objects.filter(person_id__in=ids).select_related("deal")
    return {
        "format": FORMAT,
        "exported_at": timezone.now(),
        "account": {"slug": person.account.slug, "name": person.account.name},
        "person": _fields(person, skip={"name_key"})
        | {
            "reports_to": person.reports_to.name if person.reports_to_id else None,
            "org_unit": person.org_unit.name if person.org_unit_id else None,
        },
        "names_and_addresses_held": {"names": sorted(names), "emails": emails},
        "dotted_line_managers": [
            line.manager.name for line in DottedLine.objects.filter(person=person).select_related("manager")
        ],
        "influence_links": [
            {
                "from": link.source.name,
                "to": link.target.name,
                "kind": link.kind,
                "strength": link.strength,
                "note": link.note,
            }
            for link in InfluenceLink.objects.filter(
                Q(source_id__in=ids) | Q(target_id__in=ids)
            ).select_related("source", "target")
        ],
        "deal_roles": [
            _fields(r, skip={"person"})
            | {
                "deal": r.deal.name,
                "covered_by": [c.user.get_username() for c in r.coverage.select_related("user")],
            }
            for r in roles
        ],
        "action_items": [
            _fields(a) | {"deal": a.deal.name}
            for a in ActionItem.objects.filter(person_id__in=ids).select_related("deal")
        ],
        "interactions": [
            _fields(i) | {"deal": i.deal.name if i.deal_id else None}
            for i in Interaction.objects.filter(participants__person_id__in=ids)
            .select_related("deal")
            .distinct()
            .order_by("occurred_at", "id")
        ],
        "history": _history(ids),
        "mail_records": _mail(person.account_id, emails),
        "suggestions": _suggestions(person.account_id, emails, names),
        "comments": _comments(person.account_id, ids, names),
        "questionnaires": _questionnaires(ids),
        "questionnaire_answers_history": _questionnaire_history(ids),
    }


def person_export_json(*, person: Person) -> str:
    return json.dumps(person_export(person=person), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def export_filename(person: Person) -> str:
    return f"person-{person.account.slug}-{person.pk}.json"
