from django.urls import path

from . import views

app_name = "brochure-api"

urlpatterns = [
    path("brochure/sections", views.SectionListView.as_view(), name="sections"),
    path("brochure/search", views.SearchView.as_view(), name="search"),
    path("brochure/editions", views.EditionListView.as_view(), name="editions"),
    path("brochure/contacts", views.ContactListView.as_view(), name="contacts"),
]
