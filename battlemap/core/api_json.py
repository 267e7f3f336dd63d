"""How every answer of the API is written: JSON in UTF-8, Chinese as itself, each moment in UTC with `Z` — the
routes' renderer (`UTCRenderer`) and the answers Django's handlers and middleware make under /api/
(`api_json_response`). The answers' shape is `core.api`'s."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder


class _UTCEncoder(NinjaJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime) and o.tzinfo is not None:
            o = o.astimezone(UTC)
        return super().default(o)


# Every answer of the API is JSON in UTF-8 as its Content-Type says, Chinese written as itself: json.dumps'
# default wrote "\u8bf7\u6c42…", valid but unreadable to an operator reading an answer with curl.
API_JSON = {"ensure_ascii": False}


def api_json_response(body: dict[str, Any], *, status: int):  # noqa: ANN201
    """An answer of the API made outside its routes (Django's handlers and middleware: 404, 405, 413, 503…), as
    the routes' renderer writes it (API_JSON), with the charset its answers name."""
    from django.http import JsonResponse

    return JsonResponse(
        body, status=status, json_dumps_params=API_JSON, content_type="application/json; charset=utf-8"
    )


class UTCRenderer(JSONRenderer):
    """Every moment an answer gives in UTC, written with `Z`: the answer to a create or an edit gave `+08:00` (the
    moment as the request made it) where a GET of the same object gave `Z` (as stored; a reviewer's trial)."""

    encoder_class = _UTCEncoder
    json_dumps_params = API_JSON
