from django.urls import path

from . import views

app_name = "liaison-api"

urlpatterns = [
    path("liaison-officers", views.OfficerListView.as_view(), name="officer-list"),
    path("liaison-officers/<int:pk>", views.OfficerDetailView.as_view(), name="officer-detail"),
    path("postings", views.PostingListView.as_view(), name="posting-list"),
    path("postings/<int:pk>", views.PostingDetailView.as_view(), name="posting-detail"),
    path("coverage", views.CoverageListView.as_view(), name="coverage-list"),
    path("coverage/<str:iso>", views.CoverageDetailView.as_view(), name="coverage-detail"),
]
