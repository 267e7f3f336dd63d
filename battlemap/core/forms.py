"""Form fields that hold what their model holds: a multi-line text limited as the model limits it
(`core.models.text_limit`), so the web form and the API accept the same text."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models

from battlemap.core.api import asked_id
from battlemap.core.models import text_limit
from battlemap.core.text import name_key


class InNameOrder(forms.models.ModelChoiceIterator):
    """A model choice field's options in the order people are listed (`core.text.in_name_order`: pinyin),
    not the model's code-point order of `name` (信息中心, 党委, 医务处…): set as the field's `iterator`
    before its queryset. Options of one name stay together, in the order of what tells them apart — their
    labels (`label_from_instance`): nine subsidiaries' 财务资产部 by company, 安徽… before 浙能…, not as created."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)

        def order(obj) -> tuple[str, str, str, str]:  # noqa: ANN001
            label = str(self.field.label_from_instance(obj))
            return name_key(obj.name), obj.name, name_key(label), label

        for obj in sorted(self.queryset, key=order):
            yield self.choice(obj)


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """A field that ticks several rows by id (people, colleagues): an id no row can have (`core.api.asked_id`:
    99999999999999999999, "²") is refused as any unknown id is — Django's own check queried `pk__in` with it,
    which overflowed SQLite's integers: a 500 on the form that posted it."""

    def _check_values(self, value: Any) -> Any:
        if self.to_field_name is None and isinstance(value, (list, tuple)):
            for pk in value:
                if pk not in ("", None) and asked_id(pk) is None:
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return super()._check_values(value)


def limited_formfield(field: models.Field, **kwargs) -> Any:
    """A model field's form field, a multi-line text limited as its model limits it: the
    `formfield_callback` of the model forms (`fields_for_model`, a ModelForm's Meta)."""
    if field.get_internal_type() == "TextField":
        kwargs.setdefault("max_length", text_limit(field.model, field.name))
    return field.formfield(**kwargs)


def long_text(
    model: type[models.Model], name: str, label: Any, *, rows: int = 2, **kwargs
) -> forms.CharField:
    """A text area for field `name` of `model` (optional unless `required=True`), as long as the model keeps."""
    kwargs.setdefault("required", False)
    return forms.CharField(
        label=label,
        max_length=text_limit(model, name),
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )
