"""Users unticked in the admin before it called users.services.user_deactivate kept their password and tokens
(refused only while inactive: ticking the box again revived their sessions and tokens). They are made as
user_deactivate leaves a user: password unusable, working tokens revoked."""

from django.contrib.auth.hashers import is_password_usable, make_password
from django.db import migrations
from django.db.models import Q
from django.utils import timezone


def deactivated_for_good(apps, schema_editor):
    User = apps.get_model("auth", "User")
    ApiToken = apps.get_model("users", "ApiToken")
    now = timezone.now()
    for user in User.objects.filter(is_active=False).only("pk", "password"):
        if is_password_usable(user.password):
            User.objects.filter(pk=user.pk).update(password=make_password(None))
    ApiToken.objects.filter(user__is_active=False, revoked__isnull=True).filter(
        Q(expires__isnull=True) | Q(expires__gt=now)
    ).update(revoked=now)


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0004_api_token_read_only"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(deactivated_for_good, migrations.RunPython.noop)]
