"""Tabular imports that used to write wrong data silently (tester's report, user C): an e-mail match that
renamed a person and replaced their id, the account's company lost to a majority of consultants, a same-name
newcomer created without a word. Each now refuses by row or says so by row, in both languages."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone, translation

from battlemap.io.company_names import company_key
from battlemap.io.same_person import same_person_name
from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from battlemap.people.models import Person
from battlemap.people.services import person_update
from tests import factories as f

from .files import csv_bytes


@pytest.fixture
def account(db):
    return f.account(owner=f.user("c"), slug="dfdl", name="东方电力")


def _import(account, rows, name="people.csv", **kw):
    return people_import(account=account, data=csv_bytes(rows, "utf-8"), filename=name, **kw)


def _lines(result, lang):
    with translation.override(lang):
        return "\n".join(summary_lines(result))


HUBSPOT_HEAD = ["Record ID", "First Name", "Last Name", "Email", "Job Title"]


def test_a_mailbox_handed_on_to_another_person_is_refused_by_row_not_a_rename(account):
    _import(account, [HUBSPOT_HEAD, ["12003", "Lei", "Wang", "it-desk@dfdl.example", "IT lead"]])
    with pytest.raises(ImportFailed) as exc:
        _import(account, [HUBSPOT_HEAD, ["13001", "Fang", "Chen", "it-desk@dfdl.example", "IT desk"]])
    [problem] = exc.value.problems
    assert (problem.row, problem.column) == (2, "email")
    assert "Lei Wang" in problem.message("en") and "row 2" in problem.message("en")
    assert "Lei Wang" in problem.message("zh") and "第 2 行" in problem.message("zh")
    [person] = Person.objects.filter(account=account)
    assert (person.name, person.external_id, person.title) == ("Lei Wang", "12003", "IT lead")


def test_another_systems_id_and_a_romanised_name_do_not_replace_the_first(account):
    roster = [
        ["工号", "姓名", "部门", "职位", "邮箱", "直属主管工号"],
        ["D001", "赵建国", "东方电力-总经理办公室", "总经理", "zhao@dfdl.example", ""],
        ["D002", "钱文", "东方电力-信息中心", "信息中心主任", "qian.wen@dfdl.example", "D001"],
    ]
    _import(account, roster, "dingtalk.csv")
    result = _import(
        account,
        [["Id", "FirstName", "LastName", "Title", "Email"],
         ["0035g00000QiAnW", "Wen", "Qian", "CIO", "qian.wen@dfdl.example"]],
        "sf.csv",
    )  # fmt: skip
    assert result.updated == 1 and result.created == 0
    qian = Person.objects.get(account=account, email="qian.wen@dfdl.example")
    assert (qian.name, qian.external_id, qian.title) == ("钱文", "D002", "CIO")
    en, zh = _lines(result, "en"), _lines(result, "zh-hans")
    assert "row 2, External id:" in en and '"D002"' in en and "0035g00000QiAnW" in en
    assert "第 2 行" in zh and "D002" in zh
    # the next DingTalk file still finds 钱文 by his 工号
    newhire = _import(account, [["工号", "姓名", "部门", "职位", "直属主管工号"],
                                ["D007", "韦小宝", "东方电力-信息中心", "实习生", "D002"]])  # fmt: skip
    assert newhire.created == 1
    assert Person.objects.get(account=account, name="韦小宝").reports_to == qian


def test_names_are_the_same_person_by_pinyin_in_either_order():
    assert same_person_name("钱文", "Wen Qian") and same_person_name("赵建国", "Jianguo Zhao")
    assert not same_person_name("Lei Wang", "Fang Chen")


def test_the_accounts_own_name_wins_over_a_majority_of_consultants(db):
    account = f.account(owner=f.user("d"), slug="delta", name="Delta Power Co.")
    rows = [
        ["First Name", "Last Name", "Title", "Account Name", "Email"],
        ["Al", "Smith", "Partner", "Accenture", "al@accenture.example"],
        ["Bo", "Jones", "Manager", "Accenture", "bo@accenture.example"],
        ["Cy", "Brown", "Consultant", "Accenture", "cy@accenture.example"],
        ["Dana", "White", "CIO", "Delta Power Co., Ltd.", "dana@deltapower.example"],
        ["Ed", "Green", "IT Director", "DELTA POWER", "ed@deltapower.example"],
    ]
    result = _import(account, rows)
    people = {p.name: p for p in Person.objects.filter(account=account)}
    assert not people["Dana White"].external and not people["Ed Green"].external
    assert people["Al Smith"].external and people["Al Smith"].organisation == "Accenture"
    assert "External, of Accenture: Al Smith, Bo Jones, Cy Brown" in _lines(result, "en")
    assert "Accenture" in _lines(result, "zh-hans") and "Al Smith" in _lines(result, "zh-hans")


def test_one_company_under_its_legal_suffix_and_traditional_spelling(account):
    rows = [["姓名", "职务", "公司"], ["甲一", "总经理", "东方电力有限公司"], ["乙二", "主任", "東方電力"],
            ["丙三", "顾问", "某咨询"], ["丁四", "顾问", "某咨询"], ["戊五", "处长", "东方电力"]]  # fmt: skip
    _import(account, rows)
    external = set(Person.objects.filter(account=account, external=True).values_list("name", flat=True))
    assert external == {"丙三", "丁四"}
    assert company_key("东方电力股份有限公司") == company_key("東方電力") == company_key("东方电力")


def test_a_namesake_in_another_unit_is_created_with_a_warning_by_row(account):
    _import(account, [["姓名", "部门", "手机"], ["马骁", "战略投资部", "13800000009"]])
    result = _import(
        account, [["姓名", "部门", "职务"], ["周一", "数字化部", "主任"], ["马骁", "数字化部", "经理"]]
    )
    assert result.created == 2
    en, zh = _lines(result, "en"), _lines(result, "zh-hans")
    assert "row 3, Name: a person of this name already exists (in 战略投资部)" in en
    assert "第 3 行" in zh and "战略投资部" in zh


MAC_CSV = "Name,Title,Department\rJürgen Müller,Einkaufsleiter,Einkauf\rFrançoise Lefèvre,Direktorin,IT\r"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (MAC_CSV, {"Jürgen Müller", "Françoise Lefèvre"}),
        (
            "Name,Title\r\nJürgen Müller,Einkaufsleiter\r\nUwe Böhm,Leiter IT\r\n",
            {"Jürgen Müller", "Uwe Böhm"},
        ),
        ("Name,Title\nJosé Núñez,Director\nAndrés Peña,Gerente\n", {"José Núñez", "Andrés Peña"}),
    ],
)
def test_a_mac_roman_csv_is_read_as_mac_roman_and_named(account, text, names):
    result = people_import(account=account, data=text.encode("mac_roman"), filename="mac.csv")
    assert result.encoding == "Mac Roman"
    assert set(Person.objects.filter(account=account).values_list("name", flat=True)) == names


@pytest.mark.parametrize(
    "text",
    [
        "Name;Title\nRené Lévêque;Président\nBjörn Østergaard;Chef\nŒuvre Cœur;Artiste\n",
        "Name,Title,Notes\nJohn Smith,Buyer,Budget £40k\n",  # a symbol alone is no reason to refuse
    ],
)
def test_windows_1252_files_stay_windows_1252(account, text):
    result = people_import(account=account, data=text.encode("cp1252"), filename="w.csv")
    assert result.encoding == "Windows-1252"
    assert Person.objects.get(account=account, name=text.split("\n")[1].split(text[4])[0])


def test_a_file_no_encoding_reads_plausibly_is_refused_and_can_be_read_as_chosen(account):
    from battlemap.io.tabular.file_problems import file_message
    from battlemap.io.tabular.readers import ReadError

    data = b"Name,Title\r\nxx\x81yy,Boss\r\n"
    with pytest.raises(ReadError) as exc:
        people_import(account=account, data=data, filename="odd.csv")
    assert "cannot be told for sure" in file_message(exc.value, "en")
    assert "Mac Roman" in file_message(exc.value, "en")
    assert "编码" in file_message(exc.value, "zh")
    assert not Person.objects.filter(account=account).exists()
    result = people_import(account=account, data=data, filename="odd.csv", encoding="mac_roman")
    assert result.encoding == "Mac Roman"


OUTLOOK = [
    ["Title", "First Name", "Middle Name", "Last Name", "Company", "Department", "Job Title", "Business Phone",
     "Mobile Phone", "E-mail Address", "Manager's Name"],
    ["Dr.", "Anna", "M.", "Schmidt", "Delta Power Co.", "Finance", "CFO", "+49 30 1234567", "",
     "anna.schmidt@deltapower.example", ""],
    ["", "Jean-Luc", "", "Picard", "Delta Power Co.", "Operations", "Head of Ops", "", "+33 6 12 34 56 78",
     "jl.picard@deltapower.example", "Anna Schmidt"],
]  # fmt: skip


def test_an_outlook_export_reads_job_title_mobile_phone_and_manager(account):
    result = _import(account, OUTLOOK, "contacts.csv")
    assert result.source == "outlook"
    people = {p.name: p for p in Person.objects.filter(account=account)}
    assert people["Anna M. Schmidt"].title == "CFO"  # not the honorific "Dr."; her Middle Name read
    assert people["Jean-Luc Picard"].phone == "+33 6 12 34 56 78"  # Business Phone empty: his mobile
    assert people["Anna M. Schmidt"].phone == "+49 30 1234567"
    # his Manager's Name, "Anna Schmidt", leaves her middle name out
    assert people["Jean-Luc Picard"].reports_to == people["Anna M. Schmidt"]


def test_a_chinese_outlook_export_in_gbk_keeps_emails_and_reporting_lines(account):
    rows = [
        ["称谓", "名", "中间名", "姓", "后缀", "公司", "部门", "职务", "商务电话", "移动电话", "电子邮件地址", "经理姓名"],
        ["先生", "建华", "", "欧阳", "", "东方电力", "财务部", "财务总监", "010-66661234", "13911110000",
         "oyjh@dfdl.example", ""],
        ["女士", "Mary", "", "Smith", "", "东方电力", "国际部", "Director", "", "13911110001",
         "mary.smith@dfdl.example", "欧阳建华"],
    ]  # fmt: skip
    result = people_import(account=account, data=csv_bytes(rows, "gbk"), filename="联系人.csv")
    assert result.source == "outlook"
    people = {p.name: p for p in Person.objects.filter(account=account)}
    assert people["欧阳建华"].email == "oyjh@dfdl.example" and people["欧阳建华"].title == "财务总监"
    assert people["Mary Smith"].reports_to == people["欧阳建华"]
    assert people["Mary Smith"].phone == "13911110001"


def test_an_ignored_manager_column_in_chinese_is_warned_about():
    from battlemap.io.tabular.columns import recognise

    assert recognise(["姓名", "直接经理"]).suspicious == [
        "直接经理"
    ]  # 经理: a reporting line, never dropped silently


def test_wecom_states_and_personal_mailbox_are_read_a_disabled_member_has_left(account):
    rows = [["姓名", "账号", "部门", "个人邮箱", "直属上级", "状态"],
            ["陈刚", "chengang", "北方水务/领导班子", "chen.gang@bfsw.example", "", "已激活"],
            ["何静", "hejing", "北方水务/财务部", "he.jing@bfsw.example", "chengang", "已禁用"]]  # fmt: skip
    today = timezone.localdate()
    preview = _import(account, rows, "wecom.csv", dry_run=True)
    said = (
        f'row 3, Status: "已禁用": the member\'s account is disabled: imported as left the company on {today}'
    )
    assert said in _lines(preview, "en")
    assert f"第 3 行，状态：“已禁用”：该成员的账号已被禁用，按 {today} 离职导入" in _lines(preview, "zh-hans")
    result = _import(account, rows, "wecom.csv")
    assert said in _lines(result, "en")
    people = {p.name: p for p in Person.objects.filter(account=account)}
    assert people["陈刚"].email == "chen.gang@bfsw.example" and people["陈刚"].status == "active"
    assert (people["何静"].status, people["何静"].left_on) == ("left", today)
    assert people["何静"].reports_to == people["陈刚"]


def test_a_disabled_member_keeps_the_leaving_day_the_file_or_the_map_gives(account):
    head = ["姓名", "账号", "个人邮箱", "状态", "离职日期"]
    _import(account, [head, ["何静", "hejing", "he.jing@bfsw.example", "已激活", ""],
                      ["孙伟", "sunwei", "sun.wei@bfsw.example", "已激活", ""]])  # fmt: skip
    rows = [head, ["何静", "hejing", "he.jing@bfsw.example", "已禁用", ""],
            ["孙伟", "sunwei", "sun.wei@bfsw.example", "已禁用", "2026-10-08"]]  # fmt: skip
    _import(account, rows, "wecom.csv")
    people = {p.name: p for p in Person.objects.filter(account=account)}
    assert people["何静"].status == "left" and people["何静"].left_on == timezone.localdate()
    assert people["孙伟"].status == "left" and people["孙伟"].left_on == date(2026, 10, 8)
    # the same export a month later: the day she left stays the one the map has
    Person.objects.filter(pk=people["何静"].pk).update(left_on=date(2026, 11, 2))
    again = _import(account, rows, "wecom.csv")
    assert Person.objects.get(pk=people["何静"].pk).left_on == date(2026, 11, 2)
    assert again.updated == 0 and "disabled: imported as left the company on 2026-11-02" in _lines(
        again, "en"
    )


def test_a_disabled_member_set_back_to_active_on_the_map_stays_active_on_the_next_import(account):
    rows = [["姓名", "账号", "个人邮箱", "状态"], ["何静", "hejing", "he.jing@bfsw.example", "已禁用"]]
    _import(account, rows, "wecom.csv")
    he = Person.objects.get(account=account, name="何静")
    assert he.status == "left"
    # only suspended: the user sets her back
    person_update(person=he, version=he.version, status="active", left_on=None)
    again = _import(account, rows, "wecom.csv")
    he.refresh_from_db()
    assert (he.status, he.left_on) == ("active", None) and again.updated == 0
    assert (
        'row 2, Status: "已禁用": the member\'s account is disabled, but the map had them as left before and '
        "someone set them back to active: kept active" in _lines(again, "en")
    )
    assert "该成员的账号已被禁用，但地图上曾记为离职后又被改回在职：保持在职" in "".join(
        _lines(again, "zh-hans")
    )


def test_a_salesforce_report_names_its_columns_by_object(account):
    rows = [["Contact: Full Name", "Contact: Title", "Account: Account Name", "Reports To: Full Name",
             "Account Manager"],
            ["Harold Finch", "CIO", "东方电力", "", "Wang Sales"],
            ["Grace Hendricks", "Director", "东方电力", "Harold Finch", "Wang Sales"]]  # fmt: skip
    _import(account, rows, "report.csv")
    people = {p.name: p for p in Person.objects.filter(account=account)}
    assert people["Harold Finch"].title == "CIO"
    assert people["Grace Hendricks"].reports_to == people["Harold Finch"]


def test_a_workbook_opening_on_a_note_sheet_reads_the_sheet_with_the_list(account):
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["本表由人力资源部导出，仅供内部使用"])
    people = wb.create_sheet("通讯录")
    people.append(["姓名", "职务", "部门"])
    people.append(["王芳", "主任", "信息中心"])
    buf = io.BytesIO()
    wb.save(buf)
    result = people_import(account=account, data=buf.getvalue(), filename="roster.xlsx")
    assert result.sheet == "通讯录" and result.created == 1
    assert "Sheets without a table header passed over: 说明" in _lines(result, "en")
    assert "说明" in _lines(result, "zh-hans")


def test_a_salesforce_task_export_with_activity_date_is_read(tmp_path):
    from datetime import UTC, datetime

    from battlemap.io.mail.activity_csv import read_activity_csv

    path = tmp_path / "tasks.csv"
    path.write_text(
        "Subject,Activity Date,TaskSubtype,Owner.Email,Who.Email\n"
        "Intro call,11/13/2026,Call,wang.sales@oursoft.example,h.finch@deltapower.example\n"
    )
    [record] = read_activity_csv(path, now=datetime(2026, 11, 30, tzinfo=UTC), zone=UTC)
    assert record.occurred_at.date().isoformat() == "2026-11-13" and record.kind == "call"


def test_the_unreadable_files_message_ends_its_sentence():
    from battlemap.mail.services.ingest import _bad_files_message

    class Bad:
        path, reason, template, params = "log.csv", "", "row %(row)d: give the order (dmy or mdy)", {"row": 2}

    with translation.override("en"):
        assert _bad_files_message([Bad()]).endswith("give the order (dmy or mdy).")
    with translation.override("zh-hans"):
        assert _bad_files_message([Bad()]).endswith("。")


def _web_upload(name: str, data: bytes):
    import io

    upload = io.BytesIO(data)
    upload.name = name
    return upload


def test_the_preview_shows_the_warnings_by_row_in_the_viewers_language(owner_client, world):
    from battlemap.accounts.models import OrgUnit

    unit = OrgUnit.objects.create(account=world.cn, name="战略投资部")
    f.person(account=world.cn, name="马骁", org_unit=unit)
    url = f"/accounts/{world.cn.slug}/io/import/"
    data = csv_bytes([["姓名", "部门", "职务"], ["马骁", "信息技术部", "部长"]], "utf-8")
    zh = owner_client.post(url, {"file": _web_upload("roster.csv", data)}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert zh.status_code == 200 and "第 2 行" in zh.content.decode() and "战略投资部" in zh.content.decode()
    en = owner_client.post(url, {"file": _web_upload("roster.csv", data)}, HTTP_ACCEPT_LANGUAGE="en")
    assert "row 2, Name: a person of this name already exists (in 战略投资部)" in en.content.decode()


def test_an_undecidable_encoding_is_asked_on_the_upload_page(owner_client, world):
    url = f"/accounts/{world.cn.slug}/io/import/"
    data = b"Name,Title\r\nxx\x81yy,Boss\r\n"
    page = owner_client.post(url, {"file": _web_upload("odd.csv", data)}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 400
    text = page.content.decode()
    assert "cannot be told for sure" in text and '<option value="mac_roman">Mac Roman</option>' in text
    chosen = owner_client.post(url, {"file": _web_upload("odd.csv", data), "encoding": "mac_roman"})
    assert chosen.status_code == 200 and "xxÅyy" in chosen.content.decode()


def test_a_leaving_day_that_does_not_exist_in_the_files_order_is_refused_by_row(account):
    head = ["Name", "Status", "Left On"]
    with pytest.raises(ImportFailed) as exc:
        _import(account, [head, ["Fang Chen", "left", "31/02/2026"], ["Lei Wang", "left", "13/01/2026"]])
    [problem] = exc.value.problems
    assert (problem.row, problem.column) == (2, "left_on")
    assert Person.objects.filter(account=account).count() == 0


def test_the_preview_names_every_value_a_reimport_replaces_and_the_import_writes_them(account):
    """A re-import overwrites what the seller typed (a fuller title, a desk phone): the dry run says which
    values of which people it replaces, before and after, in both languages; a blank filled is not listed."""
    head = ["姓名", "职位", "电话", "邮箱"]
    _import(account, [head, ["刘建华", "副总经理（分管信息化）", "0755-8888 1002", "liujh@dfdl.example"]])
    _import(account, [head, ["王芳", "", "", "wangf@dfdl.example"]])
    rows = [
        head,
        ["刘建华", "副总经理", "13800001002", "liujh@dfdl.example"],
        ["王芳", "采购经理", "", "wangf@dfdl.example"],
    ]
    dry = _import(account, rows, dry_run=True)
    zh, en = _lines(dry, "zh-hans"), _lines(dry, "en")
    assert "第 2 行，刘建华：职位 副总经理（分管信息化） → 副总经理；电话 0755-8888 1002 → 13800001002" in zh
    assert "Row 2, 刘建华: Title 副总经理（分管信息化） → 副总经理; Phone 0755-8888 1002 → 13800001002" in en
    assert "王芳" not in zh.split("人员")[0]  # her title was blank: filled, not replaced
    assert Person.objects.get(account=account, name="刘建华").title == "副总经理（分管信息化）"
    _import(account, rows)
    assert Person.objects.get(account=account, name="刘建华").title == "副总经理"


def test_one_name_within_the_other_is_the_same_person():
    assert same_person_name("黄凯", "Kevin Huang 黄凯") and same_person_name("Kevin", "Kevin Huang 黄凯")
    assert not same_person_name("黄", "黄凯") and not same_person_name("Lei Wang", "Wang Fang")


def test_a_wecom_roster_finds_the_person_a_bilingual_signature_saved_by_the_same_email(account):
    f.person(
        account=account, name="Kevin Huang 黄凯", title="Procurement Manager", email="kevin.huang@qh.example"
    )
    roster = [["账号", "姓名", "别名", "职务", "部门", "邮箱"],
              ["huangk", "黄凯", "Kevin", "采购经理", "前海水务/采购部", "kevin.huang@qh.example"]]  # fmt: skip
    result = _import(account, roster, "wecom.csv")
    assert result.updated == 1 and result.created == 0
    [kevin] = Person.objects.filter(account=account)
    assert (kevin.name, kevin.title) == ("Kevin Huang 黄凯", "采购经理")


def test_an_id_match_never_takes_another_persons_e_mail(account):
    """Row matched by its CRM id whose e-mail is another person's: refused by row, both people as they were
    (people.models.email_owners, the rule the web and the API keep too)."""
    _import(
        account,
        [
            HUBSPOT_HEAD,
            ["1", "Lei", "Wang", "wang.lei@dfdl.example", "IT lead"],
            ["2", "Fang", "Chen", "", "Buyer"],
        ],
    )
    with pytest.raises(ImportFailed) as exc:
        _import(account, [HUBSPOT_HEAD, ["2", "Fang", "Chen", "WANG.LEI@dfdl.example", "Buyer"]])
    [problem] = exc.value.problems
    assert problem.row == 2 and "Lei Wang" in problem.message("en")
    people = {p.name: p.email for p in Person.objects.filter(account=account)}
    assert people == {"Lei Wang": "wang.lei@dfdl.example", "Fang Chen": ""}


def test_a_chinese_name_that_only_sounds_like_the_mailboxs_owner_is_refused_not_matched(account):
    """A trial's re-import gave 王芳's record (title, phone) to 汪芳 and 张力's to 李章, who had their old pinyin
    mailboxes, and said "the name in another script": two names in Chinese characters are matched as written
    (traditional and simplified alike), never by their sound."""
    head = ["姓名", "职务", "邮箱", "手机"]
    _import(account, [head, ["王芳", "采购经理", "wangfang@dfdl.example", "13800000031"],
                      ["张力", "工程师", "zhangli@dfdl.example", "13800000032"]])  # fmt: skip
    with pytest.raises(ImportFailed) as exc:
        _import(account, [head, ["汪芳", "采购专员", "wangfang@dfdl.example", "13900000099"],
                          ["李章", "实习生", "zhangli@dfdl.example", "13900000098"]])  # fmt: skip
    assert sorted((p.row, p.column) for p in exc.value.problems) == [(2, "email"), (3, "email")]
    assert "王芳" in exc.value.problems[0].message("zh") + exc.value.problems[1].message("zh")
    people = {p.name: (p.title, p.phone) for p in Person.objects.filter(account=account)}
    assert people == {"王芳": ("采购经理", "13800000031"), "张力": ("工程师", "13800000032")}
    assert same_person_name("錢文", "钱文") and same_person_name("钱文", "Wen Qian")
    assert not same_person_name("汪芳", "王芳")


def test_a_company_that_sounds_like_the_account_is_another_company(db):
    """宏达电子 and 鸿达电子 read alike in pinyin (hóng dá): the trial's 鸿达 people came in as the account's own."""
    hongda = f.account(owner=f.user("h"), slug="hongda", name="宏达电子有限公司")
    rows = [["Name", "Title", "Company"], ["甲一", "总经理", "宏达电子有限公司"], ["乙二", "主任", "宏达电子"],
            ["丙三", "经理", "鸿达电子有限公司"], ["丁四", "工程师", "鸿达电子有限公司"]]  # fmt: skip
    _import(hongda, rows)
    external = dict(Person.objects.filter(account=hongda, external=True).values_list("name", "organisation"))
    assert external == {"丙三": "鸿达电子有限公司", "丁四": "鸿达电子有限公司"}
    assert company_key("金地集团") != company_key("金帝集团")


@pytest.mark.parametrize(
    ("first", "again"),
    [
        ("8f14e45f-ceea-467f-a0e6-2b2d2a6c6b1d", "{8F14E45F-CEEA-467F-A0E6-2B2D2A6C6B1D}"),  # Dynamics 365
        ("502", "502.0"),  # HubSpot's Record ID through pandas or a number cell
    ],
)
def test_an_id_written_another_way_finds_the_same_person(account, first, again):
    """A trial's re-import of the same records with the GUID in capitals and braces, or the Record ID as 502.0,
    made second people and called the id "another system's"."""
    head = ["Record ID", "First Name", "Last Name", "Job Title"]
    _import(account, [head, [first, "Ben", "Cho", "CTO"]])
    result = _import(account, [head, [again, "Ben", "Cho", "Chief Technology Officer"]])
    [ben] = Person.objects.filter(account=account)
    assert (result.created, result.updated, ben.title) == (0, 1, "Chief Technology Officer")
    assert "another system" not in _lines(result, "en")
    assert ben.external_id == first  # kept as first written: not "502 → 502.0" (the retry's finding)
    repeat = _import(account, [head, [again, "Ben", "Cho", "Chief Technology Officer"]])
    assert (repeat.updated, repeat.unchanged) == (0, 1)  # the same id: nothing to change


def test_a_department_name_the_account_holds_twice_is_refused_by_row_naming_both(account):
    """A trial's 信息中心 (the account had 集团 › 信息中心 and 集团 › 南方公司 › 信息中心) became a third, top-level
    unit, and 甲, who was in the first, moved into it — the summary reading "信息中心 → 信息中心"."""
    _import(account, [["姓名", "职务", "部门"], ["甲", "高级经理", "集团 › 信息中心"],
                      ["乙", "经理", "集团 › 南方公司 › 信息中心"]])  # fmt: skip
    units = set(account.org_units.values_list("name", flat=True))
    with pytest.raises(ImportFailed) as exc:
        _import(
            account, [["姓名", "职务", "部门"], ["丙", "工程师", "信息中心"], ["甲", "高级经理", "信息中心"]]
        )
    assert sorted((p.row, p.column, p.code) for p in exc.value.problems) == [
        (2, "department", "ambiguous_unit"),
        (3, "department", "ambiguous_unit"),
    ]
    message = exc.value.problems[0].message("en")
    assert "集团 › 信息中心" in message and "集团 › 南方公司 › 信息中心" in message
    assert set(account.org_units.values_list("name", flat=True)) == units
    assert Person.objects.get(account=account, name="甲").org_unit.parent.name == "集团"
    result = _import(account, [["姓名", "职务", "部门"], ["丙", "工程师", "集团 › 南方公司 › 信息中心"]])
    assert result.created == 1  # the path says which


def test_a_row_listing_the_account_among_its_companies_is_the_accounts_and_an_external_comes_back(db):
    """HubSpot lists every associated company: `Acme Corporation;Acme Holdings` made Ben external, and a later
    file saying `Acme Corporation` alone left him so, "unchanged" (a trial's re-import)."""
    acme = f.account(owner=f.user("a"), slug="acme", name="Acme Corporation")
    head = ["Record ID", "First Name", "Last Name", "Email", "Job Title", "Associated Company"]
    _import(acme, [head, ["501", "Ann", "Lee", "ann@acme.example", "CEO", "Acme Corporation"],
                   ["502", "Ben", "Cho", "ben@acme.example", "CTO", "Acme Corporation;Acme Holdings"],
                   ["503", "Cara", "Diaz", "cara@deloitte.example", "Consultant", "Deloitte"]])  # fmt: skip
    people = {p.name: (p.external, p.organisation) for p in Person.objects.filter(account=acme)}
    assert people == {"Ann Lee": (False, ""), "Ben Cho": (False, ""), "Cara Diaz": (True, "Deloitte")}
    Person.objects.filter(account=acme, name="Ben Cho").update(external=True, organisation="Acme Holdings")
    result = _import(acme, [head, ["502", "Ben", "Cho", "ben@acme.example", "CTO", "Acme Corporation"]])
    ben = Person.objects.get(account=acme, name="Ben Cho")
    assert (ben.external, ben.organisation, result.updated) == (False, "", 1)


def test_a_post_or_courtesy_word_in_the_name_cell_is_not_part_of_the_name(account):
    """A trial's hand-kept list: 王强（总经理） and 李娜(副总) were stored with their posts as names, 张伟 先生 as
    张伟先生 — so a manager cell 王强 found nobody, and a later CRM file's 张伟 was refused as someone else."""
    rows = [["姓名", "职务", "直属上级", "邮箱"], ["王强（总经理）", "", "", "wq@dfdl.example"],
            ["李娜(副总)", "", "王强", ""], ["张伟 先生", "工程师", "李娜", "zw@dfdl.example"],
            ["Dr. John Smith", "Advisor", "王强", ""], ["赵敏（北京）", "顾问", "", ""]]  # fmt: skip
    _import(account, rows)
    people = {p.name: p for p in Person.objects.filter(account=account).select_related("reports_to")}
    assert set(people) == {"王强", "李娜", "张伟", "John Smith", "赵敏（北京）"}
    assert (people["王强"].title, people["李娜"].title, people["张伟"].title) == ("总经理", "副总", "工程师")
    assert people["李娜"].reports_to == people["王强"] and people["张伟"].reports_to == people["李娜"]
    result = _import(account, [["姓名", "邮箱", "职务"], ["张伟", "zw@dfdl.example", "高级工程师"]])
    assert result.updated == 1 and people["张伟"].pk == Person.objects.get(account=account, name="张伟").pk
