from __future__ import annotations

import io
import shutil
import subprocess

import openpyxl
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from battlemap.io.export import export_map_bytes

from .maps import SCRIPT_NAME, sample_analysis, sample_map

NAMES = ["王建国", "刘芳", SCRIPT_NAME, "Anna Smith", "吴强"]


def test_xlsx_holds_every_sheet_and_person_with_headers_in_chinese():
    data = export_map_bytes(sample_map(), fmt="xlsx", lang="zh-hans", analysis=sample_analysis())
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert len(wb.sheetnames) == 9  # the map's five, then the deals' health, process, bodies and MEDDPICC
    people = wb.worksheets[0]
    assert people["B1"].value == "姓名"
    names = [c.value for c in people["B"][1:]]
    assert all(n in names for n in NAMES)
    roles = wb.worksheets[1]
    assert any(row[5] == SCRIPT_NAME and row[7] == "反对" for row in roles.iter_rows(values_only=True))
    flags = [row for row in wb.worksheets[4].iter_rows(values_only=True)]
    assert any("决策者王建国从未见面" in (row[3] or "") for row in flags)


def test_xlsx_headers_in_english():
    data = export_map_bytes(sample_map(), fmt="xlsx", lang="en", analysis=sample_analysis())
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert [c.value for c in wb.worksheets[0][1]][:3] == ["Battlemap id", "Name", "Title"]


def test_pdf_text_holds_the_people_and_a_page_renders(tmp_path):
    data = export_map_bytes(sample_map(), fmt="pdf", lang="zh-hans", analysis=sample_analysis())
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    for name in NAMES:
        assert name in text
    assert "安排高层拜访王建国" in text  # the flag's action
    reader = PdfReader(io.BytesIO(data))
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # A4 landscape
    fonts = [
        str(f.get_object()["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].get_object().values()
    ]
    assert any("+" in f for f in fonts)  # a subset tag: the CJK TrueType font is embedded
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils not installed")
    (tmp_path / "r.pdf").write_bytes(data)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "40",
            "-f",
            "2",
            "-l",
            "2",
            str(tmp_path / "r.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    png = next(tmp_path.glob("page*.png")).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000


def test_pptx_org_chart_is_native_shapes_and_connectors():
    data = export_map_bytes(sample_map(), fmt="pptx", lang="zh-hans", analysis=sample_analysis())
    prs = Presentation(io.BytesIO(data))
    # the chart's slides: one, or the top levels and then one per team when 10-pt cards need the room
    charts = [sl for sl in prs.slides if sl.shapes[0].text_frame.text.startswith("组织架构图")]
    boxes = [s for sl in charts for s in sl.shapes if s.name.startswith("person ")]
    connectors = [
        s
        for sl in charts
        for s in sl.shapes
        if s.shape_type == MSO_SHAPE_TYPE.LINE or s.name.startswith("Connector")
    ]
    assert {b.name for b in boxes} == {f"person {p['id']}" for p in sample_map()["people"]}
    assert all(b.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE for b in boxes)
    assert len(connectors) == sum(1 for p in sample_map()["people"] if p["reports_to"])
    texts = [b.text_frame.text for b in boxes]
    for name in NAMES:
        assert any(name in t for t in texts)
    run = boxes[0].text_frame.paragraphs[0].runs[0]
    assert run._r.rPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}ea").get("typeface")
    all_text = " ".join(s.text_frame.text for sl in prs.slides for s in sl.shapes if s.has_text_frame)
    assert "决策者王建国从未见面" not in all_text  # flags are in a table
    tables = [s.table for sl in prs.slides for s in sl.shapes if s.has_table]
    cells = " ".join(c.text for t in tables for row in t.rows for c in row.cells)
    assert "决策者王建国从未见面" in cells and "约王董做 ROI 汇报" in cells


def test_review_exports_need_the_analysis():
    for fmt in ("xlsx", "pdf", "pptx"):
        with pytest.raises(ValueError, match="analysis"):
            export_map_bytes(sample_map(), fmt=fmt, lang="en")
        data = export_map_bytes(sample_map(), fmt=fmt, lang="en", analysis=sample_analysis())
        assert data[:2] in (b"PK", b"%P")


def test_png_is_the_org_chart():
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils not installed")
    png = export_map_bytes(sample_map(), fmt="png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_png_of_a_map_without_people_is_one_line_not_an_empty_chart():
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils not installed")
    from io import BytesIO

    from PIL import Image

    empty = {**sample_map(), "people": [], "influence_links": [], "deals": [], "interactions": []}
    with Image.open(BytesIO(export_map_bytes(empty, fmt="png", lang="en"))) as image:
        gray = image.convert("L")
        assert gray.height < 200  # one line of text, no chart area and no legend
        inked = [x for x in range(gray.width) if min(gray.getpixel((x, y)) for y in range(gray.height)) < 128]
        assert inked and gray.width * 0.25 < (inked[0] + inked[-1]) / 2 < gray.width * 0.75  # centred text
    chart = Image.open(BytesIO(export_map_bytes(sample_map(), fmt="png", lang="en")))
    assert chart.height > 200  # a map with people still draws its chart


def test_unknown_deal_is_refused():
    with pytest.raises(KeyError):
        export_map_bytes(sample_map(), fmt="pdf", deal_id=999, analysis=sample_analysis())


def test_exports_show_the_maps_analysis_of_the_account(world, monkeypatch):
    from battlemap.io.export import export_account
    from battlemap.maps import account_analysis

    calls = []
    monkeypatch.setattr(
        "battlemap.maps.account_analysis", lambda **kw: calls.append(kw) or account_analysis(**kw)
    )
    flags = account_analysis(account=world.cn, lang="zh-hans")["deals"][0]["flags"]
    data = export_account(world.cn, fmt="pdf", lang="zh-hans")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).replace("\n", "")
    assert flags and all(f["action"].replace("\n", "") in text for f in flags)
    assert calls == [{"account": world.cn, "lang": "zh-hans"}]


def test_xlsx_writes_an_action_items_due_day_as_a_date_as_every_other_date(world):
    """The trial's Flags and actions sheet held its due days as text while the other sheets' dates were dates."""
    from datetime import date, datetime

    from battlemap.io.export import export_account
    from tests import factories as f

    f.action(deal=world.cn_deal, text="提交试点方案", owner=world.owner, due=date(2026, 12, 20))
    book = openpyxl.load_workbook(io.BytesIO(export_account(world.cn, fmt="xlsx", lang="zh-hans")))
    row = next(r for ws in book.worksheets for r in ws.iter_rows(values_only=True) if "提交试点方案" in r)
    assert datetime(2026, 12, 20) in row  # openpyxl reads a date cell back as a datetime
    assert "2026-12-20" not in row


def test_xlsx_shows_interaction_times_in_the_installation_zone_as_the_pages_do(world, settings):
    """A meeting at 10:00 in Shanghai reads 10:00 in the workbook (not 02:00 UTC), as a real date-time."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from battlemap.interactions.services import interaction_create
    from battlemap.io.export import export_account

    settings.TIME_ZONE = "Asia/Shanghai"
    person = world.cn.people.first()
    moment = datetime(2026, 6, 13, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    interaction_create(
        account=world.cn, occurred_at=moment, participants=[person], kind="meeting", summary="晨会"
    )
    book = openpyxl.load_workbook(io.BytesIO(export_account(world.cn, fmt="xlsx", lang="zh-hans")))
    sheet = next(
        ws for ws in book.worksheets if any(c.value == "晨会" for row in ws.iter_rows() for c in row)
    )
    row = next(r for r in sheet.iter_rows(values_only=True) if "晨会" in r)
    assert row[0] == datetime(2026, 6, 13, 10, 0)
    # an all-day visit is its day, with no time (it is stored at 09:00: no meeting time)
    interaction_create(
        account=world.cn,
        occurred_at=moment,
        participants=[person],
        kind="visit",
        summary="全天调研",
        all_day=True,
    )
    book = openpyxl.load_workbook(io.BytesIO(export_account(world.cn, fmt="xlsx", lang="zh-hans")))
    cell = next(
        r[0] for ws in book.worksheets for r in ws.iter_rows() if any(c.value == "全天调研" for c in r)
    )
    assert cell.value == datetime(2026, 6, 13) and cell.number_format == "yyyy-mm-dd"


def test_xlsx_cells_of_names_hold_the_names_only_no_invisible_bidi_marks(world):
    """A trial filtered the workbook's participants by `محمد عبدالله` and missed the row: the cell held the name
    inside U+2068 … U+2069, the isolates a sentence needs around a right-to-left name, which a cell of names
    does not. The names, the list separator of the language, nothing invisible."""
    import functools

    from battlemap.io.export import export_account
    from tests import factories as f

    arabic = f.person(account=world.cn, name="محمد عبدالله", title="CFO")
    latin = f.person(account=world.cn, name="Christopher Montgomery", title="CIO")
    f.interaction(account=world.cn, people=[arabic, latin], summary="季度会谈")
    f.role(deal=world.cn_deal, person=arabic, roles=("influencer",), attitude="skeptic", influence=4)
    f.role(deal=world.cn_deal, person=latin, roles=("gatekeeper",), attitude="opponent", influence=4)
    book = openpyxl.load_workbook(io.BytesIO(export_account(world.cn, fmt="xlsx", lang="zh-hans")))
    row = next(r for ws in book.worksheets for r in ws.iter_rows(values_only=True) if "季度会谈" in r)
    assert "محمد عبدالله、Christopher Montgomery" in row or "Christopher Montgomery、محمد عبدالله" in row
    cells = [
        c for ws in book.worksheets for r in ws.iter_rows(values_only=True) for c in r if isinstance(c, str)
    ]
    names = ("محمد عبدالله", "Christopher Montgomery", "王建国", "、", "\u2068", "\u2069")
    named = [
        c for c in cells if "محمد" in c and not functools.reduce(lambda t, n: t.replace(n, ""), names, c)
    ]
    assert named and not any("\u2068" in c or "\u2069" in c for c in named)


def test_xlsx_columns_of_sentences_are_wide_by_their_title():
    """A column of sentences keeps its width beside its title (`xlsx_book.wide`), whatever columns come before."""
    data = export_map_bytes(sample_map(), fmt="xlsx", lang="en", analysis=sample_analysis())
    wb = openpyxl.load_workbook(io.BytesIO(data))
    expected = {
        (0, "Notes"): 40, (0, "Duties"): 40, (3, "Summary"): 50, (4, "Text"): 60, (4, "Suggested action"): 60,
    }  # fmt: skip

    def width(ws, title):  # a run of columns of one width is stored once (<col min max>)
        at = next(c.column for c in ws[1] if c.value == title)
        return next(d.width for d in ws.column_dimensions.values() if d.min <= at <= d.max), at

    for (sheet, title), wanted in expected.items():
        ws = wb.worksheets[sheet]
        found, _at = width(ws, title)
        assert found == pytest.approx(wanted, abs=1), (sheet, title)
    assert width(wb.worksheets[0], "Name")[0] < 40  # fitted to the names, not wrapped wide
