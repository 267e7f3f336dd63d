"""Erasing a person (issue 18): their name, e-mail, phone and notes leave every table of the database —
the map, its history, mail records, suggestions, comments — and the history API on any date; a
placeholder keeps the map's shape; the erasure itself is recorded (who, when) without the data."""

from __future__ import annotations

import json

from django.db import connection

from battlemap.audit.models import AuditEntry
from battlemap.mail.models import MailItem, Suggestion
from battlemap.people.models import Person
from battlemap.people.services.erase import ERASED_REASON, person_erase
from tests import factories as f
from tests.privacy.subject import NAME, SECRETS, make_subject


def database_dump() -> str:
    """Every text value of every table, as one string (what `sqlite3 .dump` would show)."""
    out = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                out.extend(_readable(v) for v in row if v is not None)
    return "\n".join(out)


def _readable(value) -> str:
    """A stored value as text; JSON as its letters (SQLite keeps 王 in JSON as \\u738b)."""
    text = str(value)
    if text[:1] in "[{":
        try:
            return json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            pass
    return text


def found(text: str) -> list[str]:
    lowered = text.lower()
    return [s for s in SECRETS if s.lower() in lowered]


def test_the_subject_is_everywhere_before(world):
    make_subject(world)
    assert set(found(database_dump())) == set(SECRETS)


def test_after_erasure_nothing_of_the_person_is_left_in_any_table(world):
    subject = make_subject(world)
    person_erase(person=subject.person, by=world.owner)
    assert found(database_dump()) == []


def test_the_placeholder_keeps_the_maps_shape_and_the_erasure_is_recorded(world):
    subject = make_subject(world)
    roles_before = list(subject.person.deal_roles.values_list("roles", "attitude"))
    placeholder = person_erase(person=subject.person, by=world.owner)
    placeholder = Person.objects.get(pk=placeholder.pk)
    assert placeholder.placeholder and placeholder.name != NAME
    assert placeholder.reports_to == world.cn_boss
    assert Person.objects.get(pk=subject.colleague.pk).reports_to_id == placeholder.pk
    assert list(placeholder.deal_roles.values_list("roles", "attitude")) == roles_before
    assert placeholder.participations.count() == 1
    last = placeholder.history.first()
    assert (last.history_change_reason, last.history_user) == (ERASED_REASON, world.owner)
    entry = AuditEntry.objects.get(action="erase")
    assert (entry.actor, entry.account, entry.params) == (world.owner, world.cn, {"id": placeholder.pk})


def test_history_as_of_any_day_shows_only_the_placeholder(world, owner_api):
    subject = make_subject(world)
    days = (subject.earlier.isoformat().replace("+", "%2B"), "2999-01-01")
    for day in days:
        assert found(owner_api.get(f"/api/accounts/guodian/history?as_of={day}").text)
    placeholder = person_erase(person=subject.person, by=world.owner)
    for day in days:
        response = owner_api.get(f"/api/accounts/guodian/history?as_of={day}")
        assert response.status_code == 200 and found(response.text) == []
        people = {p["id"]: p for p in response.json()["people"]}
        assert people[placeholder.pk]["name"] == placeholder.name


def test_a_namesake_in_another_account_is_left_alone(world):
    from tests import factories as f

    other = f.person(account=world.other, name=NAME, notes=f"{NAME} of Mallory Corp")
    subject = make_subject(world)
    person_erase(person=subject.person, by=world.owner)
    other = Person.objects.get(pk=other.pk)
    assert (other.name, other.notes) == (NAME, f"{NAME} of Mallory Corp")


def test_a_chinese_name_is_erased_from_json_too(world):
    """Names inside JSON columns (mail recipients, suggestion evidence) are found in any storage form."""
    person = f.person(account=world.cn, name="欧阳娜娜", email="ouyang@guodian.example")
    MailItem.objects.create(
        account=world.cn, uid="<m3@guodian>", sender_email="boss@guodian.example", sender_name="王建国",
        subject="预算：请欧阳娜娜确认", recipients=[["nana@home.example", "欧阳娜娜", "cc"], ["li@guodian.example", "李明", "to"]],
    )  # fmt: skip
    Suggestion.objects.create(
        account=world.cn, kind="reports_to", email="li@guodian.example", name="李明", value="wang@guodian.example",
        evidence=[{"code": "cc_pattern", "params": {"names": ["欧阳娜娜", "李明"]}}],
    )  # fmt: skip
    assert "欧阳娜娜" in database_dump()
    person_erase(person=person, by=world.owner)
    dump = database_dump()
    assert "欧阳娜娜" not in dump and "ouyang@" not in dump
    assert "李明" in dump  # the others stay


def test_erasing_a_name_leaves_the_longer_name_of_another_person_whole(world):
    """A trial's erase of 李雷 turned the notes on 李雷鸣 into "与[已删除]鸣总监开会": two- and three-character
    Chinese names share their start all the time (王伟 / 王伟东), and a Latin "Ann" sits in "Ann Lee"."""
    cn = world.cn
    li_lei = f.person(account=cn, name="李雷")
    li_leiming = f.person(account=cn, name="李雷鸣")
    ann = f.person(account=cn, name="Ann")
    f.person(account=cn, name="Ann Lee")
    meeting = f.interaction(
        account=cn, people=[li_lei, li_leiming], summary="与李雷鸣总监开会，李雷鸣支持我们。另：李雷未出席。"
    )
    call = f.interaction(
        account=cn, people=[ann], summary="Ann Lee and ann joined; ANN LEE asked for the quote"
    )
    person_erase(person=li_lei, by=world.owner)
    person_erase(person=ann, by=world.owner)
    meeting.refresh_from_db()
    call.refresh_from_db()
    assert meeting.summary.startswith("与李雷鸣总监开会，李雷鸣支持我们。另：")
    assert "李雷未出席" not in meeting.summary and meeting.summary.count("李雷") == 2
    assert call.summary.startswith("Ann Lee and ") and "ANN LEE asked" in call.summary
    assert " ann joined" not in call.summary


def test_purging_a_deleted_account_leaves_nothing_of_it_but_the_audit_log(world):
    """A purged account had left every history row — the people's names, e-mail addresses and notes — with no
    person left to erase (a fresh reviewer: a PIPL request could not reach it)."""
    import datetime as dt

    from django.utils import timezone

    from battlemap.accounts.models import Account
    from battlemap.accounts.services import account_delete, accounts_purge
    from battlemap.maps import account_histories

    make_subject(world)
    kept = {name: qs.count() for name, qs in account_histories(world.en)}
    account_delete(account=world.cn, by=world.owner)
    assert set(found(database_dump())) == set(SECRETS)  # deleted: all of it kept, to be restored
    assert accounts_purge(now=timezone.now() + dt.timedelta(days=31)) == [world.cn.slug]
    assert found(database_dump()) == []
    assert all(qs.count() == 0 for _name, qs in account_histories(world.cn))
    assert {name: qs.count() for name, qs in account_histories(world.en)} == kept  # another account untouched
    assert Account.objects.filter(pk=world.en.pk).exists()
    purged = AuditEntry.objects.get(what="purged")
    assert purged.account_slug == world.cn.slug and purged.params == {"days": 30}


# What an erasure keeps of a person: the record's frame and the map's structure, no personal text (the name is
# replaced by a placeholder, `name_key` with it). Every other field of a person is in ERASED_FIELDS.
KEPT_ON_ERASURE = {
    "id", "created_at", "updated_at", "version", "account", "name", "name_key", "org_unit", "reports_to",
    "status", "left_on", "placeholder", "external", "external_kind",
}  # fmt: skip


def test_every_field_of_a_person_is_erased_or_kept_on_purpose():
    """A new maintainer's trial: a personal field added to Person (a WeChat id) survived an erasure request unless
    someone remembered ERASED_FIELDS. Each field is now named here or there, so a new one fails until decided."""
    from battlemap.people.services.erase import ERASED_FIELDS

    fields = {f.name for f in Person._meta.concrete_fields}
    assert not set(ERASED_FIELDS) & KEPT_ON_ERASURE
    assert fields - KEPT_ON_ERASURE == set(ERASED_FIELDS), fields ^ (KEPT_ON_ERASURE | set(ERASED_FIELDS))
