"""Form fields for numbers as Indonesian users type them (parsing: tpps.lib.numbers)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .numbers import parse_decimal


class AngkaDesimalField(forms.DecimalField):
    """A measurement or percentage: "12,5" or "12.5"; no thousands separator."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {
        "invalid": _("Masukkan angka, dengan koma atau titik sebagai tanda desimal (contoh: 12,5)."),
    }

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        try:
            angka = parse_decimal(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        return angka

    def widget_attrs(self, widget):
        # No type=number: browsers in an Indonesian locale refuse "12.5" or "12,5".
        return {k: v for k, v in super().widget_attrs(widget).items() if k != "step"}
