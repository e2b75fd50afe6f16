from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Country, Organisation, User


@admin.register(Country)
class CountryAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["code", "name", "is_member"]
    list_filter = ["is_member"]
    search_fields = ["code", "name"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "short_name", "kind", "country", "is_active"]
    list_filter = ["kind", "country", "is_active"]
    search_fields = ["name", "short_name"]
    list_select_related = ["country"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "preferred_language", "is_active"]
    list_filter = ["organisation__country", "organisation__kind", "groups", "is_active", "is_staff"]
    list_select_related = ["organisation"]
    search_fields = ["username", "first_name", "last_name", "email"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Portal"), {"fields": ("organisation", "preferred_language", "job_title", "phone")}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("Portal"), {"fields": ("organisation", "preferred_language", "groups")}),
    )
