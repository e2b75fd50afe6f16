import re
from hmac import compare_digest

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from knox.crypto import hash_token
from knox.models import get_token_model
from knox.settings import CONSTANTS
from rest_framework import exceptions

# What the portal hands out: 64 hexadecimal digits (knox's tokens), or 40 (a token of the portal's earlier kind,
# converted by migration 0004 and good until it expires). Anything else is refused without a query.
TOKEN_FORMAT = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


class TokenAuthentication(KnoxTokenAuthentication):
    """``Authorization: Token ...`` with django-rest-knox's tokens (a hash of each in the database, an expiry); the
    answer speaks the token owner's preferred language, as the pages do.

    Knox's own check also reads all of the owner's other tokens on every request, to delete the expired ones: one
    more query per API call. Here the same check (the rows of the token's public prefix, the hash compared in
    constant time, an expired token refused) runs in one query, and the daily task ``delete_expired_api_tokens``
    deletes the expired tokens instead. A token that is not of the portal's format (not hexadecimal: bytes that are
    not text, a NUL) is refused before any query."""

    def authenticate_credentials(self, token: bytes):
        invalid = exceptions.AuthenticationFailed(_("Invalid token."))
        try:
            text = token.decode("ascii")
        except UnicodeDecodeError:
            raise invalid from None
        if not TOKEN_FORMAT.fullmatch(text):
            raise invalid
        digest = hash_token(text)
        candidates = get_token_model().objects.filter(token_key=text[: CONSTANTS.TOKEN_KEY_LENGTH])
        for auth_token in candidates.select_related("user"):
            if not compare_digest(digest, auth_token.digest):
                continue
            if auth_token.expiry is not None and auth_token.expiry <= timezone.now():
                raise exceptions.AuthenticationFailed(_("This token has expired: ask for a new one."))
            user, auth_token = self.validate_user(auth_token)
            if user.preferred_language:
                translation.activate(user.preferred_language)
            return user, auth_token
        raise invalid
