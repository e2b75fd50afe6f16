"""The filters of the directory page and of ``/api/v1/liaison-officers``, and of ``/api/v1/postings``."""

from datetime import date

import django_filters
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from apps.core.filtersets import FilterSet

from . import selectors
from .choices import LANGUAGE_CHOICES, FocusArea, SendingCountry
from .models import LiaisonOfficer, Posting
from .services import country_code

FIRST_DATE_CHECK = [MinValueValidator(date(1900, 1, 1)), MaxValueValidator(date(2199, 12, 31))]


def known_country(value) -> None:
    if value and not country_code(value):
        raise ValidationError(_("Unknown country code: %(code)s."), params={"code": str(value)[:10]})


class OfficerFilterSet(FilterSet):
    """Officers by any word (name, country, city, desk, focus area or language in any of the four languages), by
    sending country, focus area, language and country covered (on today's postings)."""

    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        max_length=200,
        help_text=_("Name, country, city, focus area or language, in any language."),
    )
    sending_country = django_filters.ChoiceFilter(
        choices=SendingCountry.choices, label=_("Sending country"), empty_label=_("Belgium and the Netherlands")
    )
    focus = django_filters.ChoiceFilter(
        choices=FocusArea.choices, method="filter_focus", label=_("Focus area"), empty_label=_("All focus areas")
    )
    language = django_filters.ChoiceFilter(
        choices=LANGUAGE_CHOICES, method="filter_language", label=_("Language"), empty_label=_("All languages")
    )
    country = django_filters.CharFilter(
        method="filter_country",
        label=_("Covers country"),
        max_length=2,
        validators=[known_country],
        help_text=_("ISO code, e.g. CO."),
    )

    class Meta:
        model = LiaisonOfficer
        fields = ["q", "sending_country", "focus", "language", "country"]

    def filter_q(self, queryset, name, value):
        return selectors.officers_matching(queryset, value, day=selectors.today())

    def filter_focus(self, queryset, name, value):
        return selectors.officers_with_focus(queryset, value, day=selectors.today())

    def filter_language(self, queryset, name, value):
        return queryset.filter(languages__contains=[value])

    def filter_country(self, queryset, name, value):
        return selectors.officers_covering(queryset, country_code(value), day=selectors.today())


class PostingFilterSet(FilterSet):
    officer = django_filters.NumberFilter(field_name="officer_id", label=_("Liaison officer"))
    desk = django_filters.NumberFilter(field_name="desk_id", label=_("Desk"))
    country = django_filters.CharFilter(
        method="filter_country",
        label=_("Host country"),
        max_length=2,
        validators=[known_country],
        help_text=_("ISO code, e.g. BR."),
    )
    sending_country = django_filters.ChoiceFilter(
        field_name="officer__sending_country", choices=SendingCountry.choices, label=_("Sending country")
    )
    focus = django_filters.ChoiceFilter(choices=FocusArea.choices, method="filter_focus", label=_("Focus area"))
    running_on = django_filters.DateFilter(
        method="filter_running_on",
        label=_("Running on"),
        help_text=_("Postings running on this day."),
        validators=FIRST_DATE_CHECK,
    )

    class Meta:
        model = Posting
        fields = ["officer", "desk", "country", "sending_country", "focus", "running_on"]

    def filter_country(self, queryset, name, value):
        return queryset.filter(desk__country=country_code(value))

    def filter_focus(self, queryset, name, value):
        return queryset.filter(focus_areas__contains=[value])

    def filter_running_on(self, queryset, name, value):
        return queryset.filter(selectors.running_on(value))
