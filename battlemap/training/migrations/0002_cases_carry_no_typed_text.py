"""Rebuild the training cases already kept from their codes alone, so none carries text a person of the
account typed (notes, concerns, wins, plans, link notes, meeting summaries, titles, organisation names…:
the first names, short company names and places in them were kept word for word). Each case keeps its
people, ids, generated names, reference and answer (`training.cases.case_made_again`); the reasons its
attempts quote become the rebuilt case's. The history rows of cases and attempts get the same text,
since history must not keep what the case may not (unlike 0003_one_line_text of accounts, which leaves
history as it was: there the old text was not a leak)."""

from django.conf import settings
from django.db import migrations
from django.utils import translation

from battlemap.training import scenarios
from battlemap.training.cases import case_made_again


def _reasons(result, data, lang):
    reasons = scenarios.reference_of(data, lang).reasons
    items = [
        {**item, "because": reasons.get(item.get("key") or "", "") if item.get("because") else ""}
        for item in result.get("items") or []
    ]
    return {**result, "items": items}


def rebuild_cases(apps, schema_editor):
    Case, HistoricalCase = apps.get_model("training", "Case"), apps.get_model("training", "HistoricalCase")
    Attempt = apps.get_model("training", "Attempt")
    HistoricalAttempt = apps.get_model("training", "HistoricalAttempt")
    with translation.override(settings.LANGUAGE_CODE):
        for pk, data in list(Case.objects.values_list("pk", "data")):
            title, rebuilt = case_made_again(data)
            Case.objects.filter(pk=pk).update(title=title[:200], data=rebuilt)
            HistoricalCase.objects.filter(id=pk).update(title=title[:200], data=rebuilt)
            for model in (Attempt, HistoricalAttempt):
                rows = model.objects.filter(scenario=f"case-{pk}")
                for row_pk, lang, result in list(rows.values_list("pk", "lang", "result")):
                    model.objects.filter(pk=row_pk).update(result=_reasons(result, rebuilt, lang))


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [migrations.RunPython(rebuild_cases, migrations.RunPython.noop)]
