"""Exports of an account's map: every format draws the map-format dict (battlemap.io.mapformat) and,
for the review formats, the analysis of `battlemap.maps` — the same result the pages show, never
recomputed here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

FORMATS = ("json", "xlsx", "pdf", "pptx", "png")
EXPORT_STEPS = 3  # read the map, analyse it, draw the file
ANALYSED_FORMATS = ("xlsx", "pdf", "pptx")  # the formats that show flags, health, coverage…
CONTENT_TYPES = {
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "png": "image/png",
}


def export_map_bytes(
    data: dict[str, Any],
    *,
    fmt: str,
    analysis: dict[str, Any] | None = None,
    deal_id: int | None = None,
    lang: str = "zh-hans",
) -> bytes:
    """Render a map-format dict. `analysis` (docs/analysis.md JSON of the same account) is required
    for xlsx, pdf and pptx (ValueError without it); KeyError for a deal id that is not in the map."""
    if deal_id is not None and not any(d.get("id") == deal_id for d in data.get("deals") or []):
        raise KeyError(deal_id)
    if fmt in ANALYSED_FORMATS and analysis is None:
        raise ValueError(f"analysis: the {fmt} export shows the analysis; pass it")
    if fmt == "json":
        from battlemap.io.mapformat import dumps_map

        return dumps_map(data).encode("utf-8")
    if fmt == "xlsx":
        from .xlsx import export_xlsx

        return export_xlsx(data, analysis=analysis, deal_id=deal_id, lang=lang)  # type: ignore[arg-type]
    if fmt == "pdf":
        from .pdf import export_pdf

        return export_pdf(data, analysis=analysis, deal_id=deal_id, lang=lang)  # type: ignore[arg-type]
    if fmt == "pptx":
        from .pptx import export_pptx

        return export_pptx(data, analysis=analysis, deal_id=deal_id, lang=lang)  # type: ignore[arg-type]
    if fmt == "png":
        from .png import export_png

        return export_png(data, analysis=analysis, deal_id=deal_id, lang=lang)
    raise ValueError(fmt)


REVIEW_WINDOW_DAYS = 30  # the review window of an account never reviewed
REVIEW_FORMATS = ("pdf", "pptx")


def export_account(
    account: Any,
    *,
    fmt: str,
    deal_id: int | None = None,
    lang: str = "zh-hans",
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """Export `account` (access already checked) in `fmt`; the analysis is today's, from the maps cache.
    `progress(done, EXPORT_STEPS)` is called as the map is read, analysed and drawn (the export job's bar).
    The review formats also get the changes since the last review of the deal shown
    (`reviews.selectors.last_review`), or of the last REVIEW_WINDOW_DAYS days when it was never
    reviewed: `analysis["changes"]` (`accounts.changes.what_changed`, what the web's What changed page
    reads, in `lang`, from the moment of the review: `reviews.selectors.review_moment`; of the deal shown
    when there is one, as that deal's What changed page reads it) and `analysis["review"] = {"since": "YYYY-MM-DD HH:MM" (the
    review's local time) or "YYYY-MM-DD", "start": that moment or day itself (a datetime or a date, as
    `what_changed` read it), "reviewed", "closed_on": the day a won or lost deal was
    closed (deals.selectors.deal_closed_on), "" when open or unknown, "closed_then_on": the day an open deal
    won or lost at the window's start had been closed (the same, as its history stood then), else "", "recorded_on":
    the day the deal's record began when that was inside the window (`deals.selectors.deal_recorded_at`), else "",
    "loaded": the local time ("YYYY-MM-DD HH:MM") the account's map was loaded from a file when that was inside the
    window — What changed then starts there (maps.loaded_in_window) —, else ""}`. Every analysed format gets
    `analysis["users"]` (`user_names`) to show people's names instead of usernames, `analysis["namesakes"]`
    ({person id: what tells them from a namesake}, `maps.namesakes.namesake_notes`) to tell two 张强 apart,
    and `analysis["closed_with_deal"]` (`items_closed_with_deal`: the action items closing their deal ticked). All of it with `lang` active:
    what is stored in no language (an erased person's placeholder and marks, people/erased.py) reads in the
    file's language on every road (the web's job, the API, `battlemap export`)."""
    from datetime import date, datetime

    from django.utils import timezone, translation

    from battlemap.accounts.changes import since_last_review, what_changed
    from battlemap.core.dates import end_of_day, moment_text
    from battlemap.core.text import user_name
    from battlemap.deals.models import Deal
    from battlemap.deals.selectors import deal_closed_on, deal_recorded_at
    from battlemap.io.mapformat import export_map
    from battlemap.maps import account_analysis
    from battlemap.maps.namesakes import namesake_notes

    from .report import pick_deal

    with translation.override(lang):
        step = progress or (lambda done, total: None)
        step(0, EXPORT_STEPS)
        data = export_map(account)
        step(1, EXPORT_STEPS)
        wanted = fmt in ANALYSED_FORMATS or fmt == "png"  # the PNG marks key people never met
        analysis = account_analysis(account=account, lang=lang) if wanted else None
        if analysis is not None and fmt in REVIEW_FORMATS:
            deal = pick_deal(data, deal_id)
            # the deal shown's What changed, as its web page reads it (its flags, health, stage, roles, people)
            shown = Deal.objects.get(pk=deal["id"]) if deal is not None else None
            since, mark = since_last_review(
                account,
                shown,
                never_reviewed_days=REVIEW_WINDOW_DAYS,
                today=date.fromisoformat(analysis["as_of"]),
            )
            if mark is not None:  # the review's time: what changed later that day counts
                window = moment_text(since)
            else:
                window = since.isoformat()
            closed_on = deal_closed_on(deal_id=deal["id"]) if deal and deal.get("status") != "open" else None
            # an open deal closed at the window's start: the day it was closed, as its history stood then
            closed_then = (
                deal_closed_on(deal_id=deal["id"], until=since if mark is not None else end_of_day(since))
                if deal and deal.get("status") == "open"
                else None
            )
            changes = what_changed(account=account, since=since, deal=shown)
            # a deal recorded after the window began (loaded from a map file, say): the day its record began
            recorded = deal_recorded_at(deal_id=deal["id"]) if deal else None
            if recorded is not None and recorded <= (since if mark is not None else end_of_day(since)):
                recorded = None
            # loaded from a map file within the window: What changed starts at the end of the load, as on the web
            loaded = datetime.fromisoformat(changes["since"]) if changes.get("loaded") else None
            analysis = {
                **analysis,
                "changes": changes,
                "review": {
                    "since": window,
                    "start": loaded or since,
                    "loaded": moment_text(loaded) if loaded else "",
                    "reviewed": mark is not None,
                    "by": user_name(mark.reviewed_by) if mark is not None else "",
                    "closed_on": closed_on.isoformat() if closed_on else "",
                    "closed_then_on": closed_then.isoformat() if closed_then else "",
                    "recorded_on": timezone.localdate(recorded).isoformat() if recorded else "",
                },
            }
        if analysis is not None:
            analysis = {
                **analysis,
                "users": user_names(data),
                "namesakes": namesake_notes(account=account),
                "closed_with_deal": items_closed_with_deal(data),
            }
        step(2, EXPORT_STEPS)
        drawn = export_map_bytes(data, fmt=fmt, analysis=analysis, deal_id=deal_id, lang=lang)
        step(3, EXPORT_STEPS)
        return drawn


def items_closed_with_deal(data: dict[str, Any]) -> list[int]:
    """The action items of the map's closed deals that are done only because closing the deal ticked them
    (`deals.selectors.closed_with_deal`, the deal room's rule): the XLSX says "closed with the deal, not
    done" for them, as the room does, never "done". One query, none without a closed deal's done item."""
    from battlemap.deals.selectors import closed_with_deal

    done = [
        a["id"]
        for d in data.get("deals") or []
        if d.get("status", "open") != "open"
        for a in d.get("action_items") or []
        if a.get("done") and a.get("id") is not None
    ]
    return sorted(closed_with_deal(done)) if done else []


def user_names(data: dict[str, Any]) -> dict[str, str]:
    """{username: the name every page shows (core.text.colleague_label: "dave (deactivated)" for a seller who
    left)} for the users the map names (the account's owner, who covers each person, action item owners, our
    participants in interactions): the map keeps usernames (an import reads them back), the review shows names."""
    from django.contrib.auth import get_user_model

    from battlemap.core.text import colleague_label

    named = {(data.get("account") or {}).get("owner")}
    for deal in data.get("deals") or []:
        named |= {u for r in deal.get("roles") or [] for u in r.get("covered_by") or []}
        named |= {a.get("owner") for a in deal.get("action_items") or []}
    for interaction in data.get("interactions") or []:
        named |= set(interaction.get("our_participants") or [])
    users = get_user_model().objects.filter(username__in=[u for u in named if u])
    return {u.get_username(): colleague_label(u) for u in users}


# The account's name in a download's file name, in UTF-8 bytes: a file system takes 255 bytes a name (a name of
# 200 Chinese characters is 600), and a browser shows the rest of the name too.
FILENAME_NAME_BYTES = 120


def export_filename(name: str, fmt: str, day: Any) -> str:
    """The file a download is saved as: the account's name and the date, `华东省能源投资集团-2026-11-30.pdf`
    (characters a file system refuses are replaced; the name cut at FILENAME_NAME_BYTES, whole characters). The
    name's own last dot stays — "Harborline Freight Inc.-2026-12-06.pdf": the date follows it, so it ends no file
    name (which Windows refuses); a leading dot (a hidden file), spaces and dashes at either end go."""
    safe = "".join("-" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in name).lstrip(" .-")
    cut = safe.encode("utf-8")[:FILENAME_NAME_BYTES].decode("utf-8", "ignore").rstrip(" -")
    return f"{cut or 'account'}-{day}.{fmt}"


def attachment(filename: str) -> str:
    """A download's Content-Disposition: `filename*` in UTF-8 (RFC 6266) and, for a name beyond ASCII, a
    `filename` fallback in pinyin and ASCII for the clients that read only that one (`curl -OJ`, older ones):
    `attachment; filename="hua-dong-sheng-neng-yuan-tou-zi-ji-tuan-2026-11-30.pdf"; filename*=utf-8''…`."""
    from urllib.parse import quote

    from django.utils.http import content_disposition_header
    from django.utils.text import slugify

    from battlemap.core.text import slug_suggestion

    if filename.isascii():
        return content_disposition_header(True, filename)
    stem, dot, suffix = filename.rpartition(".")
    fallback = slugify(slug_suggestion(stem, max_length=FILENAME_NAME_BYTES)) or "export"
    return f"attachment; filename=\"{fallback}{dot}{suffix}\"; filename*=utf-8''{quote(filename)}"
