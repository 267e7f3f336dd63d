"""Import (upload → preview with the recognised mapping → errors by row, or confirm → summary) and downloads.

Every view reaches the account through core.access: outsiders get 404.
"""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from battlemap.core.access import get_account_for

from .export import CONTENT_TYPES, FORMATS, export_account
from .mappingfile import MappingError, load_mapping
from .problems import FIELD_LABELS, ImportFailed, file_message
from .readers import ReadError, read_table
from .selectors import deal_of_account
from .services import people_import
from .summary import summary_lines

MAX_UPLOAD = 20 * 1024 * 1024
PREVIEW_ROWS = 10
UPLOADS = Path(tempfile.gettempdir()) / "battlemap-imports"


def _stash(data: bytes) -> str:
    UPLOADS.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex
    (UPLOADS / token).write_bytes(data)
    return token


def _unstash(token: str) -> bytes:
    if not token.isalnum():
        raise Http404
    try:
        return (UPLOADS / token).read_bytes()
    except OSError:
        raise Http404 from None


def _run(
    request,
    account,
    *,
    data: bytes,
    filename: str,
    mapping_text: str,
    deal_id: str,
    sheet: str,
    dry_run: bool,
):
    deal = deal_of_account(account, int(deal_id)) if deal_id.isdigit() else None
    mapping = load_mapping(mapping_text) if mapping_text else None
    return people_import(
        account=account,
        data=data,
        filename=filename,
        deal=deal,
        mapping=mapping,
        sheet=sheet or None,
        dry_run=dry_run,
        user=request.user,
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request, slug: str):
    account = get_account_for(request.user, slug, "edit")
    deals = account.deals.order_by("name")
    ctx = {"account": account, "deals": deals}
    if request.method == "GET":
        return render(request, "io/import_upload.html", ctx)
    upload = request.FILES.get("file")
    if upload is None:
        ctx["error"] = _("Choose a CSV or XLSX file.")
        return render(request, "io/import_upload.html", ctx, status=400)
    if upload.size > MAX_UPLOAD:
        ctx["error"] = _("The file is larger than 20 MB.")
        return render(request, "io/import_upload.html", ctx, status=400)
    data = upload.read()
    mapping_upload = request.FILES.get("mapping")
    mapping_text = mapping_upload.read().decode("utf-8-sig", "replace") if mapping_upload else ""
    form = {
        "filename": upload.name,
        "token": _stash(data),
        "mapping": mapping_text,
        "deal": request.POST.get("deal", ""),
        "sheet": request.POST.get("sheet", ""),
    }
    return _preview(request, account, data, form, ctx)


def _preview(request, account, data: bytes, form: dict, ctx: dict):
    ctx["form"] = form
    try:
        table = read_table(data, form["filename"], sheet=form["sheet"] or None)
        ctx["headers"] = table.headers
        ctx["rows"] = [[("" if c is None else c) for c in r] for r in table.rows[:PREVIEW_ROWS]]
        ctx["total"] = len(table.rows)
        result = _run(
            request,
            account,
            data=data,
            filename=form["filename"],
            mapping_text=form["mapping"],
            deal_id=form["deal"],
            sheet=form["sheet"],
            dry_run=True,
        )
    except ReadError as exc:
        ctx["error"] = file_message(str(exc))
        return render(request, "io/import_upload.html", ctx, status=400)
    except MappingError as exc:
        ctx["error"] = _("Mapping file: %(error)s") % {"error": exc}
        return render(request, "io/import_upload.html", ctx, status=400)
    except ImportFailed as exc:
        ctx["problems"] = [p.message(translation.get_language()) for p in exc.problems]
        return render(request, "io/import_preview.html", ctx, status=400)
    ctx["columns"] = [(h, str(FIELD_LABELS.get(f, f))) for f, h in result.recognised.items()]
    ctx["summary"] = summary_lines(result)
    return render(request, "io/import_preview.html", ctx)


@login_required
@require_POST
def import_confirm(request, slug: str):
    account = get_account_for(request.user, slug, "edit")
    form = {k: request.POST.get(k, "") for k in ("filename", "token", "mapping", "deal", "sheet")}
    data = _unstash(form["token"])
    try:
        result = _run(
            request,
            account,
            data=data,
            filename=form["filename"],
            mapping_text=form["mapping"],
            deal_id=form["deal"],
            sheet=form["sheet"],
            dry_run=False,
        )
    except (ReadError, MappingError, ImportFailed):
        return _preview(request, account, data, form, {"account": account, "deals": account.deals.all()})
    (UPLOADS / form["token"]).unlink(missing_ok=True)
    return render(request, "io/import_done.html", {"account": account, "summary": summary_lines(result)})


@login_required
def export_download(request, slug: str, fmt: str):
    account = get_account_for(request.user, slug, "view")
    if fmt not in FORMATS:
        raise Http404
    deal = request.GET.get("deal", "")
    lang = request.GET.get("lang") or translation.get_language() or "zh-hans"
    lang = "en" if lang.startswith("en") else "zh-hans"
    try:
        data = export_account(account, fmt=fmt, deal_id=int(deal) if deal.isdigit() else None, lang=lang)
    except KeyError:
        raise Http404 from None
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{account.slug}.{fmt}"'
    return response
