"""ETags as HTTP says (an integrator's trial): `If-Match: *` is "any current version" (RFC 9110 §13.1.1), not a 422;
and a 304 names the analysis by the very ETag its 200 gave — the 200 carried `W/"analysis-…"` (GZipMiddleware marks
a compressed answer's ETag weak), the 304 `"analysis-…"`, so a client that compared them saw a new version."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

GZIP = {"Accept-Encoding": "gzip"}


def test_if_match_star_changes_whatever_version_is_stored(world, owner_api):
    url = f"/api/people/{world.cn_boss.pk}"
    read = owner_api.get(url).json()
    owner_api.patch(url, {"title": "常务副总经理", "version": read["version"]})  # someone's edit since
    changed = owner_api.patch(url, {"title": "董事长"}, headers={"If-Match": "*"})
    assert changed.status_code == 200, changed.content
    assert changed.json()["title"] == "董事长" and changed.json()["version"] == read["version"] + 2
    stale = owner_api.patch(url, {"title": "CEO", "version": read["version"]}, headers={"If-Match": "*"})
    assert stale.status_code == 409  # a version in the body is still checked
    assert owner_api.delete(url, headers={"If-Match": "*"}).status_code == 204


def test_a_304_sends_the_etag_its_200_sent(world, owner_api):
    url = "/api/accounts/guodian/analysis"
    first = owner_api.get(url, headers=GZIP)
    assert first.status_code == 200 and first["Content-Encoding"] == "gzip"
    again = owner_api.get(url, headers={**GZIP, "If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
    plain = owner_api.get(url)  # unzipped, the same version is the same ETag
    assert plain["ETag"] == first["ETag"]
