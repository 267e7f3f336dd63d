from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from battlemap.ops.selectors import health


@require_GET
def healthz(request):
    """For load balancers: 200 while the database answers (`status` ok, or degraded when no worker beat
    within WORKER_STALE_SECONDS); 503 when it does not — and, with `?strict=1`, when no worker is alive.
    No login, no account data."""
    workers_ok, report = health()
    strict = request.GET.get("strict") in ("1", "true", "yes")
    down = report["database"] != "ok" or (strict and not workers_ok)
    return JsonResponse(report, status=503 if down else 200)
