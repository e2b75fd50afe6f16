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
    path("programmes", views.ProgrammeListView.as_view(), name="programme-list"),
    path("objectives", views.ObjectiveListView.as_view(), name="objective-list"),
    path("objectives/<int:pk>", views.ObjectiveDetailView.as_view(), name="objective-detail"),
    path("activities", views.ActivityListView.as_view(), name="activity-list"),
    path("activities/<int:pk>", views.ActivityDetailView.as_view(), name="activity-detail"),
    path("activities/<int:pk>/updates", views.ActivityUpdateListView.as_view(), name="activity-updates"),
]
