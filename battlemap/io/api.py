"""API: import people from a CSV/XLSX file (dry run or apply, all or nothing) and export the map in any format."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router
from ninja.files import UploadedFile

from battlemap.audit.services import Action, audit_record
from battlemap.core.access import get_account_for
from battlemap.core.api import ERRORS, InvalidItems, SlugPath, user_of
from battlemap.core.uploads import check_upload_size
from battlemap.io import schemas as s
from battlemap.io.export import CONTENT_TYPES, export_account, export_filename
from battlemap.io.tabular.mappingfile import MappingError, load_mapping
from battlemap.io.tabular.problems import ImportFailed, file_message
from battlemap.io.tabular.readers import ReadError
from battlemap.io.tabular.selectors import deal_of_account
from battlemap.io.tabular.services import people_import

router = Router(tags=["import and export"])
BINARY = {"schema": {"type": "string", "format": "binary"}}


@router.post(
    "/accounts/{slug}/import",
    response={200: s.ImportOut, **ERRORS},
    summary="Import people (and their roles in a deal) from a CSV or XLSX file",
    description=(
        "Multipart upload: `file` (CSV/XLSX), optional `mapping` (a TOML mapping file, docs/import.md), "
        "`deal`, `sheet`, `encoding`, `date_order`, `dry_run` (default true: nothing is written, the summary says what would happen). "
        "All or nothing: any bad row → 422 with every problem, `field` = `rows.<row>.<column>`."
    ),
)
def import_people(
    request,
    form: Form[s.ImportForm],
    file: File[UploadedFile],
    mapping: File[UploadedFile] = None,
    slug: str = SlugPath(),
):
    account = get_account_for(user_of(request), slug, "edit")
    check_upload_size([file, *([mapping] if mapping is not None else [])])
    deal = None
    if form.deal is not None:
        deal = deal_of_account(account, form.deal)
        if deal is None:
            raise ValidationError({"deal": _("No such item in this account.")})
    try:
        rules = load_mapping(mapping.read().decode("utf-8-sig", "replace") if mapping is not None else None)
    except MappingError as exc:
        raise ValidationError({"mapping": str(exc)}) from None
    try:
        result = people_import(
            account=account,
            data=file.read(),
            filename=file.name or "upload.csv",
            deal=deal,
            mapping=rules,
            sheet=form.sheet,
            encoding=form.encoding,
            date_order=form.date_order,
            dry_run=form.dry_run,
            user=user_of(request),
        )
    except ReadError as exc:
        raise ValidationError({"file": file_message(exc, translation.get_language())}) from None
    except ImportFailed as exc:
        raise InvalidItems(
            [
                {"field": f"rows.{p.row}.{p.column}", "message": p.message(translation.get_language())}
                for p in exc.problems
            ]
        ) from None
    return result


@router.get(
    "/accounts/{slug}/export/{fmt}",
    response={**ERRORS},
    summary="Download the map as JSON, XLSX, PDF, PPTX or PNG",
    openapi_extra={
        "responses": {
            "200": {
                "description": "the file",
                "content": {
                    ct: {"schema": {"type": "object"}} if ct == "application/json" else BINARY
                    for ct in CONTENT_TYPES.values()
                },
            }
        }
    },
)
def export_file(request, query: Query[s.ExportQuery], fmt: s.Format, slug: str = SlugPath()):
    account = get_account_for(user_of(request), slug)
    lang = query.lang or ("en" if (translation.get_language() or "").startswith("en") else "zh-hans")
    try:
        data = export_account(account, fmt=fmt, deal_id=query.deal, lang=lang)
    except KeyError:
        raise Http404("No such deal in this account.") from None
    audit_record(
        action=Action.EXPORT, account=account, user=user_of(request), via="api", what="file", format=fmt
    )
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    name = export_filename(account.name, fmt, timezone.localdate().isoformat())
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
