"""Influence links, merging duplicates and paste-to-add."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from battlemap.core.access import get_account_for, get_for
from battlemap.core.api import asked_id
from battlemap.core.messages import named
from battlemap.deals.web import (
    after_write,
    edit_page,
    form_account,
    form_context,
    form_page,
    safe_next,
    submit,
)
from battlemap.io.paste import Candidate
from battlemap.once.web import guarded
from battlemap.people import selectors, services
from battlemap.people.forms import (
    InfluenceLinkEditForm,
    InfluenceLinkForm,
    MergeForm,
    PasteForm,
    person_labels,
)
from battlemap.people.models import InfluenceLink
from battlemap.people.selectors_paste import (
    PASTE_FIELDS,
    PASTE_MAX_ROWS,
    paste_preview,
    paste_read,
    unread_reason,
)
from battlemap.people.services.merge import person_merge
from battlemap.people.views import people_list
from battlemap.punctuation import sentences


def _people_url(account) -> str:
    return reverse("people", args=[account.slug])


@login_required
@guarded
def link_create(request, slug: str):
    account = form_account(request, slug)
    form = InfluenceLinkForm(request.POST or None, account=account)
    link, error = submit(
        request, form, lambda: services.influence_link_create(account=account, **form.cleaned_data)
    )
    if link is not None:
        messages.success(request, _("Influence link added."))
        return after_write(request, safe_next(request, _people_url(account)))
    context = form_context(request, account, form, links=selectors.links_of(account=account))
    return form_page(request, "people/link_new.html", "people/_link_form.html", context, error=error)


@login_required
def link_edit(request, slug: str, pk: int):
    """Change an influence link's kind, strength and note; delete it from the same page."""
    account = get_account_for(request.user, slug, "edit")
    link = get_for(
        request.user, InfluenceLink.objects.select_related("source", "target"), "edit", pk=pk, account=account
    )
    form = InfluenceLinkEditForm(request.POST or None, link=link)
    return edit_page(
        request,
        account,
        form,
        lambda version: services.influence_link_update(link=link, version=version, **form.link_fields()),
        done_url=lambda saved: safe_next(request, _people_url(account) + "#links-title"),
        full="people/link_edit.html",
        partial="people/_link_edit_form.html",
        link=link,
        next=request.POST.get("next") or request.GET.get("next", ""),
    )


@login_required
@require_POST
def link_delete(request, slug: str, pk: int):
    account = get_account_for(request.user, slug, "edit")
    link = get_for(request.user, InfluenceLink.objects.all(), "edit", pk=pk, account=account)
    try:
        services.influence_link_delete(link=link, version=int(request.POST.get("version") or 0))
    except ValidationError as e:
        messages.error(request, sentences(e.messages))
        return people_list(request, slug, status=409)
    messages.success(request, _("Influence link removed."))
    return after_write(request, safe_next(request, _people_url(account)))


@login_required
def people_merge(request, slug: str):
    account = form_account(request, slug)
    data = request.POST or None
    asked = {k: asked_id(request.GET.get(k)) for k in ("survivor", "duplicate")}
    picked = {k: account.people.filter(pk=pk).first() for k, pk in asked.items() if pk is not None}
    initial = {k: p.pk for k, p in picked.items() if p}
    initial.update({f"{k}_version": p.version for k, p in picked.items() if p})
    form = MergeForm(data, account=account, initial=initial)

    def merge():
        survivor, duplicate = form.cleaned_data["survivor"], form.cleaned_data["duplicate"]
        return person_merge(
            survivor=survivor,
            duplicate=duplicate,
            survivor_version=form.cleaned_data["survivor_version"] or survivor.version,
            duplicate_version=form.cleaned_data["duplicate_version"] or duplicate.version,
        )

    survivor, error = submit(request, form, merge)
    if survivor is not None:
        messages.success(request, named(_("Merged into %(name)s."), name=survivor.name))
        return after_write(request, reverse("person", args=[account.slug, survivor.pk]))
    ready = request.method == "GET" and len(initial) == 4 and initial["survivor"] != initial["duplicate"]
    summaries = [selectors.merge_summary(person=p) for p in picked.values()] if ready else []
    context = form_context(request, account, form, summaries=summaries, labels=person_labels())
    return form_page(request, "people/merge.html", "people/merge.html", context, error=error)


def _posted_preview(post) -> list[tuple[int, Candidate]]:
    """The preview's rows as sent back (each row's index and what its fields hold now, edits included)."""
    indexes = sorted(
        {
            int(k[5:])
            for k in post
            if k.startswith("name_") and k[5:].isdigit() and int(k[5:]) < PASTE_MAX_ROWS
        }
    )
    return [(i, Candidate(**{f: post.get(f"{f}_{i}", "").strip() for f in PASTE_FIELDS})) for i in indexes]


@login_required
@guarded
def people_paste(request, slug: str):
    """Paste → preview (with the people already on the map marked) → add the ticked ones in one go. A refused
    add shows the preview again as it was sent, ticks and edits kept, its rows numbered as the error names them."""
    account = form_account(request, slug)
    form = PasteForm(request.POST or None)
    candidates, unread, error = [], [], None
    if request.method == "POST" and request.POST.get("step") == "add":
        posted = _posted_preview(request.POST)
        picked = {int(i) for i in request.POST.getlist("pick") if i.isdigit()}
        ticked = [(i, c) for i, c in posted if i in picked]
        form.is_valid()
        try:
            if not ticked:
                raise ValidationError(_("Tick at least one person to add."))
            created = services.people_bulk_create(
                account=account,
                rows=[{f: getattr(c, f) for f in PASTE_FIELDS} for _i, c in ticked],
                numbers=[i + 1 for i, _c in ticked],
                left_out={i + 1: c.name for i, c in posted if i not in picked},
            )
        except ValidationError as e:
            form.add_error(None, e)
            error = e
            candidates = paste_preview(account=account, user=request.user, people=posted, picked=picked)
        else:
            count = len(created)
            added = ngettext("%(count)d person added.", "%(count)d people added.", count)
            messages.success(request, added % {"count": count})
            return after_write(request, _people_url(account))
    elif request.method == "POST" and form.is_valid():
        pasted = paste_read(form.cleaned_data["text"])
        candidates = paste_preview(account=account, user=request.user, people=list(enumerate(pasted.people)))
        unread = [(u, unread_reason(u.reason)) for u in pasted.unread]
        if not candidates:
            form.add_error("text", _("No names or emails found in this text."))
    context = form_context(
        request, account, form, candidates=candidates, unread=unread, labels=person_labels()
    )
    return form_page(request, "people/paste.html", "people/_paste.html", context, error=error)
