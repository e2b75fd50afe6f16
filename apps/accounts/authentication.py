from django.utils import translation
from rest_framework.authentication import TokenAuthentication as DRFTokenAuthentication


class TokenAuthentication(DRFTokenAuthentication):
    """``Authorization: Token ...``; the answer speaks the token owner's preferred language, as the pages do."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if user.preferred_language:
            translation.activate(user.preferred_language)
        return user, token
