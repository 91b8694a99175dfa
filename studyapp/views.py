import sys

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest, PermissionDenied
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from accounts.languages import content_language
from accounts.models import User
from classes.dashboard import for_learner as classes_for_learner
from exams.progress import overview as exams_overview
from plans import inputs as plan_inputs
from plans import today as plan_today
from quizzes.models import Answer, PracticeQuiz
from reviews.stats import today as reviews_today
from topics.models import StudiedTopic, TopicDomain


def home(request):
    return render(request, "studyapp/home.html")


@login_required
def dashboard(request):
    """The learner's day from their study plan (or the prompt to make one), then their own progress:
    topics studied per exam, practice accuracy, reviews due, quizzes and mock exams to resume, mock exam
    results."""
    now = timezone.now()
    language = content_language(request)
    plan = plan_inputs.load(request.user, now=now, language=language)
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
            "reviews": reviews_today(request.user, now),
            "exams": exams_overview(request.user, now),
            "plan": plan,
            "today": plan_today.today(plan, language) if plan else None,
            "content_language": language,
            "classes": classes_for_learner(request.user),
        },
    )


@never_cache
def healthz(request):
    """Answer 200 when the database answers a query within about a second, 503 when it does not."""
    try:
        _check_database(timeout=1)
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def _check_database(*, timeout: int) -> None:
    pool = getattr(connection, "pool", None)  # PostgreSQL with psycopg's pool, as in production
    if pool is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return
    # Straight from the pool with a short wait: Django's own checkout waits the pool's full timeout.
    with connection.wrap_database_errors:
        pool.open()
        with pool.connection(timeout=timeout) as conn, conn.transaction():
            conn.execute(f"SET LOCAL statement_timeout = {timeout * 1000}")
            conn.execute("SELECT 1")


@login_required
@require_POST
def bench_baseline(request):
    """The load benchmarks' yardstick: one UPDATE of the learner's own row behind the same middleware.

    Mounted only with BENCH_BASELINE=true (bench/answers.py sets it for the server it starts)."""
    User.objects.filter(pk=request.user.pk).update(last_login=timezone.now())
    return HttpResponse("saved\n", content_type="text/plain")


def admin_login(request):
    """Send the admin sign-in through the site's own sign-in page and its rate limits.

    Django's admin form has no limit on failed attempts; allauth's sign-in has one per address and
    per e-mail. This view takes the admin's login URL, so it never accepts a password itself.
    """
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_staff:
            return HttpResponseRedirect(next_url)
        raise PermissionDenied  # signed in, not staff: sending them to sign in again would loop
    return redirect_to_login(next_url, reverse("account_login"))


def csrf_failure(request, reason=""):
    """The site's own 403 page, in the visitor's language, for a form whose token is missing or stale."""
    return render(request, "403.html", {"csrf_failure": True}, status=403)


def server_error(request):
    """500, or 503 with Retry-After while the database cannot be reached (an outage, a restart, a full pool).

    The page says to try again in a moment, which is then true: the pool reconnects by itself. No
    request context: a context processor reading the session would only fail again."""
    unavailable = isinstance(sys.exc_info()[1], OperationalError | InterfaceError)
    status = 503 if unavailable else 500
    response = HttpResponseServerError(loader.get_template("500.html").render({"status": status}))
    response.status_code = status
    if unavailable:
        response["Retry-After"] = "5"
    return response


def bad_request(request, exception):
    """Our own BadRequest messages are written for learners; anything else stays generic.

    An htmx request gets only the message, shown in the page's alert area instead of replacing
    whatever the request was aimed at (a quiz card must not turn into an error page)."""
    errors = [str(exception)] if type(exception) is BadRequest and str(exception) else []
    if getattr(request, "htmx", False):
        response = render(request, "400.html#problem", {"errors": errors}, status=400)
        return reswap(retarget(response, "#request-problem"), "innerHTML")
    return render(request, "400.html", {"errors": errors}, status=400)
