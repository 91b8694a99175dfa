from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.db import DatabaseError, connection
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django_htmx.http import reswap, retarget

from quizzes.models import Answer, PracticeQuiz
from topics.models import StudiedTopic, TopicDomain


def home(request):
    return render(request, "studyapp/home.html")


@login_required
def dashboard(request):
    """The learner's own progress: topics studied per exam, practice accuracy, quizzes to resume."""
    studied = StudiedTopic.objects.topic_ids(request.user)
    exams = {}
    for code, topic_id in TopicDomain.objects.values_list("domain__exam__code", "topic_id").distinct():
        entry = exams.setdefault(code, {"code": code, "topics": set()})
        entry["topics"].add(topic_id)
    progress = [
        {"code": code, "total": len(e["topics"]), "studied": len(e["topics"] & studied)}
        for code, e in sorted(exams.items())
    ]
    answers = Answer.objects.filter(user=request.user).aggregate(
        total=Count("pk"), right=Count("pk", filter=Q(is_correct=True))
    )
    quizzes = PracticeQuiz.objects.filter(user=request.user).with_counts().order_by("-started_at")[:5]
    return render(
        request,
        "studyapp/dashboard.html",
        {
            "progress": progress,
            "answers": answers,
            "accuracy": round(100 * answers["right"] / answers["total"]) if answers["total"] else None,
            "quizzes": quizzes,
        },
    )


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
    """Our own BadRequest messages are written for learners; anything else stays generic.

    An htmx request gets only the message, shown in the page's alert area instead of replacing
    whatever the request was aimed at (a quiz card must not turn into an error page)."""
    errors = [str(exception)] if type(exception) is BadRequest and str(exception) else []
    if getattr(request, "htmx", False):
        response = render(request, "400.html#problem", {"errors": errors}, status=400)
        return reswap(retarget(response, "#request-problem"), "innerHTML")
    return render(request, "400.html", {"errors": errors}, status=400)
