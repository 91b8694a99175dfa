from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache


def home(request):
    return render(request, "studyapp/home.html")


@login_required
def dashboard(request):
    return render(request, "studyapp/dashboard.html")


@never_cache
def healthz(request):
    """Answer 200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def bad_request(request, exception):
    """Our own BadRequest messages are written for learners; anything else stays generic."""
    errors = [str(exception)] if type(exception) is BadRequest and str(exception) else []
    return render(request, "400.html", {"errors": errors}, status=400)
