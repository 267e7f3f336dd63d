"""API: load a map file (docs/map-format.md) as a new account of the caller — the web's *Import a map* over the
API: the same checks (accounts.map_file), the same background job (io.mapformat.jobs), the one loader."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from battlemap.accounts.map_file import import_map_file
from battlemap.accounts.services import NOT_A_TEAM_MEMBER, team_for_new_account
from battlemap.core.api import ERRORS, address, user_of
from battlemap.core.api_input import refuse_unknown_form_fields
from battlemap.core.multilingual import for_viewer
from battlemap.io import schemas as s
from battlemap.io.api import answer_in
from battlemap.io.mapformat.jobs import map_import_state
from battlemap.ops.selectors import no_worker_notice
from battlemap.ops.services import notice_dead_workers
from battlemap.teams.models import Team

router = Router(tags=["import and export"])
MAP_IMPORT = "Load a map file (the JSON of GET /accounts/{slug}/map) as a new account of yours, in a worker"
MAP_IMPORT_JOB = "The state of a map import: progress, then the new account, or why nothing was imported"


@router.post("/maps", response={202: s.MapImportJobOut, **ERRORS}, summary=MAP_IMPORT)
def map_import(
    request,
    form: Form[s.MapImportForm],
    query: Query[s.ImportQuery],
    file: File[UploadedFile],
    response: HttpResponse,
):
    """Multipart upload: `file` (a map file, docs/map-format.md), optional `slug` (default: the file's), `team` (the
    id of one of your teams; empty: none; not sent: yours when you are on exactly one), `lang`. The file is checked
    before anything is queued: past UPLOAD_MAX_MB or a MAP_IMPORT_* limit, not JSON, or not this format version →
    422 on `file`; a slug an account has (a deleted one too) → 422 on `slug`; a team you are not on → 422 on
    `team`. Then 202 with the job at once (and its address in `Location`): a background worker loads the map, all
    or nothing, as the web's *Import a map* and `battlemap import-map` do. `GET /maps/imports/{id}` (its
    `status_url`) shows its progress, then the new account's slug and what of the map was left out, or why nothing
    was imported."""
    answer_in(request, form.lang or query.lang)
    user = user_of(request)
    refuse_unknown_form_fields(request, s.MapImportForm, files=("file",))
    team = _team(user, form.team, sent="team" in request.POST)
    token = import_map_file(upload=file, slug=form.slug or "", team=team, user=user, via="api")
    response["Location"] = address(request, f"maps/imports/{token}")
    return Status(202, _job_out(token, map_import_state(token, user) or {"status": "queued"}))


def _team(user, team_id: int | None, *, sent: bool) -> Team | None:  # noqa: ANN001
    """The team to share the new account with: not sent, the creator's only team (accounts.services, the rule of
    `POST /accounts`); sent empty, none; an id no team has is refused as one the user is not on (a 422 that
    does not say which teams exist) — import_map_file refuses a team of others."""
    if not sent:
        return team_for_new_account(user)
    if team_id is None:
        return None
    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        raise ValidationError({"team": NOT_A_TEAM_MEMBER})
    return team


@router.get("/maps/imports/{job_id}", response={200: s.MapImportJobOut, **ERRORS}, summary=MAP_IMPORT_JOB)
def map_import_job(request, query: Query[s.ImportQuery], job_id: str):
    """Only for the user who sent the file (404 for anyone else). `status` queued → running (`done` of `total` items
    of the map) → done (`account`: the new account's slug; `left_out`: what of the map was not kept, or null) or
    failed (`problems`; nothing was imported). A job whose worker stopped is failed when read. `?lang=` (zh,
    zh-hans, zh-CN or en) picks the language of `left_out` and `problems`, else the request's (Accept-Language,
    else the token user's)."""
    answer_in(request, query.lang)
    user = user_of(request)
    state = map_import_state(job_id, user)
    if state is None:
        raise Http404("No such map import of yours.")
    if notice_dead_workers(state["status"]):  # its worker died: failed now, as on the web's job page
        state = map_import_state(job_id, user) or state
    return _job_out(job_id, state)


def _job_out(token: str, state: dict) -> dict:
    """A map import job as the API shows it (s.MapImportJobOut), in the request's language."""
    status = state["status"]
    slug = state.get("account_slug") if status == "done" else None
    return {
        "id": token,
        "status": status,
        "status_url": f"/api/maps/imports/{token}",
        "done": state.get("done", 0),
        "total": state.get("total", 0),
        "account": slug,
        "account_url": f"/api/accounts/{slug}" if slug else None,
        "left_out": for_viewer(state.get("left_out")) or None,
        "problems": for_viewer(state.get("problems")) or [],
        "notice": no_worker_notice(status),
    }
