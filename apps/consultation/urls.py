from django.urls import path

from . import views

app_name = "consultation"

urlpatterns = [
    path("", views.index, name="index"),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/new/", views.meeting_edit, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/delete/", views.meeting_delete, name="meeting_delete"),
    path("meetings/<int:pk>/meeting.ics", views.meeting_ics, name="meeting_ics"),
    path("meetings/<int:pk>/agenda/", views.agenda, name="agenda"),
    path("meetings/<int:pk>/agenda/publish/", views.agenda_publish, name="agenda_publish"),
    path("meetings/<int:pk>/agenda/carry/", views.agenda_carry, name="agenda_carry"),
    path("meetings/<int:pk>/agenda/order/", views.agenda_order, name="agenda_order"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/", views.agenda_item, name="agenda_item"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/move/", views.agenda_move, name="agenda_move"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/delete/", views.agenda_item_delete, name="agenda_item_delete"),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/documents/<int:document_pk>/delete/",
        views.agenda_document_delete,
        name="agenda_document_delete",
    ),
    path("meetings/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("meetings/<int:pk>/attendance/<int:row_pk>/delete/", views.attendance_delete, name="attendance_delete"),
    path("meetings/<int:pk>/minutes/", views.minutes, name="minutes"),
    path("meetings/<int:pk>/minutes/pdf/", views.minutes_pdf, name="minutes_pdf"),
    path("meetings/<int:pk>/minutes/versions/<int:number>/", views.minutes_version, name="minutes_version"),
    path("meetings/<int:pk>/minutes/versions/<int:number>/pdf/", views.minutes_version_pdf, name="minutes_version_pdf"),
    path("meetings/<int:pk>/minutes/<str:action>/", views.minutes_step, name="minutes_step"),
    path("meetings/<int:meeting_pk>/decisions/new/", views.decision_edit, name="decision_create"),
    path("meetings/<int:meeting_pk>/action-points/new/", views.action_point_edit, name="action_point_create"),
    path("decisions/", views.decision_register, name="decisions"),
    path("decisions/<int:pk>/", views.decision, name="decision"),
    path("decisions/<int:pk>/edit/", views.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/delete/", views.decision_delete, name="decision_delete"),
    path("action-points/", views.action_points, name="action_points"),
    path("action-points/<int:pk>/edit/", views.action_point_edit, name="action_point_edit"),
    path("action-points/<int:pk>/delete/", views.action_point_delete, name="action_point_delete"),
]
