"""Admin: reference data and the equipment registry are edited here; requests are read-only (the procedure
runs through the services, never through raw saves)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AnswerDeadline,
    AssistanceRequest,
    Booking,
    EquipmentItem,
    EscalationPolicy,
    HandlingCode,
    LegalBasis,
    ResourceType,
)


@admin.register(LegalBasis)
class LegalBasisAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["code", "name", "in_force_from", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name"]


@admin.register(ResourceType)
class ResourceTypeAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["code", "name", "category", "max_per_line", "is_loanable", "is_active"]
    list_filter = ["category", "is_loanable", "is_active"]
    search_fields = ["code", "name"]


@admin.register(HandlingCode)
class HandlingCodeAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["code", "name"]


@admin.register(AnswerDeadline)
class AnswerDeadlineAdmin(SimpleHistoryAdmin):
    list_display = ["urgency", "hours"]


@admin.register(EquipmentItem)
class EquipmentItemAdmin(SimpleHistoryAdmin):
    list_display = ["name", "identifier", "organisation", "resource_type", "condition", "is_active"]
    list_filter = ["organisation__country", "resource_type", "condition", "is_active"]
    list_select_related = ["organisation", "resource_type"]
    search_fields = ["name", "identifier"]


@admin.register(AssistanceRequest)
class AssistanceRequestAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "status", "urgency", "requesting_organisation", "submitted_at"]
    list_filter = ["status", "urgency", "kind"]
    list_select_related = ["requesting_organisation"]
    search_fields = ["reference", "title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Booking)
class BookingAdmin(SimpleHistoryAdmin):
    """Who holds which item when, read-only: bookings are made by the answers and released or returned through the
    procedure and the registry's pages."""

    list_display = ["item", "request", "period", "is_cancelled", "returned_at", "return_condition"]
    list_filter = ["is_cancelled", "return_condition", "item__organisation__country", "item__resource_type"]
    list_select_related = ["item", "request"]
    search_fields = ["item__name", "item__identifier", "request__reference"]
    date_hierarchy = "booked_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EscalationPolicy)
class EscalationPolicyAdmin(SimpleHistoryAdmin):
    """Per control room, who its unacknowledged requests escalate to (without a policy: the country's chiefs)."""

    list_display = ["organisation", "level", "remind_operators"]
    list_select_related = ["organisation"]
    filter_horizontal = ["duty_officers"]
