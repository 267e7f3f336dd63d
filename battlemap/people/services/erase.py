"""Erase a person (PIPL/GDPR requests): their personal data leaves the map, its history, the ingested
mail records and the suggestions; an anonymous placeholder keeps their place in the map's structure.

What happens (docs/security.md, "Personal data"):

- The person becomes a placeholder (`erased.NAME`, read "Erased person" / "已删除的人员" in the reader's
  language: people/erased.py): name, e-mail, phone, title, organisation, CRM id
  and the whole portrait (duties, concerns, style, needs, traits, personal win, notes) are emptied — in
  the current row and in **every history row** of that person, so `history?as_of=` shows the
  placeholder on any date. Reporting lines, department, dotted lines, influence links, deal roles
  (roles, attitude, influence) and participations stay: the map keeps its shape.
- Their deal roles lose the personal win and plan written about them, their influence links the note;
  comments on the person are deleted with their history.
- Every other text of the account (interaction summaries, action items, comments, notes, stage notes,
  mail subjects, ingest summaries…, current rows and history rows alike) has each of the person's names,
  e-mail addresses and phone numbers — current and earlier ones, read from history — replaced by
  `erased.TEXT` (read "[erased]" / "[已删除]" in the reader's language); a phone number however it is written
  (139 1234 5678, +86-139-1234-5678, 8613912345678: io.phones.written_phone_pattern), never inside a longer run
  of digits. A decision body (or any name kept with a `name_key`) named after them is sorted by its new name.
- Their questionnaire answers (ratings, NPS, comment, the consent text they agreed to) are deleted with
  their history: nothing the analysis, a page or an export reads still holds what they said (no flag
  quotes them; the account's satisfaction counts without them). The links sent to them stay, on the
  placeholder, as a record that a questionnaire was sent and answered on that day.
- Mail records they sent are deleted; they are removed from the recipients of the others. Suggestions
  about them (their address, or naming them as a manager) are deleted with their history.
- The shared cache is cleared (cached analyses and history answers held their name).
- What remains as a record: the placeholder's history row of the erasure (who, when, reason "erased")
  and an audit-log entry ("erased a person", the person's id) — neither holds the erased data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy

from battlemap.audit.services import Action, audit_record
from battlemap.core.history_stamp import recorded, stamped
from battlemap.core.models import KeyedByName
from battlemap.core.reasons import reason as stored_reason
from battlemap.core.text import name_key
from battlemap.io.phones import written_phone_pattern
from battlemap.maps.cache import ACCOUNT_PATHS
from battlemap.people import erased
from battlemap.people.merge import merged_ids
from battlemap.people.models import Person

# The person's own fields emptied by an erasure (the name is replaced, not emptied).
ERASED_FIELDS = {
    "email": "",
    "phone": "",
    "title": "",
    "organisation": "",
    "external_id": "",
    "duties": "",
    "concerns": "",
    "decision_style": "",
    "needs_level": "",
    "power": None,
    "expertise": None,
    "budget_control": None,
    "network": None,
    "personal_win": "",
    "notes": "",
}
# The models besides the map (maps.cache.ACCOUNT_PATHS) whose rows belong to an account.
OTHER_ACCOUNT_MODELS = {
    "comments.comment": "account_id",
    "intel.mailitem": "account_id",
    "intel.suggestion": "account_id",
    "intel.ingestrun": "account_id",
    "reviews.review": "account_id",
}
TEXT_TYPES = ("CharField", "TextField", "EmailField", "SlugField", "URLField", "JSONField")
MIN_NEEDLE = 2  # a one-letter name would wipe every such letter
ERASED_REASON = stored_reason("erased")  # said in the reader's language
NOT_THE_NAME = gettext_lazy("Type the person's name exactly as shown to confirm.")


def check_erase_confirmation(person: Person, confirm: str) -> None:
    """The one confirmation of the web form and the API: `confirm` is the person's current name.
    Errors: ValidationError naming `confirm`."""
    if (confirm or "").strip() != person.name.strip():
        raise ValidationError({"confirm": NOT_THE_NAME})


def _history_model(model):
    history = getattr(model, "history", None)
    return history.model if history is not None and hasattr(history, "model") else None


def _ever_ids(label: str, account_id: int):
    """Ids of the `label` rows that ever belonged to the account, read from history where there is one
    (so rows already deleted, whose history still holds text, are found too)."""
    model = apps.get_model(label)
    path = _paths()[label]
    table = _history_model(model) or model
    if path == "id":
        return [account_id]
    if path == "account_id":
        return table._default_manager.filter(account_id=account_id).values("id")
    first, _rest = path.split("__", 1)
    parent = model._meta.get_field(first).related_model._meta.label_lower
    return table._default_manager.filter(**{f"{first}_id__in": _ever_ids(parent, account_id)}).values("id")


def _paths() -> dict[str, str]:
    return {**ACCOUNT_PATHS, **OTHER_ACCOUNT_MODELS}


def _account_rows(label: str, account_id: int) -> list[models.QuerySet]:
    """The rows of `label` of the account: the current table and its history table."""
    model = apps.get_model(label)
    path = _paths()[label]
    tables = [model] + ([h] if (h := _history_model(model)) is not None else [])
    out = []
    for table in tables:
        manager = table._base_manager if table is model else table._default_manager
        if path == "id":
            out.append(manager.filter(id=account_id))
        elif path == "account_id":
            out.append(manager.filter(account_id=account_id))
        else:
            first, _rest = path.split("__", 1)
            parent = model._meta.get_field(first).related_model._meta.label_lower
            out.append(manager.filter(**{f"{first}_id__in": _ever_ids(parent, account_id)}))
    return out


def account_records_erase(account_id: int) -> int:
    """Delete every row left of account `account_id` — current rows and every history row of its map and of the
    models beside it (comments, mail records, suggestions, ingest runs, reviews) — when the account is purged for
    good (accounts.services.accounts_purge): history had kept all of it, names, e-mail addresses and notes
    included, with no way left to erase a person of it (PIPL art. 47: personal information is deleted once its
    purpose is gone). Returns the rows deleted. The audit log keeps its entries, which hold no such data."""
    found = []  # every id first: the tables reached through a parent read the parent's history
    for label in _paths():
        for rows in _account_rows(label, account_id):
            key = "history_id" if hasattr(rows.model, "history_id") else "pk"
            found.append((rows.model, key, list(rows.values_list(key, flat=True))))
    deleted = 0
    for table, key, ids in found:
        manager = table._base_manager
        for start in range(0, len(ids), 500):  # SQLite's bound on the parameters of one query
            deleted += manager.filter(**{f"{key}__in": ids[start : start + 500]}).delete()[0]
    return deleted


def _needles(person: Person, ids: list[int]) -> tuple[list[str], list[str]]:
    """Every name, e-mail address and phone number the person ever had (history included, and the
    records merged into them), as written, longest first; and their phone cells, each number found however
    it is written (`io.phones.written_phone_pattern`)."""
    found: set[str] = set()
    rows = list(Person.history.filter(id__in=ids).values("name", "email", "phone"))
    rows.append({"name": person.name, "email": person.email, "phone": person.phone})
    for row in rows:
        for key in ("name", "email", "phone"):
            value = (row.get(key) or "").strip()
            if len(value) >= MIN_NEEDLE:
                found.add(value)
    phones = sorted({row["phone"] for row in rows if written_phone_pattern(row.get("phone") or "")})
    return sorted(found, key=lambda s: (-len(s), s)), phones


@dataclass(frozen=True)
class _Needles:
    """The needles as one pattern, with the `shields` — other people's names that hold one of them (李雷鸣
    beside the erased 李雷, "Ann Lee" beside "Ann"): tried longest first, so a shield is matched whole and kept
    rather than cut by the needle inside it (a trial's erase of 李雷 turned 李雷鸣 into "[已删除]鸣")."""

    pattern: re.Pattern
    shields: frozenset[str]

    @classmethod
    def of(cls, needles: list[str], shields: Iterable[str] = (), phones: Iterable[str] = ()) -> _Needles:
        """`phones`: phone cells, each number found however it is written (io.phones.written_phone_pattern)."""
        folded = [n.casefold() for n in needles]
        kept = {s for s in shields if any(n in s.casefold() and n != s.casefold() for n in folded)}
        # a Latin name is matched as a whole word ("Ann" leaves "Annual" alone); Chinese text has no spaces
        parts = [written_phone_pattern(p) for p in phones] + [
            (r"(?<![A-Za-z0-9])" if n[0].isascii() and n[0].isalnum() else "")
            + re.escape(n)
            + (r"(?![A-Za-z0-9])" if n[-1].isascii() and n[-1].isalnum() else "")
            for n in sorted({*needles, *kept}, key=lambda s: (-len(s), s))
        ]
        return cls(
            re.compile("|".join(p for p in parts if p), re.IGNORECASE), frozenset(s.casefold() for s in kept)
        )

    def replace(self, text: str, mark: str) -> str:
        """`text` with every needle replaced by `mark`, the shields left as they are."""
        return self.pattern.sub(lambda m: m.group(0) if m.group(0).casefold() in self.shields else mark, text)


def _text_fields(model) -> list[models.Field]:
    """The text columns to scrub: not keys (a Message-ID, a source reference: unique per account, and
    two of them scrubbed alike would collide), not another person's own name (a namesake is someone else)."""
    unique = {n for c in model._meta.constraints if isinstance(c, models.UniqueConstraint) for n in c.fields}
    skip = {"history_type", *unique}
    if model._meta.label_lower in ("people.person", "people.historicalperson"):
        skip |= {"name", "name_key"}
    return [
        f
        for f in model._meta.concrete_fields
        if f.get_internal_type() in TEXT_TYPES and not f.primary_key and not f.unique and f.name not in skip
    ]


def text_columns() -> list[models.Field]:
    """Every column erase may write its mark into (current and history tables of the account's models):
    the ones that read the mark in the reader's language (people/erased.py)."""
    out = []
    for label in _paths():
        model = apps.get_model(label)
        for table in (model, _history_model(model)):
            if table is not None:
                out.extend(_text_fields(table))
    return out


def _scrub_value(value: Any, needles: _Needles, mark: str) -> Any:
    if isinstance(value, str):
        return needles.replace(value, mark)
    if value is None or isinstance(value, (int, float, bool)):
        return value
    # JSON: replace inside every string of the structure
    text = json.dumps(value, ensure_ascii=False)
    return json.loads(needles.replace(text, json.dumps(mark, ensure_ascii=False)[1:-1]))


def _scrub(
    querysets: Iterable[models.QuerySet],
    needles: list[str],
    mark: str,
    shields: Iterable[str] = (),
    phones: Iterable[str] = (),
) -> int:
    """Replace the needles and the numbers of the `phones` cells (however written) in every text column of these
    rows, other people's names that hold one (`shields`) left whole, and a name's sort key (`name_key`) made
    again from the new name; returns the number of rows changed."""
    found = _Needles.of(needles, shields, phones)
    # the database's first pass: looser gaps, so JSON's escaped brackets (\uff08) are found too
    loose = "|".join(written_phone_pattern(p, gap=r"[^0-9]{0,6}") for p in phones)
    changed = 0
    for qs in querysets:
        fields = _text_fields(qs.model)
        if not fields:
            continue
        q = Q()
        for f in fields:
            for n in needles:
                q |= Q(**{f"{f.name}__icontains": n})
                if f.get_internal_type() == "JSONField" and not n.isascii():
                    # SQLite keeps JSON with non-ASCII letters escaped (\u738b): look for that form too
                    q |= Q(**{f"{f.name}__icontains": json.dumps(n)[1:-1]})
            if loose:  # PostgreSQL matches a pattern on text, not jsonb
                qs = qs.alias(**{f"_text_{f.name}": Cast(f.name, models.TextField())})
                q |= Q(**{f"_text_{f.name}__regex": loose})
        pk = qs.model._meta.pk.name
        for row in qs.filter(q).values(pk, *[f.attname for f in fields]).iterator():
            new = {f.attname: _scrub_value(row[f.attname], found, mark) for f in fields}
            new = {k: v for k, v in new.items() if v != row[k]}
            if "name" in new and _keyed_by_name(qs.model):
                new["name_key"] = name_key(new["name"])
            if new:
                qs.model._default_manager.filter(**{pk: row[pk]}).update(**new)
                changed += 1
    return changed


def _keyed_by_name(model) -> bool:  # noqa: ANN001
    """Whether `model` (or the model of a history table) keeps `name_key` from `name` (core.models.KeyedByName):
    a decision body named after the person sorted by their name's pinyin after the name was erased."""
    return issubclass(getattr(model, "instance_type", model), KeyedByName)


def _mail_and_suggestions(account_id: int, emails: set[str], names: set[str]) -> None:
    MailItem = apps.get_model("intel", "MailItem")
    Suggestion = apps.get_model("intel", "Suggestion")
    if emails:
        lowered = {e.lower() for e in emails}
        sent = Q()
        for e in emails:
            sent |= Q(sender_email__iexact=e)
        MailItem.objects.filter(Q(account_id=account_id) & sent).delete()
        received = Q()
        for e in emails:
            received |= Q(recipients__icontains=e)
        for item in MailItem.objects.filter(Q(account_id=account_id) & received).only("id", "recipients"):
            kept = [r for r in item.recipients if not (r and str(r[0]).lower() in lowered)]
            if kept != item.recipients:
                MailItem.objects.filter(pk=item.pk).update(recipients=kept)
    about = Q(pk__in=[])
    for e in emails:
        about |= Q(email__iexact=e) | Q(value__iexact=e)
    for n in names:
        about |= Q(name__iexact=n)
    _delete_with_history(Suggestion, Q(account_id=account_id) & about)


def _delete_with_history(model, match: Q) -> None:  # noqa: ANN001
    """Every record of `model` that `match` finds now or in any history row, deleted with all its history."""
    ids = set(model.history.filter(match).values_list("id", flat=True))
    ids |= set(model.objects.filter(match).values_list("id", flat=True))
    model.objects.filter(id__in=ids).delete()
    model.history.filter(id__in=ids).delete()


@transaction.atomic
def person_erase(*, person: Person, by=None) -> Person:
    """Erase `person`'s personal data everywhere (module docstring); returns the placeholder that
    stands in their place. `by`: the acting user (None: the installation, e.g. the CLI)."""
    Comment = apps.get_model("comments", "Comment")
    StakeholderRole = apps.get_model("deals", "StakeholderRole")
    InfluenceLink = apps.get_model("people", "InfluenceLink")
    person = Person.objects.select_for_update().get(pk=person.pk)
    account_id = person.account_id
    ids = [person.pk, *merged_ids(person.pk)]  # and the duplicates merged into them
    needles, phones = _needles(person, ids)
    rows = list(Person.history.filter(id__in=ids).values("name", "email"))
    names = {r["name"] for r in rows} | {person.name}
    emails = {r["email"] for r in rows if r["email"]} | ({person.email} if person.email else set())

    # 1. the placeholder: one versioned save, its history row records who erased and when
    placeholder_name = erased.NAME  # in no language: read in the reader's (people/erased.py)
    for field, value in ERASED_FIELDS.items():
        setattr(person, field, value)
    person.name = placeholder_name
    person.placeholder = True
    # `by` records who erased; without it, whoever acts: the page's user, the command line's author (authored_by)
    if by is not None:
        person._history_user = by
    with recorded(reason=ERASED_REASON), stamped(person):
        person.save()
    # ... and every earlier history row of the person shows the placeholder too
    Person.history.filter(id__in=ids).update(
        name=placeholder_name, name_key=name_key(placeholder_name), placeholder=True, **ERASED_FIELDS
    )

    # 2. what was written about them in their own relations
    StakeholderRole._default_manager.filter(person_id__in=ids).update(personal_win="", plan="")
    StakeholderRole.history.filter(person_id__in=ids).update(personal_win="", plan="")
    about_them = Q(source_id__in=ids) | Q(target_id__in=ids)
    InfluenceLink._default_manager.filter(about_them).update(note="")
    InfluenceLink.history.filter(about_them).update(note="")
    _delete_with_history(Comment, Q(person_id__in=ids))
    # their questionnaire answers, current rows and history alike (module docstring)
    _delete_with_history(apps.get_model("surveys", "SurveyResponse"), Q(person_id__in=ids))

    # 3. mail records and suggestions
    _mail_and_suggestions(account_id, emails, names)

    # 4. their names, addresses and numbers anywhere else in the account's text, history included
    if needles or phones:
        others = Person.history.filter(account_id=account_id).exclude(id__in=ids)
        shields = set(others.values_list("name", flat=True))
        for label in _paths():
            _scrub(_account_rows(label, account_id), needles, erased.TEXT, shields, phones)

    cache.clear()
    audit_record(action=Action.ERASE, account=person.account, user=by, what="person", id=person.pk)
    return Person.objects.get(pk=person.pk)  # read back: its name in the reader's language
