"""The filters of the brochure's lists, shared by the pages and the API."""

import django_filters
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from apps.core.filtersets import FilterSet

from .choices import MemberCountry, Tag
from .models import ContactEntry, Section

EDITION_NUMBER_MAX = 2**31 - 1  # PostgreSQL's integer
EDITION_NUMBERS = [MinValueValidator(1), MaxValueValidator(EDITION_NUMBER_MAX)]


class LanguageMixin(FilterSet):
    """``lang``: the language the content is given in (the request's by default); ``edition``: a published
    edition's number (the latest by default). Both are read by the view; here they are checked and documented."""

    lang = django_filters.ChoiceFilter(
        choices=settings.LANGUAGES,
        method="keep",
        label=_("Language"),
        help_text=_("The language of the text: nl, fr, de or en (yours by default)."),
    )
    edition = django_filters.NumberFilter(
        method="keep",
        label=_("Edition"),
        help_text=_("The number of a published edition (the latest by default)."),
        validators=EDITION_NUMBERS,
    )

    def keep(self, queryset, name, value):
        return queryset


class SectionFilterSet(LanguageMixin):
    tag = django_filters.ChoiceFilter(
        choices=Tag.choices, method="filter_tag", label=_("Tag"), empty_label=_("All subjects")
    )
    country = django_filters.ChoiceFilter(
        choices=MemberCountry.choices, method="filter_country", label=_("Country"), empty_label=_("All countries")
    )

    class Meta:
        model = Section
        fields = ["tag", "country", "lang", "edition"]

    def filter_tag(self, queryset, name, value):
        return queryset.filter(tags__contains=[value])

    def filter_country(self, queryset, name, value):
        return queryset.filter(countries__contains=[value])


class ContactFilterSet(LanguageMixin):
    country = django_filters.ChoiceFilter(
        choices=MemberCountry.choices, label=_("Country"), empty_label=_("All countries")
    )

    class Meta:
        model = ContactEntry
        fields = ["country", "lang", "edition"]
