from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self):
        from django.contrib.auth.models import update_last_login
        from django.contrib.auth.signals import user_logged_in

        from .otp import forget_device
        from .services import roles_sync, user_record_login

        def _sync_roles(sender, **kwargs):
            roles_sync()

        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="accounts.roles_sync", weak=False)
        # Any device of any django-otp plugin: what the middleware keeps of it must not outlive a change.
        post_save.connect(forget_device, dispatch_uid="accounts.otp_forget_saved_device")
        post_delete.connect(forget_device, dispatch_uid="accounts.otp_forget_deleted_device")

        # A log-in is not a change of the user: record the time with one UPDATE and no audit history row.
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(user_record_login, dispatch_uid="accounts.user_record_login")
