"""A second tester's import findings (2026-12-01): a namesake with another e-mail was overwritten, a formula
cell without a saved value imported as empty, the map's own attitude marks were refused, a duplicate e-mail
was quoted lower-cased and the summary named its source by an internal code."""

from __future__ import annotations

import pytest
from django.utils import translation

from battlemap.deals.models import StakeholderRole
from battlemap.io.tabular.problems import ImportFailed
from battlemap.io.tabular.services import people_import
from battlemap.io.tabular.summary import summary_lines
from battlemap.people.models import Person
from tests import factories as f

from .files import csv_bytes


@pytest.fixture
def account(db):
    return f.account(owner=f.user("t2"), slug="acme", name="Acme")


@pytest.fixture
def cfo(account):
    return f.person(account=account, name="Alice Wong", title="CFO", email="alice@acme.example")


def _import(account, rows, name="people.csv", **kw):
    return people_import(account=account, data=csv_bytes(rows, "utf-8"), filename=name, **kw)


def _lines(result, lang):
    with translation.override(lang):
        return "\n".join(summary_lines(result))


def test_a_namesake_with_another_email_is_a_new_person_and_the_row_says_so(account, cfo):
    result = _import(account, [["Name", "Title", "Email"], ["Alice Wong", "Intern", "alice.w2@acme.example"]])
    assert (result.created, result.updated) == (1, 0)
    cfo.refresh_from_db()
    assert (cfo.title, cfo.email) == ("CFO", "alice@acme.example")
    intern = Person.objects.get(account=account, email="alice.w2@acme.example")
    assert (intern.name, intern.title) == ("Alice Wong", "Intern")
    en, zh = _lines(result, "en"), _lines(result, "zh-hans")
    assert "row 2, Email: a person of this name with another e-mail is on the map" in en
    assert f"Alice Wong (alice@acme.example, id {cfo.pk})" in en and "added as a new person" in en
    assert "第 2 行" in zh and "邮箱不同" in zh and "alice@acme.example" in zh


def test_a_namesake_with_another_email_reporting_to_a_report_of_the_first_is_no_cycle(account, cfo):
    carl = f.person(account=account, name="Carl Li", title="Controller", reports_to=cfo)
    rows = [
        ["Name", "Title", "Email", "Reports To"],
        ["Alice Wong", "Intern", "alice.w2@acme.example", "Carl Li"],
    ]
    result = _import(account, rows)
    intern = Person.objects.get(account=account, email="alice.w2@acme.example")
    assert intern.reports_to == carl and result.created == 1
    cfo.refresh_from_db()
    assert cfo.reports_to is None and cfo.title == "CFO"


def test_a_report_of_alice_wong_when_two_are_known_is_refused_naming_both(account, cfo):
    rows = [["Name", "Title", "Email", "Reports To"], ["Alice Wong", "Intern", "alice.w2@acme.example", ""],
            ["Eve Zhou", "Analyst", "eve@acme.example", "Alice Wong"]]  # fmt: skip
    with pytest.raises(ImportFailed) as exc:
        _import(account, rows)
    [problem] = exc.value.problems
    assert (problem.row, problem.column, problem.code) == (3, "manager", "ambiguous_manager")
    assert "row 2" in problem.message("en") and f"id {cfo.pk}" in problem.message("en")


def test_a_namesake_with_the_same_email_in_another_case_is_updated(account, cfo):
    result = _import(account, [["Name", "Title", "Email"], ["Alice Wong", "CEO", "Alice@ACME.example"]])
    assert (result.created, result.updated, result.notices) == (0, 1, [])
    cfo.refresh_from_db()
    assert cfo.title == "CEO"


def test_a_row_without_an_email_still_matches_by_name(account, cfo):
    result = _import(account, [["Name", "Title"], ["Alice Wong", "CEO"]])
    assert (result.created, result.updated) == (0, 1)
    cfo.refresh_from_db()
    assert (cfo.title, cfo.email) == ("CEO", "alice@acme.example")


def test_a_namesake_with_another_id_is_a_new_person(account):
    f.person(account=account, name="张伟", title="处长", external_id="D001")
    result = _import(account, [["工号", "姓名", "职务"], ["D009", "张伟", "科员"]])
    assert result.created == 1
    assert "编号不同" in _lines(result, "zh-hans") and "D001" in _lines(result, "en")
    assert Person.objects.get(account=account, external_id="D001").title == "处长"


def test_a_namesake_with_another_phone_is_a_new_person_the_same_phone_written_otherwise_is_not(account):
    zhang = f.person(account=account, name="张伟", title="处长", phone="13800000001")
    result = _import(account, [["姓名", "职务", "手机"], ["张伟", "主任", "+86 139 0000 0002"]])
    assert result.created == 1 and "another phone" in _lines(result, "en")
    result = _import(account, [["姓名", "职务", "手机"], ["张伟", "副处长", "+86 138-0000-0001"]])
    assert (result.created, result.updated) == (0, 1)
    zhang.refresh_from_db()
    assert zhang.title == "副处长"


def test_a_phone_cell_listing_two_numbers_is_the_person_of_either(account):
    li = f.person(account=account, name="李娜", title="科长", phone="13800000003 / 010-88886666")
    result = _import(account, [["姓名", "职务", "手机"], ["李娜", "处长", "138 0000 0003"]])
    assert (result.created, result.updated) == (0, 1)
    li.refresh_from_db()
    assert li.title == "处长"


def _openpyxl_book(rows, start="A1", saved: dict[str, str] | None = None) -> bytes:
    """A workbook as openpyxl writes it: formulas without their values (`<f>…</f><v></v>`) — unless `saved`
    gives a cell's value as Excel would have saved it (`<c r="B3" t="str"><f>…</f><v>CEO助理</v>`)."""
    import io
    import re
    import zipfile

    import openpyxl
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    book = openpyxl.Workbook()
    letter, top = coordinate_from_string(start)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            book.active.cell(row=top + r, column=column_index_from_string(letter) + c, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            for ref, value in (saved or {}).items():
                if item.filename == "xl/worksheets/sheet1.xml":
                    cell = re.compile(rf'<c r="{ref}">(<f>.*?</f>)<v></v>'.encode())
                    data = cell.sub(rf'<c r="{ref}" t="str">\1<v>{value}</v>'.encode(), data)
            dst.writestr(item, data)
    return out.getvalue()


def test_a_formula_saved_without_its_value_is_refused_naming_row_column_and_formula(account):
    rows = [["Name", "Title", "Email"], ["Ann Lee", "CEO", "ann@acme.example"],
            ["Bo Li", '=C3&"助理"', "bo@acme.example"]]  # fmt: skip
    with pytest.raises(ImportFailed) as exc:
        people_import(account=account, data=_openpyxl_book(rows, start="B2"), filename="people.xlsx")
    [problem] = exc.value.problems
    assert (problem.row, problem.column) == (4, "title")
    assert problem.message("en") == (
        'row 4, Title: a formula without a saved value (=C3&"助理"): open the file in Excel, WPS or LibreOffice '
        "and save it, or paste the values over the formulas"
    )
    assert "第 4 行" in problem.message("zh") and '=C3&"助理"' in problem.message("zh")
    assert not Person.objects.filter(account=account).exists()


def test_a_formula_with_its_saved_value_or_in_an_ignored_column_imports(account):
    rows = [["Name", "Title", "Email", "Note"], ["Ann Lee", "CEO", "ann@acme.example", "=1+1"],
            ["Bo Li", '=B2&"助理"', "bo@acme.example", "=1+2"]]  # fmt: skip
    result = people_import(
        account=account, data=_openpyxl_book(rows, saved={"B3": "CEO助理"}), filename="people.xlsx"
    )
    assert result.created == 2
    assert Person.objects.get(account=account, name="Bo Li").title == "CEO助理"


def test_the_maps_own_attitude_marks_import_in_the_attitude_column(account):
    marks = {"A1": "++", "A2": "+", "A3": "=", "A5": "--", "A6": "?"}
    deal = f.deal(account=account, name="ERP")
    result = _import(account, [["Name", "Attitude"], *marks.items()], deal=deal)
    assert result.roles_created == 5
    attitudes = dict(StakeholderRole.objects.filter(deal=deal).values_list("person__name", "attitude"))
    assert attitudes == {"A1": "advocate", "A2": "supporter", "A3": "neutral", "A5": "opponent",
                         "A6": "unknown"}  # fmt: skip
    with pytest.raises(ImportFailed) as refused:  # a lone "-" mostly means "none" in a sheet: not skeptic
        _import(account, [["Name", "Attitude"], ["A4", "-"]], deal=deal)
    assert [p.message("en") for p in refused.value.problems] == [
        'row 2, Attitude: unknown value "-": give one of advocate, supporter, neutral, skeptic, opponent, unknown'
    ]


def test_a_duplicate_or_invalid_email_is_quoted_as_the_file_holds_it(account):
    rows = [["Name", "Email"], ["Emily Carter", "emily.carter@harborfreight.example"],
            ["Em Carter", "Emily.Carter@HarborFreight.example"], ["Bad One", "Bad.One@Nowhere"]]  # fmt: skip
    with pytest.raises(ImportFailed) as exc:
        _import(account, rows)
    duplicate, invalid = exc.value.problems
    assert duplicate.message("en") == 'row 3, Email: "Emily.Carter@HarborFreight.example" is also in row 2'
    assert invalid.message("en") == 'row 4, Email: "Bad.One@Nowhere" is not an email address'


def test_the_summary_names_the_source_by_a_label_and_reads_as_one_sentence_in_each_language(account):
    # a 销售易-style export: 姓名 / 职务 / 所属部门 … are every Chinese table's headers, not Feishu's
    rows = [["姓名", "职务", "所属部门", "手机", "电子邮箱", "直属上级"],
            ["许文博", "运维工程师", "信息中心/运维科", "13911110001", "xuwb@ningbogang.cn", ""]]  # fmt: skip
    result = people_import(account=account, data=csv_bytes(rows, "gbk"), filename="xsy.csv")
    assert result.source == "chinese"
    zh = _lines(result, "zh-hans").splitlines()
    assert zh[0] == "读取了 1 行（CSV，编码 GB18030）；识别为：中文表头的表格"
    # the other encodings that read its Chinese as Chinese, as the preview names them (not Windows-1252: 张伟 ÕÅÎ°)
    assert zh[1].startswith("该文件也可按 Big5 读取：")
    assert next(line for line in zh if line.startswith("列：")).startswith("列：姓名 → 姓名、职务 → 职位")
    assert _lines(result, "en").splitlines()[0] == (
        "Read 1 row (CSV, encoding GB18030); recognised as: a table with Chinese headers"
    )
    feishu = [
        ["姓名", "用户 ID", "部门", "职务", "直属上级", "人员类型"],
        ["周敏", "ou_1", "采购中心", "采购总监", "", "正式"],
    ]
    result = people_import(account=account, data=csv_bytes(feishu, "utf-8"), filename="feishu.csv")
    assert "识别为：飞书成员列表" in _lines(result, "zh-hans")
    assert "recognised as: Feishu / Lark member list" in _lines(result, "en")


def test_a_namesake_on_the_same_desk_phone_with_another_email_is_a_new_person(account):
    wang = f.person(
        account=account, name="王芳", title="会计", phone="010-88886666", email="wangf@acme.example"
    )
    result = _import(
        account, [["姓名", "职务", "电话", "邮箱"], ["王芳", "出纳", "010-88886666", "wangf2@acme.example"]]
    )
    assert result.created == 1 and "邮箱不同" in _lines(result, "zh-hans")
    wang.refresh_from_db()
    assert (wang.title, wang.email) == ("会计", "wangf@acme.example")


def test_a_name_formula_without_its_value_is_refused_as_a_formula_not_as_an_empty_name(account):
    rows = [["姓名", "职务"], ["王建国", "总经理"], ["=A2", "主任"]]
    with pytest.raises(ImportFailed) as exc:
        people_import(account=account, data=_openpyxl_book(rows), filename="people.xlsx")
    assert [(p.row, p.column, p.code) for p in exc.value.problems] == [(3, "name", "unsaved_formula")]
