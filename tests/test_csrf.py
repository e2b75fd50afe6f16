"""One masked CSRF token per request (``benelux_portal.csrf``)."""

from django.middleware.csrf import _unmask_cipher_token, rotate_token

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
