"""One customer person, Liu Jianguo <liujg@t.example>, and an ingest of files from or to them (ours:
ourco.example), for tests of how a file's items are read and stored."""

from __future__ import annotations

from datetime import UTC, datetime

from battlemap.mail.services import mail_ingest
from tests import factories as f

NOW = datetime(2026, 12, 1, 19, 30, tzinfo=UTC)


def ingest_with_liu(world, path, **options):  # noqa: ANN001, ANN003, ANN201
    """Liu Jianguo on world.en's map, then `path` ingested (t.example the customer's domain) at NOW."""
    f.person(account=world.en, name="Liu Jianguo", email="liujg@t.example")
    return mail_ingest(
        account=world.en,
        paths=[path],
        our_domains=["ourco.example"],
        customer_domains=["t.example"],
        now=NOW,
        **options,
    )
