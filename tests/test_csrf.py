"""One masked CSRF token per request, in Django's format (``benelux_portal.csrf``)."""

from collections import Counter

from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_TOKEN_LENGTH,
    _unmask_cipher_token,
    get_token,
    rotate_token,
)

from benelux_portal import csrf


def test_forms_of_one_response_share_a_token_and_each_response_gets_its_own(rf):
    request = rf.get("/")
    token = csrf.token(request)
    assert csrf.token(request) == token
    assert str(csrf.context_processor(request)["csrf_token"]) == token
    other = rf.get("/")
    other.META["CSRF_COOKIE"] = request.META["CSRF_COOKIE"]
    assert csrf.token(other) != token
    assert _unmask_cipher_token(csrf.token(other)) == _unmask_cipher_token(token) == request.META["CSRF_COOKIE"]


def test_a_new_secret_at_login_gets_a_new_token(rf):
    request = rf.get("/")
    token = csrf.token(request)
    rotate_token(request)
    assert _unmask_cipher_token(csrf.token(request)) == request.META["CSRF_COOKIE"] != _unmask_cipher_token(token)


def test_a_page_token_is_django_s_format_and_renews_the_cookie(rf):
    request = rf.get("/")
    get_token(request)  # the secret, as CsrfViewMiddleware finds it in the cookie
    request.META.pop("CSRF_COOKIE_NEEDS_UPDATE")
    token = csrf.token(request)
    assert len(token) == CSRF_TOKEN_LENGTH and set(token) <= set(CSRF_ALLOWED_CHARS)
    assert _unmask_cipher_token(token) == request.META["CSRF_COOKIE"]
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"]


def test_masks_draw_every_allowed_character_evenly():
    drawn = Counter("".join(csrf._random_characters(32) for _ in range(10_000)))
    expected = 10_000 * 32 / len(CSRF_ALLOWED_CHARS)  # about 5,161; its standard deviation is about 71
    assert set(drawn) == set(CSRF_ALLOWED_CHARS)
    assert all(abs(count - expected) < 700 for count in drawn.values())
