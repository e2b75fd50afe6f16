"""Cached answers kept with the generation they were made in (``benelux_portal.generation``)."""

import pytest
from django.core.cache import cache

from benelux_portal.generation import Generation


@pytest.fixture
def generation():
    generation = Generation("test-generation")
    cache.delete(generation.key)
    return generation


def test_an_answer_is_found_until_its_data_changes(rf, generation, db):
    request = rf.get("/queue/", {"page": "2"})
    entry = generation.entry("queue", request, "BE", "operator")
    assert entry.value is None
    entry.keep("<p>two requests</p>", 30)
    assert generation.entry("queue", request, "BE", "operator").value == "<p>two requests</p>"
    assert generation.entry("queue", request, "NL", "operator").value is None  # another viewer
    assert generation.entry("queue", rf.get("/queue/"), "BE", "operator").value is None  # another address
    generation.data_changed()
    assert generation.entry("queue", request, "BE", "operator").value is None


def test_an_answer_made_before_a_change_is_not_found_after_it(rf, generation):
    """A reader who read the old rows keeps its answer with the generation it read first."""
    request = rf.get("/queue/")
    slow_reader = generation.entry("queue", request)
    generation.bump()
    slow_reader.keep("<p>old rows</p>", 30)
    assert generation.entry("queue", request).value is None


def test_an_evicted_generation_finds_no_answer_kept_before(rf, generation):
    request = rf.get("/queue/")
    generation.entry("queue", request).keep("<p>kept</p>", 30)
    cache.delete(generation.key)
    assert generation.entry("queue", request).value is None


def test_the_answer_its_generation_and_other_keys_are_read_in_one_round_trip(rf, generation, monkeypatch):
    request = rf.get("/events/1/")
    generation.entry("event-requests", request).keep("", 30)  # an empty answer is an answer
    cache.set("test-generation:page", {"title": "Training"}, 30)
    reads = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: pytest.fail("a read of its own"))
    monkeypatch.setattr(cache, "get_many", lambda keys, **kwargs: reads.append(keys) or get_many(keys, **kwargs))
    entry = generation.entry("event-requests", request, along=["test-generation:page", "test-generation:none"])
    assert entry.value == ""
    assert entry.along == {"test-generation:page": {"title": "Training"}, "test-generation:none": None}
    assert len(reads) == 1
