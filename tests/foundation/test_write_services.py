"""The write path's own rules: history stamped one way (core.history_stamp.recorded), bulk services that
validate like the single-row ones, the users and teams services."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from battlemap.core.bulk import NewRow, insert_recorded
from battlemap.core.history_stamp import history_note, recorded
from battlemap.interactions.models import Interaction
from battlemap.interactions.services.bulk import RecordedInteraction, interactions_bulk_record
from battlemap.people.models import InfluenceLink, Person
from battlemap.people.services import people_bulk_insert, people_bulk_update, person_create, person_update
from battlemap.teams.services import membership_add, team_create
from battlemap.users.services import user_create

THEN = datetime(2025, 1, 2, 3, 4, tzinfo=UTC)


def test_recorded_dates_and_explains_what_the_services_write(world):
    with recorded(at=THEN, reason="because"):
        person = person_create(account=world.cn, name="赵六")
        person = person_update(person=person, version=person.version, title="主任")
    dated = list(person.history.order_by("history_id").values_list("history_date", "history_change_reason"))
    assert dated == [(THEN, "because"), (THEN, "because")]
    later = person_update(person=person, version=person.version, title="副主任")
    newest = later.history.latest()
    assert newest.history_date > THEN and newest.history_change_reason is None


def test_recorded_blocks_nest_and_end(db):
    with recorded(at=THEN):
        with recorded(reason="inner"):
            assert history_note().at == THEN and history_note().reason == "inner"
        assert history_note().reason is None
    assert history_note().at is None


def test_insert_recorded_stamps_rows_and_history(world, django_assert_num_queries):
    """The one bulk insert of the services: rows stamped now, ids set, one "+" history row each with
    the enclosing reason and date and the user who made it."""
    boss, report = Person.objects.filter(account=world.cn).order_by("pk")
    links = [
        NewRow(InfluenceLink, account_id=world.cn.pk, source_id=boss.pk, target_id=report.pk),
        NewRow(InfluenceLink, account_id=world.cn.pk, source_id=report.pk, target_id=boss.pk),
    ]
    before = datetime.now(UTC)
    with recorded(at=THEN, reason="import-map x.json"):
        insert_recorded(links, model=InfluenceLink, scope={"account": world.cn}, user=world.owner)
    stored = InfluenceLink.objects.in_bulk([link.pk for link in links])
    assert [stored[link.pk].source_id for link in links] == [boss.pk, report.pk]
    for link in stored.values():
        assert link.created_at == link.updated_at and link.created_at >= before
        history = link.history.get()
        assert history.history_type == "+"
        assert (history.history_date, history.history_change_reason) == (THEN, "import-map x.json")
        assert history.history_user_id == world.owner.pk
    with django_assert_num_queries(0):
        insert_recorded([], model=InfluenceLink, scope={"account": world.cn})


def test_bulk_insert_validates_like_full_clean(world):
    with pytest.raises(ValidationError) as exc:
        people_bulk_insert(account=world.cn, people=[NewRow(Person, name="甲"), NewRow(Person, name="")])
    assert "name" in exc.value.message_dict and "row 2" in exc.value.message_dict["name"][0]
    jane = Person.objects.get(account=world.en)
    with pytest.raises(ValidationError) as exc:
        people_bulk_insert(account=world.cn, people=[NewRow(Person, name="乙", reports_to_id=jane.pk)])
    assert "reports_to" in exc.value.message_dict
    assert not Person.objects.filter(name__in=["甲", "乙"]).exists()


def test_bulk_insert_and_update_write_history(world):
    rows = [NewRow(Person, name="丙", reports_to_id=world.cn_boss.pk)]
    with recorded(at=THEN, reason="import x.csv"):
        people_bulk_insert(account=world.cn, people=rows)
    created = Person.objects.get(pk=rows[0].pk)
    assert created.history.get().history_change_reason == "import x.csv"
    assert created.history.get().history_date == THEN
    people_bulk_update(account=world.cn, changes={created.pk: {"title": "工程师"}})
    assert created.history.count() == 2 and Person.objects.get(pk=created.pk).version == 2


def test_bulk_update_refuses_a_reporting_cycle(world):
    report = Person.objects.get(name="李明")
    with pytest.raises(ValidationError, match="cycle|循环"):
        people_bulk_update(account=world.cn, changes={world.cn_boss.pk: {"reports_to_id": report.pk}})
    world.cn_boss.refresh_from_db()
    assert world.cn_boss.reports_to_id is None


def test_bulk_interactions_refuse_people_of_another_account(world):
    jane = Person.objects.get(account=world.en)
    item = RecordedInteraction(
        Interaction(account=world.cn, occurred_at=THEN, kind="email", source="mail", source_ref="m1"),
        people={jane.pk},
    )
    with pytest.raises(ValidationError) as exc:
        interactions_bulk_record(account=world.cn, items=[item])
    assert "participants" in exc.value.message_dict
    assert not Interaction.objects.filter(source_ref="m1").exists()


def test_bulk_interactions_write_participants_and_history(world):
    item = RecordedInteraction(
        Interaction(account=world.cn, occurred_at=THEN, kind="email", source="mail", source_ref="m2"),
        people={world.cn_boss.pk},
        users={world.owner.pk},
    )
    ids = interactions_bulk_record(account=world.cn, items=[item])
    interaction = Interaction.objects.get(pk=ids["m2"])
    assert [p.person_id for p in interaction.participants.all()] == [world.cn_boss.pk]
    assert interaction.history.count() == 1 and interaction.participants.get().history.count() == 1


def test_users_and_teams_services(db):
    ann = user_create(username="ann", password="Wide-river-42")
    assert ann.check_password("Wide-river-42")
    team = team_create(slug="north")
    assert team.name == "north"
    membership_add(team=team, user=ann)
    with pytest.raises(ValidationError):
        membership_add(team=team, user=ann)
