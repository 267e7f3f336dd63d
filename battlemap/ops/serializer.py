"""The backup's JSON (`battlemap backup`): Django's JSON fixture format with every recorded time whole.

Django's JSON encoder cuts a time's microseconds to milliseconds (ECMA-262's date format), so a restored
`…22:07:24.467823` read `.467000` — the history's order of two edits in one millisecond, and the docs' "recorded times
stay as recorded", were lost. Registered as the `backup-json` format (`SERIALIZATION_MODULES`); read back by
Django's own deserializer, as any fixture."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer

__all__ = ["Deserializer", "Serializer"]


class Encoder(DjangoJSONEncoder):
    """DjangoJSONEncoder with times to the microsecond (ISO 8601, UTC as `Z`)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, dt.time) and o.tzinfo is None:
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self) -> None:
        super()._init_options()
        self.json_kwargs["cls"] = Encoder
