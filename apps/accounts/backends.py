from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from .session_user import user_for_session


class ModelBackend(DjangoModelBackend):
    """Django's user name and password backend; a session's user comes with roles and organisation, from the cache
    (``session_user.py``)."""

    def get_user(self, user_id):
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        user = user_for_session(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
