"""The real-world files through the web preview and the CLI (issue #14): the preview shows the encoding
(and lets the user pick another), the sheet, the header row, recognised and ignored columns; a refused file
leaves the map export byte-for-byte the same."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from battlemap.interactions.models import Interaction
from battlemap.people.models import Person

from .files import csv_bytes

HERE = Path(__file__).parent / "realworld"


def _upload(name: str, data: bytes | None = None):
    upload = io.BytesIO(data if data is not None else (HERE / name).read_bytes())
    upload.name = name
    return upload


def test_preview_names_the_encoding_and_the_user_can_switch_it(owner_client, world):
    url = f"/accounts/{world.cn.slug}/io/import/"
    first = owner_client.post(url, {"file": _upload("03_eu_semicolon_cp1252.csv")}, HTTP_ACCEPT_LANGUAGE="en")
    page = first.content.decode()
    assert first.status_code == 200
    assert '<option value="cp1252" selected>Windows-1252</option>' in page
    assert "Jürgen" in page and "Header: row 1." in page
    form = {k: v for k, v in first.context["form"].items() if k != "columns"}
    switched = owner_client.post(f"{url}recheck/", {**form, "encoding": "gb18030"})
    assert '<option value="gb18030" selected>GB18030</option>' in switched.content.decode()
    assert "Jürgen" not in switched.content.decode()
    back = owner_client.post(f"{url}recheck/", {**form, "encoding": "cp1252"})
    done = owner_client.post(f"{url}confirm/", back.context["form"])
    assert done.status_code == 200
    assert Person.objects.filter(account=world.cn, name="Søren Ørsted").exists()


def test_an_encoding_that_does_not_decode_is_named(owner_client, world):
    url = f"/accounts/{world.cn.slug}/io/import/"
    first = owner_client.post(url, {"file": _upload("03_eu_semicolon_cp1252.csv")})
    form = {k: v for k, v in first.context["form"].items() if k != "columns"}
    response = owner_client.post(f"{url}recheck/", {**form, "encoding": "utf-8"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "cannot be read as &quot;utf-8&quot;" in response.content.decode()


def test_preview_of_a_wecom_workbook_shows_sheet_header_and_columns_in_chinese(owner_client, world):
    url = f"/accounts/{world.cn.slug}/io/import/"
    response = owner_client.post(
        url, {"file": _upload("05b_wecom_paths_userid_leader.xlsx")}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert '<option value="成员列表" selected>成员列表</option>' in page
    assert "表头：第 1 行。" in page and 'aria-label="直属上级"' in page
    assert "人员：新建 4" in page


def test_preview_lists_the_footer_and_asks_the_date_order(owner_client, world):
    url = f"/accounts/{world.cn.slug}/io/import/"
    page = owner_client.post(url, {"file": _upload("01_sf_report_footer.csv")}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Report footer lines skipped: 6: “Grand Totals (3 records)”" in page.content.decode()
    rows = [["Name", "Left On"], ["A", "05/03/2024"]]
    first = owner_client.post(
        url, {"file": _upload("d.csv", csv_bytes(rows, "utf-8"))}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert first.status_code == 400 and 'name="date_order"' in first.content.decode()
    form = {k: v for k, v in first.context["form"].items() if k != "columns"}
    again = owner_client.post(f"{url}recheck/", {**form, "date_order": "dmy"})
    assert again.status_code == 200
    owner_client.post(f"{url}confirm/", again.context["form"])
    assert Person.objects.get(account=world.cn, name="A").left_on.isoformat() == "2024-03-05"


def test_cli_refused_dingtalk_roster_leaves_the_map_export_identical(world, tmp_path, capsys):
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    call_command("export", "guodian", "--format", "json", "-o", str(before))
    with pytest.raises(CommandError):
        call_command(
            "import", str(HERE / "06_dingtalk_roster_gbk.csv"), "--account", "guodian", "--lang", "en"
        )
    assert 'row 5, Manager: "张伟" matches several people: row 3, row 4' in capsys.readouterr().err
    call_command("export", "guodian", "--format", "json", "-o", str(after))
    assert before.read_bytes() == after.read_bytes()


def test_cli_reads_wecom_and_takes_encoding_and_date_order(world, capsys):
    call_command("import", str(HERE / "05b_wecom_paths_userid_leader.xlsx"), "--account", "guodian",
                 "--lang", "en", "--dry-run")  # fmt: skip
    out = capsys.readouterr().out
    assert "Dry run" in out and "(sheet 成员列表)" in out and "4 created" in out
    assert not Person.objects.filter(account=world.cn, name="何强").exists()
    call_command("import", str(HERE / "03_eu_semicolon_cp1252.csv"), "--account", "guodian",
                 "--encoding", "cp1252", "--lang", "en")  # fmt: skip
    assert "encoding Windows-1252" in capsys.readouterr().out
    assert Person.objects.filter(account=world.cn, name="Françoise Lefèvre").exists()


def test_mail_ingest_refuses_an_undecided_date_order_and_takes_date_order(world, tmp_path):
    path = tmp_path / "tasks.csv"
    path.write_text(
        "Id,Subject,ActivityDate,TaskSubtype,Owner.Email,Who.Email\n"
        "00T1,Call,05/03/2025,Call,alice@ours.example,wang.jianguo@guodian.example\n",
        encoding="utf-8",
    )
    args = ("mail-ingest", str(path), "--account", world.cn.slug, "--our-domain", "ours.example")
    with translation.override("en"), pytest.raises(CommandError, match="day first or month first"):
        call_command(*args, stdout=io.StringIO(), stderr=io.StringIO())
    call_command(*args, "--date-order", "dmy", stdout=io.StringIO(), stderr=io.StringIO())
    (call,) = Interaction.objects.filter(account=world.cn, kind="call")
    # a day with no time: all-day, 09:00 of that day in TIME_ZONE (records.all_day_moment)
    assert timezone.localtime(call.occurred_at).isoformat() == "2025-03-05T09:00:00+08:00" and call.all_day
