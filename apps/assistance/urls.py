from django.urls import path

from . import attachment_views, equipment_views, views

app_name = "assistance"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.edit, name="create"),
    path("statistics/", views.statistics, name="statistics"),
    path("equipment/", equipment_views.index, name="equipment"),
    path("equipment/new/", equipment_views.create, name="equipment-create"),
    path("equipment/free/", equipment_views.free, name="equipment-free"),
    path("equipment/<int:pk>/", equipment_views.detail, name="equipment-detail"),
    path("equipment/<int:pk>/edit/", equipment_views.edit, name="equipment-edit"),
    path("equipment/<int:pk>/retire/", equipment_views.retire, name="equipment-retire"),
    path("equipment/<int:pk>/reinstate/", equipment_views.reinstate, name="equipment-reinstate"),
    path(
        "equipment/<int:pk>/bookings/<int:booking_pk>/return/",
        equipment_views.booking_return,
        name="equipment-booking-return",
    ),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/pdf/", views.pdf, name="pdf"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/bookings/<int:booking_pk>/return/", views.booking_return, name="booking-return"),
    path("<int:pk>/attachments/", attachment_views.upload, name="attachment-upload"),
    path("<int:pk>/attachments/<int:attachment_pk>/", attachment_views.download, name="attachment-download"),
    path("<int:pk>/attachments/<int:attachment_pk>/delete/", attachment_views.delete, name="attachment-delete"),
    # Last: the procedure's actions (acknowledge, respond, ...).
    path(
        "<int:pk>/<str:action>/",
        views.act,
        name="act",
    ),
]
