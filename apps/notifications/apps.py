from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role


class NotificationsConfig(AppConfig):
    name = "apps.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    role_permissions = {
        Role.ADMINISTRATOR: [
            "notifications.view_notification",
            "notifications.view_delivery",
            "notifications.change_delivery",
            "notifications.add_webhook",
            "notifications.change_webhook",
            "notifications.delete_webhook",
            "notifications.view_webhook",
        ],
    }
