from django.shortcuts import render

from . import selectors


def index(request):
    """The consultation part's start page; it shows an empty state until the part's own issue lands."""
    return render(request, "consultation/index.html")


def meeting(request, pk):
    """A meeting's page (the pages come with the next change)."""
    found = selectors.meeting_get_for_user(user=request.user, pk=pk)
    return render(request, "consultation/index.html", {"meeting": found})
