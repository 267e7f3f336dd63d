"""import-map writes people, links and interactions in bulk (issue 19): the same map back, history
kept for every row, text cleaned, and an error names the part at fault with nothing written."""

from __future__ import annotations

import copy

import pytest
from django.utils import translation

from battlemap.accounts.models import Account
from battlemap.interactions.models import Interaction, Participant
from battlemap.io.mapformat import export_map
from battlemap.io.mapformat.load import MapImportError, map_import
from battlemap.people.models import InfluenceLink, Person
from tests.bigaccount import build

from .test_web_and_commands import _normalise


@pytest.fixture
def generated(world):
    """A generated 60-person account (reporting tree, links, 3 deals, 1,200 interactions) as a map."""
    account = build(owner=world.owner, people=60, slug="gen")
    return export_map(account)


def test_a_generated_map_comes_back_the_same(world, generated):
    copy_ = map_import(data=generated, owner=world.owner, slug="gen-copy")
    again = export_map(copy_)
    assert len(again["people"]) == 60 and len(again["interactions"]) == 1200
    assert _normalise(again) == _normalise(
        {**generated, "account": {**generated["account"], "slug": "gen-copy"}}
    )


def test_every_imported_row_has_its_created_history(world, generated):
    account = map_import(data=generated, owner=world.owner, slug="gen-copy")
    people = Person.objects.filter(account=account)
    assert Person.history.filter(account_id=account.pk, history_type="+").count() == people.count() == 60
    assert InfluenceLink.history.filter(account_id=account.pk).count() == account.influence_links.count() > 0
    interactions = Interaction.objects.filter(account=account)
    assert Interaction.history.filter(account_id=account.pk).count() == interactions.count() == 1200
    parts = Participant.objects.filter(interaction__account=account).count()
    assert Participant.history.filter(interaction_id__in=interactions.values("id")).count() == parts > 1200
    # the reporting tree is there from the start (managers inserted before their reports)
    assert Person.history.filter(account_id=account.pk, reports_to_id__isnull=False).count() == 59


def test_control_characters_are_cleaned(world, generated):
    data = copy.deepcopy(generated)
    data["people"][3]["name"] = "王\x07五"
    data["people"][3]["title"] = "总\x0b监"
    data["influence_links"][0]["note"] = "同\x1b学"
    data["interactions"][0]["summary"] = "<script>x</script>\x00\x08会议"
    account = map_import(data=data, owner=world.owner, slug="clean")
    person = Person.objects.get(account=account, name="王五")
    assert person.title == "总 监"  # a title is one line
    assert InfluenceLink.objects.filter(account=account, note="同学").exists()
    assert Interaction.objects.filter(account=account, summary="<script>x</script>会议").exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["people"][5].update(email="not an email"), r"people {p5}: email: "),
        (lambda d: d["people"][7].update(name=""), r"people {p7}: name: "),
        (lambda d: d["people"][0].update(reports_to=d["people"][1]["id"]), r"people .*reports_to: .*cycle"),
        (
            lambda d: d["influence_links"][2].update(to=d["influence_links"][2]["from"]),
            r"influence_links 2: target",
        ),
        (lambda d: d["influence_links"][1].update(strength=9), r"influence_links 1: strength"),
        (lambda d: d["interactions"][6].update(kind="telepathy"), r"interactions {i6}: kind"),
        (
            lambda d: d["interactions"][8].update(participants=[424242]),
            r"interactions {i8}.participants: no person",
        ),
    ],
)
def test_an_error_names_the_part_and_nothing_is_written(world, generated, change, message):
    data = copy.deepcopy(generated)
    change(data)
    ids = {f"p{n}": p["id"] for n, p in enumerate(data["people"])}
    ids |= {f"i{n}": i["id"] for n, i in enumerate(data["interactions"])}
    before = (Person.objects.count(), Interaction.objects.count(), InfluenceLink.objects.count())
    with translation.override("en"), pytest.raises(MapImportError, match=message.format(**ids)):
        map_import(data=data, owner=world.owner, slug="broken")
    assert not Account.all_objects.filter(slug="broken").exists()
    assert (Person.objects.count(), Interaction.objects.count(), InfluenceLink.objects.count()) == before
