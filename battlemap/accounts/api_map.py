"""API: the whole map of an account, its analysis, the map as it was, and what changed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Query, Router

from battlemap.accounts import schemas as s
from battlemap.accounts.changes import since_last_review, what_changed
from battlemap.accounts.models import Account
from battlemap.core.access import get_account_for
from battlemap.core.api import ERRORS, SlugPath, api_language, parse_moment, user_of
from battlemap.core.api_json import UTCRenderer
from battlemap.core.multilingual import active_language
from battlemap.io.mapformat import export_map
from battlemap.maps import account_analysis as analyse_account
from battlemap.maps import changes_since, map_as_of, map_edits_since
from battlemap.maps.cache import code_stamp, map_fingerprints

router = Router(tags=["map and analysis"])
CACHE_SECONDS = 600


def map_fingerprint(account: Account) -> str:
    """Changes whenever anything the map or its analysis reads changes: the newest history row of
    every such model on this account (maps.cache, the fingerprint of the web's analysis cache: every
    save and delete writes one), one small query per model."""
    return hashlib.sha256(map_fingerprints([account.pk])[account.pk].encode()).hexdigest()[:32]


def cached_json(request, account: Account, kind: str, build: Callable[[], dict]) -> HttpResponse:
    """The JSON of `build()`, cached per map state; a client sending the ETag back gets 304."""
    # the kind whole (its parameters, the day) in a short hash: a cut-off kind lost the day
    # and the code that makes it: after an upgrade a client's ETag of the old code's JSON is no longer current
    kind_hash = hashlib.sha256(f"{kind}:{code_stamp()}".encode()).hexdigest()[:12]
    # weak: the 200 goes through GZipMiddleware, which marks a strong one W/ — the 304 had then sent another
    etag = f'W/"{kind.split(":", 1)[0]}-{kind_hash}-{map_fingerprint(account)}"'
    if etag.removeprefix("W/") in request.headers.get(
        "If-None-Match", ""
    ):  # weak comparison (RFC 9110 §8.8.3.2)
        response = HttpResponse(status=304)
    else:
        key = "api:" + hashlib.sha256(f"{account.pk}:{kind}:{etag}".encode()).hexdigest()
        body = cache.get(key)
        if body is None:
            # the API's encoder: a moment in UTC with milliseconds and `Z`, as every other answer writes it
            body = json.dumps(build(), ensure_ascii=False, cls=UTCRenderer.encoder_class).encode()
            cache.set(key, body, CACHE_SECONDS)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    response["Vary"] = "Authorization, Cookie, Accept-Language"
    return response


@router.get(
    "/accounts/{slug}/map",
    response={200: s.JsonObject, **ERRORS},
    summary="The account's battle map (documented map format, docs/map-format.md)",
)
def account_map(request, slug: str = SlugPath()):
    account = get_account_for(user_of(request), slug)
    # the language is part of what is cached: an erased person's name reads in the reader's (people/erased.py)
    return cached_json(request, account, f"map:{active_language()}", lambda: export_map(account))


@router.get(
    "/accounts/{slug}/history",
    response={200: s.JsonObject, **ERRORS},
    summary="The map as it was at a date (as_of=YYYY-MM-DD or an ISO date-time)",
)
def account_history(request, query: Query[s.AsOfQuery], slug: str = SlugPath()):
    account = get_account_for(user_of(request), slug)
    when = parse_moment(query.as_of, field="as_of", end_of_day=True)

    def build() -> dict:
        data = map_as_of(account=account, when=when)
        if data is None:
            raise Http404("The account did not exist then.")
        return data

    # cached as the map is, per map state (an edit since may be back-dated) and language; ETag / 304
    return cached_json(request, account, f"history:{when.isoformat()}:{active_language()}", build)


@router.get(
    "/accounts/{slug}/changes",
    response={200: s.ChangesOut, **ERRORS},
    summary="What changed in the map since a date, newest first",
)
def account_changes(request, query: Query[s.SinceQuery], slug: str = SlugPath()):
    account = get_account_for(user_of(request), slug)
    since = parse_moment(query.since, field="since", end_of_day=False)
    if query.after is not None and query.offset:
        raise ValidationError(
            {"offset": _("Send either offset or after, not both: after alone gives the next page.")}
        )
    return map_edits_since(
        account=account, since=since, limit=query.limit, offset=query.offset, after=query.after
    )


def analysis_for(request, account, query: s.AnalysisQuery, *, deal=None) -> dict:
    """The analysis JSON of `battlemap analyze --json`, in the user's language (or `lang`)."""
    lang = api_language(query.lang)
    deal_id = deal.id if deal is not None else None

    def build() -> dict:
        try:
            data = analyse_account(account=account, lang=lang, as_of=query.as_of, deal_id=deal_id)
            if query.since is not None:
                data["changes"] = changes_since(
                    account=account, since=query.since, until=query.as_of, lang=lang
                )
        except ValueError as exc:  # the account or deal did not exist at `as_of`
            raise Http404(str(exc)) from None
        return data

    # The analysis depends on the day too (freshness, stale relationships).
    kind = f"analysis:{lang}:{query.as_of}:{query.since}:{deal_id}:{timezone.localdate()}"
    return cached_json(request, account, kind, build)


@router.get(
    "/accounts/{slug}/analysis",
    response={200: s.JsonObject, **ERRORS},
    summary="The account's analysis: influence, circle, and per deal health, coverage, flags, playbook",
    description="The same JSON as `battlemap analyze ACCOUNT --json` (docs/analysis.md).",
)
def account_analysis(request, query: Query[s.AnalysisQuery], slug: str = SlugPath()):
    return analysis_for(request, get_account_for(user_of(request), slug), query)


def what_changed_for(request, account: Account, query: s.WhatChangedQuery, *, deal=None) -> dict:
    """What changed up to now as the "What changed" page reads it (`accounts.changes.what_changed`: a
    deal's people only, action items its close ticked marked "closed_with_deal"), for the account or
    one deal; from the end of `query.since`, else from the last review (accounts.changes.since_last_review)."""
    since = query.since or since_last_review(account, deal)[0]
    with translation.override(api_language(query.lang)):
        return what_changed(account=account, since=since, deal=deal)


@router.get(
    "/accounts/{slug}/what-changed",
    response={200: s.JsonObject, **ERRORS},
    summary="What changed since a day: people, roles and attitudes, stages, flags, health, contacts, actions",
    description=(
        "The data of the web page 'What changed' (docs/analysis.md, changes); since defaults to the moment "
        "of the last review, or 7 days ago when never reviewed."
    ),
)
def account_what_changed(request, query: Query[s.WhatChangedQuery], slug: str = SlugPath()):
    return what_changed_for(request, get_account_for(user_of(request), slug), query)
