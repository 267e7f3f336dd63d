"""A user-typed name in a right-to-left script is kept apart from the text after it (Unicode isolates,
punctuation.isolate): the PDF's footer of `…恶意客户 🏭 شركة النور` read "02-12-2026 · شركة النور" (the
date reversed and inside the name), and a flag on the web read "صفقة没有待办的下一步"."""

from __future__ import annotations

import html
import re
import shutil
import subprocess

import pytest
from django.template import Context, Template
from django.utils import translation

from battlemap.analysis.flag_texts import TEXT
from battlemap.analysis.i18n import tr
from battlemap.io.export import export_map_bytes
from battlemap.io.export.scripts import runs
from battlemap.punctuation import FSI, PDI, isolate, join_names

from .maps import sample_analysis, sample_map

NAME = "<script>alert(1)</script>恶意客户 🏭 شركة النور"


def _drawn(text: str) -> str:
    return "".join(str(r.text) for r in runs(text, 8))


def test_a_right_to_left_name_is_isolated_and_other_names_are_left_as_they_are():
    assert isolate("شركة النور") == f"{FSI}شركة النور{PDI}"
    assert isolate("王建国") == "王建国" and isolate("Anna Smith") == "Anna Smith"
    assert join_names("zh-hans", ["محمد", "李明"]) == f"{FSI}محمد{PDI}、李明"


def test_the_drawn_date_after_an_isolated_arabic_name_stays_in_order_and_outside_it():
    assert "02-12-2026" in _drawn(f"{NAME} · 2026-12-02")  # without the isolate: reversed (the bug)
    drawn = _drawn(f"{isolate(NAME)} · 2026-12-02")
    assert drawn.endswith(" · 2026-12-02") and "02-12-2026" not in drawn
    assert _drawn(f"{isolate('صفقة')}没有待办的下一步").endswith("没有待办的下一步")


def test_a_flag_naming_a_right_to_left_deal_keeps_the_name_apart_from_the_words_after_it():
    reason = TEXT["no_next_step"][0]
    assert tr("zh-hans", reason, deal="صفقة") == f"{FSI}صفقة{PDI}没有待办的下一步。"
    assert tr("zh-hans", reason, deal="MES") == "MES 没有待办的下一步。"  # other names as they were


def test_a_page_sentence_isolates_a_name_typed_in_it():
    page = Template(
        "{% load punct i18n %}{% blocktranslate with name=n|isolated %}Close “{{ name }}”{% endblocktranslate %}"
    )
    with translation.override("en"):
        assert page.render(Context({"n": "صفقة <b>"})) == f"Close “{FSI}صفقة &lt;b&gt;{PDI}”"
        assert page.render(Context({"n": "MES"})) == "Close “MES”"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_pdf_footer_keeps_the_review_date_in_order_after_a_right_to_left_account_name():
    data = sample_map()
    data["account"]["name"] = NAME
    analysis = {**sample_analysis(), "as_of": "2026-12-02"}
    pdf = export_map_bytes(data, fmt="pdf", lang="zh-hans", analysis=analysis)
    out = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-bbox", "-", "-"], input=pdf, capture_output=True
    )
    words = [
        (float(x0), float(y0), float(x1), html.unescape(w))
        for x0, y0, x1, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            out.stdout.decode(errors="replace"),
        )
    ]
    bottom = max(y for _x0, y, _x1, _w in words)
    footer = sorted((x0, x1, w) for x0, y, x1, w in words if bottom - y < 4 and x0 < 500)  # the left half
    assert "2026-12-02" in [w for _x0, _x1, w in footer] and "02-12-2026" not in "".join(
        w for *_, w in footer
    )
    date_x = next(x0 for x0, _x1, w in footer if w == "2026-12-02")
    arabic = [
        x1 for _x0, x1, w in footer if any("\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff" for c in w)
    ]
    assert arabic and max(arabic) < date_x  # drawn after the whole name, left to right as the date reads
