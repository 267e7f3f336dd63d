"""Hostile files within every older bound, refused before they are read (docs/security.md, "Hostile and heavy
files"): each is a few KB here and stood for gigabytes or minutes of work before.

- an ODS whose one repeated row of repeated cells stood for 25 million cells (6 GB, 35-46 s);
- an XLSX whose 24,900 cells all referred to one shared string of 32,000 characters (4 GB, 80 s);
- a mapping file nesting 100,000 `[` (a RecursionError: a 500 on the API);
- a map of 150,000 org units or 60,000 deals (170 s and 80 s holding the database's write lock), and a
  competitor's name of 4,000 characters."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation

from battlemap.accounts.models import Account
from battlemap.io.mapformat.limits import MAP_LIST_BOUNDS, read_map
from battlemap.io.mapformat.loading import MapImportError
from battlemap.io.tabular import limits
from battlemap.io.tabular.file_problems import file_message
from battlemap.io.tabular.mappingfile import MappingError, load_mapping
from battlemap.io.tabular.readers import ReadError, read_table
from battlemap.users.services import token_create
from tests import factories as f


@pytest.fixture
def owner_api(world, client):
    """The owner's API: a client and the headers of its token, in English."""
    return client, {
        "Authorization": f"Bearer {token_create(user=world.owner, name='test').secret}",
        "Accept-Language": "en",
    }


# --- ODS: repeated rows and cells ----------------------------------------------------------------------

NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def _ods(rows: str) -> bytes:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES} office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Sheet1">{rows}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
            'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
        )
        book.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _cell(text: str, repeat: int = 1) -> str:
    return (
        f'<table:table-cell office:value-type="string" table:number-columns-repeated="{repeat}">'
        f"<text:p>{text}</text:p></table:table-cell>"
    )


def _row(cells: str, repeat: int = 1) -> str:
    return f'<table:table-row table:number-rows-repeated="{repeat}">{cells}</table:table-row>'


HEADER = _row(_cell("姓名") + _cell("职务"))
# LibreOffice ends every sheet so: the rest of its columns and a million rows, empty
LIBREOFFICE_TAIL = _row('<table:table-cell table:number-columns-repeated="1024"/>', 1_048_553)


def test_an_ods_repeating_one_row_of_cells_into_25_million_is_refused_before_reading():
    bomb = _ods(HEADER + _row(_cell("张三") + _cell("经理", 250), 99_990))
    assert len(bomb) < 2_000
    with pytest.raises(ReadError) as refused:
        read_table(bomb, "bomb.ods")
    assert str(refused.value) == "limit_cells:4000000" and refused.value.params["row"] == 15_938
    assert "IMPORT_MAX_CELLS" in file_message(refused.value, "en")
    with translation.override("zh-hans"):
        assert "单元格" in file_message(refused.value)


def test_an_ods_repeating_rows_past_the_row_bound_names_the_first_row_past_it():
    with pytest.raises(ReadError) as refused:
        read_table(_ods(HEADER + _row(_cell("张三") + _cell("经理"), 1_000_000)), "rows.ods")
    assert str(refused.value) == "limit_rows:100000" and refused.value.params["row"] == 100_002


def test_an_ods_repeating_a_long_text_is_refused_by_the_text_it_stands_for():
    long = _row(_cell("张三") + _cell("长" * 30_000, 100), 100)  # 300 million characters, 20,000 cells
    with pytest.raises(ReadError) as refused:
        read_table(_ods(HEADER + long), "text.ods")
    assert str(refused.value) == "limit_text:50000000"


def test_repeated_empty_rows_and_cells_and_a_few_repeated_people_are_read():
    """LibreOffice writes a million empty rows and the empty rest of each row at the end of every sheet: they are
    no cells of the table; a row repeated (two people alike) is read as the rows it stands for."""
    empty_tail = '<table:table-cell table:number-columns-repeated="1022"/>'
    rows = HEADER + _row(_cell("王五") + _cell("经理") + empty_tail, 3) + LIBREOFFICE_TAIL
    table = read_table(_ods(rows), "libreoffice.ods")
    assert table.headers == ["姓名", "职务"] and len(table.rows) == 3


def test_the_web_and_the_api_refuse_the_ods_naming_file(owner_api, world):
    bomb = _ods(HEADER + _row(_cell("张三") + _cell("经理", 250), 99_990))
    api, headers = owner_api
    api.force_login(world.owner)
    response = api.post(
        "/accounts/guodian/io/import/",
        {"file": SimpleUploadedFile("bomb.ods", bomb)},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400 and "IMPORT_MAX_CELLS" in response.content.decode()
    api.logout()
    response = api.post(
        "/api/accounts/guodian/import",
        {"file": SimpleUploadedFile("bomb.ods", bomb), "dry_run": "true"},
        headers=headers,
    )
    assert response.status_code == 422, response.content
    [error] = response.json()["errors"]
    assert error["field"] == "file" and "4000000" in error["message"]


# --- XLSX: one shared string referred to by every cell ----------------------------------------------------


def _shared_string_bomb(rows: int, columns: int, length: int) -> bytes:
    """`rows` × `columns` cells, each referring to shared string 1, of `length` characters."""
    sheet = "".join(
        f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c>'
        + "".join(f'<c r="{limits.column_letters(c)}{r}" t="s"><v>1</v></c>' for c in range(2, columns + 1))
        + "</row>"
        for r in range(2, rows + 2)
    )
    main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook {main} xmlns:r="{rel}"><sheets><sheet name="Sheet1" '
        'sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org'
        f'/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/'
        f'sheet1.xml"/><Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>",
        "xl/sharedStrings.xml": f'<?xml version="1.0"?><sst {main}><si><t>姓名</t></si><si><t>{"张" * length}</t>'
        "</si></sst>",
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><worksheet {main}><sheetData><row r="1"><c r="A1" '
        f'{"t"}="s"><v>0</v></c></row>{sheet}</sheetData></worksheet>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in parts.items():
            book.writestr(name, text)
    return out.getvalue()


def test_one_shared_string_referred_to_by_every_cell_is_refused_before_reading():
    bomb = _shared_string_bomb(100, 249, 32_000)  # 800 million characters
    assert len(bomb) < 100_000
    with pytest.raises(ReadError) as refused:
        read_table(bomb, "sst.xlsx")
    assert str(refused.value) == "limit_text:50000000"
    assert "50000000 characters" in file_message(refused.value, "en")
    with translation.override("zh-hans"):
        assert "字符" in file_message(refused.value)


def test_the_text_bound_counts_each_reference_and_a_sheet_under_it_is_read(monkeypatch):
    data = _shared_string_bomb(3, 2, 1_000)  # 3,000 characters of the long string, and the names
    assert read_table(data, "ok.xlsx").headers[0] == "姓名"
    monkeypatch.setattr(limits, "MAX_SHEET_TEXT_CHARS", 2_999)
    with pytest.raises(ReadError, match="limit_text:2999"):
        read_table(data, "past.xlsx")


# --- mapping files ---------------------------------------------------------------------------------------

DEEP_TOML = '[values.roles]\n"X" = ' + "[" * 100_000 + "]" * 100_000 + "\n"


def test_a_mapping_file_nesting_100000_lists_is_not_valid_toml_and_no_crash():
    with pytest.raises(MappingError) as refused:
        load_mapping(DEEP_TOML.encode())
    assert refused.value.message("en") == "not valid TOML (its lists or tables nest too deep)"
    assert "TOML" in refused.value.message("zh-hans") and "nest" not in refused.value.message("zh-hans")


def test_a_mapping_file_over_its_size_is_refused_before_parsing():
    with pytest.raises(MappingError) as refused:
        load_mapping(b"# " + b"x" * 1_000_000 + b"\n")
    assert "more than 1,000,000 characters" in refused.value.message("en")


def test_the_command_and_the_api_refuse_the_deep_mapping_naming_it(world, owner_api, tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("姓名,职务\n王五,经理\n", encoding="utf-8")
    mapping = tmp_path / "deep.toml"
    mapping.write_text(DEEP_TOML, encoding="utf-8")
    with pytest.raises(CommandError, match="--mapping .*deep.toml: not valid TOML"):
        call_command("import", str(people), "--account", "guodian", "--mapping", str(mapping), "--lang", "en")
    api, headers = owner_api
    files = {
        "file": SimpleUploadedFile("people.csv", people.read_bytes()),
        "mapping": SimpleUploadedFile("deep.toml", DEEP_TOML.encode()),
        "dry_run": "true",
    }
    response = api.post("/api/accounts/guodian/import", files, headers=headers)
    assert response.status_code == 422, response.content
    [error] = response.json()["errors"]
    assert error["field"] == "mapping" and "not valid TOML" in error["message"]


# --- map files ---------------------------------------------------------------------------------------------


def _map(**lists) -> bytes:
    data = {
        "format_version": 1,
        "account": {"slug": "bomb", "name": "Bomb", "lifecycle": "prospect", "portrait": {}},
        "org_units": [],
        "people": [],
        "influence_links": [],
        "external_factors": [],
        "decision_bodies": [],
        "deals": [],
        "interactions": [],
    }
    return json.dumps({**data, **lists}, ensure_ascii=False).encode()


def _deal(n: int, **more) -> dict:
    return {"id": n, "name": f"D{n}", "stage": "evaluation", "status": "open", "roles": [], **more}


@pytest.mark.parametrize(
    "name, raw",
    [
        ("org_units", _map(org_units=[{"id": n, "name": f"部{n}", "parent": None} for n in range(10_001)])),
        ("deals", _map(deals=[_deal(n) for n in range(5_001)])),
        (
            "deals.action_items",
            _map(deals=[_deal(n, action_items=[{"text": "x", "done": False}] * 10_001) for n in range(5)]),
        ),
    ],
)
def test_a_map_past_a_list_bound_is_refused_naming_the_list_before_any_write(db, tmp_path, name, raw):
    bound = f"{MAP_LIST_BOUNDS[name]:,}"
    with pytest.raises(MapImportError) as refused:
        read_map(raw)
    with translation.override("en"):
        assert f"list {name} holds more than {bound} items" in str(refused.value)
    with translation.override("zh-hans"):
        assert name in str(refused.value) and bound in str(refused.value) and "列表" in str(refused.value)
    f.user("alice")
    path = tmp_path / "map.json"
    path.write_bytes(raw)
    with pytest.raises(CommandError, match=re.escape(name)):
        call_command("import-map", str(path), "--owner", "alice")
    assert not Account.all_objects.exists()


def test_a_competitor_name_past_the_apis_rule_is_refused_naming_it(db):
    with translation.override("en"):
        with pytest.raises(MapImportError, match=r"^deals 3\.competitors: .* is longer than 200 characters"):
            read_map(_map(deals=[_deal(3, competitors=["华" * 4_000])]))
        with pytest.raises(MapImportError, match=r"^deals 3\.competitors: more than 50 items"):
            read_map(_map(deals=[_deal(3, competitors=[f"C{n}" for n in range(51)])]))
        with pytest.raises(MapImportError, match=r"^account\.segments: .* is longer than 60 characters"):
            read_map(
                _map(
                    account={
                        "slug": "b",
                        "name": "B",
                        "lifecycle": "new",
                        "portrait": {},
                        "segments": ["s" * 61],
                    }
                )
            )
    assert read_map(_map(deals=[_deal(3, competitors=["华" * 200])]))["deals"][0]["competitors"]
