"""Input of the brochure's pages; the services check the business rules again and save."""

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from apps.core.filtersets import FIRST_YEAR, LAST_YEAR
from apps.core.forms import DateInput

from .choices import LANGUAGES, MemberCountry, Tag

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _in(label, code: str):
    return format_lazy("{} ({})", label, LANGUAGE_NAMES[code])


class TranslatedForm(forms.Form):
    """A form with fields in the four languages: ``translated = {"title": (label, field kind, max_length)}``."""

    translated: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (label, kind, max_length) in self.translated.items():
            for code in LANGUAGES:
                if kind == "text":
                    field = forms.CharField(
                        label=_in(label, code),
                        required=False,
                        max_length=max_length,
                        widget=forms.Textarea(attrs={"rows": 8, "lang": code}),
                    )
                else:
                    field = forms.CharField(
                        label=_in(label, code),
                        required=False,
                        max_length=max_length,
                        widget=forms.TextInput(attrs={"lang": code}),
                    )
                self.fields[f"{name}_{code}"] = field

    def group(self, name: str):
        return [self[f"{name}_{code}"] for code in LANGUAGES]

    @classmethod
    def initial_for(cls, obj) -> dict:
        return {f"{name}_{code}": getattr(obj, f"{name}_{code}") or "" for name in cls.translated for code in LANGUAGES}


class ChapterForm(TranslatedForm):
    translated = {"title": (_("Title"), "line", 200)}


class SectionForm(TranslatedForm):
    translated = {"title": (_("Title"), "line", 200), "body": (_("Text"), "text", 50_000)}

    chapter = forms.ModelChoiceField(label=_("Chapter"), queryset=None, to_field_name="key", empty_label=None)
    tags = forms.MultipleChoiceField(
        label=_("Tags"), choices=Tag.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        choices=MemberCountry.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The countries this section is about."),
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chapter"].queryset = edition.chapters.order_by("position", "pk")

    @classmethod
    def initial_for(cls, obj) -> dict:
        return {**super().initial_for(obj), "chapter": obj.chapter.key, "tags": obj.tags, "countries": obj.countries}


class ContactForm(TranslatedForm):
    translated = {
        "organisation": (_("Organisation"), "line", 200),
        "service": (_("Service"), "line", 200),
        "hours": (_("Hours"), "line", 120),
        "notes": (_("Notes"), "line", 300),
    }

    country = forms.ChoiceField(label=_("Country"), choices=MemberCountry.choices)
    phone = forms.CharField(label=_("Telephone"), max_length=40)
    secure_email = forms.EmailField(label=_("Secure e-mail address"), required=False)

    @classmethod
    def initial_for(cls, obj) -> dict:
        return {
            **super().initial_for(obj),
            "country": obj.country,
            "phone": obj.phone,
            "secure_email": obj.secure_email,
        }


class EditionNotesForm(TranslatedForm):
    translated = {"notes": (_("What is new"), "text", 5_000)}


class PublishForm(forms.Form):
    published_on = forms.DateField(
        label=_("Publication date"),
        required=False,
        widget=DateInput(),
        help_text=_("Left empty: today."),
    )

    def clean_published_on(self):
        value = self.cleaned_data.get("published_on")
        if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise forms.ValidationError(
                _("Give a date between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return value
