from django.urls import path

from . import views

app_name = "liaison"

urlpatterns = [
    path("", views.index, name="index"),
    path("coverage/<str:code>/", views.coverage, name="coverage"),
    path("directory/", views.directory, name="directory"),
    path("almanac.pdf", views.almanac_pdf, name="almanac_pdf"),
    path("almanac.xlsx", views.almanac_xlsx, name="almanac_xlsx"),
    path("me/", views.mine, name="mine"),
    path("stale/", views.stale, name="stale"),
    path("officers/new/", views.officer_create, name="officer_create"),
    path("officers/<int:pk>/", views.officer, name="officer"),
    path("officers/<int:pk>/edit/", views.officer_edit, name="officer_edit"),
    path("officers/<int:pk>/confirm/", views.officer_confirm, name="officer_confirm"),
    path("officers/<int:pk>/postings/new/", views.posting_create, name="posting_create"),
    path("officers/<int:pk>/absences/new/", views.absence_create, name="absence_create"),
    path("postings/<int:pk>/edit/", views.posting_edit, name="posting_edit"),
    path("postings/<int:pk>/delete/", views.posting_delete, name="posting_delete"),
    path("absences/<int:pk>/edit/", views.absence_edit, name="absence_edit"),
    path("absences/<int:pk>/delete/", views.absence_delete, name="absence_delete"),
    path("desks/", views.desks, name="desks"),
    path("desks/new/", views.desk_create, name="desk_create"),
    path("desks/<int:pk>/", views.desk, name="desk"),
    path("desks/<int:pk>/edit/", views.desk_edit, name="desk_edit"),
]
