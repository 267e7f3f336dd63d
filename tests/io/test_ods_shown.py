"""An .ods number whose style pads it with zeros is read as shown, wherever the sheet names the style: on the
cell, or as its column's default cell style; a style with decimals or grouping is not zero padding. The
LibreOffice-written file is tested in test_import_trial24.py; these are written by hand, as other programs
(Excel's own ODS writer, WPS) lay out the same OpenDocument."""

from __future__ import annotations

import io
import zipfile

from battlemap.io.tabular.opendocument import sheet_marks

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"'
)
STYLES = (
    '<number:number-style style:name="N1"><number:number number:decimal-places="0" '
    'number:min-integer-digits="12"/></number:number-style>'
    '<number:number-style style:name="N2"><number:number number:decimal-places="2" '
    'number:min-integer-digits="12"/></number:number-style>'
    '<number:number-style style:name="N3"><number:number number:decimal-places="0" number:grouping="true" '
    'number:min-integer-digits="12"/></number:number-style>'
    '<style:style style:name="pad" style:family="table-cell" style:data-style-name="N1"/>'
    '<style:style style:name="dec" style:family="table-cell" style:data-style-name="N2"/>'
    '<style:style style:name="grp" style:family="table-cell" style:data-style-name="N3"/>'
)


def _ods(body: str) -> bytes:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>'
        f"<office:automatic-styles>{STYLES}</office:automatic-styles><office:body><office:spreadsheet>"
        f'<table:table table:name="S">{body}</table:table></office:spreadsheet></office:body>'
        "</office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("content.xml", content)
    return out.getvalue()


def _cell(value: str, style: str | None = None) -> str:
    named = f' table:style-name="{style}"' if style else ""
    return f'<table:table-cell{named} office:value-type="float" office:value="{value}"/>'


def test_a_cell_or_its_columns_default_style_pads_the_number_as_shown():
    body = (
        '<table:table-column/><table:table-column table:default-cell-style-name="pad"/>'
        f"<table:table-row>{_cell('13800138000', 'pad')}{_cell('13800138001')}</table:table-row>"
    )
    assert sheet_marks(_ods(body), "S").padded == {(1, 0): "013800138000", (1, 1): "013800138001"}


def test_decimals_grouping_and_fractions_are_not_zero_padding():
    body = (
        f"<table:table-row>{_cell('13800138000', 'dec')}{_cell('13800138000', 'grp')}"
        f"{_cell('1.5', 'pad')}{_cell('13800138000')}</table:table-row>"
    )
    assert sheet_marks(_ods(body), "S").padded == {}
