from django.urls import path, re_path

from . import views

app_name = "accounts-api"

urlpatterns = [
    path("auth/token/", views.TokenObtainView.as_view(), name="token"),
    path("auth/tokens", views.ApiTokenListView.as_view(), name="token-list"),
    re_path(r"^auth/tokens/(?P<token_key>[0-9a-f]{15})$", views.ApiTokenRevokeView.as_view(), name="token-detail"),
    path("me", views.MeView.as_view(), name="me"),
    path("countries", views.CountryListView.as_view(), name="country-list"),
    path("organisations", views.OrganisationListView.as_view(), name="organisation-list"),
    path("organisations/<int:pk>", views.OrganisationDetailView.as_view(), name="organisation-detail"),
]
