from django.urls import path

from . import views

app_name = "events-api"

urlpatterns = [
    path("events", views.EventListView.as_view(), name="event-list"),
    path("events.ics", views.EventFeedView.as_view(), name="feed"),
    path("events/<int:pk>", views.EventDetailView.as_view(), name="event-detail"),
]
