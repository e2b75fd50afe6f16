import pytest
from django.utils import translation

from apps.brochure import demo as brochure_demo
from apps.brochure import search
from apps.brochure.changes import compare
from apps.brochure.models import ContactEntry, Edition, Section
from apps.brochure.selectors import localise_section

pytestmark = pytest.mark.django_db


def test_demo_brochure_has_two_editions_in_four_languages_and_a_second_run_writes_nothing(demo):
    brochure_demo.load()
    first, second = Edition.objects.order_by("number")
    assert (first.number, str(first.published_on), second.number, str(second.published_on)) == (
        1,
        "2023-11-06",
        2,
        "2026-02-02",
    )
    for section in Section.objects.filter(edition=first):
        for code in ("nl", "fr", "de", "en"):
            assert getattr(section, f"title_{code}") and getattr(section, f"body_{code}"), (section, code)
    deadlines = Section.objects.get(edition=second, title_en="Handling codes and answer deadlines")
    assert localise_section(deadlines, "de").is_fallback  # its German text is not ready yet
    changes = compare(old=first, new=second, language="en")
    assert changes["counts"] == {"added": 1, "changed": 2, "removed": 1}
    assert ContactEntry.objects.filter(edition=second, phone="+352 555 05 10").exists()
    with translation.override("nl"):
        found = search.search(edition=second, query="achtervolging", language="nl")
    assert found["results"][0]["title_html"].startswith("<mark>Achtervolging</mark>")
    counts = (Edition.history.count(), Section.history.count(), ContactEntry.history.count())
    brochure_demo.load()
    assert (Edition.history.count(), Section.history.count(), ContactEntry.history.count()) == counts


def test_bench_generator_makes_ten_editions_of_300_sections_reproducibly(demo):
    from apps.brochure import bench

    lines = []
    counts = bench.generate(scale=0.01, seed=7, log=lines.append)
    assert counts["brochure.Edition"] == 10 and counts["brochure.Section"] == 3000
    latest = Edition.objects.order_by("-number").first()
    assert latest.number == 10 and latest.sections.count() == 300
    assert all(getattr(latest.sections.first(), f"body_html_{code}") for code in ("nl", "fr", "de", "en"))
    first = list(Section.objects.order_by("pk").values_list("key", "title_de", "body_fr")[:20])
    assert lines
    found = search.search(edition=latest, query="achtervolgingen", language="nl")
    assert found["results"]
    Edition.objects.all().delete()
    bench.generate(scale=0.01, seed=7, log=lines.append)
    assert list(Section.objects.order_by("pk").values_list("key", "title_de", "body_fr")[:20]) == first
    Edition.objects.all().delete()
    bench.generate(scale=0.01, seed=8, log=lines.append)  # another seed: other text, the same addresses
    from django.test import Client

    from apps.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="chief.be"), backend="apps.accounts.backends.ModelBackend")
    for name, path, *_rest in bench.URLS:
        assert client.get(path).status_code == 200, (name, path)
