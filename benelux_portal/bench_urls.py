"""The portal's URLs plus ``/bench/bare``, for the bench settings only."""

from django.urls import include, path

from .urls import urlpatterns as portal_urlpatterns

urlpatterns = [path("bench/", include("apps.core.benchmark")), *portal_urlpatterns]
