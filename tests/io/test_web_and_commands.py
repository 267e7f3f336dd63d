from __future__ import annotations

import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from battlemap.accounts.models import Account
from battlemap.people.models import Person
from tests import factories as f
from tests.exports import web_export

from .files import CHINESE, csv_bytes


def _normalise(data: dict) -> dict:
    """The map with database ids replaced by their position, so two copies of one map compare equal."""
    text = json.dumps(data, sort_keys=True)
    data = json.loads(text)
    ids = {kind: {item["id"]: n for n, item in enumerate(data[kind])} for kind in ("people", "org_units")}
    deal_ids = {d["id"]: n for n, d in enumerate(data["deals"])}
    pid = ids["people"]
    for p in data["people"]:
        p["id"] = pid[p["id"]]
        p["reports_to"] = pid.get(p["reports_to"])
        p["dotted_line_to"] = [pid[x] for x in p["dotted_line_to"]]
        p["org_unit"] = ids["org_units"].get(p["org_unit"])
    for u in data["org_units"]:
        u["id"], u["parent"] = ids["org_units"][u["id"]], ids["org_units"].get(u["parent"])
    for link in data["influence_links"]:
        link["from"], link["to"] = pid[link["from"]], pid[link["to"]]
    for n, fct in enumerate(data["external_factors"]):
        fct["id"] = n
    for d in data["deals"]:
        d["id"] = deal_ids[d["id"]]
        for r in d["roles"]:
            r["person"] = pid[r["person"]]
        for n, a in enumerate(d["action_items"]):
            a["id"], a["person"] = n, pid.get(a["person"])
    bid = {b["id"]: n for n, b in enumerate(data.get("decision_bodies", []))}
    for b in data.get("decision_bodies", []):
        b["id"], b["chair"] = bid[b["id"]], pid.get(b["chair"])
        b["members"] = sorted(pid[x] for x in b["members"])
    for d in data["deals"]:
        for r in d.get("body_roles", []):
            r["body"] = bid[r["body"]]
        for n, s in enumerate(d.get("process", [])):
            s["id"], s["body"] = n, bid.get(s["body"])
            s["people"] = sorted(pid[x] for x in s["people"])
    for n, i in enumerate(data["interactions"]):
        i["id"], i["deal"] = n, deal_ids.get(i["deal"])
        i["participants"] = sorted(pid[x] for x in i["participants"])
    data["account"]["slug"] = None
    return data


def test_json_round_trip_is_exact(world, tmp_path):
    cn = world.cn
    li = Person.objects.get(account=cn, name="李明")
    f.person(account=cn, name="<script>alert(1)</script>", reports_to=li, email="x@y.cn")
    f.link(source=li, target=world.cn_boss, kind="advises", strength=3)
    f.factor(account=cn, kind="policy", description="国资委政策", effect=1)
    # a mail's Message-ID (a re-ingest after the round trip skips it) and why a deal was reopened
    f.interaction(account=cn, people=[li], kind="email", source="mail", source_ref="<a1@guodian.cn>")
    f.deal(account=cn, name="二期", status="open", reopen_reason="预算追加")
    path = tmp_path / "map.json"
    call_command("export", "guodian", "--format", "json", "-o", str(path))
    call_command("import-map", str(path), "--as", "guodian-copy", "--owner", "alice", "--team", "east")
    again = tmp_path / "again.json"
    call_command("export", "guodian-copy", "--format", "json", "-o", str(again))
    assert _normalise(json.loads(again.read_text())) == _normalise(json.loads(path.read_text()))
    copy = Account.objects.get(slug="guodian-copy")
    assert list(copy.interactions.values_list("source_ref", flat=True)) == ["<a1@guodian.cn>"]
    assert copy.deals.get(name="二期").reopen_reason == "预算追加"


def test_import_command_reports_every_bad_row_and_exits_non_zero(world, tmp_path, capsys):
    rows = [r[:] for r in CHINESE]
    rows[2][0] = ""
    rows[4][8] = "七"
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(rows, "gbk"))
    with pytest.raises(CommandError, match="2"):
        call_command("import", str(path), "--account", "guodian", "--lang", "en")
    err = capsys.readouterr().err
    assert "row 3, Name: empty" in err and 'row 5, Influence: unknown value "七"' in err


def test_import_command_with_deal_and_user(world, tmp_path, capsys):
    path = tmp_path / "ok.xlsx"
    wb = openpyxl.Workbook()
    for row in CHINESE:
        wb.active.append(row)
    wb.save(path)
    call_command(
        "import",
        str(path),
        "--account",
        "guodian",
        "--deal",
        str(world.cn_deal.pk),
        "--user",
        "alice",
        "--lang",
        "en",
    )
    out = capsys.readouterr().out
    assert "3 created, 1 updated" in out  # 李明 was already in the account
    with pytest.raises(CommandError, match="no account|看不到"):
        call_command("import", str(path), "--account", "guodian", "--user", "mallory")
    with pytest.raises(CommandError, match="--deal"):
        call_command("import", str(path), "--account", "northwind", "--deal", str(world.cn_deal.pk))


def test_export_command_refuses_outsiders_and_unknown_deals(world, tmp_path):
    with pytest.raises(CommandError, match="no account|看不到"):
        call_command(
            "export", "guodian", "--format", "pdf", "-o", str(tmp_path / "x.pdf"), "--user", "mallory"
        )
    with pytest.raises(CommandError, match="--deal"):
        call_command("export", "guodian", "--format", "pdf", "-o", str(tmp_path / "x.pdf"), "--deal", "99999")


def test_web_upload_preview_confirm(owner_client, world):
    url = f"/accounts/{world.cn.slug}/io/import/"
    upload = io.BytesIO(csv_bytes(CHINESE, "gb18030"))
    upload.name = "people.csv"
    response = owner_client.post(url, {"file": upload, "deal": str(world.cn_deal.pk)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "姓名" in page and "GB18030" in page
    assert not Person.objects.filter(account=world.cn, name="刘芳").exists()
    form = response.context["form"]
    done = owner_client.post(f"{url}confirm/", form)
    assert done.status_code == 200
    assert Person.objects.filter(account=world.cn, name="刘芳").exists()


def test_an_upload_token_opens_nothing_for_another_user_or_account(client, owner_client, world):
    upload = io.BytesIO(csv_bytes(CHINESE, "gb18030"))
    upload.name = "people.csv"
    form = owner_client.post(f"/accounts/{world.cn.slug}/io/import/", {"file": upload}).context["form"]
    # The outsider holds the token but may only use it on her own account: the file is not hers.
    client.force_login(world.outsider)
    for step in ("recheck", "confirm"):
        assert client.post(f"/accounts/{world.other.slug}/io/import/{step}/", form).status_code == 404
    # The owner cannot replay it into her other account either.
    assert owner_client.post(f"/accounts/{world.en.slug}/io/import/confirm/", form).status_code == 404
    assert not Person.objects.filter(name="刘芳").exists()


def test_web_upload_lists_errors_by_row_and_writes_nothing(owner_client, world):
    rows = [r[:] for r in CHINESE]
    rows[2][3] = "not-an-email"
    upload = io.BytesIO(csv_bytes(rows, "utf-8"))
    upload.name = "people.csv"
    response = owner_client.post(f"/accounts/{world.cn.slug}/io/import/", {"file": upload})
    assert response.status_code == 400
    assert "not-an-email" in response.content.decode()
    assert not Person.objects.filter(account=world.cn, name="刘芳").exists()


def test_outsider_gets_404_and_anonymous_is_sent_to_login(client, world):
    client.force_login(world.outsider)
    assert client.get(f"/accounts/{world.cn.slug}/io/import/").status_code == 404
    assert client.get(f"/accounts/{world.cn.slug}/io/export/xlsx/").status_code == 404
    for step in ("confirm", "recheck"):
        assert (
            client.post(f"/accounts/{world.cn.slug}/io/import/{step}/", {"token": "abc"}).status_code == 404
        )
    assert client.get(f"/accounts/{world.cn.slug}/io/import/job/abc/").status_code == 404
    client.logout()
    for path in ("export/xlsx/", "import/"):
        response = client.get(f"/accounts/{world.cn.slug}/io/{path}")
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_manager_can_download_but_not_import(client, world):
    client.force_login(world.manager)  # manages alice: may view her own (team-less) account, not edit it
    response = web_export(client, world.en.slug, "xlsx", lang="en")
    assert response.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert "Jane Doe" in [c.value for c in wb.worksheets[0]["B"]]
    assert client.get(f"/accounts/{world.en.slug}/io/import/").status_code == 403


def test_large_web_import_runs_as_a_background_task(
    owner_client, world, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("battlemap.io.views.LARGE_FILE_ROWS", 2)
    url = f"/accounts/{world.cn.slug}/io/import/"
    upload = io.BytesIO(csv_bytes(CHINESE, "utf-8"))
    upload.name = "people.csv"
    preview = owner_client.post(url, {"file": upload})
    assert "background" in preview.content.decode() or "后台" in preview.content.decode()
    assert not Person.objects.filter(account=world.cn, name="刘芳").exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(f"{url}confirm/", preview.context["form"])
    assert response.status_code == 302
    job = owner_client.get(response["Location"])
    assert job.context["state"]["status"] == "done"
    assert Person.objects.filter(account=world.cn, name="刘芳").exists()
    owner_client.force_login(world.outsider)
    assert owner_client.get(response["Location"]).status_code == 404


def test_preview_columns_can_be_changed(owner_client, world):
    rows = [["Personne", "Poste"], ["Marie Curie", "Directrice"]]
    upload = io.BytesIO(csv_bytes(rows, "utf-8"))
    upload.name = "fr.csv"
    url = f"/accounts/{world.cn.slug}/io/import/"
    first = owner_client.post(url, {"file": upload})
    assert first.status_code == 400  # no name column recognised: the preview offers the column choices
    page = first.content.decode()
    assert 'aria-label="Personne"' in page and ("No column holds" in page or "没有找到姓名列" in page)
    form = {k: v for k, v in first.context["form"].items() if k != "columns"}
    again = owner_client.post(
        f"{url}recheck/", {**form, "header": ["Personne", "Poste"], "field": ["name", "title"]}
    )
    assert again.status_code == 200
    done = owner_client.post(f"{url}confirm/", again.context["form"])
    assert done.status_code == 200
    assert Person.objects.get(account=world.cn, name="Marie Curie").title == "Directrice"


def test_demo_accounts_round_trip_exactly(db, tmp_path):
    call_command("demo", verbosity=0)
    for slug in ("hdny", "northwind"):
        path, again = tmp_path / f"{slug}.json", tmp_path / f"{slug}-again.json"
        call_command("export", slug, "--format", "json", "-o", str(path))
        call_command("import-map", str(path), "--as", f"{slug}-copy")
        call_command("export", f"{slug}-copy", "--format", "json", "-o", str(again))
        first = json.loads(path.read_text())
        assert len(first["people"]) >= 20 and first["interactions"] and first["deals"][0]["action_items"]
        assert _normalise(json.loads(again.read_text())) == _normalise(first)


def test_import_command_bad_arguments_give_clear_errors(world, tmp_path):
    with pytest.raises(CommandError, match="nope.csv"):
        call_command("import", str(tmp_path / "nope.csv"), "--account", "guodian")
    book = tmp_path / "p.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["姓名"])
    wb.active.append(["王五"])
    wb.save(book)
    with pytest.raises(CommandError, match='no sheet "Contacts"'):
        call_command("import", str(book), "--account", "guodian", "--sheet", "Contacts", "--lang", "en")
    bad = tmp_path / "m.toml"
    bad.write_text('[columns]\n"Nom" = "nom"\n', encoding="utf-8")
    with pytest.raises(CommandError, match='unknown field "nom"'):
        call_command("import", str(book), "--account", "guodian", "--mapping", str(bad), "--lang", "en")
    with pytest.raises(CommandError, match="nowhere"):
        call_command("export", "guodian", "--format", "xlsx", "-o", str(tmp_path / "nowhere" / "x.xlsx"))
