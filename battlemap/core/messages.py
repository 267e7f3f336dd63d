"""Flash messages that name things ("王建国 added.", "Saved علي (Ali)"): the one place a message's names
are put into its sentence.

Each name is escaped and isolated in `<bdi>`, as the timeline shows names, so a right-to-left name (or
one ending in a neutral character) cannot reorder the sentence around it, and `<script>` stays text.
The message is then safe HTML; Django's message storages keep that mark, and the pages render
`{{ message }}` as it is."""

from __future__ import annotations

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe


def named(text: str, **values: object) -> SafeString:
    """`text` (translated, with `%(key)s` placeholders) with each value put in: numbers as they are
    (for `%(count)d`), anything else escaped inside `<bdi>`."""
    parts = {
        key: value if isinstance(value, int | float) else format_html("<bdi>{}</bdi>", value)
        for key, value in values.items()
    }
    return mark_safe(conditional_escape(text) % parts)  # noqa: S308 — text escaped, every name escaped
