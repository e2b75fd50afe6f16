"""Translated reference data (django-modeltranslation), then the audit history of those models.

History is registered here, after translation, so that the historical models carry the
translated columns too.
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import HandlingCode, LegalBasis, ResourceType


@register(LegalBasis)
class LegalBasisTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(ResourceType)
class ResourceTypeTranslationOptions(TranslationOptions):
    fields = ("name", "unit", "unit_one")


@register(HandlingCode)
class HandlingCodeTranslationOptions(TranslationOptions):
    fields = ("name", "description")


register_history(LegalBasis, app=__package__)
register_history(ResourceType, app=__package__)
register_history(HandlingCode, app=__package__)
