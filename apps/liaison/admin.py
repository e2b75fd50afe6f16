"""The network in Django admin, for administrators: reference data (priority countries) and corrections.

Pages and API go through the services; here Django's admin writes directly, as for the other apps' reference
data, and every change lands in the audit history (``SimpleHistoryAdmin``)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Absence, Accreditation, Desk, LiaisonOfficer, Posting, PriorityCountry


class AccreditationInline(admin.TabularInline):
    model = Accreditation
    extra = 0


class PostingInline(admin.TabularInline):
    model = Posting
    extra = 0
    fields = ["desk", "function", "starts_on", "ends_on", "focus_areas"]
    show_change_link = True


class AbsenceInline(admin.TabularInline):
    model = Absence
    fk_name = "officer"
    extra = 0
    raw_id_fields = ["backup"]


@admin.register(Desk)
class DeskAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "kind", "run_by", "country", "city", "is_pilot", "is_active"]
    list_filter = ["kind", "run_by", "is_pilot", "is_active"]
    search_fields = ["name", "city"]


@admin.register(LiaisonOfficer)
class LiaisonOfficerAdmin(SimpleHistoryAdmin):
    list_display = ["last_name", "first_name", "sending_country", "user", "confirmed_at"]
    list_filter = ["sending_country"]
    search_fields = ["last_name", "first_name", "email"]
    raw_id_fields = ["user", "confirmed_by"]
    readonly_fields = ["reminded_at", "created_at", "updated_at"]
    inlines = [PostingInline, AbsenceInline]


@admin.register(Posting)
class PostingAdmin(SimpleHistoryAdmin):
    list_display = ["officer", "desk", "starts_on", "ends_on"]
    list_select_related = ["officer", "desk"]
    search_fields = ["officer__last_name", "desk__city"]
    raw_id_fields = ["officer"]
    inlines = [AccreditationInline]


@admin.register(PriorityCountry)
class PriorityCountryAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["country", "reason"]
