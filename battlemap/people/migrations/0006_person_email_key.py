"""A person's e-mail and phone are stored as the file import has always stored them (`Person.text_cleaners`:
the e-mail by `email_stored`, half-width and lower case; the phone half-width); the people stored otherwise by a
form, the API or a map file are brought to that form once (their history rows stay as they were written)."""

from django.db import migrations
from django.utils import timezone

import battlemap.people.models
from battlemap.io.cleaning import clean_text
from battlemap.io.matching import email_stored


def store_as_keyed(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    now, changed = timezone.now(), []
    for person in (
        Person.objects.exclude(email="", phone="").only("pk", "email", "phone").iterator(chunk_size=2000)
    ):
        email, phone = email_stored(person.email), clean_text(person.phone)
        if (email, phone) != (person.email, person.phone):
            person.email, person.phone, person.updated_at = email, phone, now
            changed.append(person)
    Person.objects.bulk_update(changed, ["email", "phone", "updated_at"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_phone_holds_digits"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalperson",
            name="email",
            field=battlemap.people.models.PersonEmailField(blank=True, max_length=254, verbose_name="email"),
        ),
        migrations.AlterField(
            model_name="person",
            name="email",
            field=battlemap.people.models.PersonEmailField(blank=True, max_length=254, verbose_name="email"),
        ),
        migrations.RunPython(store_as_keyed, migrations.RunPython.noop),
    ]
