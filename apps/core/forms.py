"""What every app's forms share: the browser's date and time pickers, and long forms in groups (a form names its
sections, a legend and the fields under it in the page's order, and the page shows each as a fieldset with its legend:
``parts/form_sections.html``)."""

from dataclasses import dataclass, field

from django import forms
from django.forms import BoundField

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"  # what a datetime-local picker sends and shows


class LocalDateTimeInput(forms.DateTimeInput):
    """The browser's date and time picker: wall-clock time, read in the zone the form says."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_FORMAT)


class DateInput(forms.DateInput):
    """The browser's date picker; it sends YYYY-MM-DD whatever it shows."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


@dataclass
class Section:
    legend: str
    fields: list[BoundField] = field(default_factory=list)
    hint: str = ""


class SectionsMixin:
    """``sections``: ``(legend, field names)`` or ``(legend, field names, hint)``. A name the form lacks (a field only
    some users get) is skipped, as is a section left empty; the visible fields no section names and the page does not
    show apart (``shown_apart``) follow in a last section without a legend."""

    sections: tuple = ()

    def shown_apart(self) -> set[str]:
        """The fields the page shows outside the sections (translations in their own groups, say)."""
        return set()

    def form_sections(self) -> list[Section]:
        named = set(self.shown_apart())
        result = []
        for legend, names, *hint in self.sections:
            named.update(names)
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                result.append(Section(legend, fields, hint[0] if hint else ""))
        rest = [bound for bound in self if bound.name not in named and not bound.is_hidden]
        if rest:
            result.append(Section("", rest))
        return result
