# An account's other names (Account.company_names, "Also written as"): empty for every account, on the account and
# its history alike.

from django.db import migrations, models

FIELD = models.JSONField(blank=True, default=list, verbose_name="also written as")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_history_by_account")]

    operations = [
        migrations.AddField(model_name=model, name="company_names", field=FIELD.clone())
        for model in ("account", "historicalaccount")
    ]
