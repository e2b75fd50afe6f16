from django.urls import path

from . import attachments, views

app_name = "assistance-api"

urlpatterns = [
    path("assistance-requests", views.RequestListView.as_view(), name="request-list"),
    path("assistance-requests/<int:pk>", views.RequestDetailView.as_view(), name="request-detail"),
    path("assistance-requests/<int:pk>/submit", views.RequestSubmitView.as_view(), name="request-submit"),
    path(
        "assistance-requests/<int:pk>/acknowledge", views.RequestAcknowledgeView.as_view(), name="request-acknowledge"
    ),
    path("assistance-requests/<int:pk>/respond", views.RequestRespondView.as_view(), name="request-respond"),
    path("assistance-requests/<int:pk>/accept", views.RequestAcceptView.as_view(), name="request-accept"),
    path("assistance-requests/<int:pk>/start", views.RequestStartView.as_view(), name="request-start"),
    path("assistance-requests/<int:pk>/complete", views.RequestCompleteView.as_view(), name="request-complete"),
    path("assistance-requests/<int:pk>/close", views.RequestCloseView.as_view(), name="request-close"),
    path("assistance-requests/<int:pk>/cancel", views.RequestCancelView.as_view(), name="request-cancel"),
    path("assistance-requests/<int:pk>/pdf", views.RequestPdfView.as_view(), name="request-pdf"),
    path("assistance-requests/<int:pk>/messages", views.RequestMessagesView.as_view(), name="request-messages"),
    path("assistance-requests/<int:pk>/attachments", attachments.AttachmentListView.as_view(), name="attachment-list"),
    path(
        "assistance-requests/<int:pk>/attachments/<int:attachment_id>",
        attachments.AttachmentDetailView.as_view(),
        name="attachment-detail",
    ),
    path("equipment", views.EquipmentListView.as_view(), name="equipment-list"),
    path("equipment/<int:pk>", views.EquipmentDetailView.as_view(), name="equipment-detail"),
    path("equipment/<int:pk>/retire", views.EquipmentRetireView.as_view(), name="equipment-retire"),
    path(
        "equipment/<int:pk>/bookings/<int:booking_id>/return",
        views.EquipmentReturnView.as_view(),
        name="equipment-booking-return",
    ),
]
