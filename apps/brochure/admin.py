"""The brochure in Django admin: to look up any edition and its audit history. It is written only through the
portal's own pages (services.py), which keep published editions unchanged and the draft's rules."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Chapter, ContactEntry, Edition, Section


class ReadOnlyAdmin(SimpleHistoryAdmin, TranslationAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Edition)
class EditionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "published_on", "published_by"]
    list_filter = ["status"]


@admin.register(Chapter)
class ChapterAdmin(ReadOnlyAdmin):
    list_display = ["title", "edition", "position"]
    list_filter = ["edition"]
    list_select_related = ["edition"]
    search_fields = ["title_nl", "title_fr", "title_de", "title_en"]


@admin.register(Section)
class SectionAdmin(ReadOnlyAdmin):
    list_display = ["title", "chapter", "edition", "position"]
    list_filter = ["edition"]
    list_select_related = ["edition", "chapter"]
    search_fields = ["title_nl", "title_fr", "title_de", "title_en"]
    exclude = ["search_nl", "search_fr", "search_de", "search_en"]


@admin.register(ContactEntry)
class ContactEntryAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "country", "phone", "edition"]
    list_filter = ["edition", "country"]
    list_select_related = ["edition"]
