"""drf-spectacular: describe the feed secret (``?token=``) as an API-key security scheme."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class FeedTokenScheme(OpenApiAuthenticationExtension):
    target_class = "apps.events.api.views.FeedTokenAuthentication"
    name = "feedToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "query",
            "name": "token",
            "description": "The secret of a personal calendar feed address (see Event calendar → My calendar feed).",
        }
