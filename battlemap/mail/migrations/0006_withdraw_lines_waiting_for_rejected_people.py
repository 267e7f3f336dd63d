"""Withdraw the pending reporting lines and decision makers that wait for a new person a user rejected.

Since rejecting a new person withdraws them (services.suggestions._withdraw_waiting_for), none is made or left;
those a rejection left before stayed pending — "Accept the suggested person 邓凯 first" of one already rejected,
skipped by accept-all on every run — until the account's next refresh. This runs the same rule once, on every
account, with no refresh needed: the same suggestions (`waiting_for`), kept when the rejected address is a person
of the map after all (`index_of`'s match). Each is deleted as a refresh withdraws one, its history keeping it (a
'-' row, as `stamped` writes one)."""

from django.db import migrations
from django.utils import timezone

from battlemap.io.mail.records import Address
from battlemap.mail.selectors.people import index_of
from battlemap.mail.services.suggestions import waiting_for


def withdraw(apps, schema_editor):
    suggestion_model = apps.get_model("intel", "Suggestion")
    history_model = apps.get_model("intel", "HistoricalSuggestion")
    person_model = apps.get_model("people", "Person")
    kept = {f.attname for f in history_model._meta.concrete_fields}
    copied = [f.attname for f in suggestion_model._meta.concrete_fields if f.attname in kept]
    indexes = {}
    now = timezone.now()
    rejected = suggestion_model.objects.filter(kind="person", state="rejected").order_by("pk")
    for person in rejected:
        account = person.account_id
        if account not in indexes:
            indexes[account] = index_of(person_model.objects.filter(account_id=account))
        if indexes[account].match(Address(person.email, person.name)) is not None:
            continue  # on the map after all: their lines can be accepted
        pending = suggestion_model.objects.filter(account_id=account, state="pending")
        for suggestion in waiting_for(pending, person.email).order_by("pk"):
            history_model.objects.create(
                **{name: getattr(suggestion, name) for name in copied}, history_date=now, history_type="-"
            )
            suggestion.delete()


class Migration(migrations.Migration):
    dependencies = [("intel", "0005_suggestion_meeting_count"), ("people", "0007_history_by_account")]

    operations = [migrations.RunPython(withdraw, migrations.RunPython.noop)]
