"""Translated content fields (django-modeltranslation), then the audit history of those models.

History is registered after translation so that the historical models carry the translated columns too.
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import Desk, PriorityCountry


@register(Desk)
class DeskTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(PriorityCountry)
class PriorityCountryTranslationOptions(TranslationOptions):
    fields = ("reason",)


register_history(Desk, app=__package__)
register_history(PriorityCountry, app=__package__)
