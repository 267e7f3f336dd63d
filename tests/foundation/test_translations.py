"""Chinese and English both ship complete: every catalog of every app is fully translated."""

from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "battlemap"
CATALOGS = sorted(PACKAGE.glob("*/locale/zh_Hans/LC_MESSAGES/django.po"))
APPS_WITH_TEXT = [
    "core",
    "users",
    "teams",
    "accounts",
    "people",
    "deals",
    "interactions",
    "analysis",
    "io",
    "training",
]


@pytest.mark.parametrize("app", APPS_WITH_TEXT)
def test_every_app_ships_chinese_and_english_catalogs(app):
    for language in ("zh_Hans", "en"):
        assert (PACKAGE / app / "locale" / language / "LC_MESSAGES" / "django.po").exists(), (app, language)


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parts[-5])
def test_chinese_catalog_is_complete(path):
    catalog = polib.pofile(str(path))
    missing = [e.msgid for e in catalog.untranslated_entries()]
    fuzzy = [e.msgid for e in catalog.fuzzy_entries()]
    assert not missing, f"untranslated in {path}: {missing[:10]}"
    assert not fuzzy, f"fuzzy in {path}: {fuzzy[:10]}"
