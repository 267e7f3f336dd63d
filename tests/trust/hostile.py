"""Small hostile files, generated (never committed): each is a few KB on disk and huge once read."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl


def _book(value: str = "姓名") -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append([value, "Email"])
    wb.active.append(["王五", "w@x.cn"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def rewrite(data: bytes, replace: dict[str, object], add: dict[str, object] | None = None) -> bytes:
    """The workbook with some members replaced: bytes, or a callable(old bytes) -> bytes, or an iterator
    of chunks (streamed into the zip, so a large member never sits in memory)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    names = [info.filename for info in source.infolist()] + list(add or {})
    replace = {**replace, **(add or {})}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = name if name in (add or {}) else source.getinfo(name)
            new = replace.get(name)
            if new is None:
                target.writestr(name, source.read(info))
            elif isinstance(new, bytes):
                target.writestr(name, new)
            elif callable(new):
                target.writestr(name, new(source.read(info)))
            else:
                with target.open(name, "w", force_zip64=True) as member:
                    for chunk in new:
                        member.write(chunk)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"


def spaced_rows(megabytes: int) -> bytes:
    """White space between the rows, as the lying zip bomb holds (1 GiB of it, its headers saying 3 MB)."""
    return rewrite(
        _book(), {SHEET: lambda xml: xml.replace(b"</row>", b"</row>" + b" " * (megabytes << 20), 1)}
    )


def far_cell() -> bytes:
    """A1 and XFD1048576: a grid of 17 billion cells for a reader that fills the gaps."""
    wb = openpyxl.Workbook()
    wb.active["A1"] = "姓名"
    wb.active["A2"] = "王五"
    wb.active["XFD1048576"] = "x"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def claimed_dimension() -> bytes:
    """Two real rows, a dimension that claims the whole sheet."""
    return rewrite(
        _book(),
        {SHEET: lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml)},
    )


SST_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
)
SST_TAIL = b"</t></si></sst>"


def with_shared_string(chunks) -> bytes:
    """A workbook whose A1 is shared string 0, made of `chunks` (streamed into the zip)."""

    def sheet(xml: bytes) -> bytes:
        return xml.replace(
            b'<c r="A1" t="inlineStr"><is><t>PLACEHOLDER</t></is></c>', b'<c r="A1" t="s"><v>0</v></c>'
        )

    def types(xml: bytes) -> bytes:
        return xml.replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )

    def rels(xml: bytes) -> bytes:
        return xml.replace(
            b"</Relationships>",
            b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'sharedStrings" Target="sharedStrings.xml" Id="rId9"/></Relationships>',
        )

    return rewrite(
        _book("PLACEHOLDER"),
        {SHEET: sheet, "[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": rels},
        add={"xl/sharedStrings.xml": chunks},
    )


def huge_shared_string(megabytes: int) -> bytes:
    """One shared string of `megabytes` MB, packed into a few KB (the 300 KB / 300 MB file, scaled)."""

    def chunks():
        yield SST_HEAD
        for _ in range(megabytes):
            yield b"A" * (1024 * 1024)
        yield SST_TAIL

    return with_shared_string(chunks())


def long_shared_string(chars: int) -> bytes:
    """One cell of `chars` characters, as a shared string."""
    return with_shared_string(iter([SST_HEAD, b"AB" * (chars // 2), SST_TAIL]))


def wide_csv(columns: int, filled: bool = True) -> bytes:
    """A header of `columns` more cells, each holding "x" (else empty, as Excel writes a sheet formatted wide)."""
    return ("姓名" + ("，x" if filled else ",") * columns + "\r\n王五\r\n").replace("，", ",").encode("utf-8")


def truncated_sheet() -> bytes:
    """A workbook whose sheet XML is cut in half (a download or a copy broken off)."""
    return rewrite(_book(), {SHEET: lambda old: old[: len(old) // 2]})


def entity_expansion() -> bytes:
    """The "billion laughs": a DTD whose entities expand each to ten of the one before."""
    levels = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    return rewrite(_book(), {SHEET: lambda old: _with_dtd(old, "".join(levels), "&lol9;")})


def external_entity() -> bytes:
    """An external entity (XXE): a cell that would hold /etc/passwd."""
    return rewrite(
        _book(), {SHEET: lambda old: _with_dtd(old, '<!ENTITY x SYSTEM "file:///etc/passwd">', "&x;")}
    )


def unused_entity() -> bytes:
    """A DTD declared and never used: a reader reads the sheet as if it were not there (a reviewer's trial
    imported it), but no spreadsheet program writes one."""
    return rewrite(_book(), {SHEET: lambda old: _with_dtd(old, '<!ENTITY lol "lol">', "王五")})


def _with_dtd(sheet: bytes, declarations: str, reference: str) -> bytes:
    """The sheet with a DTD before its root element and an inline cell using the entity in A3."""
    start = sheet.index(b"<worksheet")
    cell = f'<row r="3"><c r="A3" t="inlineStr"><is><t>{reference}</t></is></c></row>'.encode()
    body = sheet[start:].replace(b"</sheetData>", cell + b"</sheetData>")
    return b'<?xml version="1.0"?><!DOCTYPE r [' + declarations.encode() + b"]>" + body
