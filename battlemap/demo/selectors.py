"""Reads of the demo: which of its users still sign in with the passwords the README publishes."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password

from battlemap.demo.loader import DEMO_USERS


def demo_users_with_published_password() -> list:
    """The active users of the demo (`demo`, `manager`) whose password is still the demo's (demo / demo,
    manager / manager: known to the world): anyone may sign in as them. Checked without a write (the user's
    own `check_password` would save a rehashed password); a user of that name with another password is not
    one (an installation's own `manager`)."""
    published = {username: password for username, password, *_rest in DEMO_USERS}
    users = get_user_model().objects.filter(username__in=published, is_active=True).order_by("username")
    return [user for user in users if check_password(published[user.username], user.password)]
