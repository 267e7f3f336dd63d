"""A web export as a user makes it: POST the export (it is queued: in tests, django-tasks' immediate
backend runs it at once), follow to its job page, download the file it offers."""

from __future__ import annotations

import re


def web_export(client, slug: str, fmt: str, *, deal=None, lang: str | None = None):  # noqa: ANN001, ANN201
    """The download response of an export of account `slug` in `fmt`, made through its job page."""
    data = {k: v for k, v in {"deal": deal, "lang": lang}.items() if v is not None}
    queued = client.post(f"/accounts/{slug}/io/export/{fmt}/", data)
    assert queued.status_code == 302, queued.status_code
    page = client.get(queued["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    link = re.search(r'id="download" href="([^"]+)"', html)
    assert link, html
    return client.get(link.group(1))


def libreoffice_pdf(deck, folder):  # noqa: ANN001, ANN201
    """The deck (a .pptx path) converted to PDF by LibreOffice, as a user opening it would see it: the
    PDF's path in `folder`."""
    import subprocess

    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{folder}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(deck),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    return folder / (deck.stem + ".pdf")


def slide_texts(deck) -> list[list[str]]:  # noqa: ANN001
    """Each slide's texts as a reader finds them: every text frame, and every table cell."""
    slides = []
    for slide in deck.slides:
        texts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            elif shape.has_table:
                texts.extend(c.text for row in shape.table.rows for c in row.cells)
        slides.append(texts)
    return slides


def table_rows(deck) -> list[list[str]]:  # noqa: ANN001
    """Every row of every table of the deck, as its cells' texts, slide after slide."""
    return [
        [cell.text for cell in row.cells]
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
    ]
