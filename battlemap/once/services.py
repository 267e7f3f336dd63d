"""The writes of the one-time form tokens (once.web.guarded): claim a token in the transaction of the
create it guards, then keep it with where the result is, or release it when the create was refused."""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from battlemap.once.models import FormToken

KEPT = timedelta(days=1)  # a form left open longer than this and sent twice makes two rows


class AlreadyUsed(Exception):
    """The token was used: `url` is where its first POST's result is."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


def token_claim(*, user, token: str) -> FormToken:
    """Record `token` as used by `user` (call inside the create's transaction). Raises AlreadyUsed when
    a POST with it succeeded before: the database serialises two inserts of the same token, so the
    second sees the first once it committed."""
    try:
        with transaction.atomic():
            return FormToken.objects.create(user=user, token=token)
    except IntegrityError:
        first = FormToken.objects.filter(user=user, token=token).first()
        if first is not None and first.result_url:
            raise AlreadyUsed(first.result_url) from None
        raise


def token_fulfil(claim: FormToken, *, url: str) -> None:
    """The create succeeded: keep the token with where its result is, and forget the user's old ones."""
    claim.result_url = url
    claim.save(update_fields=["result_url"])
    FormToken.objects.filter(user_id=claim.user_id, created_at__lt=timezone.now() - KEPT).delete()


def token_release(claim: FormToken) -> None:
    """The create was refused (the form comes back with errors): the token may be sent again."""
    claim.delete()
