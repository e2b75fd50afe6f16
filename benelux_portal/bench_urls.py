"""The portal's URLs plus ``/bench/bare``, for the bench settings only."""

from django.urls import path

from . import benchmark
from .urls import urlpatterns as portal_urlpatterns

urlpatterns = [path("bench/bare", benchmark.bare, name="bench-bare"), *portal_urlpatterns]
