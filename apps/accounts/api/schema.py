"""drf-spectacular: the portal's API tokens, under the name and shape the schema always gave them (``tokenAuth``)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "apps.accounts.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "`Token <token>`, with a token from `POST /api/v1/auth/token/`. A token works until it expires "
                "(`expires` in that answer), its owner revokes it (`DELETE /api/v1/auth/tokens/{token_key}`), or the "
                "owner's password changes."
            ),
        }
