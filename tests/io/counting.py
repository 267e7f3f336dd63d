"""Counting the calls of one function while a test runs: the structural measure of the scale tests (how many
comparisons reading a file makes), never a timing."""

from __future__ import annotations

from typing import Any


def count_calls(monkeypatch, owner: Any, name: str) -> list[int]:
    """Replace `owner.name` by a wrapper that counts its calls in the returned one-item list."""
    calls = [0]
    function = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return function(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls
