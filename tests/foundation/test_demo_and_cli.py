import json
from io import StringIO

import jsonschema
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation

from battlemap.accounts.models import Account
from battlemap.demo.loader import load_demo
from battlemap.io.mapformat import dumps_map, export_map
from battlemap.people.models import Person
from tests.ops.helpers import bm, env_for, migrated

SCHEMA = json.loads(
    (
        __import__("pathlib").Path(__import__("battlemap").__file__).parent
        / "io"
        / "mapformat"
        / "map_format_schema.json"
    ).read_text()
)


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def history_rows() -> int:
    return sum(m.history.count() for m in (Account, Person))


@pytest.fixture
def demo(db):
    load_demo()


def _depth(people: dict, pid: int) -> int:
    manager = people[pid]["reports_to"]
    return 1 if manager is None else 1 + _depth(people, manager)


def test_demo_loads_two_rich_accounts(demo):
    assert run("accounts").splitlines() == ["hdny\t华东省能源投资集团", "northwind\tNorthwind Logistics"]
    for slug in ("hdny", "northwind"):
        data = json.loads(run("export-map", slug))
        people = {p["id"]: p for p in data["people"]}
        assert len(people) >= 20
        assert any(p["external"] for p in people.values()) and any(p["placeholder"] for p in people.values())
        assert data["influence_links"] and data["external_factors"] and data["interactions"]
        assert any(d["status"] == "open" and d["roles"] for d in data["deals"])

        assert max(_depth(people, pid) for pid in people) >= 4


def test_demo_deals_are_at_different_stages(demo):
    stages = {d.stage for d in Account.objects.get(slug="hdny").deals.filter(status="open")}
    stages |= {d.stage for d in Account.objects.get(slug="northwind").deals.filter(status="open")}
    assert len(stages) >= 3


def test_second_demo_changes_nothing(demo):
    before = (Account.objects.count(), Person.objects.count(), history_rows())
    assert run("demo").strip() == "演示客户已载入过，没有任何改动"  # the CLI speaks the site's language
    with translation.override("en"):
        assert run("demo").strip() == "demo accounts already loaded; nothing changed"
    assert (Account.objects.count(), Person.objects.count(), history_rows()) == before


def test_demo_users_log_in(demo, client):
    assert client.login(username="demo", password="demo")
    assert client.get("/accounts/hdny/").status_code == 200
    client.logout()
    assert client.login(username="manager", password="manager")
    assert client.get("/accounts/northwind/").status_code == 200


@pytest.mark.parametrize("slug", ["hdny", "northwind"])
def test_export_map_follows_the_documented_format(demo, slug):
    data = json.loads(run("export-map", slug))
    jsonschema.validate(data, SCHEMA)
    ids = {p["id"] for p in data["people"]}
    assert all(p["reports_to"] in ids | {None} for p in data["people"])
    assert all(link["from"] in ids and link["to"] in ids for link in data["influence_links"])
    assert all(r["person"] in ids for d in data["deals"] for r in d["roles"])


def test_export_map_is_deterministic(demo, tmp_path):
    account = Account.objects.get(slug="hdny")
    target = tmp_path / "map.json"
    run("export-map", "hdny", "-o", str(target))
    assert target.read_text(encoding="utf-8") == dumps_map(export_map(account)) == run("export-map", "hdny")


def test_export_map_unknown_slug_is_a_clear_error(db):
    with pytest.raises(CommandError, match="没有标识为 'nope' 的客户"):
        run("export-map", "nope")  # the CLI speaks the site's language (zh-hans here)
    with translation.override("en"), pytest.raises(CommandError, match="no account with slug 'nope'"):
        run("export-map", "nope")


def test_export_map_applies_user_access(world):
    with pytest.raises(CommandError, match="看不到"):
        run("export-map", "guodian", "--user", "mallory")
    assert json.loads(run("export-map", "guodian", "--user", "alice"))["account"]["slug"] == "guodian"


def test_createuser_and_create_account(db):
    with translation.override("en"):
        assert "created user ann" in run(
            "createuser", "ann", "--password", "Wide-river-42", "--team", "north", "--create-team"
        )
        assert "created x1" in run(
            "create-account", "x1", "--name", "X One", "--owner", "ann", "--team", "north"
        )
        with pytest.raises(CommandError, match="already exists"):
            run("createuser", "ann", "--password", "pw")
    assert Account.objects.get(slug="x1").team.slug == "north"
    with pytest.raises(CommandError, match="没有名为 'bob' 的用户"):
        run("create-account", "x2", "--name", "X", "--owner", "bob")
    with pytest.raises(CommandError, match="slug[:：] ?.*(not available|不可用)"):
        run("create-account", "login", "--name", "X", "--owner", "ann")


def test_an_account_is_never_given_to_a_deactivated_user(db):
    """An administrator's trial: `create-account --owner` a seller who had left the company was accepted."""
    run("createuser", "zhaoqiang", "--password", "Wide-river-42")
    get_user_model().objects.filter(username="zhaoqiang").update(is_active=False)
    with translation.override("en"), pytest.raises(CommandError, match="owner.*deactivated"):
        run("create-account", "x4", "--name", "X", "--owner", "zhaoqiang")
    assert not Account.objects.filter(slug="x4").exists()


def test_a_refusal_is_said_in_the_clis_language(db):
    run("createuser", "ann", "--password", "Wide-river-42")
    with pytest.raises(CommandError) as refused:
        run("create-account", "x3", "--name", "X", "--owner", "ann", "--team", "ghost")
    assert str(refused.value) == "--team：没有标识或名称为 'ghost' 的团队"  # the option, a full-width colon
    with translation.override("en"), pytest.raises(CommandError) as refused:
        run("create-account", "x3", "--name", "X", "--owner", "ann", "--team", "ghost")
    assert str(refused.value) == "--team: no team with slug or name 'ghost'"
    assert not Account.objects.filter(slug="x3").exists()


def test_the_help_is_in_the_installations_language(tmp_path):
    """`battlemap export --help`: the command's help and its options' in Chinese by default (no LANGUAGE_CODE),
    in English with LANGUAGE_CODE=en; argparse's own words ("usage:", "options:") stay as Python has them."""
    chinese = {k: v for k, v in env_for(tmp_path, COLUMNS="200").items() if k != "LANGUAGE_CODE"}
    said = bm(chinese, "export", "--help").stdout
    assert "把客户地图导出为 JSON、XLSX、PDF（客户评审）" in said and "要写入的文件" in said
    assert "Export an account's map" not in said and "file to write" not in said
    said = bm(env_for(tmp_path, LANGUAGE_CODE="en", COLUMNS="200"), "export", "--help").stdout
    assert "Export an account's map as JSON, XLSX, PDF (account review)" in said and "file to write" in said
    assert "usage: battlemap export" in said


@pytest.mark.slow
def test_cli_bad_arguments_exit_nonzero_without_traceback(tmp_path):
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "BATTLEMAP_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3",
    }
    migrated(env)
    for args in (
        ["export-map"],
        ["export-map", "nope"],
        ["serve", "--port", "99999"],
        ["create-account", "x"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "battlemap", *args], env=env, capture_output=True, text=True
        )
        assert result.returncode != 0, args
        assert "Traceback" not in result.stderr, result.stderr
        assert result.stderr.strip(), args


def test_createuser_takes_a_chinese_team_name_and_makes_its_slug_in_pinyin(db):
    from battlemap.teams.models import Team

    out = run(
        "createuser", "wangli", "--password", "Wide-river-42", "--team", "华东大客户部", "--create-team"
    )
    team = Team.objects.get(name="华东大客户部")
    assert team.slug == "hua-dong-da-ke-hu-bu"
    assert out.strip() == "已创建用户 wangli，以成员身份加入新建团队 华东大客户部（hua-dong-da-ke-hu-bu）"
    # the same name, or the slug, names that team again: no second team
    run("createuser", "zhaomin", "--password", "Wide-river-42", "--team", "华东大客户部", "--manager")
    run("createuser", "liuyang", "--password", "Wide-river-42", "--team", "hua-dong-da-ke-hu-bu")
    assert Team.objects.count() == 1
    assert sorted(team.memberships.values_list("user__username", flat=True)) == [
        "liuyang",
        "wangli",
        "zhaomin",
    ]
    run("create-account", "x1", "--name", "X One", "--owner", "wangli", "--team", "华东大客户部")
    assert Account.objects.get(slug="x1").team == team


def test_createuser_refuses_a_team_name_two_teams_bear(db):
    from battlemap.teams.services import team_create

    team_create(slug="east-1", name="华东")
    team_create(slug="east-2", name="华东")
    with (
        translation.override("en"),
        pytest.raises(CommandError, match="--team: several teams are named '华东': give the slug"),
    ):
        run("createuser", "ann", "--password", "Wide-river-42", "--team", "华东")
    assert (
        not __import__("django.contrib.auth")
        .contrib.auth.get_user_model()
        .objects.filter(username="ann")
        .exists()
    )


def test_the_demos_won_deal_moved_while_open_and_closed_on_its_last_move(demo):
    """A won or lost deal keeps its stage (deals.services._stage_rule), so the demo replays a closed deal's moves
    while it is open and closes it on the day of its last move: the history reads as it happened."""
    from battlemap.deals.models import Deal

    deal = Deal.objects.get(name="Warehouse IoT pilot")
    assert (deal.status, deal.stage, deal.close_reason != "") == ("won", "post_purchase", True)
    moves = list(deal.stage_changes.order_by("changed_on").values_list("stage", "changed_on"))
    assert [stage for stage, _day in moves] == ["purchase_decision", "post_purchase"]
    statuses = list(deal.history.order_by("history_date", "history_id").values_list("status", "history_date"))
    assert [s for s, _at in statuses][0] == "open" and statuses[-1][0] == "won"
    closed_at = next(at for s, at in statuses if s == "won")
    assert timezone.localtime(closed_at).date() == moves[-1][1]
