"""A person's data on request (PIPL/GDPR): download everything about them as JSON, or erase them.

The account's owner's and the administrators' (core.access action "own"); anyone else gets 404.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from battlemap.audit.services import Action, audit_record
from battlemap.core.access import get_account_for, get_for
from battlemap.people.models import Person
from battlemap.people.personal_data import export_filename, person_export_json
from battlemap.people.services.erase import check_erase_confirmation, person_erase


class EraseForm(forms.Form):
    confirm = forms.CharField(
        label=gettext_lazy("Type the person's name to confirm"), max_length=200, strip=True
    )

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_confirm(self) -> str:
        value = self.cleaned_data["confirm"]
        try:
            check_erase_confirmation(self.person, value)
        except ValidationError as e:
            raise forms.ValidationError(e.message_dict["confirm"]) from None
        return value


def _owned_person(request, slug: str, pk: int) -> Person:
    account = get_account_for(request.user, slug, "own")
    return get_for(request.user, Person.objects.select_related("account"), "own", pk=pk, account=account)


@login_required
def person_export(request, slug: str, pk: int):
    """Everything about the person as a JSON file (people.personal_data); the export is audited."""
    person = _owned_person(request, slug, pk)
    body = person_export_json(person=person)
    audit_record(action=Action.EXPORT, account=person.account, user=request.user, what="person", id=person.pk)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, export_filename(person))
    return response


@login_required
def person_erase_view(request, slug: str, pk: int):
    """GET: what erasing does, and a form asking for the person's name; POST: erase, back to the people."""
    person = _owned_person(request, slug, pk)
    form = EraseForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        person_erase(person=person, by=request.user)
        messages.success(
            request, _("The person's data was erased; a placeholder keeps their place in the map.")
        )
        return redirect("people", slug=person.account.slug)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "people/erase.html",
        {"account": person.account, "person": person, "form": form},
        status=status,
    )
