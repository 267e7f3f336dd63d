"""*Import a map* in Chromium: a file past a limit is refused on the form naming its setting; a map the
loader refuses ends on the job's page saying why; a running job shows its progress and polls (the tests run
tasks inside the request, so a running state is written by hand)."""

from __future__ import annotations

import json

from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import expect

from tests.e2e.conftest import login, screenshot


def _map(people: int, *, broken: bool = False) -> dict:
    rows = [
        {"id": n, "name": f"<script>alert({n})</script>人{n}", "reports_to": None}
        for n in range(1, people + 1)
    ]
    if broken:
        rows[-1]["reports_to"] = 99
    return {"format_version": 1, "account": {"slug": "fresh", "name": "Fresh", "lifecycle": "prospect", "portrait": {}},
            "org_units": [], "people": rows, "influence_links": [], "external_factors": [], "decision_bodies": [],
            "deals": [], "interactions": []}  # fmt: skip


def test_map_import_refusals_and_job_page(page, transactional_db, tmp_path):
    from django.contrib.auth import get_user_model

    from battlemap.io.jobs import save_state

    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    call_command("createuser", "newrep", "--password", "s3cret-pass")
    login(page, "newrep", "s3cret-pass")
    big, broken = tmp_path / "big.json", tmp_path / "broken.json"
    big.write_text(json.dumps(_map(5)), encoding="utf-8")
    broken.write_text(json.dumps(_map(3, broken=True)), encoding="utf-8")
    with override_settings(MAP_IMPORT_MAX_PEOPLE=4):
        page.goto(page.base_url + "/accounts/import/")
        page.set_input_files("#id_file", str(big))
        page.click("#map-import-form button[type=submit]")
        expect(page.locator("#field-file .errorlist")).to_have_count(1)
    assert "MAP_IMPORT_MAX_PEOPLE" in page.locator("#field-file .errorlist").inner_text()
    screenshot(page, "map-import-limit-zh")
    page.set_input_files("#id_file", str(broken))
    page.click("#map-import-form button[type=submit]")
    page.wait_for_url("**/accounts/import/job/*/")
    expect(page.locator('#job[data-status="failed"]')).to_have_count(1)
    assert "people 3.reports_to" in page.locator("#job .problems").inner_text()
    screenshot(page, "map-import-failed-zh")
    user = get_user_model().objects.get(username="newrep")
    save_state("e2erunning", {"kind": "map_import", "status": "running", "user_id": user.pk, "filename": "big.json",
                              "done": 3, "total": 7, "lang": "zh-hans"})  # fmt: skip
    page.goto(page.base_url + "/accounts/import/job/e2erunning/")
    expect(page.locator("#job progress")).to_have_count(1)
    assert page.locator('meta[http-equiv="refresh"]').count() == 1
    screenshot(page, "map-import-running-zh")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "map-import-running-zh-phone")
    assert not errors
