"""The post written in a display name is evidence of the person's title (review h4 #5, follow-up): "李娜 采购部部长"
was split into the name 李娜 and a post nobody used — the suggested new person had no title, and accepting wrote
none. The post now counts as a signature's title does (its level anchors them), below a signature's title."""

from __future__ import annotations

from datetime import UTC, datetime
from email.header import Header
from pathlib import Path

from battlemap.inference.evidence import Evidence
from battlemap.inference.titles import read_title
from battlemap.mail.cache import account_inference
from battlemap.mail.models import Suggestion
from battlemap.mail.services import mail_ingest, suggestions_refresh
from battlemap.mail.services.suggestions import suggestion_accept
from tests import factories as f

NOW = datetime(2026, 11, 30, tzinfo=UTC)
DOMAIN = "jnjm.example"


def _message(n: int, sender: str, body: str = "正文") -> str:
    return (
        f"From x@{DOMAIN} Mon Nov  2 09:00:00 2026\nFrom: {sender}\nTo: Sam Seller <sam@ourco.example>\n"
        f"Subject: 方案 {n}\nDate: Mon, {n + 1} Nov 2026 09:00:00 +0800\nMessage-ID: <t{n}@{DOMAIN}>\n"
        f"Content-Type: text/plain; charset=utf-8\n\n{body}\n\n"
    )


def _ingest(world, tmp_path: Path, mbox: str):  # noqa: ANN001, ANN202
    path = tmp_path / "t.mbox"
    path.write_text(mbox, encoding="utf-8")
    account = f.account(owner=world.owner, slug="jnjm", name="JNJM")
    mail_ingest(
        account=account,
        paths=[path],
        our_domains=["ourco.example"],
        customer_domains=[DOMAIN],
        bodies=True,
        now=NOW,
    )
    suggestions_refresh(result=account_inference(account))
    return account


def test_the_post_in_a_display_name_is_the_suggested_persons_title_and_accepting_writes_it(world, tmp_path):
    li_na = Header("李娜 采购部部长", "utf-8").encode()  # the reviewer's n0.eml; n1–n3 say 李娜 alone
    mbox = _message(0, f"{li_na} <li.na@{DOMAIN}>") + "".join(
        _message(n, f"李娜 <li.na@{DOMAIN}>") for n in (1, 2, 3)
    )
    mbox += _message(4, f"Amy Wu - VP Sales <amy.wu@{DOMAIN}>")
    account = _ingest(world, tmp_path, mbox)
    people = {s.email: s for s in Suggestion.objects.filter(account=account, kind=Suggestion.Kind.PERSON)}
    assert (people[f"li.na@{DOMAIN}"].name, people[f"li.na@{DOMAIN}"].value) == ("李娜", "采购部部长")
    assert (people[f"amy.wu@{DOMAIN}"].name, people[f"amy.wu@{DOMAIN}"].value) == ("Amy Wu", "VP Sales")
    level = read_title("采购部部长").level
    said = {"code": "title_level_display_name", "params": {"title": "采购部部长", "level": level}}
    assert said in people[f"li.na@{DOMAIN}"].evidence
    evidence = Evidence(said["code"], said["params"])
    assert evidence.text("en") == f"title in the display name: 采购部部长, level {level} of 8"
    assert evidence.text("zh-hans") == f"显示名中的职务：采购部部长，8 级中的第 {level} 级"
    inferred = account_inference(account).inference.by_email()[f"li.na@{DOMAIN}"]
    assert inferred.title_level == level  # its level counts, as a signature's does
    person = suggestion_accept(suggestion=people[f"li.na@{DOMAIN}"], user=world.owner)
    person.refresh_from_db()
    assert (person.name, person.title) == ("李娜", "采购部部长")


def test_a_signatures_title_comes_before_the_post_in_the_display_name(world, tmp_path):
    signed = "方案见附件。\n\n王强\n信息中心主任\n"
    mbox = _message(0, f"王强（总经理） <wang.qiang@{DOMAIN}>", signed)
    mbox += _message(1, f"王强（总经理） <wang.qiang@{DOMAIN}>", signed)
    account = _ingest(world, tmp_path, mbox)
    suggestion = Suggestion.objects.get(account=account, kind=Suggestion.Kind.PERSON)
    assert (suggestion.name, suggestion.value) == ("王强", "信息中心主任")
    codes = [e["code"] for e in suggestion.evidence]
    assert "title_level_signature" in codes and "title_level_display_name" not in codes


def test_a_person_on_the_map_without_a_title_is_suggested_the_post_in_their_display_name(world, tmp_path):
    account = f.account(owner=world.owner, slug="jnjm", name="JNJM")
    f.person(account=account, name="李娜", email=f"li.na@{DOMAIN}")
    path = tmp_path / "t.mbox"
    path.write_text(_message(0, f"李娜 采购部部长 <li.na@{DOMAIN}>"), encoding="utf-8")
    mail_ingest(
        account=account, paths=[path], our_domains=["ourco.example"], customer_domains=[DOMAIN], now=NOW
    )
    suggestions_refresh(result=account_inference(account))
    suggestion = Suggestion.objects.get(account=account, kind=Suggestion.Kind.TITLE)
    assert (suggestion.email, suggestion.value) == (f"li.na@{DOMAIN}", "采购部部长")
    assert suggestion_accept(suggestion=suggestion, user=world.owner).title == "采购部部长"
