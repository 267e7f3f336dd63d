"""Import (upload → preview with the recognised mapping → errors by row, or confirm → summary), and the one page of
a background job (an import's, an export's: `job_page`); the downloads are io.views_export.

Every view reaches the account through core.access: outsiders get 404.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from battlemap.core.access import get_account_for
from battlemap.core.multilingual import active_language, for_viewer
from battlemap.core.uploads import check_upload_size
from battlemap.maps.cache import map_fingerprint
from battlemap.maps.history import map_edits_since
from battlemap.once.web import guarded, result_at
from battlemap.ops.selectors import no_worker_notice
from battlemap.ops.services import notice_dead_workers
from battlemap.punctuation import join_names, sentences

from .job_retry import job_retry
from .tabular.columns import recognise
from .tabular.file_problems import file_message
from .tabular.importer import column_letter, plan_import
from .tabular.jobs import LARGE_FILE_ROWS, forget, import_queue, job_state, stash, unstash
from .tabular.mappingfile import MappingError, mapping_text
from .tabular.problems import FIELD_LABELS, ImportFailed
from .tabular.readers import FILE_EXTENSIONS, ReadError, encodings_named, read_table
from .tabular.sources import SOURCES_READ
from .tabular.summary import dry_run_outcome, summary_lines, undo_lines, where_lines
from .tabular.undo import ImportUndoRefused, Named, people_import_undo, said
from .tabular.vcards import header_label
from .tabular.views_helpers import FORM_FIELDS, column_choices, form_mapping, run_import
from .text import CHOICES, NAMES

PREVIEW_ROWS = 10
# headers the upload page names as recognised
EXAMPLE_HEADERS = ("姓名", "职位", "部门", "邮箱", "上级", "角色")
PREVIEW_COLUMNS = 20  # the preview table shows a page of the file, never the whole of a wide one
PREVIEW_CELL_CHARS = 80
MAP_EDITS_SHOWN = 5  # the edits since a preview named on the page that asks to check it again


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request, slug: str):
    account = get_account_for(request.user, slug, "edit")
    deals = account.deals.order_by("name")
    ctx = {"account": account, "deals": deals}
    if request.method == "GET":
        return _upload_page(request, ctx)
    upload = request.FILES.get("file")
    if upload is None:
        ctx["error"] = _("Choose a CSV or XLSX file.")
        return _upload_page(request, ctx, status=400)
    mapping_upload = request.FILES.get("mapping")
    try:
        check_upload_size([upload, *([mapping_upload] if mapping_upload else [])])
    except ValidationError as exc:
        ctx["error"] = sentences(exc.messages)
        return _upload_page(request, ctx, status=400)
    data = upload.read()
    try:
        mapping = mapping_text(mapping_upload.read()) if mapping_upload else ""
    except MappingError as exc:
        ctx["error"] = _("Mapping file: %(error)s") % {"error": exc}
        return _upload_page(request, ctx, status=400)
    form = {
        "filename": upload.name,
        "token": stash(data, account_id=account.pk, user_id=request.user.pk),
        "mapping": mapping,
        "deal": request.POST.get("deal", ""),
        "sheet": request.POST.get("sheet", ""),
        "encoding": request.POST.get("encoding", ""),
        "date_order": request.POST.get("date_order", ""),
        "columns": "",
    }
    return _preview(request, account, data, form, ctx, new_upload=True)


def _upload_page(request, ctx: dict, status: int = 200):
    """The upload form (again, with an error): its encoding menu and the intro naming the same encodings."""
    lang = active_language()
    ctx["encodings"] = [(c, NAMES[c]) for c in CHOICES]
    ctx["encodings_named"] = encodings_named(lang)
    ctx["sources"] = SOURCES_READ
    ctx["accept"] = ",".join(FILE_EXTENSIONS)
    ctx["example_headers"] = join_names(lang, EXAMPLE_HEADERS)
    return render(request, "io/import_upload.html", ctx, status=status)


def _preview(request, account, data: bytes, form: dict, ctx: dict, *, new_upload: bool = False):
    """The preview of a stashed upload; a new upload that is refused before any preview is deleted at once (it
    can never be confirmed: the upload page holds no token). One that was previewed stays for its other
    choices (an encoding, a sheet that fails leaves the earlier preview's forms working) until confirmed or a day."""
    ctx["form"] = form
    try:
        table = read_table(
            data, form["filename"], sheet=form["sheet"] or None, encoding=form.get("encoding") or None
        )
        mapping = form_mapping(form)
    except (ReadError, MappingError) as exc:
        if new_upload:
            forget(form["token"])
        ctx["error"] = (
            file_message(exc) if isinstance(exc, ReadError) else _("Mapping file: %(error)s") % {"error": exc}
        )
        return _upload_page(request, ctx, status=400)
    ctx["table"] = table
    ctx["where"] = where_lines(table)
    ctx["encodings"] = [(c, NAMES[c]) for c in CHOICES]
    if table.legacy:  # read line by line: that reading is a choice too
        ctx["encodings"].insert(0, (table.codec, table.encoding))
    ctx["codec_choice"] = next((c for c, _label in ctx["encodings"] if (table.codec or "").startswith(c)), "")
    ctx["date_orders"] = [("dmy", _("day first (31/12/2026)")), ("mdy", _("month first (12/31/2026)"))]
    named = (
        header_label if table.cards else str
    )  # a vCard's columns in the user's language, not Name, Company …
    ctx["headers"] = [_shown(named(h)) for h in table.headers[:PREVIEW_COLUMNS]]
    ctx["rows"] = [[_shown(c) for c in r[:PREVIEW_COLUMNS]] for r in table.rows[:PREVIEW_ROWS]]
    legacy_rows = set(table.legacy_rows)  # rows read in another encoding than UTF-8: shown to be checked
    ctx["marked_rows"] = list(zip([n in legacy_rows for n in table.row_numbers], ctx["rows"], strict=False))
    ctx["legacy_name"] = NAMES.get(table.legacy or "", "")
    ctx["hidden_columns"] = max(0, len(table.headers) - PREVIEW_COLUMNS)
    ctx["total"] = len(table.rows)
    # the column choices, editable in the preview (they override the built-in table and the mapping file)
    columns = recognise(table.headers, mapping.columns, mapping.by_column)
    ctx["choices"] = [(f, str(label)) for f, label in FIELD_LABELS.items()]
    ctx["header_fields"] = [
        (column_letter(i), h, named(h), columns.field_at(i)) for i, h in enumerate(table.headers)
    ]
    ctx["suspicious"] = columns.suspicious
    # the map as this preview saw it, sent back with the form: the import goes ahead only on that map
    form["map_seen"], form["map_seen_at"] = map_fingerprint(account), timezone.now().isoformat()
    try:
        if ctx["total"] <= LARGE_FILE_ROWS:
            result = run_import(account, request.user, data=data, form=form, dry_run=True)
            ctx["summary"] = summary_lines(result, where=False)
        else:  # validate every row now; the writing runs in the background after confirmation
            result = plan_import(account=account, data=data, filename=form["filename"], mapping=mapping,
                                 sheet=form["sheet"] or None, encoding=form.get("encoding") or None,
                                 date_order=form.get("date_order") or None)  # fmt: skip
            ctx["summary"] = [
                _("%(n)s rows are valid; they will be imported in the background.") % {"n": ctx["total"]}
            ]
        # the date-order choice quotes a date of this file that either order reads
        ctx["date_example"] = result.date_reading.example if result.date_reading else ""
    except ReadError as exc:  # e.g. no column holds the names: choose one above
        ctx["problems"] = [file_message(exc)]
        return render(request, "io/import_preview.html", ctx, status=400)
    except ImportFailed as exc:
        ctx["problems"] = [p.message(active_language()) for p in exc.problems]
        ambiguous = [p for p in exc.problems if p.code == "ambiguous_date"]
        ctx["ask_date_order"] = bool(ambiguous)
        ctx["date_example"] = ambiguous[0].params.get("value", "") if ambiguous else ""
        return render(request, "io/import_preview.html", ctx, status=400)
    return render(request, "io/import_preview.html", ctx)


def _shown(cell: Any) -> Any:
    """A cell as the preview shows it: long text cut (the import itself reads it whole)."""
    if cell is None:
        return ""
    if isinstance(cell, str) and len(cell) > PREVIEW_CELL_CHARS:
        return cell[:PREVIEW_CELL_CHARS] + "…"
    return cell


def _posted_upload(request, slug: str) -> tuple[Any, dict[str, str], bytes]:
    """The account (to edit), the posted preview form and the file it stashed for this user; else 404."""
    account = get_account_for(request.user, slug, "edit")
    form = {k: request.POST.get(k, "") for k in FORM_FIELDS}
    data = unstash(form["token"], account_id=account.pk, user_id=request.user.pk)
    if data is None:
        raise Http404
    return account, form, data


@login_required
@require_POST
@guarded
def import_confirm(request, slug: str):
    """Import the previewed file — if the map is still the one the preview saw. Else the preview again, saying
    so, with what the file would do now (409): a team's trial saw a colleague's title and phone, typed after the
    preview, replaced by the file without a word (the preview had named no value it would replace)."""
    account, form, data = _posted_upload(request, slug)
    if form["map_seen"] != map_fingerprint(account):
        seen_at = parse_datetime(form["map_seen_at"] or "")
        edits = map_edits_since(account=account, since=seen_at, limit=MAP_EDITS_SHOWN) if seen_at else None
        again = {
            "account": account,
            "deals": account.deals.order_by("name"),
            "map_changed": True,
            "map_edits": edits,  # who changed what since the preview, newest first
        }
        response = _preview(request, account, data, form, again)
        response.status_code = 409 if response.status_code == 200 else response.status_code
        return response
    try:
        rows = len(
            read_table(
                data, form["filename"], sheet=form["sheet"] or None, encoding=form.get("encoding") or None
            ).rows
        )
    except ReadError:
        rows = 0
    if rows > LARGE_FILE_ROWS:
        token = form["token"]
        import_queue(token, account=account, user=request.user, form=form, rows=rows)
        return redirect("io:import_job", slug=account.slug, token=token)
    try:
        result = run_import(account, request.user, data=data, form=form, dry_run=False)
    except (ReadError, MappingError, ImportFailed):
        return _preview(request, account, data, form, {"account": account, "deals": account.deals.all()})
    forget(form["token"])
    done = render(
        request,
        "io/import_done.html",
        {"account": account, "summary": summary_lines(result), "import_id": result.import_id},
    )
    return result_at(done, reverse("people", args=[account.slug]))  # where a second send of the form goes


@login_required
@require_POST
def import_undo(request, slug: str, import_id: str):
    """Undo an import whole (io.tabular.undo); a refusal (409) names what was changed since, nothing written."""
    account = get_account_for(request.user, slug, "edit")
    try:
        report = people_import_undo(account=account, import_id=import_id, user=request.user)
    except ImportUndoRefused as refused:
        page = {"account": account, "refusal": _linked(account, refused), "import_id": import_id}
        return render(request, "io/import_undone.html", page, status=409)
    except ValidationError:
        raise Http404 from None
    page = {"account": account, "lines": undo_lines(report), "filename": report.filename}
    return render(request, "io/import_undone.html", page)


def _linked(account: Any, refused: ImportUndoRefused) -> str:
    """The refusal's message with each person it names linked to their page (there to be corrected, or their
    later edit reverted from their history, before the undo is tried again)."""
    if refused.sentence is None:
        return refused.message

    def link(named: Named) -> str:
        if named.person_id is None:
            return conditional_escape(named.name)
        return format_html(
            '<a href="{}">{}</a>', reverse("person", args=[account.slug, named.person_id]), named.name
        )

    return mark_safe(said(conditional_escape(str(refused.sentence)), refused.named, show=link))  # noqa: S308


@login_required
@require_POST
def import_recheck(request, slug: str):
    """The preview again, with the column choices the user made in it."""
    account, form, data = _posted_upload(request, slug)
    headers = request.POST.getlist("header")
    chosen = request.POST.getlist("field")
    form["columns"] = json.dumps(column_choices(headers, chosen), ensure_ascii=False)
    return _preview(
        request, account, data, form, {"account": account, "deals": account.deals.order_by("name")}
    )


@login_required
def import_job(request, slug: str, token: str):
    """The state of a background import: progress while it runs, then its summary or its problems."""
    account = get_account_for(request.user, slug, "edit")
    state = job_state(token)
    if state is None or state.get("account_id") != account.pk or state.get("kind", "import") != "import":
        raise Http404
    state = noticing_dead_workers(state, token)
    can_retry = (
        bool(state.get("retry"))
        and unstash(token, account_id=account.pk, user_id=request.user.pk) is not None
    )
    answer = for_viewer(state.get("result"))  # kept once done (tabular.jobs.import_answer)
    # a dry run imported nothing: its page says what importing the file would do
    would = dry_run_outcome(answer) if state.get("dry_run") and isinstance(answer, dict) else []
    import_id = answer.get("import_id") if isinstance(answer, dict) else None  # what "Undo this import" takes
    return job_page(request, account, state, token, can_retry=can_retry, would=would, import_id=import_id)


def noticing_dead_workers(state: dict, token: str) -> dict:
    """The job's state, read again when its worker was found dead (ops.services.notice_dead_workers)."""
    return (job_state(token) or state) if notice_dead_workers(state.get("status")) else state


def job_page(request, account, state: dict, token: str, *, can_retry: bool, **extra):
    """The one page of a background job (io/job.html): an import, or an export when `export` is given."""
    no_worker = no_worker_notice(state.get("status"))
    # problems and summary were written in every language (core.multilingual): the viewer reads theirs
    state = {
        **state,
        "problems": for_viewer(state.get("problems")),
        "summary": for_viewer(state.get("summary")),
    }
    return render(request, "io/job.html", {"account": account, "state": state, "token": token,
                                           "can_retry": can_retry, "no_worker": no_worker, **extra})  # fmt: skip


@login_required
@require_POST
def import_job_retry(request, slug: str, token: str):
    """Run again an import whose worker stopped (its upload was kept); only for the user who uploaded it."""
    account = get_account_for(request.user, slug, "edit")
    state = job_state(token)
    if (
        state is None
        or state.get("account_id") != account.pk
        or unstash(token, account_id=account.pk, user_id=request.user.pk) is None
    ):
        raise Http404
    job_retry(token, state)
    return redirect("io:import_job", slug=account.slug, token=token)
