"""The words around the people import agree with what it does (a new user's reading, 2026-12-02): the upload page
names the encodings its menu offers, `battlemap import --help` the tools the importer knows, an unknown
`--encoding` is said to be unknown with the accepted ones; the import pages carry the account's breadcrumb — in
both languages."""

from __future__ import annotations

import lxml.html
import pytest
from django.core.management import CommandError, call_command, load_command_class
from django.urls import reverse
from django.utils import translation

from battlemap.io.tabular.sources import SOURCE_LABELS
from battlemap.io.text import CHOICES, NAMES
from battlemap.people.models import Person
from battlemap.users.services import token_create

from .files import csv_bytes
from .test_import_silent_writes import _web_upload

LANGS = ["zh-hans", "en"]


def _page(client, url, lang, **post):
    client.cookies["django_language"] = lang
    response = client.post(url, post) if post else client.get(url)
    return response, lxml.html.fromstring(response.content)


@pytest.mark.parametrize("lang", LANGS)
def test_the_upload_page_names_every_encoding_of_its_menu_and_carries_the_breadcrumb(
    owner_client, world, lang
):
    response, page = _page(owner_client, f"/accounts/{world.cn.slug}/io/import/", lang)
    assert response.status_code == 200
    menu = [o.text_content() for o in page.xpath("//select[@name='encoding']/option[@value!='']")]
    assert menu == [NAMES[c] for c in CHOICES]
    intro = page.xpath("//h1/following-sibling::p[1]")[0].text_content()
    assert all(label in intro for label in menu), intro
    assert "Dynamics 365" in intro and "Outlook" in intro
    crumbs = page.xpath("//nav[@class='crumbs']//a/@href")
    assert crumbs == [reverse("portfolio"), reverse("account", args=[world.cn.slug])]


@pytest.mark.parametrize("lang", LANGS)
def test_the_import_preview_carries_the_accounts_breadcrumb(owner_client, world, lang):
    data = csv_bytes([["姓名", "职务"], ["新同事", "工程师"]], "utf-8")
    url = f"/accounts/{world.cn.slug}/io/import/"
    client = owner_client
    client.cookies["django_language"] = lang
    response = client.post(url, {"file": _web_upload("new.csv", data)})
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    assert "new.csv" in page.xpath("//h1")[0].text_content()
    crumbs = page.xpath("//nav[@class='crumbs']//a")
    assert [a.get("href") for a in crumbs] == [reverse("portfolio"), reverse("account", args=[world.cn.slug])]
    assert crumbs[1].text_content() == world.cn.name


def _help(lang: str) -> str:
    with translation.override(lang):
        return load_command_class("battlemap.io", "import").create_parser("battlemap", "import").format_help()


def test_import_help_names_the_tools_the_importer_reads_and_every_encoding_code():
    en, zh = _help("en"), _help("zh-hans")
    for source in (
        "salesforce",
        "hubspot",
        "zoho",
        "pipedrive",
        "dynamics",
        "outlook",
        "wecom",
        "dingtalk",
        "feishu",
    ):
        with translation.override("en"):
            brand = str(SOURCE_LABELS[source]).split()[-2 if source == "dynamics" else 0]
        assert brand in en, brand
    assert "WeCom" in en and "企业微信" in zh and "钉钉" in zh and "飞书" in zh and "Outlook" in zh
    flat_en, flat_zh = " ".join(en.split()), "".join(zh.split())
    assert "cp932 (Shift-JIS)" in flat_en and "mac_roman (Mac Roman)" in flat_en
    assert all(code in flat_en and code in flat_zh for code in CHOICES)
    assert "cp932（Shift-JIS）" in flat_zh


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", '--encoding klingon: Unknown encoding "klingon": give one of utf-8, utf-16, gb18030, big5, '
               "cp932 (Shift-JIS), cp1252 (Windows-1252), cp1250 (Windows-1250), cp1251 (Windows-1251), "
               "mac_roman (Mac Roman) (or none, and the encoding is detected)."),
        ("zh", "--encoding klingon：未知编码“klingon”：请使用以下之一：utf-8、utf-16、gb18030、big5、cp932（Shift-JIS）、"
               "cp1252（Windows-1252）、cp1250（Windows-1250）、cp1251（Windows-1251）、mac_roman（Mac Roman）"
               "（或不指定，由系统自动识别编码）。"),
    ],
)  # fmt: skip
def test_an_unknown_encoding_is_said_to_be_unknown_with_the_accepted_ones(world, tmp_path, lang, said):
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes([["Name"], ["Ann Lee"]], "utf-8"))
    before = Person.objects.count()
    with pytest.raises(CommandError) as refused:
        call_command("import", str(path), "--account", world.cn.slug, "--encoding", "klingon", "--lang", lang)
    assert str(refused.value) == said
    assert "cannot be read as" not in str(refused.value) and Person.objects.count() == before
    # a known encoding that does not decode the file is still that, and `gbk` is still taken
    path.write_bytes(b"Name\r\nA\x81B\r\n")  # 0x81 is no Windows-1252 character
    with pytest.raises(CommandError, match='cannot be read as "cp1252"'):
        call_command("import", str(path), "--account", world.cn.slug, "--encoding", "cp1252", "--lang", "en")
    path.write_bytes("Name\r\n张三\r\n".encode("gbk"))
    call_command("import", str(path), "--account", world.cn.slug, "--encoding", "gbk", "--dry-run")


def test_an_unknown_encoding_sent_to_the_web_or_the_api_is_said_to_be_unknown(owner_client, world):
    data = csv_bytes([["Name"], ["Ann Lee"]], "utf-8")
    url = f"/accounts/{world.cn.slug}/io/import/"
    owner_client.cookies["django_language"] = "en"
    page = owner_client.post(url, {"file": _web_upload("p.csv", data), "encoding": "klingon"})
    error = lxml.html.fromstring(page.content).xpath("//p[contains(@class, 'error')]")[0].text_content()
    assert page.status_code == 400 and error.startswith(
        'Unknown encoding "klingon": give one of utf-8, utf-16'
    )
    token = token_create(user=world.owner, name="t").secret
    api = owner_client.post(
        f"/api/accounts/{world.cn.slug}/import",
        {"file": _web_upload("p.csv", data), "encoding": "klingon"},
        headers={"Authorization": f"Bearer {token}", "Accept-Language": "zh-hans"},
    )
    [problem] = api.json()["errors"]  # the API's schema takes the codes it lists
    assert api.status_code == 422 and problem["field"] == "encoding" and "utf-8, utf-16" in problem["message"]
