"""The study plan page and its form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.adapter import set_language_cookie
from accounts.languages import content_language
from plans import inputs, today
from plans.forms import PlanForm
from plans.models import StudyPlan
from plans.services import save_plan
from reviews import stats as review_stats
from reviews.models import ReviewSettings
from topics.models import Exam

DEFAULT_MINUTES = 30


@login_required
def plan(request):
    """The learner's plan week by week; without one yet, the form that makes it."""
    language = content_language(request)
    now = timezone.now()
    loaded = inputs.load(request.user, now=now, language=language)
    if loaded is None:
        return render(
            request, "plans/edit.html", {"form": PlanForm(initial=_initial(request)), "first": True}
        )
    context = {
        "loaded": loaded,
        "content_language": language,
        "reviews": review_stats.today(request.user, now),
    }
    if loaded.built is not None and loaded.built.days:
        context |= {
            "today": today.today(loaded, language),
            "weeks": today.weeks(loaded, language),
            "optional": loaded.topic_list(loaded.built.optional, language),
            "weak": [
                {
                    "code": code,
                    "percent": round(100 * share),
                    "title": loaded.task_titles[code][language == "ko"],
                }
                for code, share in loaded.weak
            ],
            "uncovered": [
                (code, loaded.task_titles[code][language == "ko"]) for code in loaded.built.uncovered
            ],
        }
    return render(request, "plans/plan.html", context)


@login_required
def edit(request):
    """Make or change the plan: target exam, exam date, language, minutes a day."""
    first = not StudyPlan.objects.filter(user=request.user).exists()
    if request.method != "POST":
        return render(
            request, "plans/edit.html", {"form": PlanForm(initial=_initial(request)), "first": first}
        )
    form = PlanForm(request.POST)
    if not form.is_valid():
        return render(request, "plans/edit.html", {"form": form, "first": first}, status=400)
    save_plan(user=request.user, today=timezone.localdate(), **form.cleaned_data)
    language = form.cleaned_data["language"]
    translation.activate(language)
    messages.success(request, _("Your study plan is ready.") if first else _("Your study plan was updated."))
    response = redirect("plans:plan")
    set_language_cookie(response, language)
    return response


def _initial(request) -> dict:
    plan = StudyPlan.objects.select_related("exam").filter(user=request.user).first()
    exam_date = ReviewSettings.for_user(request.user).exam_date
    return {
        "exam": plan.exam if plan else Exam.objects.order_by("code").first(),
        "exam_date": exam_date if exam_date and exam_date > timezone.localdate() else None,
        "language": translation.get_language() if translation.get_language() in ("en", "ko") else "en",
        "minutes_per_day": plan.minutes_per_day if plan else DEFAULT_MINUTES,
    }
