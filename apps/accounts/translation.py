"""Translated content fields (django-modeltranslation), then the audit history of those models.

History is registered here, after translation, so that the historical models carry the
translated columns too (registering it on the model class would miss them).
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import Country, Organisation


@register(Country)
class CountryTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name",)


register_history(Country, app=__package__)
register_history(Organisation, app=__package__)
