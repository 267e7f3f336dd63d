from __future__ import annotations

import logging

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from battlemap.ops.selectors import health

log = logging.getLogger("battlemap.health")
_said = {"down": False}  # a failing probe is logged once when it starts failing, not on every poll


@require_GET
def healthz(request):
    """For load balancers, by IP over plain HTTP (ops.middleware: no host check, no HTTPS redirect):
    JSON, 200 while the database answers (`status` ok, or degraded — with a `reason` — when no worker beat within
    WORKER_STALE_SECONDS (`worker` none or stale: exports, large imports and mail uploads wait) or a disk it
    writes to has less than HEALTH_MIN_FREE_MB free (`disk` low)); 503 `status` down when it does not or is not migrated — and, with `?strict=1`, when degraded. No login, no account data. A 503 is logged as one warning when the probes start
    failing (again), not as an error per poll."""
    workers_ok, report = health()
    strict = request.GET.get("strict") in ("1", "true", "yes")
    down = report["status"] == "down" or (strict and not workers_ok)
    response = JsonResponse(report, status=503 if down else 200)
    response["Cache-Control"] = "no-store"
    if down:
        response._has_been_logged = True  # not Django's ERROR "Service Unavailable" per poll
        if not _said["down"]:
            log.warning("/healthz answers 503: %s", report)
    _said["down"] = down
    return response
