"""Every page of the PDF review says how many pages there are ("Page 3 of 10" / "第 3 页，共 10 页"): a
reader of a printed review, or of one page sent on its own, knows whether pages are missing (a sales
manager's trial: "Page 7" alone did not say). Read back from the file with pdftotext, page by page."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from battlemap.io.export import export_map_bytes

from .maps import sample_analysis, sample_map

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _pages(pdf: bytes) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return text.stdout.decode().rstrip("\f").split("\f")


@pytest.mark.parametrize(
    ("lang", "footer"), [("en", "Page {n} of {total}"), ("zh-hans", "第 {n} 页，共 {total} 页")]
)
def test_every_page_says_its_number_and_the_number_of_pages(lang, footer):
    pdf = export_map_bytes(sample_map(), fmt="pdf", lang=lang, analysis=sample_analysis())
    pages = _pages(pdf)
    assert len(pages) > 2
    for n, text in enumerate(pages, start=1):
        assert footer.format(n=n, total=len(pages)) in text, (n, text[-200:])
