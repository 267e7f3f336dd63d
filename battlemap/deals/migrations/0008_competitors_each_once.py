"""Store each competitor of a deal once, as every write now does (Deal.clean: io.matching.names_by_key).

Deals written before kept a list as it was sent (`["华为云", "华为云 ", "ＩＢＭ", "IBM"]`) and the deal header,
PDF and PPTX printed "华为云、华为云". This runs the same one rule over the stored lists: trimmed, the first
spelling kept, a later spelling with the same match key dropped, blanks dropped. Only the rows whose list
changes are written; the history tables are left as they were (they record the past)."""

from django.db import migrations

from battlemap.io.matching import names_by_key


def each_once(apps, schema_editor):
    deal_model = apps.get_model("deals", "Deal")
    for pk, names in list(deal_model._base_manager.values_list("pk", "competitors")):
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            continue  # not a list of names: Deal.clean refuses it on the next edit
        once = list(names_by_key(names).values())
        if once != names:
            deal_model._base_manager.filter(pk=pk).update(competitors=once)


class Migration(migrations.Migration):
    dependencies = [
        ("deals", "0007_money_15_digits_iso_currency"),
    ]

    operations = [
        migrations.RunPython(each_once, migrations.RunPython.noop),
    ]
