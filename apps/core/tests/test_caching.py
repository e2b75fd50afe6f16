"""The one cache policy (``apps.core.caching``): answers kept under versions of their data, a release id, the
viewer's scope, the language and the address; bodies whose forms get each request's CSRF token."""

import re

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings
from django.utils import translation

from apps.core import caching
from apps.core.release import code_digest, release_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def version():
    version = caching.Version("test-version")
    cache.delete(version.key)
    return version


def _key(request, *scope):
    return caching.answer_key("queue", scope, request=request)


def test_an_answer_is_found_until_its_data_changes(rf, version):
    request = rf.get("/queue/", {"page": "2"})
    entry = caching.lookup(_key(request, "BE", "operator"), [version])
    assert entry.value is None
    entry.keep("<p>two requests</p>", 30)
    assert caching.lookup(_key(request, "BE", "operator"), [version]).value == "<p>two requests</p>"
    assert caching.lookup(_key(request, "NL", "operator"), [version]).value is None  # another viewer
    assert caching.lookup(_key(rf.get("/queue/"), "BE", "operator"), [version]).value is None  # another address
    version.bump()
    assert caching.lookup(_key(request, "BE", "operator"), [version]).value is None


def test_an_answer_in_another_language_is_another_answer(rf, version):
    request = rf.get("/queue/")
    with translation.override("fr"):
        caching.lookup(_key(request), [version]).keep("<p>en français</p>", 30)
    with translation.override("de"):
        assert caching.lookup(_key(request), [version]).value is None


def test_an_answer_made_before_a_change_is_not_found_after_it(rf, version):
    """A reader who read the old rows keeps its answer with the version it read first."""
    request = rf.get("/queue/")
    slow_reader = caching.lookup(_key(request), [version])
    version.bump()
    slow_reader.keep("<p>old rows</p>", 30)
    assert caching.lookup(_key(request), [version]).value is None


def test_an_answer_is_kept_under_every_version_it_was_made_of(rf, version):
    other = caching.Version("test-other-version")
    request = rf.get("/events/1/")
    caching.lookup(_key(request), [version, other]).keep("<p>event and its requests</p>", 30)
    assert caching.lookup(_key(request), [version, other]).value == "<p>event and its requests</p>"
    other.bump()
    assert caching.lookup(_key(request), [version, other]).value is None


def test_a_version_moves_on_again_when_the_transaction_commits(rf, version, django_capture_on_commit_callbacks):
    """Between the write and the commit, a reader of the old rows keeps its answer under the new number; the
    commit moves the version on once more, so that this answer is never found."""
    request = rf.get("/queue/")
    with django_capture_on_commit_callbacks(execute=True):
        version.bump()
        reader_of_old_rows = caching.lookup(_key(request), [version])
        reader_of_old_rows.keep("<p>old rows</p>", 30)
    assert caching.lookup(_key(request), [version]).value is None


def test_an_evicted_version_finds_no_answer_kept_before(rf, version):
    request = rf.get("/queue/")
    caching.lookup(_key(request), [version]).keep("<p>kept</p>", 30)
    cache.delete(version.key)
    assert caching.lookup(_key(request), [version]).value is None


def test_answer_versions_and_other_keys_are_read_in_one_round_trip(rf, version, monkeypatch):
    request = rf.get("/events/1/")
    caching.lookup(_key(request), [version]).keep("", 30)  # an empty answer is an answer
    cache.set("test:page", {"title": "Training"}, 30)
    reads = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: pytest.fail("a read of its own"))
    monkeypatch.setattr(cache, "get_many", lambda keys, **kwargs: reads.append(keys) or get_many(keys, **kwargs))
    entry = caching.lookup(_key(request), [version], along=["test:page", "test:none"])
    assert entry.value == ""
    assert entry.along == {"test:page": {"title": "Training"}, "test:none": None}
    assert len(reads) == 1


def test_a_model_followed_by_a_version_moves_it_on_when_saved_or_deleted(version, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Group

    version.follow(Group, uid="test-version")
    request = RequestFactory().get("/groups/")
    caching.lookup(_key(request), [version]).keep("[]", 30)
    with django_capture_on_commit_callbacks(execute=True):
        group = Group.objects.create(name="Test group")
    assert caching.lookup(_key(request), [version]).value is None
    caching.lookup(_key(request), [version]).keep("[Test group]", 30)
    group.delete()
    assert caching.lookup(_key(request), [version]).value is None


def test_answers_of_another_release_are_not_found(rf, settings, version):
    request = rf.get("/queue/")
    settings.PORTAL_RELEASE_ID = "release-1"
    caching.lookup(_key(request), [version]).keep("<p>rendered by release 1</p>", 30)
    settings.PORTAL_RELEASE_ID = "release-2"
    assert caching.lookup(_key(request), [version]).value is None
    settings.PORTAL_RELEASE_ID = "release-1"
    assert caching.lookup(_key(request), [version]).value == "<p>rendered by release 1</p>"


def test_without_a_given_release_id_the_code_decides_it(settings, tmp_path):
    settings.PORTAL_RELEASE_ID = ""
    assert release_id() == release_id()
    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>one</p>")
    before = code_digest(tmp_path)
    page.write_text("<p>two</p>")
    assert code_digest(tmp_path) != before


def test_a_cached_body_gets_the_csrf_token_of_each_request_and_leaves_user_text_alone(rf):
    """A user's text that looks like a token mark is never replaced: the mark is random for every rendering."""
    first, second = rf.get("/"), rf.get("/")
    with override_settings(
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "OPTIONS": {
                    "loaders": [
                        (
                            "django.template.loaders.locmem.Loader",
                            {"body.html": '<form method="post">{% csrf_token %}</form><p>{{ note }}</p>'},
                        )
                    ]
                },
            }
        ]
    ):
        parts = caching.body_parts("body.html", {"note": "csrf-0123456789abcdef0123456789abcdef {{ x }}"})
    html_first, html_second = caching.body_html(parts, first), caching.body_html(parts, second)
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    assert token.search(html_first).group(1) == caching.csrf_token(first)
    assert token.search(html_second).group(1) == caching.csrf_token(second)
    assert token.search(html_first).group(1) != token.search(html_second).group(1)
    assert "<p>csrf-0123456789abcdef0123456789abcdef {{ x }}</p>" in html_first


def test_every_form_of_a_response_shares_one_token(rf):
    request = rf.get("/")
    assert caching.csrf_token(request) == caching.csrf_token(request)


def test_a_redis_outage_reads_nothing_and_writes_nothing_without_raising(settings, rf, version):
    """Redis is a cache: while it is away, pages are made from the database and writes go on."""
    settings.CACHES = {
        "default": {
            "BACKEND": "apps.core.cache_backend.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    request = rf.get("/queue/")
    entry = caching.lookup(_key(request), [version])
    assert entry.value is None
    entry.keep("<p>made from the database</p>", 30)
    version.bump()
    assert cache.get_many(["anything"]) == {}
