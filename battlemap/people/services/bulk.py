"""People in bulk (the CSV/XLSX import): validated like one by one, history kept, all or nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from battlemap.accounts.models import Account
from battlemap.core.bulk import at_row, check_columns, insert_recorded
from battlemap.core.history_stamp import authored_by, history_note, recorded
from battlemap.core.refusals import PERSON_OF_ANOTHER_ACCOUNT
from battlemap.core.services import CHUNK, delete_versioned_all
from battlemap.core.text import name_key
from battlemap.io.matching import email_key, repeats
from battlemap.people.models import (
    DEPARTMENT_ELSEWHERE,
    LINK_EXISTS,
    MANAGER_ELSEWHERE,
    REPORTING_CYCLE,
    SELF_INFLUENCE,
    InfluenceLink,
    Person,
    email_owners,
    email_taken_error,
    leaving_date_error,
)

# --- people in bulk (the CSV/XLSX import) -----------------------------------------------------------

BULK_SKIP = ("created_at", "updated_at", "version", "name_key")


def _ids_of_account(model, account: Account, ids: set[int]) -> set[int]:  # noqa: ANN001
    found: set[int] = set()
    listed = sorted(ids)
    for start in range(0, len(listed), 500):
        found |= set(
            model.objects.filter(account=account, pk__in=listed[start : start + 500]).values_list(
                "pk", flat=True
            )
        )
    return found


def _check_bulk(account: Account, people: Sequence[Any]) -> None:
    """What Person.full_clean checks, for many rows: the field rules (core.bulk.check_columns), the
    department and manager of this account (one query each), a leaving date for who left."""
    _check_fields(people)
    _check_relations(account, people)


def _check_fields(people: Sequence[Any]) -> None:
    """The field rules (core.bulk.check_columns) and a leaving date for who left; no query."""
    check_columns(Person, people, skip=BULK_SKIP)
    for n, person in enumerate(people, start=1):
        if leaving := leaving_date_error(person):  # the model's rule (a rehire's leaving date is cleared)
            raise ValidationError({"left_on": [at_row(n, leaving)]})
        if person.external_kind:
            person.external = True


def _check_relations(account: Account, people: Sequence[Any]) -> None:
    """The department and manager of each person are of `account` (one query each)."""
    from battlemap.accounts.models import OrgUnit

    units = {p.org_unit_id for p in people} - {None}
    if units - _ids_of_account(OrgUnit, account, units):
        raise ValidationError({"org_unit": [DEPARTMENT_ELSEWHERE]})
    managers = {p.reports_to_id for p in people} - {None}
    if managers - _ids_of_account(Person, account, managers):
        raise ValidationError({"reports_to": [MANAGER_ELSEWHERE]})


def _check_emails(account: Account, people: Sequence[Any], rows: Sequence[int]) -> None:
    """No e-mail of the people at `rows` (1-based positions in `people`) is another person's
    (`people.models.email_owners`: the account's others, or an earlier row of the bulk): ValidationError
    naming `email` and the row."""
    written = [(n, people[n - 1]) for n in rows if people[n - 1].email]
    besides = [p.pk for p in people if getattr(p, "pk", None)]
    owners = email_owners(account.pk, (p.email for _, p in written), besides=besides)
    for n, person in written:
        if owner := owners.get(email_key(person.email)):
            raise ValidationError({"email": [at_row(n, email_taken_error(owner))]})
    for (n, _person), _value, (_row, earlier) in repeats((((n, p), p.email) for n, p in written), email_key):
        raise ValidationError({"email": [at_row(n, email_taken_error(earlier))]})


def _check_no_cycles(account: Account) -> None:
    """No reporting cycle in `account` (one query over its people)."""
    boss = dict(Person.objects.filter(account=account).values_list("pk", "reports_to_id"))
    done: set[int] = set()
    for start in boss:
        chain: set[int] = set()
        current = start
        while current is not None and current not in done:
            if current in chain:
                raise ValidationError({"reports_to": [REPORTING_CYCLE]})
            chain.add(current)
            current = boss.get(current)
        done |= chain


def people_bulk_check(*, account: Account, people: Sequence[Any]) -> None:
    """What people_bulk_insert checks and sets that needs no id — Person's field rules, a leaving date for who
    left, no e-mail another person's, the sort keys — over new people whose department or manager may not
    exist yet. Reads only: an import runs it before its transaction, so the write lock (SQLite's) is held for
    the inserts alone, then inserts with `people_bulk_insert(..., checked=True)`. ValidationError naming the
    field and the row, as people_bulk_insert."""
    _check_fields(people)
    _check_emails(account, people, range(1, len(people) + 1))
    for person in people:
        person.account_id = account.pk
        person.name_key = name_key(person.name)


def people_bulk_insert(
    *, account: Account, people: Sequence[Any], user: Any = None, checked: bool = False
) -> None:
    """Insert many new people of `account` at once (the import), with their "created" history rows.

    `people`: objects carrying Person's attributes by attname (core.bulk.NewRow(Person, …) costs less
    than a model instance); managers must exist already (insert a reporting tree level by level). The
    checks of Person.full_clean run over the whole bulk first (ValidationError naming the field and
    the row); the history rows are dated and explained by the enclosing core.history_stamp.recorded(...)
    and made by `user`. Sets each object's `pk`. `checked`: people_bulk_check ran over them already, so
    only their department and manager are checked here, to be of this account."""
    if not people:
        return
    if checked:
        _check_relations(account, people)
    else:
        people_bulk_check(account=account, people=people)
        _check_relations(account, people)
    insert_recorded(people, model=Person, scope={"account": account}, user=user)


@transaction.atomic
def people_bulk_update(
    *, account: Account, changes: Mapping[int, Mapping[str, Any]], user: Any = None, batch_size: int = 10000
) -> list[Person]:
    """Change many people of `account` at once (the import): {person id: {attname: new value}}.

    Each changed person's version moves on by one; the checks of Person.full_clean run over the whole
    bulk (field rules, department and manager of this account, no reporting cycle afterwards);
    history rows are written as simple-history's bulk_update_with_history does, dated and explained by
    the enclosing core.history_stamp.recorded(...) and made by `user`."""
    if not changes:
        return []
    now = timezone.now()
    full = Person.objects.filter(account=account).in_bulk(list(changes))
    people, fields = [], {"version", "updated_at"}
    for pk, values in changes.items():
        person = full[pk]
        for attr, value in values.items():
            setattr(person, attr, value)
        if "name" in values:
            person.name_key = name_key(person.name)
            fields.add("name_key")
        person.version = (person.version or 0) + 1
        person.updated_at = now
        fields |= set(values)
        people.append(person)
    _check_bulk(account, people)
    _check_emails(account, people, [n for n, values in enumerate(changes.values(), 1) if "email" in values])
    if "status" in fields:
        fields.add("left_on")  # an active person's leaving date cleared by the rule (leaving_date_error)
    note = history_note()
    bulk_update_with_history(
        people,
        Person,
        sorted(fields),
        batch_size=batch_size,
        default_user=user,
        default_change_reason=note.reason,
        default_date=note.at or now,
    )
    if any("reports_to_id" in values for values in changes.values()):
        _check_no_cycles(account)  # raising rolls the whole bulk back
    return people


@transaction.atomic
def people_bulk_delete(
    *, account: Account, people: Sequence[Person], versions: Mapping[int, int] | None = None, user: Any = None
) -> None:
    """Delete many people of `account` at once (an import's undo), as people.services.person_delete deletes one:
    their roles, links and participations go too; whoever else reported to them, an action item about them…
    no longer names them, each as an edit of its own; a new-person suggestion accepted for their e-mail is
    pending again. One locked pass (core.services.delete_versioned_all): every history row it writes is dated
    and explained by the enclosing core.history_stamp.recorded(...) (dated now, one moment for all, outside one)
    and made by `user` (else the one acting); `people.services.restore.people_restore` brings them back.
    `versions`: person id → the version its editor saw (None checks none). Errors: StaleEdit; ValidationError
    naming `person` when one is another account's; either way nothing is deleted."""
    from battlemap.mail.services.reopened import person_suggestions_reopen  # mail's services write people

    if not people:
        return
    ids = [p.pk for p in people]
    if any(
        Person.objects.filter(pk__in=ids[at : at + CHUNK]).exclude(account=account).exists()
        for at in range(0, len(ids), CHUNK)
    ):
        raise ValidationError(
            {"person": [PERSON_OF_ANOTHER_ACCOUNT]}
        )  # one gone since is the deletion's DoesNotExist
    emails = [p.email for p in people]
    # one moment for everything the deletion writes, by which its undo (people.services.restore) finds it
    with recorded(at=history_note().at or timezone.now()):
        with authored_by(user) if user is not None else nullcontext():
            delete_versioned_all(people, versions=versions)  # the references to them released first
        # added from a mail suggestion: suggested again, or their reporting lines and roles wait for nobody
        person_suggestions_reopen(account=account, emails=emails)


# --- influence links in bulk (import-map) -----------------------------------------------------------


def influence_links_bulk_insert(*, account: Account, links: Sequence[Any], user: Any = None) -> None:
    """Insert many new influence links of `account` at once (import-map), with their "created" history
    rows dated and explained by the enclosing core.history_stamp.recorded(...).

    `links`: objects carrying InfluenceLink's attributes by attname (core.bulk.NewRow(InfluenceLink, …)).
    The checks of InfluenceLink.full_clean run over the whole bulk first (ValidationError naming the
    field and the row, as `people_bulk_insert`). Sets each object's `pk`."""
    if not links:
        return
    check_columns(InfluenceLink, links, skip=BULK_SKIP)
    people = {pk for link in links for pk in (link.source_id, link.target_id)}
    # the model's rule (InfluenceLink.clean): one arrow per pair and kind, counting the links there already
    seen = set(
        InfluenceLink.objects.filter(account=account, source_id__in=people).values_list(
            "source_id", "target_id", "kind"
        )
    )
    for n, link in enumerate(links, start=1):
        if link.source_id == link.target_id:
            raise ValidationError({"target": [at_row(n, SELF_INFLUENCE)]})
        arrow = (link.source_id, link.target_id, link.kind)
        if arrow in seen:
            raise ValidationError({"target": [at_row(n, LINK_EXISTS)]})
        seen.add(arrow)
    if people - _ids_of_account(Person, account, people):
        raise ValidationError({"source": [PERSON_OF_ANOTHER_ACCOUNT]})
    for link in links:
        link.account_id = account.pk
    insert_recorded(links, model=InfluenceLink, scope={"account": account}, user=user)
