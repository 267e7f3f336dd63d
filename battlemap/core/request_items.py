"""The objects an all-or-nothing API request has made so far, by the item that made each ("people.0").

`core.api.create_all_or_nothing` records them while it serves a bulk request (every `POST …/bulk`): a later item
refused because of one of them — the same e-mail, the same name — is told that item (`item_of_request`), never the
object's id, which the rollback of the whole request leaves to nobody. Outside such a request nothing is recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_MADE: ContextVar[dict[tuple[str, Any], str] | None] = ContextVar("battlemap_items_of_request", default=None)


def _key(obj: Any) -> tuple[str, Any]:
    return (obj._meta.label, obj.pk)


@contextmanager
def items_of_request() -> Iterator[None]:
    """While the body of the `with` serves one all-or-nothing request: `record` keeps what each item made."""
    token = _MADE.set({})
    try:
        yield
    finally:
        _MADE.reset(token)


def record(obj: Any, item: str) -> None:
    """`obj` (a saved model instance) was made by `item` ("people.0") of the request being served."""
    made = _MADE.get()
    if made is not None and getattr(obj, "pk", None) is not None:
        made[_key(obj)] = item


def item_of_request(obj: Any) -> str | None:
    """The item of the request being served that made `obj` ("people.0"), or None (not made by this request)."""
    made = _MADE.get()
    if not made or getattr(obj, "pk", None) is None:
        return None
    return made.get(_key(obj))
