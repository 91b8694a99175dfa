"""Choosing a mock exam: the official blueprints and the custom ones, the one in progress, history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Profile
from exams import charts, services
from exams.models import (
    ESL_EXTRA_MINUTES,
    OFFICIAL_MULTIPLE_PERCENT,
    Attempt,
    Blueprint,
    diagnostic_slug,
    diagnostic_values,
    official_values,
)
from topics.models import Exam


def offered_blueprints() -> list[dict]:
    """The official blueprints (one per exam in content/), each followed by its short diagnostic, and the
    active custom ones, as start cards."""
    cards = []
    for exam in Exam.objects.order_by("code"):
        official = official_values(exam) | {
            "multiple_percent": OFFICIAL_MULTIPLE_PERCENT,
            "official": True,
            "code": exam.code,
        }
        diagnostic = (
            official | diagnostic_values(exam) | {"diagnostic": True, "full_questions": exam.questions}
        )
        cards += [official, diagnostic]
    for blueprint in Blueprint.objects.custom().select_related("exam"):
        cards.append(
            {
                "slug": blueprint.slug,
                "title_en": blueprint.title_en,
                "title_ko": blueprint.title_ko,
                "questions": blueprint.questions,
                "minutes": blueprint.minutes,
                "pass_scaled": blueprint.pass_scaled,
                "unscored": blueprint.unscored,
                "multiple_percent": blueprint.multiple_percent,
                "official": False,
                "code": blueprint.exam.code if blueprint.exam else "",
            }
        )
    return cards


def _resolve(slug: str) -> Blueprint | None:
    blueprint = Blueprint.objects.custom().filter(slug=slug).first()
    if blueprint is not None:
        return blueprint
    exam = Exam.objects.filter(slug=slug).first()
    if exam is not None:
        return Blueprint.official_for(exam)
    exam = Exam.objects.filter(slug=slug.removesuffix("-diagnostic")).first()
    return Blueprint.diagnostic_for(exam) if exam and slug == diagnostic_slug(exam.slug) else None


def _home(request, status=200):
    open_attempt = services.open_attempt_of(request.user)
    history = list(Attempt.objects.submitted().filter(user=request.user).select_related("blueprint")[:5])
    profile = Profile.objects.filter(user=request.user).only("esl_accommodation").first()
    return render(
        request,
        "exams/home.html",
        {
            "blueprints": offered_blueprints(),
            "open_attempt": open_attempt,
            "history": history,
            "esl": bool(profile and profile.esl_accommodation),
            "esl_minutes": ESL_EXTRA_MINUTES,
            "now": timezone.now(),
        },
        status=status,
    )


@login_required
def home(request):
    return _home(request)


@login_required
@require_POST
def start(request):
    """Start the chosen blueprint (fields: blueprint=slug, esl=on, faithful=on)."""
    blueprint = _resolve(request.POST.get("blueprint", ""))
    if blueprint is None:
        messages.error(request, _("Choose one of the mock exams below."))
        return _home(request, status=400)
    try:
        attempt = services.start(
            user=request.user,
            blueprint=blueprint,
            esl=request.POST.get("esl") == "on",
            faithful=request.POST.get("faithful") == "on",
        )
    except services.AttemptInProgress as refused:
        messages.info(
            request, _("You already have a mock exam in progress: here it is. Submit it to start another.")
        )
        return redirect(refused.attempt)
    except services.NotEnoughQuestions as refused:
        messages.error(
            request,
            _("The question bank has only %(n)s questions for this mock exam so far. Choose another one.")
            % {"n": refused.args[0]},
        )
        return _home(request, status=400)
    return redirect(attempt)


@login_required
def history(request):
    """Every submitted attempt, and the scores over time per exam as a chart."""
    attempts = list(Attempt.objects.submitted().filter(user=request.user).select_related("blueprint__exam"))
    title = "title_ko" if get_language() == "ko" else "title_en"
    groups: dict[str, dict] = {}
    for attempt in reversed(attempts):  # oldest first in the charts
        group = groups.setdefault(
            attempt.blueprint.slug,
            {"blueprint": attempt.blueprint, "points": [], "pass": attempt.pass_scaled},
        )
        group["points"].append((attempt.submitted_at, attempt.scaled))
    for group in groups.values():
        name = getattr(group["blueprint"], title)
        group["chart"] = charts.score_history(
            group["points"],
            pass_scaled=group["pass"],
            title=_("Scores over time: %(exam)s") % {"exam": name},
            description=_(
                "Estimated scaled scores of %(n)s attempts, oldest first; the line marks the pass mark %(pass)s."
            )
            % {"n": len(group["points"]), "pass": group["pass"]},
            pass_label=_("pass %(score)s") % {"score": group["pass"]},
        )
    return render(request, "exams/history.html", {"attempts": attempts, "groups": list(groups.values())})
