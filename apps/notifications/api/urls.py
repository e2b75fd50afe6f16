from django.urls import path

from . import views

app_name = "notifications-api"

urlpatterns = [
    path("notifications", views.InboxListView.as_view(), name="inbox"),
    path("notifications/read-all", views.InboxReadAllView.as_view(), name="read-all"),
    path("notifications/<int:pk>/read", views.InboxEntryReadView.as_view(), name="read"),
]
