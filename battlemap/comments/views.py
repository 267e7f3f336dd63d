"""Comment on a deal or a person (anyone who may view the account: reps, teammates and their managers,
who coach through comments) and delete one's own. Thin: gate, form, service, back to the page."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy
from django.views.decorators.http import require_POST

from battlemap.comments.models import MAX_COMMENT_CHARS, Comment
from battlemap.comments.services import comment_create, comment_delete
from battlemap.core.access import get_account_for, get_for
from battlemap.core.messages import named
from battlemap.core.multilingual import active_language
from battlemap.core.text import user_name
from battlemap.deals.models import Deal
from battlemap.once.web import guarded
from battlemap.people.models import Person
from battlemap.punctuation import join_names


class CommentForm(forms.Form):
    # its own context: Django's catalog says "Comment" is 备注 (a note), and it won over ours
    body = forms.CharField(
        label=pgettext_lazy("a colleague's comment", "Comment"),
        max_length=MAX_COMMENT_CHARS,
        widget=forms.Textarea,
    )
    deal = forms.IntegerField(required=False, widget=forms.HiddenInput)
    person = forms.IntegerField(required=False, widget=forms.HiddenInput)


def _subject_url(account, deal, person) -> str:
    if deal is not None:
        return reverse("deal", args=[account.slug, deal.pk]) + "#comments"
    return reverse("person", args=[account.slug, person.pk]) + "#comments"


def _tell_missed(request, found) -> None:
    """Tell the author which @mentions reached nobody, and why: no such user, a deactivated one, or one who
    may not see the account (not told, so they learn nothing of it)."""
    unknown, deactivated = len(found.unknown), len(found.deactivated)
    said = (
        (
            found.unknown,
            ngettext(
                "No user is called %(names)s: that mention reached nobody.",
                "No users are called %(names)s: those mentions reached nobody.",
                unknown,
            ),
        ),
        (
            found.deactivated,
            ngettext(
                "%(names)s is deactivated: that mention reached nobody.",
                "%(names)s are deactivated: those mentions reached nobody.",
                deactivated,
            ),
        ),
        (
            found.blind,
            _(
                "%(names)s may not see this account, so they were not told: share it with their team to reach them."
            ),
        ),
    )
    for names, text in said:
        if names:
            messages.warning(
                request, named(text, names=join_names(active_language(), [f"@{n}" for n in names]))
            )


@login_required
@require_POST
@guarded
def comment_add(request, slug: str):
    """POST `body` and `deal` or `person` (an id in this account): the comment, then back to its page."""
    account = get_account_for(request.user, slug)
    form = CommentForm(request.POST)
    deal = person = None
    valid = form.is_valid()
    subject = form.cleaned_data  # the deal and person read also when the body is refused: its way back
    if subject.get("deal"):
        deal = get_for(request.user, Deal.objects.filter(account=account), pk=subject["deal"])
    if subject.get("person"):
        person = get_for(request.user, Person.objects.filter(account=account), pk=subject["person"])
    if valid:
        try:
            comment = comment_create(
                account=account, author=request.user, body=form.cleaned_data["body"], deal=deal, person=person
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            reached = comment.missed.reached
            if reached:
                text = _("Comment posted; %(names)s told.")
                messages.success(
                    request, named(text, names=join_names(active_language(), [user_name(u) for u in reached]))
                )
            else:
                messages.success(request, _("Comment posted."))
            _tell_missed(request, comment.missed)
            return redirect(_subject_url(account, deal, person))
    back = _subject_url(account, deal, person) if deal or person else reverse("account", args=[account.slug])
    context = {"account": account, "form": form, "deal": deal, "person": person, "back": back}
    return render(request, "comments/refused.html", context, status=422)


@login_required
@require_POST
def comment_remove(request, slug: str, pk: int):
    """Delete a comment (its author; administrators). Anyone else gets 404."""
    account = get_account_for(request.user, slug)
    comment = get_for(request.user, Comment.objects.filter(account=account), pk=pk)
    back = _subject_url(account, comment.deal, comment.person)
    try:
        comment_delete(comment=comment, by=request.user)
    except ValidationError:
        raise Http404("No such comment") from None
    messages.success(request, _("Comment deleted."))
    return redirect(back)
