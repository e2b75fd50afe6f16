from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Delivery, Notification, Webhook


@admin.register(Webhook)
class WebhookAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "url", "is_active"]
    list_filter = ["is_active"]
    list_select_related = ["organisation"]
    autocomplete_fields = []


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "urgency", "created_at", "delivered_at", "recipient_count", "acknowledged_at"]
    list_filter = ["urgency", "kind"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["id", "channel", "status", "attempts", "organisation", "user", "updated_at"]
    list_filter = ["channel", "status"]
    list_select_related = ["organisation", "user"]
    raw_id_fields = ["notification", "user", "organisation"]
    show_full_result_count = False
    readonly_fields = ["notification", "channel", "user", "organisation", "attempts", "last_error", "created_at"]
