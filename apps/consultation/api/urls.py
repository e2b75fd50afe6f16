from django.urls import path

from . import views

app_name = "consultation-api"

urlpatterns = [
    path("meetings", views.MeetingListView.as_view(), name="meeting-list"),
    path("meetings/<int:pk>", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("meetings/<int:pk>/agenda-items", views.AgendaItemListView.as_view(), name="agenda-item-list"),
    path("meetings/<int:pk>/agenda-items/order", views.AgendaOrderView.as_view(), name="agenda-order"),
    path(
        "meetings/<int:pk>/agenda-items/<int:item_pk>", views.AgendaItemDetailView.as_view(), name="agenda-item-detail"
    ),
    path("meetings/<int:pk>/agenda/publish", views.AgendaPublishView.as_view(), name="agenda-publish"),
    path("decisions", views.DecisionListView.as_view(), name="decision-list"),
    path("decisions/<int:pk>", views.DecisionDetailView.as_view(), name="decision-detail"),
    path("action-points", views.ActionPointListView.as_view(), name="action-point-list"),
    path("action-points/<int:pk>", views.ActionPointDetailView.as_view(), name="action-point-detail"),
]
