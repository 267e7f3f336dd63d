# A suggestion's meetings (Suggestion.meeting_count), counted apart from its mail messages: 0 for every suggestion
# made before, on the suggestion and its history alike (those read as messages until the inference runs again).

from django.db import migrations, models

FIELD = models.PositiveIntegerField(default=0, verbose_name="meetings")


class Migration(migrations.Migration):
    dependencies = [("intel", "0004_ingestrun_progress")]

    operations = [
        migrations.AddField(model_name=model, name="meeting_count", field=FIELD.clone())
        for model in ("suggestion", "historicalsuggestion")
    ]
