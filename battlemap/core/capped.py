"""A list a page or a file shows only the start of, then "and N more" (What changed's people added and left,
a deal's "N people joined" line)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class Capped(Generic[T]):
    """`items`, all of them (the API and the counts read them whole); `shown`, the first `limit`; `more`, how
    many are not shown (0 or more). `len()` is the whole list's."""

    limit: int
    items: list[T] = field(default_factory=list)

    @property
    def shown(self) -> list[T]:
        return self.items[: self.limit]

    @property
    def more(self) -> int:
        return max(len(self.items) - self.limit, 0)

    def __len__(self) -> int:
        return len(self.items)
