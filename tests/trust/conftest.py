"""The API clients of tests/api (a token per user) for the trust tests."""

from tests.api.conftest import anon_api, manager_api, objs, outsider_api, owner_api  # noqa: F401
