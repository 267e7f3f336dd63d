"""The engine of mail intelligence (pure Python, no Django): seniority, decision makers, reporting lines,
influence and relationship strength inferred from mail and meeting records. See docs/mail.md.

The entry points load lazily, so importing the package (as every page's module does, through the mail
selectors) does not pull in numpy, scipy and scikit-learn: they load on the first inference."""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "customer_domains_for": "domains",
    "mailbox_owner": "domains",
    "MailboxOwner": "domains",
    "infer": "engine",
    "Inference": "results",
    "PersonInference": "results",
    "person_json": "results",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'battlemap.inference' has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
