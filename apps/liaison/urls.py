from django.urls import path

from . import views

app_name = "liaison"

urlpatterns = [
    path("", views.index, name="index"),
]
