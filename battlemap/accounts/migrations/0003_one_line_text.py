"""Fold the line breaks of one-line text already stored (names, titles, slugs…) into one space.

Since core.text.clean_line runs on every write, a name can no longer be stored on two lines; rows
written before it may still be (`"Evil\\r\\nX: 1"`), and they break a PDF title or show `_x000D_`
in PPTX and XLSX. This runs the same one cleaning (core.text.clean_line, as core.text_fields.clean_text_columns does) over the stored
rows of every map model that holds such a break: only those rows are read and written, one column at
a time. The history tables and the audit log are left as they were (they record the past).

It also keys again the names written in full-width forms (`ＡＩＳＨＡ　ｋｈａｎ`), since `core.text.name_key`
reads them as half-width: the "already on the map" check and the sort find them."""

from functools import reduce
from operator import or_

from django.db import migrations
from django.db.models import Q

from battlemap.core.text import clean_line, name_key
from battlemap.core.text_fields import MULTI_LINE, TEXT_FIELDS

FULL_WIDTH = "[\uff01-\uff5e\u3000]"  # full-width ASCII forms and the ideographic space
BREAKS = ("\n", "\r", "\t", "\x0b", "\x0c", "\x85", "\u2028", "\u2029")


def fold_breaks(apps, schema_editor):
    for model in apps.get_models():
        if model._meta.app_label not in APPS or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            kind = field.get_internal_type()
            if kind not in TEXT_FIELDS or kind == MULTI_LINE:
                continue
            has_break = reduce(or_, (Q(**{f"{field.attname}__contains": ch}) for ch in BREAKS))
            for pk, text in list(model._base_manager.filter(has_break).values_list("pk", field.attname)):
                model._base_manager.filter(pk=pk).update(**{field.attname: clean_line(text)})
        if any(f.name == "name_key" for f in model._meta.concrete_fields):
            # core.text.name_key reads full-width forms as half-width now: key such names again
            wide = model._base_manager.filter(name__regex=FULL_WIDTH)
            for pk, name in list(wide.values_list("pk", "name")):
                model._base_manager.filter(pk=pk).update(name_key=name_key(name))


APPS = (
    "accounts",
    "comments",
    "competition",
    "deals",
    "interactions",
    "intel",
    "people",
    "process",
    "reviews",
    "surveys",
    "teams",
    "training",
)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_account_deleted_at"),
        ("comments", "0001_initial"),
        ("competition", "0001_initial"),
        ("deals", "0004_deal_compelling_event"),
        ("interactions", "0001_initial"),
        ("intel", "0002_mailitem_content_key"),
        ("people", "0002_needs_level_physiological"),
        ("process", "0001_initial"),
        ("reviews", "0001_initial"),
        ("surveys", "0001_initial"),
        ("teams", "0002_warning_settings"),
        ("training", "0001_initial"),
    ]

    operations = [migrations.RunPython(fold_breaks, migrations.RunPython.noop, elidable=True)]
