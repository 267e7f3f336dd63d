"""The migrations match the models whatever the site's language: `makemigrations` (which runs with translations
deactivated) finds nothing to write on the default Chinese installation. The choices' labels are lazy and read
the active language; with none active they are English, as the migrations hold them — a fallback to the site's
Chinese made every field with choices look changed."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command


def test_makemigrations_finds_nothing_to_write_on_a_chinese_installation(settings, db):
    settings.LANGUAGE_CODE = "zh-hans"
    out = StringIO()
    # a change would be SystemExit(1)
    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    assert "No changes detected" in out.getvalue()
