from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_delete
from django.utils.translation import gettext_lazy as _

from apps.core.parts import Card

from .choices import Role


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organisations")
    dashboard_cards = [
        Card(
            _("Administration"),
            _("Organisations, users and their roles, reference data and the security log."),
            "admin:index",
            frozenset({Role.ADMINISTRATOR}),
        ),
    ]

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth.models import Group, update_last_login
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        from . import receivers, session_user
        from .caching import DIRECTORY
        from .models import Country, Organisation, User
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

        # The security log (SecurityEvent): log-ins, failed log-ins, lock-outs, log-outs; and a deactivated account's
        # API tokens end.
        user_logged_in.connect(receivers.logged_in, dispatch_uid="accounts.security_logged_in")
        user_login_failed.connect(receivers.login_failed, dispatch_uid="accounts.security_login_failed")
        user_locked_out.connect(receivers.locked_out, dispatch_uid="accounts.security_locked_out")
        user_logged_out.connect(receivers.logged_out, dispatch_uid="accounts.security_logged_out")
        post_save.connect(receivers.user_saved, sender=User, dispatch_uid="accounts.user_deactivated_ends_tokens")

        # The cached lists of the directory (caching.py).
        DIRECTORY.follow(Organisation, Country, uid="accounts.directory")

        # What the cache keeps of a session's user (session_user.py) must not outlive a change of what it holds.
        for event, signal in (("saved", post_save), ("deleted", post_delete)):
            for model, receiver in (
                (User, session_user.forget_changed_user),
                (Organisation, session_user.forget_members_of_organisation),
                (Country, session_user.forget_members_of_country),
            ):
                signal.connect(receiver, sender=model, dispatch_uid=f"accounts.session_user_{model.__name__}_{event}")
        post_save.connect(
            session_user.forget_members_of_group, sender=Group, dispatch_uid="accounts.session_user_group_saved"
        )
        pre_delete.connect(
            session_user.forget_members_of_group, sender=Group, dispatch_uid="accounts.session_user_group_deleted"
        )
        m2m_changed.connect(
            session_user.forget_regrouped_users,
            sender=User.groups.through,
            dispatch_uid="accounts.session_user_groups_changed",
        )
