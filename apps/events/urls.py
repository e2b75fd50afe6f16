from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.index, name="index"),
    path("week/", views.week, name="week"),
    path("list/", views.event_list, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/event.ics", views.event_ics, name="ics"),
    path("feed/", views.feed_settings, name="feed_settings"),
    path("feed/<str:key>.ics", views.feed, name="feed"),
]
