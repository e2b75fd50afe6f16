from django.contrib.auth import views as auth_views
from django.urls import path, re_path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("profile/", views.profile, name="profile"),
    path("api-tokens/revoke-all/", views.api_tokens_revoke_all, name="api_tokens_revoke_all"),
    re_path(r"^api-tokens/(?P<token_key>[0-9a-f]{15})/revoke/$", views.api_token_revoke, name="api_token_revoke"),
    path("language/", views.set_language, name="set_language"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
]
