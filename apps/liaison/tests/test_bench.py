import pytest

from apps.accounts import bench as accounts_bench
from apps.liaison import bench
from apps.liaison.models import LiaisonOfficer, Posting
from apps.liaison.selectors import coverage_statuses, today

pytestmark = pytest.mark.django_db


def test_bench_generator_makes_ten_years_of_postings_without_overlap():
    accounts_bench.generate(scale=0.01, seed=3, log=lambda message: None)
    counts = bench.generate(scale=0.05, seed=3, log=lambda message: None)
    assert counts["liaison.LiaisonOfficer"] == LiaisonOfficer.objects.count() == 50
    assert counts["liaison.Posting"] == Posting.objects.count() >= 150
    assert Posting.objects.filter(starts_on__year__lte=today().year - 9).exists()
    assert coverage_statuses(day=today())
    assert LiaisonOfficer.objects.filter(user__isnull=False).exists()


def test_bench_measures_the_map_coverage_directory_and_api_lists():
    paths = [path for _name, path, _role, *_rest in bench.URLS]
    assert "/liaison/" in paths and "/liaison/coverage/CO/" in paths
    assert {"/api/v1/liaison-officers", "/api/v1/postings", "/api/v1/coverage"} <= set(paths)
