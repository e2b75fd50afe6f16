from django.urls import path

from . import views

app_name = "consultation"

urlpatterns = [
    path("", views.index, name="index"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
]
