from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from battlemap.io.tabular.columns import recognise
from battlemap.io.tabular.readers import ReadError, read_csv, read_table, read_xlsx
from battlemap.io.tabular.rows import parse_rows
from battlemap.io.tabular.values import ValueTables


def _book() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "封面"
    ws.append(["说明"])
    people = wb.create_sheet("联系人")
    people.append(["姓名", "手机", "离职日期", "影响力", "备注"])
    people.append(["王五", 13900000002, dt.datetime(2024, 3, 5), 4.0, 1.5])
    people.append([None, None, None, None, None])
    people.append(["赵六", 1.39e10, dt.datetime(2024, 3, 5, 9, 30), 3, "x"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_xlsx_numbers_read_as_the_text_shown_and_dates_as_dates(engine):
    table = read_xlsx(_book(), sheet="联系人", engine=engine)
    assert table.sheet == "联系人" and table.sheets == ["封面", "联系人"]
    assert table.headers == ["姓名", "手机", "离职日期", "影响力", "备注"]
    assert table.rows[0] == ["王五", "13900000002", dt.date(2024, 3, 5), "4", "1.5"]
    assert table.rows[1][1] == "13900000000"  # 1.39E+10 as a number is exact: no scientific notation
    assert table.rows[1][2] == dt.datetime(2024, 3, 5, 9, 30)
    assert table.row_numbers == [2, 4]  # the blank row keeps its number


def test_sheet_by_number_and_a_missing_sheet():
    assert read_xlsx(_book(), sheet="2").sheet == "联系人"
    with pytest.raises(ReadError, match="sheet:人员"):
        read_xlsx(_book(), sheet="人员")


def test_csv_encodings_and_delimiters_are_detected():
    text = "姓名;邮箱\r\n王五;w@x.cn\r\n"
    for encoding, name in (("utf-8-sig", "UTF-8 (BOM)"), ("gbk", "GB18030"), ("utf-8", "UTF-8")):
        table = read_csv(text.encode(encoding))
        assert (table.encoding, table.headers, table.rows) == (name, ["姓名", "邮箱"], [["王五", "w@x.cn"]])
    assert read_csv("姓名\r\n刘䶮\r\n".encode("gb18030")).encoding == "GB18030"


def test_old_xls_and_empty_files_are_refused():
    with pytest.raises(ReadError, match="xls"):
        read_table(b"\xd0\xcf\x11\xe0", "old.xls")
    with pytest.raises(ReadError, match="empty"):
        read_csv(b"\r\n\r\n")


def test_headers_are_case_and_space_insensitive_and_unknown_ones_are_listed():
    columns = recognise([" FIRST NAME ", "last_name", "E-Mail", "Job Title", "Lieblingsfarbe", "Buying Role"])
    assert set(columns.fields) == {"first_name", "last_name", "email", "title", "roles"}
    assert columns.ignored == ["Lieblingsfarbe"]


def test_role_cells_split_on_every_separator_and_unknown_values_are_problems():
    from battlemap.io.tabular.readers import Table

    table = Table(headers=["Name", "Role"], rows=[["A", "影响者、推荐者"], ["B", "决策者，采购者"],
                                                  ["C", "Champion;Evaluator"], ["D", "Boss; 教练"]],
                  row_numbers=[2, 3, 4, 5])  # fmt: skip
    rows, problems = parse_rows(table, recognise(table.headers), ValueTables())
    assert [r.roles for r in rows] == [
        ("influencer", "champion"),
        ("decision_maker", "purchaser"),
        ("champion", "influencer"),
        ("coach",),
    ]
    assert [p.message("en") for p in problems] == [
        'row 5, Role: unknown value "Boss": give one of decision_maker, influencer, user, '
        "purchaser, champion, coach, gatekeeper"
    ]
    assert "决策者（decision_maker）、影响者（influencer）" in problems[0].message("zh")


def test_a_crms_api_names_of_buying_roles_read_as_their_labels():
    """A reviewer's HubSpot export (its API names, as sync tools write them): `BUDGET_HOLDER;DECISION_MAKER` was
    refused as an unknown value while `DECISION_MAKER` alone was read."""
    from battlemap.io.tabular.readers import Table

    cells = [
        "BUDGET_HOLDER;DECISION_MAKER",
        "END_USER",
        "LEGAL_AND_COMPLIANCE",
        "EXECUTIVE_SPONSOR",
        "BLOCKER",
    ]
    table = Table(headers=["Name", "Buying Role"], rows=[[f"P{n}", c] for n, c in enumerate(cells)],
                  row_numbers=[2, 3, 4, 5, 6])  # fmt: skip
    rows, problems = parse_rows(table, recognise(table.headers), ValueTables())
    assert problems == []
    assert [(r.roles, r.attitude) for r in rows] == [
        (("decision_maker",), None),
        (("user",), None),
        (("gatekeeper",), None),
        (("champion",), None),
        ((), "opponent"),
    ]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_quotes_doubled_inside_a_quoted_cell_are_one_quote_as_every_tool_writes_them(delimiter):
    """A new user's trial: an Outlook-style CSV, every field quoted, `"Said ""yes, later"", then left"` in Notes: the
    sniffer guessed no doubled quotes, split the cell at its comma and shifted the title and department into the
    next fields — accepted, no problem listed; `""data""` kept its doubled quotes."""
    cells = [
        ["Name", "Notes", "Job Title", "Department"],
        ["Zhang Wei", 'Said "yes, later", then left', "CIO", "IT"],
        ["Chen Jing", 'Key contact, likes "data"', "IT Manager", "IT"],
        ["Li Na", "", "Buyer", "Procurement"],
    ]
    quoted = (
        "\r\n".join(delimiter.join('"' + c.replace('"', '""') + '"' for c in row) for row in cells) + "\r\n"
    )
    table = read_csv(quoted.encode("utf-8"))
    assert table.headers == cells[0]
    assert table.rows == cells[1:]


def test_text_right_of_the_header_is_refused_naming_the_row_not_dropped():
    """A CSV row whose cells do not line up with the header (a comma in a cell not quoted) had its extra cells
    dropped and the others read into the wrong fields; trailing empty cells are nothing."""
    from battlemap.io.tabular.file_problems import file_message

    text = "Name,Title,Department\r\n王五,经理,IT,,\r\nZhang Wei,Said yes, later,CIO,IT\r\n"
    with pytest.raises(ReadError) as refused:
        read_csv(text.encode("utf-8"))
    message = file_message(refused.value, "en")
    assert message.startswith("Row 3 has text in column D (“CIO”)") and "wrong fields" in message
    assert "第 3 行" in file_message(refused.value, "zh-hans")
    fine = read_csv("Name,Title\r\n王五,经理,,\r\n".encode())
    assert fine.rows == [["王五", "经理"]]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_a_vcard_file_is_read_as_its_cards_not_as_a_csv(encoding):
    """A new user's trial: a .vcf was read as a CSV ("row 3 is the header … no name column"); then refused with
    "export CSV instead"; now each card is a row (tests/io/test_import_vcards.py)."""
    vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张伟\r\nTITLE:信息中心主任\r\nEND:VCARD\r\n".encode(encoding)
    table = read_table(vcf, "contacts.vcf")
    assert (table.headers, table.rows, table.row_numbers, table.cards) == (
        ["Name", "Job Title"],
        [["张伟", "信息中心主任"]],
        [1],
        1,
    )
