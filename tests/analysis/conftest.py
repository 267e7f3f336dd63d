from __future__ import annotations

from pathlib import Path

import polib
import pytest

from battlemap.analysis import i18n


@pytest.fixture(scope="session", autouse=True)
def compiled_analysis_catalog():
    """Compile the analysis .po files when their .mo is missing or older (`make install` normally does it)."""
    for po_path in Path(i18n.LOCALE_DIR).glob("*/LC_MESSAGES/django.po"):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
    i18n._catalog.cache_clear()
