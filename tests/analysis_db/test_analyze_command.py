"""`battlemap analyze`: report, JSON, languages, access with --user and clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from tests import factories as f
from tests.ops.helpers import migrated

pytestmark = pytest.mark.django_db


def analyze(*args: str) -> str:
    out = StringIO()
    call_command("analyze", *args, stdout=out)
    return out.getvalue()


def test_it_prints_a_readable_report_in_chinese(world):
    text = analyze("guodian", "--lang", "zh")
    assert "客户作战地图分析：国电智慧能源集团" in text
    assert "决策者" in text and "王建国" in text and "风险警示" in text and "风险预警" not in text


def test_it_prints_english_on_request(world):
    text = analyze("guodian", "--lang", "en")
    assert "Red flags" in text and "decision_maker_not_met" in text


def test_it_prints_json_with_the_documented_shape(world):
    data = json.loads(analyze("guodian", "--json", "--lang", "en"))
    assert data["account"] == "guodian" and data["as_of"] == timezone.localdate().isoformat()
    assert {p["name"] for p in data["people"]} == {"王建国", "李明"}
    (deal,) = data["deals"]
    assert deal["name"] == "物联网平台" and 0 <= deal["health"]["score"] <= 100
    flag = next(f for f in deal["flags"] if f["code"] == "decision_maker_not_met")
    assert flag["people"] == [world.cn_boss.pk] and "王建国" in flag["reason"]


def test_deal_option_keeps_one_deal(world):
    other = f.deal(account=world.cn, name="第二期")
    data = json.loads(analyze("guodian", "--json", "--deal", str(other.pk)))
    assert [d["name"] for d in data["deals"]] == ["第二期"]


def test_since_adds_the_changes(world):
    week_ago = (timezone.localdate() - timedelta(days=7)).isoformat()
    data = json.loads(analyze("guodian", "--json", "--since", week_ago))
    assert {p["name"] for p in data["changes"]["people_added"]} == {"王建国", "李明"}


def test_a_user_sees_only_their_accounts(world):
    assert "Mallory" not in analyze("guodian", "--user", "alice", "--lang", "en")
    with (
        translation.override("en"),
        pytest.raises(CommandError, match="no account with slug 'secret' visible to 'alice'"),
    ):
        analyze("secret", "--user", "alice")


@pytest.mark.parametrize(
    "args,message",
    [
        (["nope"], "no account with slug 'nope'"),
        (["guodian", "--deal", "99999"], "deal: no deal 99999"),
        (["guodian", "--lang", "fr"], "--lang"),
        (["guodian", "--as-of", "23/11/2026"], "--as-of: expected a date YYYY-MM-DD"),
        (["guodian", "--since", "2026-13-01"], "--since: expected a date"),
        (
            ["guodian", "--as-of", "2999-01-01"],
            "--as-of[:：] ?.?2999-01-01",
        ),  # a day to come: as the API says
        (["guodian", "--since", "2999-01-01"], "--since[:：] ?.?2999-01-01"),
        (["guodian", "--user", "nobody"], "no user named 'nobody'"),
    ],
)
def test_bad_arguments_give_a_clear_error(world, args, message):
    with translation.override("en"), pytest.raises(CommandError, match=message):
        analyze(*args)


def test_a_deal_of_another_account_is_unknown(world):
    secret = f.deal(account=world.other, name="Secret deal")
    with pytest.raises(CommandError, match=f"客户 'guodian' 中没有商机 {secret.pk}"):
        analyze("guodian", "--deal", str(secret.pk))


@pytest.mark.slow
@pytest.mark.sqlite_run  # its command runs on a SQLite file of its own, whatever the run's database
def test_the_console_command_exits_non_zero_without_traceback(tmp_path):
    env = {"BATTLEMAP_VAR_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    migrated(env)
    run = subprocess.run(
        [sys.executable, "-m", "battlemap", "analyze", "nope"], capture_output=True, text=True, env=env
    )
    assert run.returncode != 0
    assert "Traceback" not in run.stderr and "nope" in run.stderr


@pytest.mark.parametrize("lang,sep,brackets", [("en", ", ", " ({})"), ("zh", "、", "（{}）")])
def test_the_health_parts_are_the_whole_points_every_other_surface_shows(world, lang, sep, brackets):
    """The deal room, PDF, deck and XLSX show each part's `shown` points, which add up to the score; the
    report had printed the engine's tenths ("attitude +17.5" beside a 17) in ASCII ", " and "( )" in zh."""
    (deal,) = json.loads(analyze("guodian", "--json", "--lang", lang))["deals"]
    health = deal["health"]
    assert any(p["points"] != p["shown"] for p in health["parts"])  # the world has a part with tenths
    parts = sep.join(f"{p['label']} {p['shown']:+d}" for p in health["parts"])
    assert f"{health['score']}/100" + brackets.format(parts) in analyze("guodian", "--lang", lang)


def _coverage(text: str) -> list[str]:
    block = text[text.index("Coverage --") :]
    return [line.rstrip() for line in block.splitlines()[3:] if line.strip()][:6]


def test_the_coverage_says_who_was_met_person_by_person_as_the_deal_room_does(world):
    """Two influencers, one met, one never: the report said "influencer  李明, 赵磊  yes" — one "met" for the
    role beside two attitudes — where the deal room's grid says "never met" under 赵磊."""
    li = world.cn.people.get(name="李明")
    zhao = f.person(account=world.cn, name="赵磊")
    f.role(deal=world.cn_deal, person=li, roles=["influencer"], attitude="supporter")
    f.role(deal=world.cn_deal, person=zhao, roles=["influencer"], attitude="skeptic")
    f.interaction(account=world.cn, people=[li], kind="meeting")
    lines = _coverage(analyze("guodian", "--lang", "en"))
    influencers = [line.split() for line in lines if "李明" in line or "赵磊" in line]
    assert influencers == [
        ["influencer", "李明", "yes", "supporter"],
        ["influencer", "赵磊", "no", "skeptic"],
    ]


def test_the_playbook_has_one_name_on_every_surface_in_chinese(world):
    """The report headed the playbook 下一步行动 — the review PDF's name for the committed action items on its
    first page — where the PDF and the deck head its column 下一步最佳行动; and the PDF and the deck titled the
    playbook 行动打法, the deal room 行动建议."""
    from django.utils.translation import gettext, pgettext

    text = analyze("guodian", "--lang", "zh")
    with translation.override("zh-hans"):
        playbook_column, action_items = (
            pgettext("export", "Next best actions"),
            pgettext("export", "Next steps"),
        )
        room, review = gettext("Playbook"), pgettext("export", "Playbook")
    assert f"-- {playbook_column} --" in text and f"-- {action_items} --" not in text
    assert (room, review) == ("行动建议", "行动建议")
