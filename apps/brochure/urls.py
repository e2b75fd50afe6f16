from django.urls import path

from . import views

app_name = "brochure"

urlpatterns = [
    path("", views.index, name="index"),
]
