"""Chinese and English both ship complete: every catalog of every app is fully translated."""

import ast
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


# The names xgettext extracts (Django's makemessages, and ours: core/management/commands/makemessages.py)
EXTRACTED = {
    "_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy", "ngettext_noop", "pgettext",
    "pgettext_lazy", "npgettext", "npgettext_lazy",
}  # fmt: skip
TRANSLATION_MODULES = {"django.utils.translation", "battlemap.analysis.i18n", "i18n"}


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_translation_functions_go_by_names_makemessages_extracts(path):
    """`gettext_lazy as _lazy` in teams/services.py left its message out of every catalog: a sales manager read
    "boss is the team's only manager…" in English in the Chinese UI."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module in TRANSLATION_MODULES:
            renamed = [a.asname for a in node.names if a.asname and a.asname not in EXTRACTED]
            assert not renamed, f"{path}:{node.lineno} imports a translation function as {renamed}"
