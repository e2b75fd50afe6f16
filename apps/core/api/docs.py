"""The API's documentation page (Swagger UI, served from the portal itself)."""

from django.contrib.auth.views import redirect_to_login
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import exceptions


class ApiDocsView(SpectacularSwaggerSplitView):
    """The docs for whoever is logged in. A visitor who is not (someone who followed the "API" link of a page) is
    sent to the log-in page, and back here afterwards, rather than shown the API's bare 401; a client that sent
    credentials the API refuses still gets the 401."""

    def handle_exception(self, exc):
        request = self.request
        if isinstance(exc, exceptions.NotAuthenticated) and "Authorization" not in request.headers:
            return redirect_to_login(request.get_full_path())
        return super().handle_exception(exc)
