from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from battlemap.core.reasons import reason_text
from battlemap.mail.models import MailItem, Suggestion
from battlemap.people.models import Person
from tests.inference import archives


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_ingest_then_infer_json_lists_every_customer_person(world, tmp_path):
    mbox = archives.write_mbox(tmp_path / "mail.mbox")
    printed = _run("mail-ingest", str(mbox), "--account", world.cn.slug, "--our-domain", "ours.example")
    assert "2 new" in printed
    data = json.loads(_run("mail-infer", world.cn.slug, "--json"))
    assert data["account"] == world.cn.slug
    people = {p["email"]: p for p in data["people"]}
    assert set(people) == {"wang.jianguo@guodian.example", "li.ming@guodian.example", "jorg@guodian.example"}
    boss = people["wang.jianguo@guodian.example"]
    assert boss["id"] == world.cn_boss.pk and boss["suggested"] is False and boss["name"] == "王建国"
    assert (
        people["jorg@guodian.example"]["id"] is None and people["jorg@guodian.example"]["suggested"] is True
    )
    for person in people.values():  # two messages: below the evidence floor, neither ranked nor scored
        assert person["seniority"]["score"] is None and person["seniority"]["rank"] is None
        assert person["decision_maker"]["likelihood"] is None
        assert isinstance(person["manager_candidates"], list) and "held_by" in person["relationship"]
    assert people["wang.jianguo@guodian.example"]["relationship"]["held_by"] == ["alice@ours.example"]


def test_ingest_on_the_command_line_makes_the_suggestions_the_web_s_ingest_makes(world, tmp_path):
    """The web upload and the API make the suggestions the new mail supports; so does `mail-ingest` (a tester
    ingested activity logs by command after `mail-infer`: a person shown as suggested had no card to accept)."""
    mbox = archives.write_mbox(tmp_path / "mail.mbox")
    dry = _run(
        "mail-ingest", str(mbox), "--account", world.cn.slug, "--our-domain", "ours.example", "--dry-run"
    )
    assert not Suggestion.objects.filter(account=world.cn).exists() and "new suggestion" not in dry
    with translation.override("en"):
        printed = _run("mail-ingest", str(mbox), "--account", world.cn.slug, "--our-domain", "ours.example")
    made = Suggestion.objects.filter(account=world.cn, kind="person")
    assert "jorg@guodian.example" in set(made.values_list("email", flat=True))
    count = Suggestion.objects.filter(account=world.cn).count()
    assert f"{count} new suggestion" in printed


def test_infer_accept_and_reject_by_id(world, tmp_path):
    _run(
        "mail-ingest",
        str(archives.write_mbox(tmp_path / "m.mbox")),
        "--account",
        world.cn.slug,
        "--our-domain",
        "ours.example",
    )
    _run("mail-infer", world.cn.slug)
    jorg = Suggestion.objects.get(account=world.cn, kind="person", email="jorg@guodian.example")
    li = Suggestion.objects.get(account=world.cn, kind="person", email="li.ming@guodian.example")
    printed = _run(
        "mail-infer", world.cn.slug, "--accept", str(jorg.pk), "--reject", str(li.pk), "--user", "alice"
    )
    assert f"accepted {jorg.pk}" in printed and f"rejected {li.pk}" in printed
    person = Person.objects.get(account=world.cn, email="jorg@guodian.example")
    with translation.override("en"):
        assert "accepted by alice" in reason_text(person.history.latest().history_change_reason)
    assert Suggestion.objects.get(pk=li.pk).state == "rejected"


def test_commands_refuse_bad_arguments_and_outsiders(world, tmp_path):
    mbox = str(archives.write_mbox(tmp_path / "m.mbox"))
    with pytest.raises(CommandError, match="--since"):
        call_command("mail-ingest", mbox, "--account", world.cn.slug, "--since", "yesterday")
    with pytest.raises(CommandError, match="--deal"):
        call_command("mail-ingest", mbox, "--account", world.cn.slug, "--deal", "999999")
    with pytest.raises(CommandError, match="visible to 'mallory'|'mallory' 看不到"):
        call_command("mail-ingest", mbox, "--account", world.cn.slug, "--user", "mallory")
    with pytest.raises(CommandError, match="visible to 'mallory'|'mallory' 看不到"):
        call_command("mail-infer", world.cn.slug, "--json", "--user", "mallory")
    with pytest.raises(CommandError, match="no suggestion 424242"):
        call_command("mail-infer", world.cn.slug, "--accept", "424242")
    assert not MailItem.objects.exists()


def test_a_bad_file_fails_the_command_and_writes_nothing(world, tmp_path):
    bad = archives.write_broken_csv(tmp_path / "broken.csv")
    good = archives.write_ics(tmp_path / "cal.ics")
    with pytest.raises(CommandError, match="broken.csv.*--skip-bad ingests the readable files"):
        call_command("mail-ingest", str(good), str(bad), "--account", world.cn.slug)
    assert not MailItem.objects.exists()
    _run("mail-ingest", str(good), str(bad), "--account", world.cn.slug, "--skip-bad")
    assert MailItem.objects.count() == 1
