"""Writes of the comments app: post and delete a comment; @mentions resolved here, once.

A mention `@username` counts only for an active user who may see the account (core.access), so a
mention can never tell anyone outside the account's team that the account exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from battlemap.comments.models import MAX_COMMENT_CHARS, Comment
from battlemap.core.access import accounts_visible_to
from battlemap.core.refusals import DEAL_OF_ANOTHER_ACCOUNT, PERSON_OF_ANOTHER_ACCOUNT
from battlemap.core.services import create_validated, delete_versioned

MENTION = re.compile(r"(?<![\w@.])@([\w.+-]+)")


@dataclass(frozen=True)
class Mentions:
    """The `@username`s of a comment, in order of first mention: `reached` the users told (active, and
    they may see the account); `unknown` names no user bears; `deactivated` names only a deactivated user bears
    (a colleague who left: told apart from a typo); `blind` users who may not see the account, so they are not
    told (and learn nothing of it)."""

    reached: list = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    deactivated: list[str] = field(default_factory=list)
    blind: list[str] = field(default_factory=list)


def mentions_in(*, account, body: str) -> Mentions:
    """Who the `@username`s of `body` reach on `account`, and who they do not (Mentions)."""
    names = list(dict.fromkeys(m.rstrip(".") for m in MENTION.findall(body)))
    if not names:
        return Mentions()
    users = list(
        get_user_model()
        ._default_manager.annotate(folded=Lower("username"))
        .filter(Q(username__in=names) | Q(folded__in=[name.lower() for name in names]))
    )
    active = [u for u in users if u.is_active]
    found = Mentions()
    for name in names:
        user = _named(name, active)
        if user is None and _named(name, [u for u in users if not u.is_active]) is not None:
            found.deactivated.append(name)
        elif user is None:
            found.unknown.append(name)
        elif user in found.reached:
            continue  # "@Bob … @bob": one user, told once
        elif accounts_visible_to(user).filter(pk=account.pk).exists():
            found.reached.append(user)
        else:
            found.blind.append(name)
    return found


def _named(name: str, users: list):
    """The user `@name` means: the one of that exact username, else the only one whose username differs
    from it in case alone (people type "@Li.Wei" for li.wei; Django's usernames are case-sensitive, so
    when two differ only in case and neither is exact, the mention is ambiguous and reaches nobody)."""
    exact = [u for u in users if u.get_username() == name]
    if exact:
        return exact[0]
    loose = [u for u in users if u.get_username().casefold() == name.casefold()]
    return loose[0] if len(loose) == 1 else None


def comment_create(*, account, author, body: str, deal=None, person=None) -> Comment:
    """A comment by `author` on `deal` or `person` of `account`, with its mentions; `comment.missed`
    holds the Mentions found, so the author can be told who was not reached.

    Errors: ValidationError naming `body` (empty, too long), `deal`/`person` (of another account, or
    neither given)."""
    body = (body or "").strip()
    if deal is not None and deal.account_id != account.pk:
        raise ValidationError({"deal": DEAL_OF_ANOTHER_ACCOUNT})
    if person is not None and person.account_id != account.pk:
        raise ValidationError({"person": PERSON_OF_ANOTHER_ACCOUNT})
    if deal is None and person is None:
        raise ValidationError({"deal": _("Say which deal or person the comment is about.")})
    if not body:
        raise ValidationError({"body": _("Write a comment.")})
    try:  # a TextField's max_length binds only forms: the API and imports are held to it here
        MaxLengthValidator(MAX_COMMENT_CHARS)(body)
    except ValidationError as exc:
        raise ValidationError({"body": exc.messages}) from None
    with transaction.atomic():
        comment = create_validated(
            Comment(account=account, author=author, body=body, deal=deal, person=person)
        )
        found = mentions_in(account=account, body=body)
        comment.mentions.set(found.reached)
    comment.missed = found
    return comment


def comment_delete(*, comment: Comment, by) -> None:
    """Delete a comment: its author or an administrator (others: ValidationError naming `author`)."""
    if comment.author_id != by.pk and not by.is_superuser:
        raise ValidationError({"author": _("Only its author can delete a comment.")})
    delete_versioned(comment)
