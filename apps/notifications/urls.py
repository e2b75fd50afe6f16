from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:entry_id>/read/", views.mark_read, name="mark_read"),
    path("read-all/", views.mark_all_read, name="mark_all_read"),
    path("unread.json", views.unread, name="unread"),
    path("preferences/", views.preferences, name="preferences"),
    path("monitoring/", views.monitoring, name="monitoring"),
]
