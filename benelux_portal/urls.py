from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from apps.core.api.docs import ApiDocsView

admin.site.site_header = "Benelux Police Cooperation Portal"
admin.site.site_title = "Benelux Police Cooperation Portal"

api_v1 = [
    path("", include("apps.accounts.api.urls")),
    path("", include("apps.events.api.urls")),
    path("", include("apps.notifications.api.urls")),
    path("", include("apps.assistance.api.urls")),
    path("", include("apps.brochure.api.urls")),
    path("", include("apps.liaison.api.urls")),
    path("", include("apps.consultation.api.urls")),
]

urlpatterns = [
    path("", include("apps.core.urls")),
    path("accounts/", include("apps.accounts.urls")),
    path("consultation/", include("apps.consultation.urls")),
    path("liaison/", include("apps.liaison.urls")),
    path("assistance/", include("apps.assistance.urls")),
    path("events/", include("apps.events.urls")),
    path("brochure/", include("apps.brochure.urls")),
    path("notifications/", include("apps.notifications.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The docs page's script comes from its own address (?script): the Content Security Policy allows no inline one.
    # A visitor who is not logged in is sent to the log-in page, then back to the docs (apps/core/api/docs.py).
    path("api/docs/", ApiDocsView.as_view(url_name="schema"), name="api-docs"),
]

handler404 = "apps.core.views.page_not_found"
handler500 = "apps.core.views.server_error"
