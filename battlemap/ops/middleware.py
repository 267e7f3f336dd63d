"""`/healthz` answered before every other middleware: a load balancer probes each app server by its
address over plain HTTP (behind the TLS proxy), so the probe passes neither ALLOWED_HOSTS (its Host is an
IP: a 400 and a DisallowedHost traceback in the log per probe) nor SECURE_SSL_REDIRECT (a 301). Safe: the
answer holds no account data and reads nothing of the request but `?strict` (docs/operations.md)."""

from __future__ import annotations

HEALTHZ = "/healthz"


class HealthzFirstMiddleware:
    def __init__(self, get_response) -> None:  # noqa: ANN001
        self.get_response = get_response

    def __call__(self, request):  # noqa: ANN001, ANN204
        if request.path_info in (HEALTHZ, HEALTHZ + "/"):
            from battlemap.ops.views import healthz

            return healthz(request)
        return self.get_response(request)
